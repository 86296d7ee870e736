/// @file shared_strings.h
/// A list of strings that tables and the results evaluated on them share instead of copying:
/// the unit ids and names.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace staffeval {

/// A list of strings shared between copies: copying one (a Table into another, a table's ids
/// into a ScoringResult) copies a pointer, not the strings. A million unit ids and names are
/// about 100 MB of strings and a million heap blocks; evaluating a table no longer copies them.
///
/// It reads as a `const std::vector<std::string>&` (it converts to one, and has size(), [],
/// begin() and end()). Changing it goes through edit(), which first gives this list a copy of
/// its own when another table or result shares it (copy on write), so a change made through one
/// holder never reaches another. Two lists are equal when they hold equal strings in the same
/// order (at once when they share them).
///
/// Like a std::vector, one list may be read from many threads at a time, but not read on one
/// while it is edited on another.
class SharedStrings {
 public:
  using value_type = std::string;
  using size_type = std::size_t;
  using const_iterator = std::vector<std::string>::const_iterator;
  using iterator = const_iterator;  ///< Read-only: change the strings through edit().

  SharedStrings() = default;
  /// Takes the strings over (no copy when moved in).
  SharedStrings(std::vector<std::string> strings)  // NOLINT: converts implicitly, as a vector would
      : strings_(strings.empty() ? nullptr : std::make_shared<std::vector<std::string>>(std::move(strings))) {}
  SharedStrings(std::initializer_list<std::string> strings) : SharedStrings(std::vector<std::string>(strings)) {}
  SharedStrings& operator=(std::vector<std::string> strings) {
    *this = SharedStrings(std::move(strings));
    return *this;
  }
  SharedStrings(const SharedStrings&) = default;
  SharedStrings(SharedStrings&&) noexcept = default;
  SharedStrings& operator=(const SharedStrings&) = default;
  SharedStrings& operator=(SharedStrings&&) noexcept = default;

  /// The strings, read-only.
  const std::vector<std::string>& vector() const { return strings_ ? *strings_ : empty_vector(); }
  operator const std::vector<std::string>&() const { return vector(); }  // NOLINT: reads as a vector

  /// The strings to change: copied first when shared, so that no other holder sees the change.
  /// The reference is good until this list is next copied or assigned.
  std::vector<std::string>& edit() {
    if (!strings_) strings_ = std::make_shared<std::vector<std::string>>();
    else if (strings_.use_count() > 1) strings_ = std::make_shared<std::vector<std::string>>(*strings_);
    return *strings_;
  }
  /// Empties this list (other holders keep theirs).
  void clear() { strings_.reset(); }

  std::size_t size() const { return strings_ ? strings_->size() : 0; }
  bool empty() const { return size() == 0; }
  const std::string& operator[](std::size_t i) const { return (*strings_)[i]; }
  const std::string& at(std::size_t i) const { return vector().at(i); }
  const std::string& front() const { return strings_->front(); }
  const std::string& back() const { return strings_->back(); }
  const std::string* data() const { return vector().data(); }
  const_iterator begin() const { return vector().begin(); }
  const_iterator end() const { return vector().end(); }

  /// Whether both hold the very same strings (not a copy): then they are equal without a look.
  bool shares(const SharedStrings& other) const { return strings_ == other.strings_; }

  friend bool operator==(const SharedStrings& a, const SharedStrings& b) {
    return a.shares(b) || a.vector() == b.vector();
  }
  friend bool operator!=(const SharedStrings& a, const SharedStrings& b) { return !(a == b); }
  friend bool operator==(const SharedStrings& a, const std::vector<std::string>& b) { return a.vector() == b; }
  friend bool operator==(const std::vector<std::string>& a, const SharedStrings& b) { return a == b.vector(); }
  friend bool operator!=(const SharedStrings& a, const std::vector<std::string>& b) { return !(a == b); }
  friend bool operator!=(const std::vector<std::string>& a, const SharedStrings& b) { return !(a == b); }

 private:
  static const std::vector<std::string>& empty_vector() {
    static const std::vector<std::string> none;
    return none;
  }
  std::shared_ptr<std::vector<std::string>> strings_;  // null: no strings
};

}  // namespace staffeval
