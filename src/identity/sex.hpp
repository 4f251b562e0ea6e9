// Sex as an identity number states it (and, later, as the model records it).
#pragma once

#include <cstdint>

namespace nara::identity {

// Folkbokföringslagen: the ninth digit of the 10-digit form is odd for men, even for women. The
// values match model::Sex so that the two convert one to one.
enum class Sex : uint8_t { kUnknown = 0, kMale = 1, kFemale = 2 };

}  // namespace nara::identity
