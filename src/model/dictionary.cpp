// Dictionary encoding of text columns.
#include "model/dictionary.hpp"

namespace nara::model {

Dictionary::Dictionary() { names_.emplace_back(); }

uint32_t Dictionary::Intern(std::string_view text) {
  if (text.empty()) return 0;
  const uint64_t hash = StringIndex::Hash(text);
  const uint32_t found =
      codes_.Find(text, hash, [this](uint32_t code) -> std::string_view { return names_[code]; });
  if (found != StringIndex::kNone) return found;
  const auto code = static_cast<uint32_t>(names_.size());
  names_.emplace_back(text);
  codes_.Insert(hash, code);
  return code;
}

uint32_t Dictionary::AddAbsent(std::string_view text) {
  const auto code = static_cast<uint32_t>(names_.size());
  names_.emplace_back(text);
  codes_.Insert(StringIndex::Hash(text), code);
  return code;
}

uint32_t Dictionary::Find(std::string_view text) const {
  if (text.empty()) return 0;
  // kNone is UINT32_MAX, the documented "absent".
  return codes_.Find(text, StringIndex::Hash(text),
                     [this](uint32_t code) -> std::string_view { return names_[code]; });
}

size_t Dictionary::MemoryBytes() const {
  // A name's characters are on the heap only beyond the string's inline (small-string) buffer.
  const size_t inline_capacity = std::string().capacity();
  size_t bytes = names_.capacity() * sizeof(std::string) + codes_.MemoryBytes();
  for (const auto& name : names_) {
    if (name.capacity() > inline_capacity) bytes += name.capacity() + 1;
  }
  return bytes;
}

}  // namespace nara::model
