// Decoding input text to UTF-8: validation, GB18030 conversion, mixed-encoding detection.
#include "common/encoding.h"

#include <iconv.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <vector>

#include <fmt/format.h>

#include "common/tasks.h"

namespace staffeval::detail {

namespace {

// Decodes one UTF-8 sequence at p (p < end). Returns its length, or 0 when ill-formed.
int utf8_sequence(const unsigned char* p, const unsigned char* end, unsigned* code_point) {
  const unsigned char c = *p;
  if (c < 0x80) {
    *code_point = c;
    return 1;
  }
  int len = 0;
  unsigned cp = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (end - p < len) return 0;
  for (int i = 1; i < len; ++i) {
    if ((p[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (p[i] & 0x3F);
  }
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  *code_point = cp;
  return len;
}

bool all_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

// What one line says about the file's encoding.
enum class Evidence { kNone, kUtf8, kGb };

// A line that is valid UTF-8 counts as UTF-8 evidence only if it reads as Chinese data: some CJK
// character and nothing a GB18030 line could only produce by accident (Greek, Cyrillic, Arabic,
// ... from its two-byte sequences). Such a line in GB18030 bytes is practically impossible.
Evidence evidence(std::string_view line) {
  if (all_ascii(line)) return Evidence::kNone;
  const auto* p = reinterpret_cast<const unsigned char*>(line.data());
  const auto* end = p + line.size();
  bool cjk = false, implausible = false;
  while (p < end) {
    unsigned cp = 0;
    const int len = utf8_sequence(p, end, &cp);
    if (len == 0) return Evidence::kGb;
    p += len;
    if (cp < 0x80) continue;
    if ((cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
        (cp >= 0x20000 && cp <= 0x3FFFF))
      cjk = true;
    else if (cp >= 0x0080 && cp < 0x2000 && cp != 0xA0 && cp != 0xB0 && cp != 0xB1 && cp != 0xB2 && cp != 0xB3 &&
             cp != 0xB5 && cp != 0xB7 && cp != 0xD7 && cp != 0xF7)
      implausible = true;
  }
  // Valid UTF-8 with implausible characters is ambiguous: decide nothing from it.
  return cjk && !implausible ? Evidence::kUtf8 : Evidence::kNone;
}

struct Census {
  std::size_t utf8 = 0, gb = 0;
  std::size_t first_utf8 = 0, first_gb = 0;  // 1-based lines, 0 = none
};

Census census(std::string_view text) {
  Census c;
  std::size_t line = 1, start = 0;
  while (start <= text.size()) {
    std::size_t end = start;
    while (end < text.size() && text[end] != '\n' && text[end] != '\r') ++end;
    switch (evidence(text.substr(start, end - start))) {
      case Evidence::kUtf8:
        if (c.utf8++ == 0) c.first_utf8 = line;
        break;
      case Evidence::kGb:
        if (c.gb++ == 0) c.first_gb = line;
        break;
      case Evidence::kNone:
        break;
    }
    if (end >= text.size()) break;
    if (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') ++end;
    start = end + 1;
    ++line;
  }
  return c;
}

Diagnostic problem_at(const std::string& name, std::size_t line, std::string rule) {
  Diagnostic d;
  d.location.file = name;
  d.location.line = static_cast<int>(line);
  d.field = "encoding";
  d.rule = std::move(rule);
  return d;
}

// Mixed lines: the minority's first line is the one to fix.
Diagnostic mixed(const std::string& name, const Census& c) {
  const bool gb_minority = c.gb < c.utf8 || (c.gb == c.utf8 && c.first_utf8 < c.first_gb);
  if (gb_minority)
    return problem_at(name, c.first_gb,
                      fmt::format("this line is not UTF-8 (GB18030/GBK?) while {} line(s), such as line {}, are UTF-8: "
                                  "the file mixes encodings (rows pasted from a file saved differently?); save it "
                                  "again in one encoding",
                                  c.utf8, c.first_utf8));
  return problem_at(name, c.first_utf8,
                    fmt::format("this line is UTF-8 while {} line(s), such as line {}, are GB18030/GBK: the file "
                                "mixes encodings (rows pasted from a file saved differently?); save it again in one "
                                "encoding",
                                c.gb, c.first_gb));
}

std::string hex_bytes(std::string_view s, std::size_t offset, std::size_t count) {
  std::string out;
  for (std::size_t i = offset; i < s.size() && i < offset + count; ++i)
    out += fmt::format("\\x{:02X}", static_cast<unsigned char>(s[i]));
  return out;
}

// Offset of the first byte that does not start a well-formed UTF-8 sequence, or (with
// `stop_at_nul`) is a NUL byte; npos when there is none.
std::size_t first_stop(std::string_view s, bool stop_at_nul) {
  const auto* begin = reinterpret_cast<const unsigned char*>(s.data());
  const auto* p = begin;
  const auto* end = p + s.size();
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  while (p < end) {
    // Mostly-ASCII text (numbers, ids): skip eight ASCII bytes at a time (and, where NULs stop
    // the scan, eight without a zero byte: a byte is zero where w - 1 borrows into its top bit;
    // a borrow only runs upwards, so the lowest byte flagged is the first zero byte). In a word
    // with a flagged byte, the ASCII bytes before the first one are skipped at once.
    if (end - p >= 8) {
      std::uint64_t word;
      std::memcpy(&word, p, sizeof word);
      const std::uint64_t flagged = (word & kHigh) | (stop_at_nul ? (word - kOnes) & ~word & kHigh : 0);
      if (flagged == 0) {
        p += 8;
        continue;
      }
      if constexpr (std::endian::native == std::endian::little) p += std::countr_zero(flagged) / 8;
    }
    if (stop_at_nul && *p == 0) return static_cast<std::size_t>(p - begin);
    // A three-byte sequence (Chinese text), checked in place: lead 1110xxxx, two continuations,
    // neither an overlong form (E0 below A0) nor a surrogate (ED from A0).
    if ((p[0] & 0xF0) == 0xE0 && end - p >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 &&
        (p[0] != 0xE0 || p[1] >= 0xA0) && (p[0] != 0xED || p[1] < 0xA0)) {
      p += 3;
      continue;
    }
    unsigned cp = 0;
    const int len = utf8_sequence(p, end, &cp);
    if (len == 0) return static_cast<std::size_t>(p - begin);
    p += len;
  }
  return std::string_view::npos;
}

// first_stop() on up to `threads` cores. The text is cut into parts just after newlines: a
// newline is a whole UTF-8 sequence, so no well-formed sequence spans a cut, and the scan of a
// part starts where the one-pass scan is when nothing before has stopped it (a sequence cut
// short by the newline stops both scans at the same byte, in the part before). The first part
// that stops gives the offset the one-pass scan gives.
std::size_t first_stop(std::string_view s, bool stop_at_nul, std::size_t threads) {
  constexpr std::size_t kMinPart = std::size_t(8) << 20;  // smaller texts: one pass
  const std::size_t parts = std::min(threads, s.size() / kMinPart);
  if (parts <= 1) return first_stop(s, stop_at_nul);
  std::vector<std::size_t> cut{0};
  for (std::size_t k = 1; k < parts; ++k) {
    const std::size_t at = std::max(s.size() / parts * k, cut.back());
    const std::size_t nl = s.find('\n', at);
    if (nl == std::string_view::npos) break;
    cut.push_back(nl + 1);
  }
  cut.push_back(s.size());
  std::vector<std::size_t> stop(cut.size() - 1, std::string_view::npos);
  parallel_for(stop.size(), threads, [&](std::size_t k, std::size_t) {
    const std::size_t at = first_stop(s.substr(cut[k], cut[k + 1] - cut[k]), stop_at_nul);
    if (at != std::string_view::npos) stop[k] = cut[k] + at;
  });
  for (std::size_t at : stop)
    if (at != std::string_view::npos) return at;
  return std::string_view::npos;
}

}  // namespace

std::size_t utf8_invalid_offset(std::string_view s) { return first_stop(s, false); }

bool is_valid_utf8(std::string_view s) { return utf8_invalid_offset(s) == std::string_view::npos; }

bool gb18030_to_utf8(std::string_view in, std::string* out, std::size_t* bad_offset) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    *bad_offset = 0;
    return false;
  }
  out->assign(in.size() * 2 + 16, '\0');
  char* src = const_cast<char*>(in.data());
  std::size_t src_left = in.size();
  char* dst = out->data();
  std::size_t dst_left = out->size();
  bool ok = true;
  while (src_left > 0) {
    if (iconv(cd, &src, &src_left, &dst, &dst_left) == static_cast<std::size_t>(-1)) {
      if (errno == E2BIG) {
        const std::size_t used = out->size() - dst_left;
        out->resize(out->size() * 2);
        dst = out->data() + used;
        dst_left = out->size() - used;
        continue;
      }
      ok = false;
      *bad_offset = in.size() - src_left;
      break;
    }
  }
  iconv_close(cd);
  out->resize(out->size() - dst_left);
  return ok;
}

std::size_t line_of(std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i)
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) ++line;
  return line;
}

bool decode_text(std::string_view bytes, const std::string& name, Encoding wanted, std::string* converted,
                 std::string_view* text_out, Encoding* used, Diagnostic* problem, std::size_t threads) {
  std::string_view text = bytes;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (text.substr(0, 2) == "\xFF\xFE" || text.substr(0, 2) == "\xFE\xFF") {
    *problem = problem_at(name, 1, "UTF-16 text (it starts with a UTF-16 byte-order mark): save the file as UTF-8 "
                                   "(or GB18030) text");
    return false;
  }
  // One pass finds the first NUL or byte that is not UTF-8; only text that is not UTF-8 is
  // searched on for a NUL.
  const std::size_t invalid = first_stop(text, true, threads);
  const void* nul = invalid == std::string_view::npos ? nullptr
                    : text[invalid] == '\0'           ? text.data() + invalid
                                                       : std::memchr(text.data() + invalid, '\0', text.size() - invalid);
  if (nul) {
    const auto offset = static_cast<std::size_t>(static_cast<const char*>(nul) - text.data());
    *problem = problem_at(name, line_of(text, offset),
                          fmt::format("a NUL byte (byte offset {}): binary data or UTF-16 text, not a text file", offset));
    return false;
  }
  Encoding enc = wanted;
  if (enc == Encoding::kAuto || enc == Encoding::kUtf8) {
    if (invalid == std::string_view::npos) {
      *text_out = text;
      *used = Encoding::kUtf8;
      return true;
    }
    const Census c = census(text);
    if (c.utf8 && c.gb) {
      *problem = mixed(name, c);
      return false;
    }
    if (enc == Encoding::kUtf8) {
      *problem = problem_at(name, line_of(text, invalid),
                            fmt::format("not valid UTF-8 (bytes {} at byte offset {}); the file may be GB18030/GBK: "
                                        "read it with encoding gb18030 or auto",
                                        hex_bytes(text, invalid, 2), invalid));
      return false;
    }
    enc = Encoding::kGb18030;
  } else {
    const Census c = census(text);
    if (c.utf8 && c.gb) {
      *problem = mixed(name, c);
      return false;
    }
    if (c.utf8) {
      *problem = problem_at(name, c.first_utf8,
                            "this is UTF-8 text, not GB18030: read it with encoding utf-8 or auto (GB18030 would "
                            "garble it)");
      return false;
    }
  }
  std::size_t bad = 0;
  if (!gb18030_to_utf8(text, converted, &bad)) {
    *problem = problem_at(name, line_of(text, bad),
                          fmt::format("bytes {} at byte offset {} are neither UTF-8 nor GB18030 text", hex_bytes(text, bad, 4),
                                      bad));
    return false;
  }
  *text_out = *converted;
  *used = enc;
  return true;
}

std::string printable(std::string_view s, std::size_t max_chars) {
  std::string out;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  std::size_t chars = 0;
  while (p < end) {
    if (chars == max_chars) {
      std::size_t total = chars;
      for (const auto* q = p; q < end; ++q) total += (*q & 0xC0) != 0x80;
      out += fmt::format("... ({} characters)", total);
      break;
    }
    ++chars;
    unsigned cp = 0;
    const int len = utf8_sequence(p, end, &cp);
    if (len == 0) {
      out += fmt::format("\\x{:02X}", *p++);
      continue;
    }
    if (cp == '\n') out += "\\n";
    else if (cp == '\r') out += "\\r";
    else if (cp == '\t') out += "\\t";
    else if (cp < 0x20 || cp == 0x7F) out += fmt::format("\\x{:02X}", cp);
    else out.append(reinterpret_cast<const char*>(p), static_cast<std::size_t>(len));
    p += len;
  }
  return out;
}

}  // namespace staffeval::detail
