// The public goal assessment under `nara serve --suppress N`: texts from public cells only.
#pragma once

#include <nlohmann/json.hpp>

#include "base/status.hpp"
#include "server/server_impl.hpp"

namespace nara::server {

// Makes the stored public goal assessment `body` (the members of /api/goals) safe when the
// server suppresses with another min count than the ingest did. The stored public texts were
// written from the table suppressed at the ingest's N; a stricter N hides more cells, and a
// goal's value, confidence interval, comparison with the base year or the year before and its
// status would then still tell the hidden counts. The rule, per goal with an indicator:
//  - the current cell (the goal's series in its period) hidden by `view`, or its own counts
//    small by the primary rule at `min_count`: value, numerator and denominator become null and
//    `suppressed` true;
//  - any of the cells the texts are written from hidden (the current cell, the base period's
//    and the same period a year earlier): status "not_assessed", the status text, `reason`
//    replaced by a fixed sentence, `comparison`, `base_value` and `national_comparison` null.
// The strategy counts are recounted from the statuses. Goals without an indicator (manual
// values) are left as stored: their suppression is the goals file's.
Status HidePublicGoalTexts(store::Store& store, int64_t extract_id, const PublicView& view,
                           int min_count, bool swedish, Json& body);

}  // namespace nara::server
