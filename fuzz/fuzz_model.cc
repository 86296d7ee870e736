// Fuzz target: the YAML model reader. Any bytes must give a model or a ModelError (located), never
// a crash, a hang or another exception; a model that loads must round-trip through to_yaml().
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "staffeval/staffeval.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  staffeval::IndicatorModel model;
  try {
    model = staffeval::load_model_from_string(text, "fuzz.yaml");
  } catch (const staffeval::ModelError& e) {
    if (std::string(e.what()).empty()) std::abort();  // every error says something
    return 0;
  }
  // What loaded must write back to a model that loads to the same shape.
  const staffeval::IndicatorModel again = staffeval::load_model_from_string(staffeval::to_yaml(model), "again.yaml");
  if (again.nodes.size() != model.nodes.size() || again.caps.size() != model.caps.size() ||
      again.grades.size() != model.grades.size())
    std::abort();
  return 0;
}
