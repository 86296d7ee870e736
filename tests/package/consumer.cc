// Scores a model with the library found through find_package(staffeval).
#include <iostream>

#include <staffeval/staffeval.h>

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  const auto model = staffeval::load_model(argv[1]);
  const auto table = staffeval::load_table(argv[2]);
  const auto result = staffeval::evaluate(staffeval::compile(model, table), table);
  std::cout << result.brief_report() << "\n";
  return result.size() == table.size() && result.size() > 0 ? 0 : 1;
}
