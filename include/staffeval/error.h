/// @file error.h
/// The exceptions staffeval throws, one per kind of failure, all derived from staffeval::Error.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "staffeval/export.h"
#include "staffeval/types.h"

namespace staffeval {

/// Where something was found in an input file. Lines and columns are 1-based; 0 means unknown.
struct STAFFEVAL_EXPORT SourceLocation {
  std::string file;  ///< File name as given by the user (may be a label such as "<string>").
  int line = 0;      ///< 1-based line, 0 when unknown.
  int column = 0;    ///< 1-based column, 0 when unknown.

  /// "file:line:col", "file:line" or "file", depending on what is known.
  std::string to_string() const;
};

/// How serious a diagnostic is: errors stop scoring, warnings are reported and scoring goes on.
enum class Severity { kError, kWarning };

/// One finding about a model or a data file, in the form
/// `file:line:col: field = value: rule` (compiler style, lowercase, no final period).
struct STAFFEVAL_EXPORT Diagnostic {
  Severity severity = Severity::kError;
  SourceLocation location;  ///< Where the problem is.
  std::string field;        ///< Field path, e.g. `indicators[3].weight` or `column "approved_est"`.
  std::string value;        ///< The offending value as written (may be empty).
  std::string rule;         ///< The rule it breaks, e.g. `must be >= 0`.
  /// The field and rule in Chinese, for the warnings shown in Chinese results (empty: as `field`
  /// and `rule`).
  std::string field_zh = {};
  std::string rule_zh = {};

  /// The one-line form, `file:line:col: field = value: rule`; warnings get a `warning: ` prefix.
  /// Control characters are escaped and long values cut.
  std::string to_string() const;
  /// As to_string(), in `lang` where the Chinese field and rule are known (`警告：` prefix).
  std::string to_string(Language lang) const;
  /// The one-line form without the `warning: ` prefix (for lists that are all warnings).
  std::string message() const;
  /// As message(), in `lang` where the Chinese field and rule are known.
  std::string message(Language lang) const;
};

/// Base class of every exception staffeval throws on bad input or impossible computations.
class STAFFEVAL_EXPORT Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

/// An indicator model is malformed (YAML shape) or meaningless (weights, rules, hierarchy).
/// `diagnostics()` lists every error found, `what()` is the first one.
class STAFFEVAL_EXPORT ModelError : public Error {
 public:
  explicit ModelError(const std::string& message) : Error(message) {}
  explicit ModelError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

/// A data file is unreadable or a cell cannot be used (file, row, column and value are named).
class STAFFEVAL_EXPORT DataError : public Error {
 public:
  explicit DataError(const std::string& message) : Error(message) {}
  explicit DataError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

/// An options struct holds a value outside its documented range.
class STAFFEVAL_EXPORT OptionsError : public Error {
 public:
  explicit OptionsError(const std::string& message) : Error(message) {}
  /// Option `field` (e.g. `MethodOptions::v`) holds `value`, which breaks `rule`; what() is
  /// `field = value: rule`. Front ends show the option under their own name (a command-line
  /// flag, a keyword argument) from field(), value() and rule().
  OptionsError(std::string field, std::string value, std::string rule);
  /// The option's name in the library (`Struct::member`); empty when not given.
  const std::string& field() const { return field_; }
  const std::string& value() const { return value_; }
  const std::string& rule() const { return rule_; }

 private:
  std::string field_, value_, rule_;
};

/// An output (a file or standard output) cannot be written: the message names it and gives the
/// operating system's reason (`out/result.csv: cannot create the file: No such file or
/// directory`). Files are written whole or not at all, so nothing partial is left behind.
class STAFFEVAL_EXPORT OutputError : public Error {
 public:
  explicit OutputError(const std::string& message) : Error(message) {}
};

/// A computation cannot be carried out on valid inputs (e.g. a geometric mean over a zero score).
class STAFFEVAL_EXPORT ComputeError : public Error {
 public:
  explicit ComputeError(const std::string& message) : Error(message) {}
};

/// A long computation was stopped by its caller (its progress callback returned false, as the
/// command line's does on Ctrl-C). Nothing of its result exists.
class STAFFEVAL_EXPORT Cancelled : public Error {
 public:
  explicit Cancelled(const std::string& message) : Error(message) {}
};

/// The candidate a misspelt `word` most likely meant (at most a third of its letters, and at
/// most 3, differing; case ignored), or "" when none is that close. Every "did you mean"
/// suggestion of staffeval's messages comes from here, so front ends suggest the same way.
STAFFEVAL_EXPORT std::string closest_name(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace staffeval
