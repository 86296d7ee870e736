// Reading YAML files with located diagnostics (internal to the model layer): the reader of
// models and of the other YAML files that describe an evaluation (uncertainty specifications).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "common/strings.h"
#include "staffeval/enum_table.h"
#include "staffeval/error.h"

namespace staffeval::detail {

// Collects located diagnostics while walking the YAML tree. Shape errors do not stop the walk, so
// `staffeval validate` can list every problem of a file in one run.
class Reader {
 public:
  // `locations` (may be null) receives where every recorded key is written.
  Reader(std::string file, std::map<std::string, SourceLocation>* locations)
      : file_(std::move(file)), locations_(locations) {}

  // The decoded text, so that columns can be counted in characters (as editors show them) rather
  // than in the bytes yaml-cpp counts: a Chinese character is three bytes of UTF-8.
  void set_text(std::string_view text) {
    text_.assign(text);
    line_starts_ = {0};
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') line_starts_.push_back(i + 1);
  }

  SourceLocation at(const YAML::Node& n) const { return at(n.Mark()); }
  SourceLocation at(const YAML::Mark& m) const {
    if (m.line < 0) return {file_, 0, 0};
    int column = m.column + 1;
    const auto line = static_cast<std::size_t>(m.line);
    if (line < line_starts_.size() && m.column >= 0) {
      const std::size_t start = line_starts_[line];
      const std::size_t end = std::min(text_.size(), start + static_cast<std::size_t>(m.column));
      column = 1;
      for (std::size_t i = start; i < end; ++i) column += (static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80;
    }
    return {file_, m.line + 1, column};
  }

  void error(const YAML::Node& n, std::string field, std::string value, std::string rule) {
    diagnostics_.push_back({Severity::kError, at(n), std::move(field), std::move(value),
                            std::move(rule)});
  }

  // The field path of `key` under `path` (the file's top level when `path` is empty).
  static std::string child(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }

  static std::string text(const YAML::Node& n) {
    if (n.IsScalar()) return n.Scalar();
    if (n.IsSequence()) return "[...]";
    if (n.IsMap()) return "{...}";
    return "";
  }

  // Remembers where every key of `map` is written, under `prefix.key` (field paths as
  // validate() names them), so that findings about the model's meaning carry a line too.
  void record_keys(const YAML::Node& map, const std::string& prefix) {
    if (!map.IsMap() || !locations_) return;
    (*locations_)[prefix] = at(map);
    for (const auto& kv : map) {
      const std::string key = kv.first.as<std::string>("");
      (*locations_)[prefix.empty() ? key : prefix + "." + key] = at(kv.second);
    }
  }
  void record(const std::string& path, const YAML::Node& n) {
    if (locations_) (*locations_)[path] = at(n);
  }

  // Reports keys of `map` that are not in `allowed` (typos would otherwise be silently ignored),
  // with the closest allowed key when one is near. A near miss of a key is remembered, so that
  // require() does not report that key as missing on top.
  void check_keys(const YAML::Node& map, const std::string& path, std::initializer_list<const char*> allowed) {
    check_keys(map, path, std::vector<std::string>(allowed.begin(), allowed.end()));
  }
  void check_keys(const YAML::Node& map, const std::string& path, const std::vector<std::string>& allowed) {
    for (const auto& kv : map) {
      const std::string key = kv.first.as<std::string>("");
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) unknown_key(map, kv.first, path, allowed);
    }
  }
  void unknown_key(const YAML::Node& map, const YAML::Node& key_node, const std::string& path,
                   const std::vector<std::string>& allowed) {
    const std::string key = key_node.as<std::string>("");
    const std::string near = detail::closest(key, allowed);
    if (!near.empty()) misspelt_.insert(mark_key(map) + near);
    error(key_node, child(path, key), "", near.empty() ? fmt::format("unknown key (keys here: {})", join(allowed))
                                                        : fmt::format("unknown key (did you mean `{}`?)", near));
  }

  // Reports `key` missing from `map`, unless it was misspelt there (already reported).
  void require(const YAML::Node& map, const char* key, const std::string& field, const std::string& rule = "is required") {
    if (misspelt_.count(mark_key(map) + key)) return;
    error(map, field, "", rule);
  }

  bool get_string(const YAML::Node& map, const char* key, const std::string& path,
                  std::string* out) {
    const YAML::Node n = map[key];
    if (!n) return false;
    if (!n.IsScalar()) {
      error(n, child(path, key), text(n), "must be a string");
      return false;
    }
    *out = n.Scalar();
    return true;
  }

  bool get_double(const YAML::Node& n, const std::string& field, double* out) {
    if (!n.IsScalar()) {
      error(n, field, text(n), "must be a number");
      return false;
    }
    const std::string& s = n.Scalar();
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (s.empty() || end != s.c_str() + s.size() || !std::isfinite(v)) {
      error(n, field, s, "must be a finite number");
      return false;
    }
    *out = v;
    return true;
  }

  bool get_double(const YAML::Node& map, const char* key, const std::string& path, double* out) {
    const YAML::Node n = map[key];
    if (!n) return false;
    return get_double(n, child(path, key), out);
  }

  // Reads an enumeration by its table (enum_table.h): the message lists the table's names.
  template <class E>
  bool get_enum(const YAML::Node& map, const char* key, const std::string& path, E* out) {
    const YAML::Node n = map[key];
    if (!n) return false;
    if (n.IsScalar()) {
      if (auto v = parse_enum<E>(n.Scalar())) {
        *out = *v;
        return true;
      }
    }
    error(n, child(path, key), text(n), fmt::format("must be one of {}", enum_table<E>().choices()));
    return false;
  }

  // Calls fn(item, item_path) for every mapping of the sequence `seq`, reporting a `seq` that is
  // not a sequence and items that are not mappings (`shape` says what was expected).
  template <class Fn>
  void each_mapping(const YAML::Node& seq, const std::string& path, const char* shape, Fn fn) {
    if (!seq.IsSequence()) {
      error(seq, path, text(seq), fmt::format("must be a list of {}", shape));
      return;
    }
    for (std::size_t i = 0; i < seq.size(); ++i) {
      const std::string item_path = fmt::format("{}[{}]", path, i);
      const YAML::Node item = seq[i];
      if (!item.IsMap()) error(item, item_path, text(item), fmt::format("must be {}", shape));
      else fn(item, item_path);
    }
  }

  std::vector<Diagnostic>& diagnostics() { return diagnostics_; }

 private:
  static std::string join(const std::vector<std::string>& keys) {
    std::string out;
    for (const auto& k : keys) out += (out.empty() ? "" : ", ") + k;
    return out;
  }
  static std::string mark_key(const YAML::Node& map) {
    return fmt::format("{}:{}:", map.Mark().line, map.Mark().column);
  }

  std::string file_;
  std::map<std::string, SourceLocation>* locations_;
  std::string text_;  // owned: the reader outlives the document's loading
  std::vector<std::size_t> line_starts_;
  std::vector<Diagnostic> diagnostics_;
  std::set<std::string> misspelt_;
};

// Every mapping of the document, depth first: a key given twice is an error (yaml-cpp keeps the
// first and drops the rest without a word). The walk is iterative, so depth costs no stack.
inline void check_duplicate_keys(Reader& r, const YAML::Node& root) {
  std::vector<YAML::Node> stack{root};
  while (!stack.empty()) {
    YAML::Node n;
    n.reset(stack.back());
    stack.pop_back();
    if (n.IsSequence()) {
      for (std::size_t i = n.size(); i-- > 0;) stack.push_back(n[i]);
    } else if (n.IsMap()) {
      std::map<std::string, int> first_line;
      std::vector<YAML::Node> values;
      for (const auto& kv : n) {
        const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : Reader::text(kv.first);
        const auto [it, added] = first_line.emplace(key, kv.first.Mark().line + 1);
        if (!added)
          r.error(kv.first, key, "", fmt::format("key given twice in one mapping (first on line {}): which one "
                                                 "holds would be a guess; keep one",
                                                 it->second));
        values.push_back(kv.second);
      }
      for (auto it = values.rbegin(); it != values.rend(); ++it) stack.push_back(*it);
    }
  }
}


// The bytes of a file (ModelError when it cannot be opened; `what` names the kind of file).
std::string read_file(const std::string& path, const char* what = "model");

// Decodes `bytes` (UTF-8, or GB18030; mixed encodings, UTF-16 and NUL bytes refused), hands the
// text to `r` for locations, and parses one YAML document: a second document and duplicate keys
// are diagnostics in `r`; YAML syntax errors throw ModelError with their location. `what` names
// the kind of file in messages ("model").
YAML::Node load_document(const std::string& bytes, const std::string& name, const char* what, Reader* r);

}  // namespace staffeval::detail
