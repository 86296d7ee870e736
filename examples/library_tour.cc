// The library in 20 lines (the README's example): score the shipped example, print the top three,
// explain one unit, write the result table, and derive entropy weights from the evaluation.
#include <iostream>
#include <staffeval/staffeval.h>

int main() try {
  auto model = staffeval::load_model("examples/single-level.yaml");   // ModelError, located
  auto table = staffeval::load_table("examples/units.csv");           // DataError, located
  staffeval::Plan plan = staffeval::compile(model, table);            // immutable, reusable
  staffeval::ScoringResult result = staffeval::evaluate(plan, table);
  for (int top = 1; top <= 3; ++top)                                 // ranks: 1 = best
    for (std::size_t i = 0; i < result.size(); ++i)
      if (result.rank[i] == top)
        std::cout << result.unit_ids[i] << ' ' << result.total[i] << ' '
                  << model.grades[result.grade[i]].name << '\n';
  std::cout << staffeval::explain(result, table, "U001").text();
  staffeval::write_csv(result, "result.csv");                         // whole or not at all
  staffeval::WeightResult entropy = staffeval::objective_weights(result);  // of the leaves' shares
  std::cout << entropy.brief_report() << '\n';
} catch (const staffeval::Error& e) {
  std::cerr << e.what() << '\n';
  return 1;
}
