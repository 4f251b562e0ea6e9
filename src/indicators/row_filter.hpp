// The rows of the indicator table a user asked for (`nara indicators --indicator ...
// --period-type ... --unit-type ... --unit ...`). Applied after suppression, so a filter never
// changes what is hidden: a narrower table shows the same cells as the whole one.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "base/status.hpp"
#include "indicators/engine.hpp"

namespace nara::indicators {

struct RowFilterOptions {
  std::vector<std::string> indicators;    // ids; empty: all
  std::vector<std::string> period_types;  // month, quarter, ...; empty: all
  std::vector<std::string> unit_types;    // region, county, ...; empty: all
  std::vector<std::string> units;         // unit ids (codes or names); empty: all
};

class RowFilter {
 public:
  // A usage error naming the first unknown indicator, period type or unit type.
  static Result<RowFilter> Make(const RowFilterOptions& options);

  bool empty() const;
  bool Keeps(const Row& row) const;
  // Removes the rows the filter does not keep, keeping the order; returns how many are left.
  size_t Apply(std::vector<Row>& rows) const;

 private:
  std::set<Indicator> indicators_;
  std::set<PeriodType> period_types_;
  std::set<std::string, std::less<>> unit_types_;
  std::set<std::string, std::less<>> units_;
};

}  // namespace nara::indicators
