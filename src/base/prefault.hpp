// Faulting in a fresh buffer's pages ahead of writing it, on several threads.
#pragma once

#include <cstddef>

namespace nara {

// Asks the kernel to back [data, data + bytes) with zeroed pages now, `threads` threads each
// taking a share, so that the thread that fills the buffer next does not take a page fault per
// page (on virtual machines a first touch is costly; spread over cores it takes less wall
// time). Only for memory the caller owns and has not written yet. Best effort: a no-op where the
// kernel lacks MADV_POPULATE_WRITE (Linux < 5.14) or for small buffers.
void PrefaultInParallel(void* data, size_t bytes, int threads);

}  // namespace nara
