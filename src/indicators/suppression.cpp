// Primary and secondary suppression.
#include "indicators/suppression.hpp"

#include <cstring>
#include <map>
#include <string>
#include <tuple>

#include "base/period.hpp"

namespace nara::indicators {
namespace {

bool Primary(const Row& row, int min_count) {
  const bool small_numerator = row.numerator > 0 && row.numerator < min_count;
  const bool small_denominator =
      Info(row.indicator).kind != Kind::kRate && row.denominator < min_count;
  return small_numerator || small_denominator;
}

// Hides one more sibling when exactly one of `members` is hidden; returns whether it did.
bool Protect(std::vector<Row>& rows, const std::vector<size_t>& members) {
  size_t hidden = 0;
  for (size_t index : members) hidden += rows[index].suppressed ? 1u : 0u;
  if (hidden != 1 || members.size() < 2) return false;
  size_t best = SIZE_MAX;
  for (size_t index : members) {
    if (rows[index].suppressed) continue;
    if (best == SIZE_MAX || rows[index].numerator < rows[best].numerator) best = index;
  }
  if (best == SIZE_MAX) return false;
  rows[best].suppressed = true;
  return true;
}

}  // namespace

int64_t Suppress(std::vector<Row>& rows, int min_count) {
  if (min_count <= 0) return 0;
  for (auto& row : rows) row.suppressed = Primary(row, min_count);
  // Sibling sets. Key: everything but the varying dimension.
  using Key = std::tuple<int, std::string, std::string, std::string, std::string>;
  std::map<Key, std::vector<size_t>> by_sex, by_age;
  std::map<std::tuple<int, std::string, std::string, std::string, std::string>,
           std::vector<size_t>> by_county;
  // Keyed by the period's label, as the sets have always been ordered (the order in which
  // siblings are protected decides which cell is hidden second).
  PeriodLabelCache labels;
  for (size_t i = 0; i < rows.size(); ++i) {
    const Row& row = rows[i];
    const int indicator = static_cast<int>(row.indicator);
    const std::string& period = labels.LabelOf(row.period);
    const std::string unit_key = std::string(row.unit_type) + "/" + row.unit;
    if (std::strcmp(row.sex, "all") != 0) {
      by_sex[{indicator, period, unit_key, row.age_group, ""}].push_back(i);
    }
    if (std::strcmp(row.age_group, "all") != 0) {
      by_age[{indicator, period, unit_key, row.sex, ""}].push_back(i);
    }
    if (std::strcmp(row.unit_type, "municipality") == 0) {
      by_county[{indicator, period, row.unit.substr(0, 2), row.sex, row.age_group}].push_back(i);
    }
  }
  bool changed = true;
  while (changed) {
    changed = false;
    for (auto* sets : {&by_sex, &by_age, &by_county}) {
      for (const auto& [key, members] : *sets) changed = Protect(rows, members) || changed;
    }
  }
  int64_t suppressed = 0;
  for (const auto& row : rows) suppressed += row.suppressed ? 1 : 0;
  return suppressed;
}

}  // namespace nara::indicators
