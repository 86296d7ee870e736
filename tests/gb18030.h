// Test helper: UTF-8 text saved as GB18030 (as Excel and Notepad do on Chinese Windows), with
// glibc's iconv.
#pragma once

#include <iconv.h>

#include <string>

namespace staffeval::testing {

inline std::string to_gb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  std::string out(utf8.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size();
  char* dst = out.data();
  std::size_t out_left = out.size();
  iconv(cd, &in, &in_left, &dst, &out_left);
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace staffeval::testing
