// Programme before/after (indicators.md §8, seed 000's mobile care team): emergency visits and
// acute admissions in the window before and after enrolment, the paired difference, and a
// matched comparison group of non-enrolled patients with the difference in differences, so the
// regression to the mean of a naive before/after is visible. See docs/cohort.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.hpp"
#include "goals/intervals.hpp"
#include "model/extract.hpp"

namespace nara::goals {

struct CohortOptions {
  std::string programme;
  int window_days = 365;
};

// Use in one window.
struct WindowUse {
  int64_t emergency_visits = 0;
  int64_t acute_admissions = 0;
};

// One enrolled patient (or their matched control) in the analysis.
struct CohortMember {
  uint32_t patient = 0;       // index into Extract::patients
  Date index_date = kNoDate;  // enrolment day (the control takes its patient's)
  WindowUse before;
  WindowUse after;
  int64_t control = -1;  // for an enrolled patient: index into CohortResult::controls, or -1
};

// Summary of one measure (emergency visits or acute admissions) for one group.
struct MeasureSummary {
  int64_t total_before = 0;
  int64_t total_after = 0;
  double mean_before = 0;
  double mean_after = 0;
  double mean_difference = 0;          // after - before, per patient
  Interval difference_interval{0, 0};  // 95 %, normal approximation of the paired mean
};

struct DiffInDiff {
  int64_t pairs = 0;
  double estimate = 0;  // mean over pairs of (enrolled after - before) - (control after - before)
  Interval interval{0, 0};
};

struct CohortResult {
  std::string programme;
  int window_days = 0;
  int64_t enrolled = 0;                // patients ever enrolled in the programme
  int64_t outside_coverage = 0;        // enrolled, but a window is not wholly inside coverage
  std::vector<CohortMember> members;   // enrolled patients analysed, in patient order
  std::vector<CohortMember> controls;  // matched non-enrolled patients
  MeasureSummary emergency;            // all members
  MeasureSummary admissions;
  MeasureSummary emergency_matched;  // members with a control, and their controls
  MeasureSummary admissions_matched;
  MeasureSummary control_emergency;
  MeasureSummary control_admissions;
  DiffInDiff did_emergency;
  DiffInDiff did_admissions;
};

// Runs the analysis. kNotFound when the programme is not in the extract (the message lists the
// programmes that are); kUsage for a window below 1 day.
Result<CohortResult> AnalyseProgramme(const model::Extract& extract, const CohortOptions& options);

// Age group of the indicator table for an age in years: 0-17, 18-64, 65-79, 80+.
const char* AgeGroupOf(int age);

// A bucket of prior use (emergency visits + acute admissions in the before window) used for
// matching: 0, 1, 2, 3-4, 5-7, 8+.
int PriorUseBucket(int64_t use);

}  // namespace nara::goals
