// Decoding input text (CSV data, YAML models, judgment matrices) to UTF-8 (private).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "staffeval/error.h"
#include "staffeval/types.h"

namespace staffeval::detail {

// True when `s` is well-formed UTF-8 (no overlong forms, surrogates or code points > U+10FFFF).
bool is_valid_utf8(std::string_view s);

// Offset of the first byte of `s` that does not start a well-formed UTF-8 sequence, or npos.
std::size_t utf8_invalid_offset(std::string_view s);

// Converts GB18030 (and so GBK/GB2312) bytes to UTF-8 with iconv. Returns false and sets
// `*bad_offset` to the byte offset of the first invalid sequence on failure.
bool gb18030_to_utf8(std::string_view in, std::string* out, std::size_t* bad_offset);

// The 1-based line of byte `offset` of `text` (LF, CRLF and lone CR end lines).
std::size_t line_of(std::string_view text, std::size_t offset);

// Decodes the bytes of a text file to UTF-8: strips a UTF-8 byte-order mark, refuses UTF-16 and
// NUL bytes, and converts GB18030 when asked or (kAuto) when the bytes are not UTF-8. A file
// whose lines mix the two encodings is refused, naming the first line in the minority encoding:
// decoding it either way would garble some rows. On success returns true, sets `*text` (a view
// into `bytes` or into `*converted`) and `*used`; on failure fills `*problem` (location, field
// `encoding`, the rule) and returns false. `name` names the file in messages. A large text is
// checked on up to `threads` cores; the outcome is the same whatever the count.
bool decode_text(std::string_view bytes, const std::string& name, Encoding wanted, std::string* converted,
                 std::string_view* text, Encoding* used, Diagnostic* problem, std::size_t threads = 1);

// `s` made safe for a one-line message: control characters as \xNN (\t, \n, \r as such), cut to
// `max_chars` characters with a note of the full length.
std::string printable(std::string_view s, std::size_t max_chars = 200);

}  // namespace staffeval::detail
