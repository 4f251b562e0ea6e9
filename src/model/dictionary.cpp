// Dictionary encoding of text columns.
#include "model/dictionary.hpp"

namespace nara::model {

Dictionary::Dictionary() { names_.emplace_back(); }

uint32_t Dictionary::Intern(std::string_view text) {
  if (text.empty()) return 0;
  auto it = codes_.find(text);
  if (it != codes_.end()) return it->second;
  const auto code = static_cast<uint32_t>(names_.size());
  names_.emplace_back(text);
  codes_.emplace(std::string(text), code);
  return code;
}

uint32_t Dictionary::Find(std::string_view text) const {
  if (text.empty()) return 0;
  auto it = codes_.find(text);
  return it == codes_.end() ? UINT32_MAX : it->second;
}

size_t Dictionary::MemoryBytes() const {
  size_t bytes = names_.capacity() * sizeof(std::string) * 2 + codes_.bucket_count() * 8;
  for (const auto& name : names_) bytes += name.capacity() * 2;
  return bytes;
}

}  // namespace nara::model
