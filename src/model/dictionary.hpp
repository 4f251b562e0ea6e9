// Dictionary encoding of text columns (hospital, clinic, diagnosis...) to small integer codes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/string_index.hpp"

namespace nara::model {

// Maps distinct strings to dense codes 1..size(); code 0 is the empty string ("no value").
// Codes are handed out in first-seen order, so a dictionary filled from one reader is
// deterministic. Each string is stored once, in names_; the index holds only hashes and codes.
// Not thread-safe: one writer, or many readers after filling.
class Dictionary {
 public:
  Dictionary();

  // Returns the code of `text`, adding it when new. Empty text is code 0.
  uint32_t Intern(std::string_view text);
  // Adds `text`, which must be non-empty and absent (Find said so), and returns its new code:
  // Intern without a second lookup.
  uint32_t AddAbsent(std::string_view text);
  // Code of `text`, or UINT32_MAX when absent.
  uint32_t Find(std::string_view text) const;
  const std::string& Name(uint32_t code) const { return names_[code]; }
  // Number of codes including 0.
  uint32_t size() const { return static_cast<uint32_t>(names_.size()); }
  const std::vector<std::string>& names() const { return names_; }
  size_t MemoryBytes() const;

 private:
  std::vector<std::string> names_;  // by code; names_[0] is ""
  StringIndex codes_;               // non-empty name -> its code (the index into names_)
};

}  // namespace nara::model
