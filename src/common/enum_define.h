// Defines the table of an enumeration (declared next to the enumeration in its public header)
// from a static array of EnumEntry rows. Used once per enumeration, in the file that owns it.
#pragma once

#include "staffeval/enum_table.h"

#define STAFFEVAL_ENUM_TABLE(E, what, entries)                              \
  template <>                                                               \
  const EnumTable<E>& enum_table<E>() {                                     \
    static constexpr EnumTable<E> table = make_enum_table<E>(what, entries); \
    return table;                                                           \
  }
