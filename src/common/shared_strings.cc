// SharedStrings: packing, unpacking, copy on write and equality across forms.
#include "staffeval/shared_strings.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstring>
#include <limits>
#include <new>
#include <stdexcept>

namespace staffeval {

namespace {

constexpr std::size_t kBlockLimit = std::numeric_limits<std::uint32_t>::max();

// Reservations from 1 MiB up are mapped: untouched pages cost nothing, the tail goes back whole.
constexpr std::size_t kMapFrom = std::size_t{1} << 20;

std::size_t page_size() {
  static const auto size = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  return size;
}

// The strings of a list as plain strings, read through views (a packed list stays packed).
std::vector<std::string> plain_copy(const SharedStrings& list) {
  std::vector<std::string> out;
  out.reserve(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) out.emplace_back(list.view(i));
  return out;
}

// The bytes reserved for characters by blocks of packed strings.
template <class Blocks>
std::size_t reserved_bytes(const Blocks& blocks) {
  std::size_t bytes = 0;
  for (const auto& b : blocks) bytes += b.chars.capacity();
  return bytes;
}

}  // namespace

void SharedStrings::Chars::release() noexcept {
  if (!data_) return;
  if (mapped_) ::munmap(data_, capacity_);
  else delete[] data_;
  data_ = nullptr;
  size_ = capacity_ = 0;
  mapped_ = false;
}

void SharedStrings::Chars::reserve(std::size_t bytes) {
  if (bytes <= capacity_) return;
  char* fresh = nullptr;
  bool mapped = false;
  if (bytes >= kMapFrom) {
    bytes = (bytes + page_size() - 1) / page_size() * page_size();
    void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    fresh = static_cast<char*>(p);
    mapped = true;
  } else {
    fresh = new char[bytes];
  }
  if (size_) std::memcpy(fresh, data_, size_);
  const std::size_t size = size_;
  release();
  data_ = fresh;
  size_ = size;
  capacity_ = bytes;
  mapped_ = mapped;
}

void SharedStrings::Chars::append(std::string_view s) {
  if (size_ + s.size() > capacity_) reserve(std::max({size_ + s.size(), 2 * capacity_, std::size_t{256}}));
  if (!s.empty()) std::memcpy(data_ + size_, s.data(), s.size());
  size_ += s.size();
}

void SharedStrings::Chars::trim() {
  if (mapped_) {
    // The pages past the last one written go back to the kernel where they stand.
    const std::size_t keep = std::max(page_size(), (size_ + page_size() - 1) / page_size() * page_size());
    if (keep < capacity_) {
      ::munmap(data_ + keep, capacity_ - keep);
      capacity_ = keep;
    }
  } else if (capacity_ > size_ + size_ / 8 + 256) {
    Chars exact;
    exact.data_ = new char[std::max<std::size_t>(size_, 1)];
    exact.capacity_ = std::max<std::size_t>(size_, 1);
    if (size_) std::memcpy(exact.data_, data_, size_);
    exact.size_ = size_;
    swap(exact);
  }
}

std::size_t SharedStrings::Packer::reserved() const { return reserved_bytes(blocks_); }

std::size_t SharedStrings::packed_bytes() const {
  return store_ && store_->packed ? reserved_bytes(store_->blocks) : 0;
}

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
      b.chars.trim();
      if (b.ends.capacity() > b.ends.size() + b.ends.size() / 8 + 64) b.ends.shrink_to_fit();
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
      s.strings = plain_copy(*this);
      s.unpacked.store(true, std::memory_order_release);
    });
  }
  return s.strings;
}

std::vector<std::string>& SharedStrings::edit() {
  if (!store_) {
    store_ = std::make_shared<Store>();
  } else if (store_->packed) {
    // Plain strings of its own; the packed blocks stay with any other holder, still packed.
    const bool alone = store_.use_count() == 1 && store_->unpacked.load(std::memory_order_acquire);
    store_ = std::make_shared<Store>(alone ? std::move(store_->strings) : plain_copy(*this));
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
