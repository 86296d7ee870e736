// Error types and the one-line form of diagnostics.
#include "staffeval/error.h"

#include <algorithm>

#include <fmt/format.h>

namespace staffeval {

std::string SourceLocation::to_string() const {
  if (line > 0 && column > 0) return fmt::format("{}:{}:{}", file, line, column);
  if (line > 0) return fmt::format("{}:{}", file, line);
  return file;
}

std::string Diagnostic::to_string() const {
  std::string out = location.to_string();
  if (!out.empty()) out += ": ";
  if (severity == Severity::kWarning) out += "warning: ";
  out += field;
  if (!value.empty()) out += fmt::format(" = {}", value);
  if (!rule.empty()) out += fmt::format(": {}", rule);
  return out;
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

ModelError::ModelError(std::vector<Diagnostic> diagnostics)
    : Error(first_message(diagnostics)), diagnostics_(std::move(diagnostics)) {}

DataError::DataError(std::vector<Diagnostic> diagnostics)
    : Error(first_message(diagnostics)), diagnostics_(std::move(diagnostics)) {}

}  // namespace staffeval
