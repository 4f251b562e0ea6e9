// Faulting in a fresh buffer's pages on several threads.
#include "base/prefault.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <thread>
#include <vector>

namespace nara {

void PrefaultInParallel(void* data, size_t bytes, int threads) {
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
  constexpr size_t kWorthIt = size_t{8} << 20;
  if (bytes < kWorthIt || threads < 1) return;
  const auto page = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
  const uintptr_t first = (reinterpret_cast<uintptr_t>(data) + page - 1) & ~(page - 1);
  const uintptr_t last = (reinterpret_cast<uintptr_t>(data) + bytes) & ~(page - 1);
  if (last <= first) return;
  // Shares of whole 2 MiB blocks, so that huge pages are not split between threads.
  constexpr uintptr_t kBlock = uintptr_t{2} << 20;
  const uintptr_t blocks = (last - first + kBlock - 1) / kBlock;
  auto populate = [&](uintptr_t from_block, uintptr_t to_block) {
    const uintptr_t begin = first + from_block * kBlock;
    const uintptr_t end = std::min(last, first + to_block * kBlock);
    if (end > begin) {
      (void)::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_POPULATE_WRITE);
    }
  };
  std::vector<std::thread> pool;
  const auto count = static_cast<uintptr_t>(threads);
  for (uintptr_t t = 1; t < count; ++t) {
    pool.emplace_back(populate, blocks * t / count, blocks * (t + 1) / count);
  }
  populate(0, blocks / count);
  for (auto& thread : pool) thread.join();
#else
  (void)data;
  (void)bytes;
  (void)threads;
#endif
}

}  // namespace nara
