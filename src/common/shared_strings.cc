// SharedStrings: packing, unpacking, copy on write and equality across forms.
#include "staffeval/shared_strings.h"

#include <limits>
#include <stdexcept>

namespace staffeval {

namespace {

constexpr std::size_t kBlockLimit = std::numeric_limits<std::uint32_t>::max();

}  // namespace

void SharedStrings::Packer::push_back(std::string_view s) {
  if (s.size() > kBlockLimit) throw std::length_error("SharedStrings: a string of 4 GiB or more");
  if (blocks_.empty() || blocks_.back().chars.size() + s.size() > kBlockLimit) {
    Block& b = blocks_.emplace_back();
    b.chars.reserve(std::min(std::max(reserve_chars_, s.size()), kBlockLimit));
    b.ends.reserve(reserve_count_);
  }
  Block& b = blocks_.back();
  b.chars.append(s);
  b.ends.push_back(static_cast<std::uint32_t>(b.chars.size()));
  ++count_;
}

SharedStrings SharedStrings::packed(std::vector<Packer>&& parts) {
  auto store = std::make_shared<Store>();
  store->packed = true;
  for (Packer& part : parts) {
    for (Block& b : part.blocks_) {
      if (b.ends.empty()) continue;
      store->starts.push_back(store->count);
      store->count += b.ends.size();
      store->blocks.push_back(std::move(b));
    }
    part = Packer();
  }
  parts.clear();
  SharedStrings out;
  if (store->count > 0) out.store_ = std::move(store);
  return out;
}

const std::vector<std::string>& SharedStrings::vector() const {
  static const std::vector<std::string> none;
  if (!store_) return none;
  Store& s = *store_;
  if (s.packed) {
    std::call_once(s.once, [&] {
      s.strings.reserve(s.count);
      for (std::size_t i = 0; i < s.count; ++i) s.strings.emplace_back(view(i));
      s.unpacked.store(true, std::memory_order_release);
    });
  }
  return s.strings;
}

std::vector<std::string>& SharedStrings::edit() {
  if (!store_) {
    store_ = std::make_shared<Store>();
  } else if (store_->packed) {
    // Plain strings of its own (the packed blocks stay with any other holder).
    // Read through views: another holder's list stays packed.
    std::vector<std::string> strings;
    if (store_.use_count() == 1 && store_->unpacked.load(std::memory_order_acquire)) {
      strings = std::move(store_->strings);
    } else {
      strings.reserve(store_->count);
      for (std::size_t i = 0; i < store_->count; ++i) strings.emplace_back(view(i));
    }
    store_ = std::make_shared<Store>(std::move(strings));
  } else if (store_.use_count() > 1) {
    store_ = std::make_shared<Store>(store_->strings);
  }
  return store_->strings;
}

bool operator==(const SharedStrings& a, const SharedStrings& b) {
  if (a.shares(b)) return true;
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a.view(i) != b.view(i)) return false;
  return true;
}

bool operator==(const SharedStrings& a, const std::vector<std::string>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < b.size(); ++i)
    if (a.view(i) != b[i]) return false;
  return true;
}

}  // namespace staffeval
