// Error types and the one-line form of diagnostics.
#include "staffeval/error.h"

#include <algorithm>

#include <fmt/format.h>

#include "common/encoding.h"
#include "common/language.h"
#include "common/strings.h"

namespace staffeval {

std::string SourceLocation::to_string() const {
  if (line > 0 && column > 0) return fmt::format("{}:{}:{}", file, line, column);
  if (line > 0) return fmt::format("{}:{}", file, line);
  return file;
}

std::string Diagnostic::to_string() const { return to_string(Language::kEn); }

std::string Diagnostic::to_string(Language lang) const {
  std::string out = location.to_string().empty() ? std::string() : detail::printable(location.to_string(), 300) + ": ";
  if (severity == Severity::kWarning) out += detail::warning_label(lang);
  Diagnostic d = *this;
  d.location = {};
  return out + d.message(lang);
}

std::string Diagnostic::message() const {
  // Values come from the files read: control characters are escaped and long values cut, so a
  // message stays one readable line.
  std::string out = detail::printable(location.to_string(), 300);
  if (!out.empty()) out += ": ";
  out += detail::printable(field, 300);
  if (!value.empty()) out += " = " + detail::printable(value, 200);
  if (!rule.empty()) out += ": " + detail::printable(rule, 600);
  return out;
}

std::string Diagnostic::message(Language lang) const {
  if (lang != Language::kZh || rule_zh.empty()) return message();
  std::string out = detail::printable(location.to_string(), 300);
  if (!out.empty()) out += ": ";
  out += detail::printable(field_zh.empty() ? field : field_zh, 300);
  if (!value.empty()) out += " = " + detail::printable(value, 200);
  return out + "：" + detail::printable(rule_zh, 600);
}

namespace {
std::string first_message(const std::vector<Diagnostic>& diagnostics) {
  for (const auto& d : diagnostics)
    if (d.severity == Severity::kError) {
      std::string msg = d.to_string();
      const auto errors = std::count_if(diagnostics.begin(), diagnostics.end(), [](const auto& x) {
        return x.severity == Severity::kError;
      });
      if (errors > 1) msg += fmt::format(" (and {} more)", errors - 1);
      return msg;
    }
  return diagnostics.empty() ? std::string("invalid input") : diagnostics.front().to_string();
}
}  // namespace

std::string closest_name(std::string_view word, const std::vector<std::string>& candidates) {
  return detail::closest(word, candidates);
}

OptionsError::OptionsError(std::string field, std::string value, std::string rule)
    : Error(fmt::format("{} = {}: {}", field, detail::printable(value, 200), rule)),
      field_(std::move(field)),
      value_(std::move(value)),
      rule_(std::move(rule)) {}

ModelError::ModelError(std::vector<Diagnostic> diagnostics)
    : Error(first_message(diagnostics)), diagnostics_(std::move(diagnostics)) {}

DataError::DataError(std::vector<Diagnostic> diagnostics)
    : Error(first_message(diagnostics)), diagnostics_(std::move(diagnostics)) {}

}  // namespace staffeval
