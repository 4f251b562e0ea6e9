// Large blocks on transparent huge pages.
//
// Nära's columns, sort orders, accumulators and the indicator table are blocks of tens to
// hundreds of megabytes, each written once right after it is allocated. With 4 KiB pages every
// first write of a page is a page fault, and on the virtual machines Nära runs on a fault costs
// microseconds: at a million stays ~30 % of the run was spent faulting pages in (BENCHMARKS.md).
// Debian's kernels enable transparent huge pages only for memory that asks for them
// (`madvise` mode), so `nara` replaces the global `operator new` to ask, for blocks of 4 MiB and
// more, that the block be backed by 2 MiB pages: one fault instead of 512. Memory still comes
// from malloc and goes back through the standard `operator delete` (free), so nothing else
// changes; where the advice is not supported it is ignored.
//
// Not under AddressSanitizer, which must keep its own operator new to check new/delete pairs.
#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NARA_ADDRESS_SANITIZER 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define NARA_ADDRESS_SANITIZER 1
#endif

#if !defined(NARA_ADDRESS_SANITIZER)

namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;
constexpr std::size_t kAdviseFrom = std::size_t{4} << 20;

void* Allocate(std::size_t size) {
  void* block = std::malloc(size == 0 ? 1 : size);
  if (block == nullptr) throw std::bad_alloc();
#if defined(MADV_HUGEPAGE)
  if (size >= kAdviseFrom) {
    // The whole 2 MiB pages inside the block; the ends stay on small pages.
    const auto begin = reinterpret_cast<std::uintptr_t>(block);
    const std::uintptr_t first = (begin + kHugePage - 1) & ~(kHugePage - 1);
    const std::uintptr_t last = (begin + size) & ~(kHugePage - 1);
    if (last > first) (void)::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
  }
#endif
  return block;
}

}  // namespace

void* operator new(std::size_t size) { return Allocate(size); }
void* operator new[](std::size_t size) { return Allocate(size); }

#endif  // !defined(NARA_ADDRESS_SANITIZER)
