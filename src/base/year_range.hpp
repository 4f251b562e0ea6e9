// The years Nära reads in any date, month or period label: one range for every parser.
#pragma once

namespace nara {

inline constexpr int kMinYear = 1800;
inline constexpr int kMaxYear = 2199;

}  // namespace nara
