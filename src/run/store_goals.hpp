// The goal assessments `nara ingest --goals` stores: every month and tertial wholly inside the
// extract's coverage, for logged-in users and for the public, in Swedish and English.
#pragma once

#include <string>
#include <vector>

#include "base/status.hpp"
#include "goals/goals_file.hpp"
#include "indicators/engine.hpp"
#include "model/extract.hpp"
#include "store/store.hpp"

namespace nara::run {

// The goals file and the manual values as read (their text is hashed into the store's
// idempotence key: the same extract with other goals is another entry).
struct StoreGoalInputs {
  goals::GoalsFile goals;
  std::string goals_text;
  std::string manual_file;  // empty: none
  std::string manual_text;
  store::GoalSource source;
};

// Reads and checks the goals file and the manual values (`manual_file`, else the goals file's
// manual_values). A usage error naming the file when one cannot be read or is invalid.
Result<StoreGoalInputs> ReadStoreGoalInputs(const std::string& goals_file,
                                            const std::string& manual_file);

// Appends to `out` the assessment of every month and tertial wholly inside coverage, in both
// languages, for `audience` ("full": `table` unsuppressed; "public": `table` with the public
// suppression flags set). `follow_up_days` is nara.toml's readmission window: goals on the
// readmissions are assessed on the latest period with that follow-up (goals::AssessOptions).
Status AssessForStore(const StoreGoalInputs& inputs, const model::Extract& extract,
                      const indicators::IndicatorTable& table, const std::string& audience,
                      std::vector<store::GoalAssessmentRecord>* out, int follow_up_days = 30);

}  // namespace nara::run
