// Loading one YAML document with located diagnostics.
#include <fstream>
#include <sstream>

#include <yaml-cpp/depthguard.h>

#include "common/encoding.h"
#include "model/yaml_reader.h"

namespace staffeval::detail {

std::string read_file(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ModelError(fmt::format("{}: cannot open {} file", path, what));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

YAML::Node load_document(const std::string& bytes, const std::string& name, const char* what, Reader* r) {
  // Files are decoded like data files: UTF-8, or GB18030 as Notepad on Chinese Windows saves
  // it; a file mixing the two, UTF-16 or NUL bytes is refused with the line to fix. Every text of
  // the model (names, grades, reasons) is then valid UTF-8 in every output.
  std::string converted;
  std::string_view decoded;
  Encoding used;
  Diagnostic problem;
  if (!detail::decode_text(bytes, name, Encoding::kAuto, &converted, &decoded, &used, &problem))
    throw ModelError(std::vector<Diagnostic>{problem});
  const std::string text(decoded);
  r->set_text(text);
  auto yaml_error = [&](const YAML::Exception& e, const std::string& rule) {
    // yaml-cpp marks are 0-based; report them 1-based like every other location.
    return ModelError(std::vector<Diagnostic>{{Severity::kError, r->at(e.mark), "yaml", "", rule}});
  };
  // A model is one YAML document. A second one (after a `---` or `...` marker, which the YAML
  // grammar allows only at the start of a line) would be ignored by Load: found by its marker.
  // (yaml-cpp 0.7's LoadAll, which would count documents, loops forever on some malformed
  // streams, such as a lone ",": jbeder/yaml-cpp#1319.)
  {
    bool content = false, ended = false;
    std::size_t line = 0;
    for (std::size_t start = 0; start < text.size();) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      std::string_view l(text.data() + start, end - start);
      if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
      const auto marker = [&](std::string_view m) {
        return l.substr(0, 3) == m && (l.size() == 3 || l[3] == ' ' || l[3] == '\t');
      };
      const auto blank = l.find_first_not_of(" \t");
      const bool comment_or_blank = blank == std::string_view::npos || l[blank] == '#';
      if ((marker("---") && content) || (ended && !comment_or_blank && !marker("..."))) {
        Diagnostic d;
        d.location = {name, static_cast<int>(line + 1), 1};
        d.field = "yaml";
        d.value = "a second document";
        d.rule = fmt::format("a {} file holds one YAML document; the part after this line would be ignored", what);
        r->diagnostics().push_back(std::move(d));
        break;
      }
      if (marker("...")) ended = content;
      else if (!comment_or_blank && l[0] != '%' && !marker("---")) content = true;
      else if (marker("---") && l.size() > 3 && l.find_first_not_of(" \t", 3) != std::string_view::npos) content = true;
      start = end + 1;
      ++line;
    }
  }
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::DeepRecursion& e) {
    throw yaml_error(e, "the file nests deeper than the YAML reader allows (about 2000 levels of lists and mappings, "
                        "some 250 levels of nested `children`): write deep hierarchies in the flat form, one list of "
                        "indicators each naming its `parent:`");
  } catch (const YAML::Exception& e) {
    throw yaml_error(e, e.msg);
  }
  check_duplicate_keys(*r, root);
  return root;
}

}  // namespace staffeval::detail
