// The settlement's summary per municipality, care type and month, summed from the basis: used by
// the workbooks (settlement_workbook.cpp) and summary_by_care_type.csv (settlement_csv.cpp).
#pragma once

#include <cstdint>
#include <set>
#include <vector>

#include "model/extract.hpp"
#include "settlement/settle.hpp"

namespace nara::settlement {

// Sums of basis rows at one level of the summary: stays are a set, so a stay in several months
// (or rows) counts once.
struct Sums {
  std::set<uint32_t> stays;
  int64_t ready_days = 0, liable_days = 0, amount = 0;

  void Add(const BasisRow& row);
};

// Whether the municipality is in the region's county (a municipality without a county is taken
// by its code's first two digits).
bool InCounty(const model::Extract& x, uint16_t municipality);

struct SummaryLine {
  uint16_t municipality;
  model::CareType care_type;
  int month;
  Sums sums;
};

// The summary rows: per municipality (the county's own by code, then those outside the county
// by code), care type (somatic, psychiatric) and month. `only_municipality` >= 0 keeps one.
std::vector<SummaryLine> SummaryLines(const model::Extract& x, const Settlement& settlement,
                                      int only_municipality = -1);

}  // namespace nara::settlement
