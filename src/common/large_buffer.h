// Large working buffers (private): memory mapped straight from the kernel. The contents start as
// the kernel's zero pages: no zero-filling pass by the library, and no value is ever read before it
// is written by the code that uses a buffer.
//
// Transparent huge pages are asked for only when STAFFEVAL_HUGE_PAGES=1 (huge_pages_requested()).
// They make touching hundreds of megabytes cost hundreds of page faults rather than hundreds of
// thousands, but a huge page takes a whole 2 MiB block of free memory, and where the host of a
// virtual machine takes such blocks back while they are free (free page reporting), touching them
// again makes the host back them first: 240 MB took 2.0-2.6 s on 2 MiB pages after a few seconds
// idle on the reference machine, against 0.15-0.19 s on 4 KiB pages (benchmarks/README.md).
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <new>
#include <type_traits>
#include <utility>

namespace staffeval::detail {

// Whether STAFFEVAL_HUGE_PAGES=1 asks for transparent huge pages (read once; unset, empty or 0:
// no). @throws OptionsError for any other value.
bool huge_pages_requested();

// Asks for transparent huge pages over the whole 2 MiB pages inside [p, p + bytes) of memory
// the caller owns (a large heap block not yet touched, say), when huge_pages_requested(): a hint,
// which a kernel that declines ignores.
inline void advise_huge_pages(void* p, std::size_t bytes) {
#ifdef MADV_HUGEPAGE
  if (!huge_pages_requested()) return;
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  const auto begin = (reinterpret_cast<std::uintptr_t>(p) + kHuge - 1) & ~(kHuge - 1);
  const auto end = (reinterpret_cast<std::uintptr_t>(p) + bytes) & ~(kHuge - 1);
  if (end > begin) (void)madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)p;
  (void)bytes;
#endif
}

// Maps in, for writing, every page that [p, p + bytes) touches, in one call
// (MADV_POPULATE_WRITE, Linux 5.14 and later) rather than one page fault per 4 KiB page as the
// pages are first written: the pages are the same, they only come faster (0.20-0.22 s for 240 MB
// on two threads here, against 0.38-0.49 s by faults). The memory must be the caller's, writable,
// and about to be written whole; a kernel without the call, or one that declines, leaves the
// pages to be faulted in as before.
inline void populate_for_writing(void* p, std::size_t bytes) {
#ifdef __linux__
  constexpr int kPopulateWrite = 23;  // MADV_POPULATE_WRITE, which older headers lack
  constexpr std::uintptr_t kPage = 4096;
  if (bytes < 4 * kPage) return;  // a fault or three: not worth a call
  const auto begin = reinterpret_cast<std::uintptr_t>(p) & ~(kPage - 1);
  const auto end = (reinterpret_cast<std::uintptr_t>(p) + bytes + kPage - 1) & ~(kPage - 1);
  (void)madvise(reinterpret_cast<void*>(begin), end - begin, kPopulateWrite);
#else
  (void)p;
  (void)bytes;
#endif
}

// Sets `v` to `count` copies of `value`, its storage offered huge pages (advise_huge_pages())
// before it is first touched (a vector of a million strings is 32 MB: a few dozen faults rather
// than 8,000).
template <class Vector, class Value>
void assign_huge(Vector* v, std::size_t count, const Value& value) {
  v->clear();
  v->shrink_to_fit();
  v->reserve(count);
  advise_huge_pages(v->data(), count * sizeof(typename Vector::value_type));
  populate_for_writing(v->data(), count * sizeof(typename Vector::value_type));
  v->assign(count, value);
}

// v->resize(count), the pages of the elements it adds mapped in first (populate_for_writing()):
// for a large vector of fresh memory about to be written whole.
template <class Vector>
void resize_for_writing(Vector* v, std::size_t count) {
  if (count <= v->size()) {
    v->resize(count);
    return;
  }
  v->reserve(count);
  populate_for_writing(v->data() + v->size(), (count - v->size()) * sizeof(typename Vector::value_type));
  v->resize(count);
}

template <class T>
class LargeBuffer {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>, "plain values only");

 public:
  LargeBuffer() = default;
  explicit LargeBuffer(std::size_t count) : size_(count) {
    if (count == 0) return;
    constexpr std::size_t kHuge = std::size_t{2} << 20;
    const std::size_t bytes = count * sizeof(T);
    const bool huge = huge_pages_requested() && bytes >= kHuge;
    bytes_ = huge ? bytes + kHuge : bytes;  // room to start on a huge page's boundary
    void* p = mmap(nullptr, bytes_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    base_ = p;
    auto* start = static_cast<unsigned char*>(p);
    if (huge) {
      start += (kHuge - reinterpret_cast<std::uintptr_t>(start) % kHuge) % kHuge;
      advise_huge_pages(start, bytes);
    }
    data_ = reinterpret_cast<T*>(start);
  }
  LargeBuffer(const LargeBuffer&) = delete;
  LargeBuffer& operator=(const LargeBuffer&) = delete;
  LargeBuffer(LargeBuffer&& o) noexcept { swap(o); }
  LargeBuffer& operator=(LargeBuffer&& o) noexcept {
    LargeBuffer(std::move(o)).swap(*this);
    return *this;
  }
  ~LargeBuffer() {
    if (base_) munmap(base_, bytes_);
  }

  T* data() { return data_; }
  const T* data() const { return data_; }
  std::size_t size() const { return size_; }
  T& operator[](std::size_t i) { return data_[i]; }
  const T& operator[](std::size_t i) const { return data_[i]; }

 private:
  void swap(LargeBuffer& o) noexcept {
    std::swap(base_, o.base_);
    std::swap(data_, o.data_);
    std::swap(size_, o.size_);
    std::swap(bytes_, o.bytes_);
  }
  void* base_ = nullptr;
  T* data_ = nullptr;
  std::size_t size_ = 0, bytes_ = 0;
};

}  // namespace staffeval::detail
