/// @file enum_table.h
/// One table per enumeration: each value with its spelling, the aliases accepted when reading,
/// and a one-line description. Parsing, printing, the command line's choice lists and the model
/// reader's messages all come from these tables, so a new value is one new table row.
///
/// **Example**
/// @code
///   const auto& t = staffeval::enum_table<staffeval::Method>();
///   t.parse("TOPSIS");   // Method::kTopsis (case-insensitive; aliases accepted)
///   t.name(Method::kVikor);  // "vikor"
///   t.choices();         // "saw, wpm, waspas, topsis, vikor, gra, rsr, edas, codas"
/// @endcode
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace staffeval {

/// One value of an enumeration.
template <class E>
struct EnumEntry {
  E value;
  std::string_view name;         ///< The spelling written by staffeval and shown in choice lists.
  std::string_view aliases;      ///< Other spellings accepted when reading, separated by `|`.
  std::string_view description;  ///< One line, for help texts and documentation.
};

/// The values of an enumeration, in the order they are listed to users.
template <class E>
struct EnumTable {
  std::string_view what;  ///< What a value is, for messages (`rule type`, `evaluation method`).
  const EnumEntry<E>* entries;
  std::size_t size;

  const EnumEntry<E>* begin() const { return entries; }
  const EnumEntry<E>* end() const { return entries + size; }

  /// The spelling of a value ("?" for a value outside the table, which a table test rules out).
  std::string_view name(E v) const {
    for (const auto& e : *this)
      if (e.value == v) return e.name;
    return "?";
  }

  /// The value spelt `s` (its name or an alias, ignoring ASCII case), or nullopt.
  std::optional<E> parse(std::string_view s) const {
    for (const auto& e : *this) {
      if (equal_folded(s, e.name)) return e.value;
      std::string_view rest = e.aliases;
      while (!rest.empty()) {
        const auto bar = rest.find('|');
        if (equal_folded(s, rest.substr(0, bar))) return e.value;
        rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
      }
    }
    return std::nullopt;
  }

  /// Every name, in table order.
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& e : *this) out.emplace_back(e.name);
    return out;
  }

  /// The names joined by `separator` ("minmax, zscore, ..."), for messages.
  std::string choices(std::string_view separator = ", ") const {
    std::string out;
    for (const auto& e : *this) {
      if (!out.empty()) out += separator;
      out += e.name;
    }
    return out;
  }

 private:
  static bool equal_folded(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      char x = a[i], y = b[i];
      if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
      if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
      if (x != y) return false;
    }
    return true;
  }
};

/// The table of enumeration E. Declared (specialised) next to each enumeration and defined once
/// in the library.
template <class E>
const EnumTable<E>& enum_table();

/// Shorthand for enum_table<E>().parse(s).
template <class E>
std::optional<E> parse_enum(std::string_view s) {
  return enum_table<E>().parse(s);
}

/// Makes the table of an enumeration from a static array of entries.
template <class E, std::size_t N>
constexpr EnumTable<E> make_enum_table(std::string_view what, const EnumEntry<E> (&entries)[N]) {
  return EnumTable<E>{what, entries, N};
}

}  // namespace staffeval
