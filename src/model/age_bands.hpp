// The age bands of the indicator table (data contract §4.1), in output order: one table for the
// indicators (indicators/groups.hpp) and for ingest, which sums SCB's single ages into them.
#pragma once

#include <array>

namespace nara::model {

// `to` inclusive, -1 open.
struct AgeBand {
  const char* name;
  int from;
  int to;
};
inline constexpr std::array<AgeBand, 4> kAgeBands = {
    {{"0-17", 0, 17}, {"18-64", 18, 64}, {"65-79", 65, 79}, {"80+", 80, -1}}};

}  // namespace nara::model
