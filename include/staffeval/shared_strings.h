/// @file shared_strings.h
/// A list of strings that tables and the results evaluated on them share instead of copying:
/// the unit ids and names.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "staffeval/export.h"

namespace staffeval {

/// A list of strings shared between copies: copying one (a Table into another, a table's ids
/// into a ScoringResult) copies a pointer, not the strings. A million unit ids and names are
/// about 100 MB as `std::string`s and a million heap blocks; evaluating a table does not copy them.
///
/// A list is held in one of two forms:
/// - a `std::vector<std::string>` (a list built from one, or changed through edit());
/// - packed: the characters of all strings one after another in a few blocks, with where each
///   ends (built with a Packer: the CSV and Excel readers do). A million ids and names take
///   their characters plus 4 bytes each, against 32 bytes each plus a heap block for a string
///   over 15 bytes.
///
/// It reads as a `const std::vector<std::string>&` in either form (it converts to one, and has
/// size(), [], begin() and end()). A packed list makes that vector the first time it is asked
/// for one (once, whichever thread asks first) and keeps it beside the packed characters; view()
/// reads a string of either form without making it. Code that walks every unit (the readers'
/// checks, evaluating, writing results) reads through view(), so that a table read from a file
/// and scored never holds its ids and names as `std::string`s.
///
/// Changing it goes through edit(), which first gives this list a copy of its own when another
/// table or result shares it (copy on write), and unpacks a packed one, so a change made through
/// one holder never reaches another. Two lists are equal when they hold equal strings in the same
/// order (at once when they share them), whatever their forms.
///
/// Like a std::vector, one list may be read from many threads at a time, but not read on one
/// while it is edited on another.
class STAFFEVAL_EXPORT SharedStrings {
 public:
  using value_type = std::string;
  using size_type = std::size_t;
  using const_iterator = std::vector<std::string>::const_iterator;
  using iterator = const_iterator;  ///< Read-only: change the strings through edit().
  class Packer;

  SharedStrings() = default;
  /// Takes the strings over (no copy when moved in).
  SharedStrings(std::vector<std::string> strings)  // NOLINT: converts implicitly, as a vector would
      : store_(strings.empty() ? nullptr : std::make_shared<Store>(std::move(strings))) {}
  SharedStrings(std::initializer_list<std::string> strings) : SharedStrings(std::vector<std::string>(strings)) {}
  SharedStrings& operator=(std::vector<std::string> strings) {
    *this = SharedStrings(std::move(strings));
    return *this;
  }
  /// `list = {"a", "b"}`, as for a vector.
  SharedStrings& operator=(std::initializer_list<std::string> strings) {
    return *this = std::vector<std::string>(strings);
  }
  SharedStrings(const SharedStrings&) = default;
  SharedStrings(SharedStrings&&) noexcept = default;
  SharedStrings& operator=(const SharedStrings&) = default;
  SharedStrings& operator=(SharedStrings&&) noexcept = default;

  /// The strings packed by `parts`, one part after another (the parts are emptied).
  static SharedStrings packed(std::vector<Packer>&& parts);

  /// The i-th string, in either form, without making a vector of a packed list. Good while this
  /// list (or another holder of the same strings) is neither edited nor destroyed.
  std::string_view view(std::size_t i) const;

  /// The strings, read-only (made once from a packed list, then kept).
  const std::vector<std::string>& vector() const;
  operator const std::vector<std::string>&() const { return vector(); }  // NOLINT: reads as a vector

  /// The strings to change: copied first when shared and unpacked when packed, so that no other
  /// holder sees the change. The reference is good until this list is next copied or assigned.
  std::vector<std::string>& edit();
  /// Empties this list (other holders keep theirs).
  void clear() { store_.reset(); }

  std::size_t size() const { return store_ ? (store_->packed ? store_->count : store_->strings.size()) : 0; }
  bool empty() const { return size() == 0; }
  /// The bytes held for packed characters (0 for a list of plain strings).
  std::size_t packed_bytes() const;
  /// Whether the list is held packed and no vector of `std::string`s has been made of it.
  bool packed_only() const { return store_ && store_->packed && !store_->unpacked.load(std::memory_order_acquire); }
  const std::string& operator[](std::size_t i) const { return vector()[i]; }
  const std::string& at(std::size_t i) const { return vector().at(i); }
  const std::string& front() const { return vector().front(); }
  const std::string& back() const { return vector().back(); }
  const std::string* data() const { return vector().data(); }
  const_iterator begin() const { return vector().begin(); }
  const_iterator end() const { return vector().end(); }

  /// Whether both hold the very same strings (not a copy): then they are equal without a look.
  bool shares(const SharedStrings& other) const { return store_ == other.store_; }

  friend STAFFEVAL_EXPORT bool operator==(const SharedStrings& a, const SharedStrings& b);
  friend bool operator!=(const SharedStrings& a, const SharedStrings& b) { return !(a == b); }
  friend STAFFEVAL_EXPORT bool operator==(const SharedStrings& a, const std::vector<std::string>& b);
  friend bool operator==(const std::vector<std::string>& a, const SharedStrings& b) { return b == a; }
  friend bool operator!=(const SharedStrings& a, const std::vector<std::string>& b) { return !(a == b); }
  friend bool operator!=(const std::vector<std::string>& a, const SharedStrings& b) { return !(b == a); }

 private:
  // The characters of a block. A large reservation is mapped memory, whose pages cost nothing
  // until written and whose unused tail is given back, without a copy, once the block is
  // complete (trim()); a small one is an ordinary heap block, trimmed by a copy.
  class STAFFEVAL_EXPORT Chars {
   public:
    Chars() = default;
    Chars(const Chars&) = delete;
    Chars& operator=(const Chars&) = delete;
    Chars(Chars&& o) noexcept { swap(o); }
    Chars& operator=(Chars&& o) noexcept {
      Chars(std::move(o)).swap(*this);
      return *this;
    }
    ~Chars() { release(); }
    void reserve(std::size_t bytes);
    void append(std::string_view s);
    void trim();
    const char* data() const { return data_; }
    std::size_t size() const { return size_; }
    std::size_t capacity() const { return capacity_; }

   private:
    void swap(Chars& o) noexcept {
      std::swap(data_, o.data_);
      std::swap(size_, o.size_);
      std::swap(capacity_, o.capacity_);
      std::swap(mapped_, o.mapped_);
    }
    void release() noexcept;
    char* data_ = nullptr;
    std::size_t size_ = 0, capacity_ = 0;
    bool mapped_ = false;
  };
  // Packed strings: each one's characters follow the one before's; ends[j] is where the j-th
  // of the block ends (at most 4 GiB of characters to a block).
  struct Block {
    Chars chars;
    std::vector<std::uint32_t> ends;
  };
  struct Store {
    Store() = default;
    explicit Store(std::vector<std::string> s) : strings(std::move(s)) {}
    std::vector<std::string> strings;  // the list, or (packed) the vector made of it once asked for
    std::vector<Block> blocks;         // packed: the strings, block by block
    std::vector<std::size_t> starts;   // packed: the index of each block's first string
    std::size_t count = 0;  // packed: the number of strings
    bool packed = false;
    std::atomic<bool> unpacked{false};  // packed, and `strings` made (under `once`)
    std::once_flag once;
  };
  std::shared_ptr<Store> store_;  // null: no strings
};

/// Builds packed strings (for SharedStrings::packed): appends each string's characters to a
/// block reserved once. Reserving is address space only: pages are taken as they are written.
class STAFFEVAL_EXPORT SharedStrings::Packer {
 public:
  /// `chars` and `count` bound the characters and strings to come, where known: reserved in one
  /// go (more may come, at the cost of moving the block). A generous bound costs address space
  /// only: what is not written is given back when the strings are packed, without a copy.
  Packer() = default;
  Packer(std::size_t chars, std::size_t count) : reserve_chars_(chars), reserve_count_(count) {}
  Packer(Packer&&) noexcept = default;
  Packer& operator=(Packer&&) noexcept = default;
  void push_back(std::string_view s);
  std::size_t size() const { return count_; }
  /// The bytes reserved for characters (for tests: packing trims them to what was written).
  std::size_t reserved() const;

 private:
  friend class SharedStrings;
  std::vector<Block> blocks_;
  std::size_t count_ = 0;
  std::size_t reserve_chars_ = 0, reserve_count_ = 0;
};

inline std::string_view SharedStrings::view(std::size_t i) const {
  const Store& s = *store_;
  if (!s.packed) return s.strings[i];
  std::size_t k = 0;
  if (s.blocks.size() > 1)
    k = static_cast<std::size_t>(std::upper_bound(s.starts.begin() + 1, s.starts.end(), i) - s.starts.begin()) - 1;
  const Block& b = s.blocks[k];
  const std::size_t j = i - s.starts[k];
  const std::size_t from = j == 0 ? 0 : b.ends[j - 1];
  return {b.chars.data() + from, b.ends[j] - from};
}

}  // namespace staffeval
