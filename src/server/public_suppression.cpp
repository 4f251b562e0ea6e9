// Recomputing public suppression from the stored rows.
#include "server/public_suppression.hpp"

#include <string_view>

#include "base/period.hpp"
#include "indicators/catalog.hpp"
#include "indicators/groups.hpp"
#include "indicators/suppression.hpp"

namespace nara::server {
namespace {

// indicators::Row holds these as C strings with static lifetime.
const char* Interned(std::string_view text) {
  for (int type = 0; type < indicators::kUnitTypeCount; ++type) {
    const char* name = indicators::UnitTypeName(static_cast<indicators::UnitType>(type));
    if (text == name) return name;
  }
  for (const char* name : indicators::kSexGroupNames) {
    if (text == name) return name;
  }
  for (const char* name : indicators::kAgeGroupNames) {
    if (text == name) return name;
  }
  return "";
}

}  // namespace

Result<std::shared_ptr<const PublicSuppression::RowIds>> PublicSuppression::Hidden(
    store::Store& store, int64_t extract_id) {
  // One computation at a time: a second request for the same extract waits and reuses it.
  std::lock_guard lock(mutex_);
  if (auto found = cache_.find(extract_id); found != cache_.end()) return found->second;
  store::IndicatorQuery query;
  query.extract_id = extract_id;
  NARA_ASSIGN_OR_RETURN(auto records, store.Indicators(query));
  std::vector<indicators::Row> rows;
  std::vector<int64_t> row_ids;  // the stored row (rowid) of each row
  rows.reserve(records.size());
  row_ids.reserve(records.size());
  for (const auto& record : records) {
    const auto indicator = indicators::FindIndicator(record.indicator);
    const auto period = ParsePeriod(record.period);
    if (!indicator || !period) continue;
    rows.push_back({*indicator, *period, Interned(record.unit_type), record.unit,
                    Interned(record.sex), Interned(record.age_group), record.numerator,
                    record.denominator, false});
    row_ids.push_back(record.rowid);
  }
  indicators::Suppress(rows, min_count_);
  auto hidden = std::make_shared<RowIds>();
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].suppressed) hidden->insert(row_ids[i]);
  }
  cache_[extract_id] = hidden;
  return std::shared_ptr<const RowIds>(hidden);
}

}  // namespace nara::server
