// Recomputing public suppression from the stored rows.
#include "server/public_suppression.hpp"

#include <string_view>

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
  auto records = store.Indicators(query);
  if (!records.ok()) return records.status();
  std::vector<indicators::Row> rows;
  rows.reserve(records->size());
  for (const auto& record : *records) {
    const auto indicator = indicators::FindIndicator(record.indicator);
    if (!indicator) continue;
    rows.push_back({*indicator, record.period, Interned(record.unit_type), record.unit,
                    Interned(record.sex), Interned(record.age_group), record.numerator,
                    record.denominator, false});
  }
  indicators::Suppress(rows, min_count_);
  auto hidden = std::make_shared<RowIds>();
  size_t row_index = 0;
  for (const auto& record : *records) {
    if (!indicators::FindIndicator(record.indicator)) continue;
    if (rows[row_index++].suppressed) hidden->insert(record.rowid);
  }
  cache_[extract_id] = hidden;
  return std::shared_ptr<const RowIds>(hidden);
}

}  // namespace nara::server
