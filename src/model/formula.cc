// Reading formulas with muparser: one configuration for validation, binding and evaluation.
#include "model/formula.h"

#include <deque>

namespace staffeval::detail {

namespace {

// muparser asks this factory for every undefined variable; the names are recorded and each
// gets a slot (a value of 1, so parsing never divides by an unset zero).
struct VarCollector {
  std::deque<double> slots;
};

double* collect_var(const char*, void* user) {
  auto* c = static_cast<VarCollector*>(user);
  c->slots.push_back(1.0);
  return &c->slots.back();
}

}  // namespace

void configure_parser(mu::Parser* parser) {
  static const std::string chars = [] {
    std::string s = "0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    for (int c = 0x80; c < 0x100; ++c) s.push_back(static_cast<char>(c));
    return s;
  }();
  parser->DefineNameChars(chars.c_str());
}

FormulaSyntax parse_formula(const std::string& text) {
  FormulaSyntax out;
  // muparser accepts assignments (`x = 1`, `x += 1`) and would write them into the data being
  // scored: a formula only reads. A lone `=` is refused (comparisons are `==`, `<=`, `>=`, `!=`).
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '=') continue;
    const char before = i > 0 ? text[i - 1] : ' ';
    const char after = i + 1 < text.size() ? text[i + 1] : ' ';
    if (after == '=' || before == '=' || before == '<' || before == '>' || before == '!') continue;
    out.position = static_cast<int>(i) + 1;
    out.message = "`=` assigns (a formula only reads its inputs): compare with `==`";
    return out;
  }
  VarCollector vars;
  try {
    mu::Parser p;
    configure_parser(&p);
    p.SetVarFactory(collect_var, &vars);
    p.SetExpr(text);
    p.Eval();  // forces parsing, so every variable is created
    for (const auto& [name, ptr] : p.GetUsedVar()) out.variables.push_back(name);
    out.ok = true;
  } catch (const mu::Parser::exception_type& e) {
    out.position = static_cast<int>(e.GetPos()) + 1;
    out.message = e.GetMsg();
  }
  return out;
}

}  // namespace staffeval::detail
