// The string hash and table growth of StringIndex.
#include "base/string_index.hpp"

#include <bit>
#include <cstring>

namespace nara {
namespace {

// Odd 64-bit constants with well-spread bits (2^64 / golden ratio, and MurmurHash3's mixers).
constexpr uint64_t kMultiplyA = 0x9E3779B97F4A7C15;
constexpr uint64_t kMultiplyB = 0xC2B2AE3D27D4EB4F;
constexpr uint64_t kMixA = 0xFF51AFD7ED558CCD;
constexpr uint64_t kMixB = 0xC4CEB9FE1A85EC53;

// memcpy, not a cast: keys sit at any alignment inside CSV buffers.
uint64_t Load64(const char* bytes) {
  uint64_t value;
  std::memcpy(&value, bytes, sizeof(value));
  return value;
}

uint64_t Load32(const char* bytes) {
  uint32_t value;
  std::memcpy(&value, bytes, sizeof(value));
  return value;
}

uint64_t Byte(char c) { return static_cast<unsigned char>(c); }

// Folds one 8-byte chunk into the state. For a fixed state every step is a bijection of the
// chunk (xor, rotation and multiplication by an odd constant), so two keys that differ in one
// chunk cannot cancel there. The rotation brings the product's well-mixed high bits down before
// the next multiply, which only carries bits upward.
uint64_t Absorb(uint64_t state, uint64_t chunk) {
  return std::rotl(state ^ (chunk * kMultiplyB), 29) * kMultiplyA;
}

// MurmurHash3's finaliser: every input bit flips each output bit with probability near 1/2. The
// index takes both the position and the tag from the upper 32 bits, so they must depend on all
// of the key.
uint64_t Avalanche(uint64_t state) {
  state ^= state >> 33;
  state *= kMixA;
  state ^= state >> 33;
  state *= kMixB;
  state ^= state >> 33;
  return state;
}

}  // namespace

uint64_t StringIndex::Hash(std::string_view text) {
  const char* bytes = text.data();
  size_t length = text.size();
  // The length goes in first, so the overlapping tail loads below stay unambiguous.
  uint64_t state = Absorb(0, length);
  if (length >= 8) {
    for (; length > 8; bytes += 8, length -= 8) state = Absorb(state, Load64(bytes));
    // The last 8 bytes, overlapping the previous chunk when the length is not a multiple of 8:
    // one load instead of a byte loop.
    state = Absorb(state, Load64(bytes + length - 8));
  } else if (length >= 4) {
    state = Absorb(state, Load32(bytes) | Load32(bytes + length - 4) << 32);
  } else if (length > 0) {
    // 1 to 3 bytes: the first, middle and last cover all of them.
    state = Absorb(state,
                   Byte(bytes[0]) | Byte(bytes[length / 2]) << 8 | Byte(bytes[length - 1]) << 16);
  }
  return Avalanche(state);
}

void StringIndex::Grow() {
  constexpr size_t kInitialCapacity = 16;
  const size_t capacity = slots_.empty() ? kInitialCapacity : 2 * slots_.size();
  // Positions come from the 32-bit tag, so a larger table would leave slots unreachable.
  assert(capacity <= (size_t{1} << 32));
  std::vector<uint64_t> old(capacity, 0);
  old.swap(slots_);
  mask_ = capacity - 1;
  for (uint64_t slot : old) {
    if (slot != 0) Place(slot);
  }
}

}  // namespace nara
