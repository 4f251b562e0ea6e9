// `nara cohort EXTRACT --programme NAME [--window DAYS] [--format text|json] [--out FILE]`:
// programme before/after with a matched comparison group (docs/cohort.md).
#include <fmt/format.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "base/atomic_file.hpp"
#include "cli/commands.hpp"
#include "cli/main.hpp"
#include "goals/cohort.hpp"

namespace nara::cli {
namespace {

struct CohortCommandOptions {
  ExtractOptions extract;
  std::string programme;
  int window = 365;
  std::string format = "text";
  std::string out;
};

nlohmann::json MeasureJson(const goals::MeasureSummary& m) {
  return {{"total_before", m.total_before},
          {"total_after", m.total_after},
          {"mean_before", m.mean_before},
          {"mean_after", m.mean_after},
          {"mean_difference", m.mean_difference},
          {"difference_ci95", {m.difference_interval.low, m.difference_interval.high}}};
}

nlohmann::json CohortJson(const goals::CohortResult& r) {
  auto did = [](const goals::DiffInDiff& d) {
    return nlohmann::json{
        {"pairs", d.pairs}, {"estimate", d.estimate}, {"ci95", {d.interval.low, d.interval.high}}};
  };
  return {{"programme", r.programme},
          {"window_days", r.window_days},
          {"enrolled", r.enrolled},
          {"outside_coverage", r.outside_coverage},
          {"analysed", r.members.size()},
          {"matched", r.did_emergency.pairs},
          {"emergency_visits",
           {{"enrolled", MeasureJson(r.emergency)},
            {"enrolled_matched", MeasureJson(r.emergency_matched)},
            {"controls", MeasureJson(r.control_emergency)},
            {"difference_in_differences", did(r.did_emergency)}}},
          {"acute_admissions",
           {{"enrolled", MeasureJson(r.admissions)},
            {"enrolled_matched", MeasureJson(r.admissions_matched)},
            {"controls", MeasureJson(r.control_admissions)},
            {"difference_in_differences", did(r.did_admissions)}}}};
}

std::string MeasureText(const char* name, const goals::MeasureSummary& m) {
  return fmt::format("  {:<34} {:>7} {:>7} {:>9.2f} {:>9.2f} {:>9.2f}  [{:.2f}, {:.2f}]\n", name,
                     m.total_before, m.total_after, m.mean_before, m.mean_after, m.mean_difference,
                     m.difference_interval.low, m.difference_interval.high);
}

std::string CohortText(const goals::CohortResult& r) {
  std::string out = fmt::format(
      "Programme {}: {} patients enrolled, {} with both {}-day windows inside coverage "
      "({} outside), {} matched to a non-enrolled patient.\n\n",
      r.programme, r.enrolled, r.members.size(), r.window_days, r.outside_coverage,
      r.did_emergency.pairs);
  out += fmt::format("  {:<34} {:>7} {:>7} {:>9} {:>9} {:>9}  {}\n", "", "before", "after",
                     "mean bef", "mean aft", "diff", "95 % CI of diff");
  out += MeasureText("emergency visits, enrolled", r.emergency);
  out += MeasureText("acute admissions, enrolled", r.admissions);
  out += MeasureText("emergency visits, enrolled matched", r.emergency_matched);
  out += MeasureText("acute admissions, enrolled matched", r.admissions_matched);
  out += MeasureText("emergency visits, comparison", r.control_emergency);
  out += MeasureText("acute admissions, comparison", r.control_admissions);
  out += fmt::format(
      "\nDifference in differences per patient (enrolled - comparison, {} pairs):\n"
      "  emergency visits {:.2f} [{:.2f}, {:.2f}]\n"
      "  acute admissions {:.2f} [{:.2f}, {:.2f}]\n",
      r.did_emergency.pairs, r.did_emergency.estimate, r.did_emergency.interval.low,
      r.did_emergency.interval.high, r.did_admissions.estimate, r.did_admissions.interval.low,
      r.did_admissions.interval.high);
  return out;
}

Result<int> RunCohort(const CohortCommandOptions& options) {
  NARA_ASSIGN_OR_RETURN(auto run, run::OpenRun(RunOptionsFor(options.extract)));
  auto result = goals::AnalyseProgramme(run.extract(), {options.programme, options.window});
  if (!result.ok()) {
    // An unknown programme is a wrong argument, not unusable input.
    if (result.status().code() == StatusCode::kNotFound) {
      return UsageError("--programme: " + result.status().message());
    }
    return result.status();
  }
  const std::string text =
      options.format == "json" ? CohortJson(*result).dump(2) + "\n" : CohortText(*result);
  if (options.out.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
  } else {
    NARA_RETURN_IF_ERROR(WriteFileAtomically(options.out, text, "the cohort result"));
  }
  return kExitOk;
}

}  // namespace

Command AddCohortCommand(CLI::App& root) {
  auto options = std::make_shared<CohortCommandOptions>();
  CLI::App* app = root.add_subcommand(
      "cohort", "Programme before/after with a matched comparison group (docs/cohort.md)");
  AddExtractOptions(*app, options->extract);
  app->add_option("--programme", options->programme, "Programme name as in enrollments.csv")
      ->required();
  app->add_option("--window", options->window,
                  "Window before and after enrolment, days "
                  "(default 365)")
      ->check(CLI::Range(1, 3650));
  app->add_option("--format", options->format, "text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  app->add_option("--out", options->out, "Output file (default: standard output)");
  return {app, [options] { return RunCohort(*options); }};
}

}  // namespace nara::cli
