// Formulas of a model (leaf values, cap conditions): muparser set up one way everywhere (private).
#pragma once

#include <string>
#include <vector>

#include <muParser.h>

namespace staffeval::detail {

// Sets the parser up as every formula of a model is read: names hold ASCII letters, digits, '_'
// and any non-ASCII character, so that Chinese column headers (实有人数 / 核定编制数) are
// variables like any other.
void configure_parser(mu::Parser* parser);

// The outcome of reading a formula's text without data.
struct FormulaSyntax {
  bool ok = false;
  std::vector<std::string> variables;  // every name the formula uses, in muparser's order
  int position = 0;                    // 1-based character position of a syntax error
  std::string message;                 // muparser's message for it
};

// Parses `text` (every variable accepted, none evaluated for real).
FormulaSyntax parse_formula(const std::string& text);

}  // namespace staffeval::detail
