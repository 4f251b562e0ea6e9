// The application layer's computation: the settlement of every whole month (once), the indicator
// table on it, and the store's view of that settlement. Shared by every command, the golden
// runners and the store's ingest.
#pragma once

#include <optional>
#include <vector>

#include "base/status.hpp"
#include "indicators/engine.hpp"
#include "run/open_run.hpp"
#include "settlement/settle.hpp"
#include "store/store.hpp"

namespace nara::run {

struct Computed {
  // Every month wholly inside coverage, settled with missing prices recorded (nullopt: the
  // coverage holds no whole month). The indicator table's liable_days/liable_amount come from it.
  std::optional<settlement::Settlement> whole_months;
  indicators::IndicatorTable table;  // unsuppressed
};

// Settles the whole months once and computes the indicator table on that settlement, with the
// standard periods and `extra_periods` (indicators::EngineOptions::extra_periods).
Result<Computed> Compute(const Run& run, const std::vector<Period>& extra_periods = {});

// The whole-month settlement as the store keeps it (codes and labels instead of indexes).
struct StoreSettlement {
  std::vector<store::SettlementSummaryRow> summary;
  std::vector<store::SettlementBasisRow> basis;
};
StoreSettlement ForStore(const model::Extract& extract,
                         const std::optional<settlement::Settlement>& settled);

}  // namespace nara::run
