// Texts for people in the language of a result: each message is written once in English and
// once in Chinese at the place that composes it, so the two cannot drift apart unnoticed.
#pragma once

#include <string>
#include <string_view>

#include <fmt/format.h>

#include "staffeval/types.h"

namespace staffeval::detail {

// The English or the Chinese text.
inline const char* tr(Language lang, const char* en, const char* zh) { return lang == Language::kZh ? zh : en; }

// The English or the Chinese format, filled with the same arguments (both checked when compiled).
template <class... Args>
std::string trf(Language lang, fmt::format_string<Args...> en, fmt::format_string<Args...> zh, Args&&... args) {
  return lang == Language::kZh ? fmt::format(zh, std::forward<Args>(args)...)
                               : fmt::format(en, std::forward<Args>(args)...);
}

// True when `s` holds a CJK unified ideograph (U+3400..U+9FFF): the text is Chinese.
inline bool has_han(std::string_view s) {
  for (std::size_t i = 0; i + 2 < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0xE3 && b <= 0xE9) {
      const unsigned cp = ((b & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
                          (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
      if (cp >= 0x3400 && cp <= 0x9FFF) return true;
    }
  }
  return false;
}

// Chinese when any of `names` is Chinese (has_han), otherwise English: the language of results
// over named elements (judgment matrices, criteria) that have no model to ask.
template <class Names>
Language language_of_names(const Names& names) {
  for (const auto& n : names)
    if (has_han(n)) return Language::kZh;
  return Language::kEn;
}

// The label "warning: " in the language.
inline const char* warning_label(Language lang) { return tr(lang, "warning: ", "警告："); }

}  // namespace staffeval::detail
