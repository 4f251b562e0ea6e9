// Names the file when a memory-mapped file is truncated while it is read, instead of a bare SIGBUS.
#pragma once

#include <cstddef>
#include <string_view>

namespace nara {

// Registers [begin, begin + size) as the mapping of `file_name`. When the file shrinks under its
// reader, touching a page past its new end raises SIGBUS; the handler installed by the first
// call then writes "nara: FILE: the file was truncated or rewritten while it was read; ..." to
// standard error and ends the process with exit code 3 (data contract §4.4: unusable input).
// Any other SIGBUS goes to the handler that was there before. Returns a slot for
// UnguardMapping, or -1 when every slot is taken (the mapping is then read unguarded).
// Thread-safe; the handler is async-signal-safe (it only reads the slots and writes).
int GuardMapping(const void* begin, size_t size, std::string_view file_name);

// Forgets the slot (before the mapping is unmapped). -1 is ignored.
void UnguardMapping(int slot);

}  // namespace nara
