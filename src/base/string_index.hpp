// An open-addressing hash index from strings to ids, for dictionaries that own their strings.
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace nara {

// Maps strings to caller-chosen ids (usually dense indices 0..n-1 into the caller's own arrays)
// without holding the strings: the caller keeps the text and hands Find an accessor from id to
// text. That keeps each string stored once, and a slot is 8 bytes instead of a node per entry.
//
// Each slot is (upper 32 bits of the hash) << 32 | (id + 1); 0 is empty. Slots are probed
// linearly from the position the 32-bit tag gives in a power-of-two table. Find compares the
// tag before the text, so a probe past a different key almost never touches the caller's
// strings. The table doubles when half full, placing the slots by their stored tags: growing
// never re-reads or re-hashes the strings. There is no erase.
//
// Not thread-safe: one writer, or many readers once filled.
class StringIndex {
 public:
  // What Find returns for absent text; also the one id Insert does not accept.
  static constexpr uint32_t kNone = UINT32_MAX;

  // A 64-bit hash of `text`, suited to short keys (codes, ids, identity numbers). Stable within
  // one process only (it reads the host's byte order): never store it.
  static uint64_t Hash(std::string_view text);

  // The id whose text equals `text`, or kNone. `hash` must be Hash(text). `key(id)` returns the
  // text of an inserted id as something comparable with std::string_view; it is called only for
  // ids whose tag matches.
  template <typename KeyOf>
  uint32_t Find(std::string_view text, uint64_t hash, KeyOf&& key) const {
    if (slots_.empty()) return kNone;
    const uint32_t tag = Tag(hash);
    for (size_t position = tag & mask_;; position = (position + 1) & mask_) {
      const uint64_t slot = slots_[position];
      if (slot == 0) return kNone;
      if (static_cast<uint32_t>(slot >> 32) == tag) {
        const uint32_t id = static_cast<uint32_t>(slot) - 1;
        if (std::string_view(key(id)) == text) return id;
      }
    }
  }

  // Adds `id` for a text with hash `hash`. Precondition: that text is absent (Find returned
  // kNone) and id != kNone; inserting a present text again leaves a shadowed duplicate.
  void Insert(uint64_t hash, uint32_t id) {
    assert(id != kNone);
    if (2 * (size_ + 1) > slots_.size()) Grow();
    Place(static_cast<uint64_t>(Tag(hash)) << 32 | (static_cast<uint64_t>(id) + 1));
    ++size_;
  }

  // Number of inserted ids.
  size_t size() const { return size_; }
  // Bytes of the slot table.
  size_t MemoryBytes() const { return slots_.capacity() * sizeof(uint64_t); }

 private:
  static uint32_t Tag(uint64_t hash) { return static_cast<uint32_t>(hash >> 32); }
  // Puts an occupied slot into the first free position from its tag's; capacity is there.
  void Place(uint64_t slot) {
    size_t position = static_cast<uint32_t>(slot >> 32) & mask_;
    while (slots_[position] != 0) position = (position + 1) & mask_;
    slots_[position] = slot;
  }
  void Grow();

  std::vector<uint64_t> slots_;  // empty until the first Insert, then a power of two
  size_t mask_ = 0;              // slots_.size() - 1
  size_t size_ = 0;
};

}  // namespace nara
