// Goal assessment rules (docs/goals.md "Assessment").
#include "goals/assessment.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "goals/number_format.hpp"
#include "goals/period_label.hpp"
#include "indicators/catalog.hpp"

namespace nara::goals {
namespace {

int64_t Thousandths(double value) { return std::llround(value * 1000.0); }

// Improved / unchanged / worsened of `current` against `reference`: a difference no larger than
// the tolerance is unchanged (exactly at the tolerance included). Compared in thousandths, the
// table's precision, so 15.9 - 15.4 is exactly 0.5.
Trend Compare(double current, double reference, Direction direction, double tolerance) {
  if (current == reference) return Trend::kUnchanged;
  const int64_t difference = Thousandths(current) - Thousandths(reference);
  if (std::llabs(difference) <= Thousandths(tolerance)) return Trend::kUnchanged;
  const bool good = direction == Direction::kDecrease ? difference < 0 : difference > 0;
  return good ? Trend::kImproved : Trend::kWorsened;
}

// The tolerance against the base: the absolute one or tolerance_percent of the base, the larger.
double BaseTolerance(const ResultGoal& goal, double base) {
  return std::max(goal.tolerance, goal.tolerance_percent / 100.0 * std::fabs(base));
}

bool MeetsComparison(double value, const Target& target) {
  const int64_t v = Thousandths(value);
  const int64_t t = Thousandths(target.threshold);
  switch (target.comparator) {
    case Comparator::kLess:
      return v < t;
    case Comparator::kLessEqual:
      return v <= t;
    case Comparator::kGreater:
      return v > t;
    case Comparator::kGreaterEqual:
      return v >= t;
  }
  return false;
}

bool Usable(const std::optional<Observation>& o) { return o && !o->suppressed; }

struct Writer {
  const ResultGoal& goal;
  ValueKind kind;
  bool sv;
  std::string Value(double value) const {
    const std::string measure = MeasureText(goal, kind, sv);
    const std::string number = FormatNumber(value, DisplayDecimals(kind, value), sv);
    if (measure.empty()) return number;
    return number + (measure == "%" ? "\u00a0%" : "\u00a0" + measure);
  }
  std::string Difference(double a, double b) const {
    const double d = std::fabs(RoundToTable(a - b));
    if (kind == ValueKind::kShare && goal.measure.empty()) {
      return FormatNumber(d, 1, sv) + (sv ? " procentenheter" : " percentage points");
    }
    return Value(d);
  }
};

std::optional<Observation> BaseFromFile(const ResultGoal& goal, ValueKind kind,
                                        const std::string& instance) {
  std::optional<double> value = goal.base_value;
  if (auto it = goal.base_values.find(instance); !instance.empty() && it != goal.base_values.end()) {
    value = it->second;
  }
  if (!value) return std::nullopt;
  Observation base;
  base.value = RoundToTable(*value);
  base.kind = kind;
  base.manual = true;
  if (goal.base_numerator) base.numerator = std::llround(*goal.base_numerator);
  if (goal.base_denominator) base.denominator = std::llround(*goal.base_denominator);
  return base;
}

// A rate per 100 000 of a period shorter than a year scaled to a year (x 12 / months); true when
// it was scaled.
bool Annualise(Observation& o, const Period& period) {
  const int months = period.last_month - period.first_month + 1;
  if (o.kind != ValueKind::kRate || months >= 12 || o.suppressed) return false;
  o.value = RoundToTable(o.value * 12.0 / months);
  return true;
}

void FindValues(const ResultGoal& goal, const ValueTable& values, Assessment& a) {
  if (goal.indicator.empty()) return;
  if (const Observation* o = values.Find(a.series, a.period.Label())) {
    a.current = *o;
    if (goal.annualise) a.annualised = Annualise(*a.current, a.period);
  }
  const Period before = ShiftYears(a.period, -1);
  if (const Observation* o = values.Find(a.series, before.Label())) a.year_before = *o;
  const ValueKind kind = a.current ? a.current->kind : ValueKind::kUnknown;
  if (goal.base_year) {
    const Period base =
        goal.base_whole_year
            ? Period{PeriodType::kYear, MonthIndex(*goal.base_year, 1),
                     MonthIndex(*goal.base_year, 12)}
            : ShiftYears(a.period, *goal.base_year - YearOfMonth(a.period.last_month));
    a.base_period = base.Label();
    if (const Observation* o = values.Find(a.series, base.Label())) {
      a.base = *o;
      // A part-year base of a table rate is scaled like the current value.
      if (goal.annualise) Annualise(*a.base, base);
    } else if ((a.base = BaseFromFile(goal, kind, a.instance))) {
      a.base_from_goals_file = true;
    }
  }
  if (auto it = goal.national.find(a.period.Label()); it != goal.national.end()) {
    a.national = it->second;
  }
}

// The target part of the reason; sets `met` when the target can be judged.
std::string JudgeTarget(const Assessment& a, const Writer& w, std::optional<bool>& met) {
  const ResultGoal& goal = *a.goal;
  const double value = a.current->value;
  const bool sv = w.sv;
  const TargetKind kind =
      goal.target.kind == TargetKind::kNone ? TargetKind::kBetterThanBase : goal.target.kind;
  if (kind == TargetKind::kComparison) {
    met = MeetsComparison(value, goal.target);
    const std::string measure = MeasureText(goal, w.kind, sv);
    const std::string target =
        goal.target.text + (measure.empty() ? "" : (measure == "%" ? "\u00a0" : " ") + measure);
    return Localised(sv, "Utfallet {} {} målvärdet {}.", "The result {} {} the target {}.",
                     w.Value(value),
                     *met ? (sv ? "når" : "meets") : (sv ? "når inte" : "does not meet"), target);
  }
  if (kind == TargetKind::kBetterThanBase) {
    if (!Usable(a.base)) {
      return Localised(sv,
                       "Värde för basåret ({}) saknas: varken indikatortabellen eller "
                       "målfilen (base_value) har det.",
                       "No value for the base year ({}): neither the indicator table nor "
                       "the goals file (base_value) has it.",
                       a.base_period);
    }
    met = a.trend == Trend::kImproved;
    const bool lower = goal.direction == Direction::kDecrease;
    return Localised(sv, "Utfallet {} är {}{} än basårets ({}) {}.",
                     "The result {} is {}{} than the base year's ({}) {}.", w.Value(value),
                     *met ? "" : (sv ? "inte " : "not "),
                     lower ? (sv ? "lägre" : "lower") : (sv ? "högre" : "higher"), *goal.base_year,
                     w.Value(a.base->value));
  }
  if (!a.national) {
    return Localised(sv, "Nationellt värde för {} saknas i målfilen (national).",
                     "No national value for {} in the goals file (national).", a.period.Label());
  }
  met = Compare(value, *a.national, goal.direction, 0) == Trend::kImproved;
  return Localised(sv, "Utfallet {} är {} än rikets {}.",
                   "The result {} is {} than the "
                   "national {}.",
                   w.Value(value),
                   *met ? (sv ? "bättre" : "better") : (sv ? "inte bättre" : "not better"),
                   w.Value(*a.national));
}

std::string TrendSentence(const Assessment& a, const Writer& w) {
  if (a.base_period.empty()) return "";
  const bool sv = w.sv;
  if (!Usable(a.base)) {
    return Localised(sv, " Jämförelsevärde för basåret {} saknas.",
                     " No comparison value for the base year {}.", *a.goal->base_year);
  }
  if (a.trend == Trend::kNoComparison) return "";
  std::string text =
      Localised(sv, " Mot basåret {} ({}{}): {}", " Against the base year {} ({}{}): {}",
                *a.goal->base_year, w.Value(a.base->value),
                a.base_from_goals_file ? (sv ? ", från målfilen" : ", from the goals file") : "",
                TrendName(a.trend, sv));
  const double tolerance = BaseTolerance(*a.goal, a.base->value);
  if (a.trend == Trend::kUnchanged && tolerance > 0) {
    text += Localised(sv, " (inom toleransen {})", " (within the tolerance {})",
                      a.goal->tolerance_percent > 0
                          ? FormatNumber(a.goal->tolerance_percent, 1, sv) + "\u00a0%"
                          : w.Value(tolerance));
  } else if (a.trend != Trend::kUnchanged) {
    text += Localised(sv, " med {}", " by {}", w.Difference(a.current->value, a.base->value));
    if (a.change_percent) {
      text += fmt::format(" ({}{}\u00a0%)", *a.change_percent > 0 ? "+" : "\u2212",
                          FormatNumber(std::fabs(*a.change_percent), 1, sv));
    }
  }
  if (a.base_significance == Significance::kSignificant) {
    text += sv ? "; skillnaden är statistiskt säkerställd (95 %)."
               : "; the difference is statistically significant (95 %).";
  } else if (a.base_significance == Significance::kNotSignificant) {
    text += sv ? "; skillnaden kan vara slumpmässig (inte statistiskt säkerställd)."
               : "; the difference may be chance (not statistically significant).";
  } else {
    text += ".";
  }
  return text;
}

std::string IntervalSentence(const Assessment& a, const Writer& w) {
  if (!a.current_interval) return "";
  return Localised(w.sv, " 95 % konfidensintervall {}–{}.", " 95 % confidence interval {}–{}.",
                   FormatNumber(RoundToTable(a.current_interval->low), 1, w.sv),
                   w.Value(RoundToTable(a.current_interval->high)));
}

// A goal on an indicator that needs follow-up moves back from a period whose follow-up reaches
// past coverage to the newest of its type that has it (docs/goals.md "Latest assessable period").
void LatestAssessable(const ResultGoal& goal, const AssessOptions& options, Assessment& a) {
  if (goal.manual || options.coverage_to == kNoDate) return;
  const auto indicator = indicators::FindIndicator(goal.indicator);
  if (!indicator || !indicators::Info(*indicator).needs_follow_up) return;
  auto followed = [&](const Period& p) {
    return LastDayOfMonth(p.last_month) + options.follow_up_days <= options.coverage_to;
  };
  std::optional<Period> period = a.period;
  // At most ten years back: past that no table has the period anyway.
  for (int step = 0; period && !followed(*period) && step < 120; ++step) {
    period = EarlierPeriod(*period);
  }
  if (!period || !followed(*period) || *period == a.period) return;
  a.period = *period;
  a.period_note = Localised(options.swedish, "senaste period med {} dagars uppföljning: {}",
                            "latest period with {} days of follow-up: {}", options.follow_up_days,
                            period->Label());
}

Assessment WithNote(Assessment a, const std::string& note) {
  a.reason = note + a.reason;
  return a;
}

}  // namespace

Period GoalPeriod(const ResultGoal& goal, const Period& report) {
  if (goal.period == "last_month") {
    return {PeriodType::kMonth, report.last_month, report.last_month};
  }
  if (goal.period == "rolling12") {
    return {PeriodType::kRolling12, report.last_month - 11, report.last_month};
  }
  if (goal.period != "report") {
    if (auto period = ParsePeriod(goal.period)) return *period;
  }
  return report;
}

int DisplayDecimals(ValueKind kind, double value) {
  if (kind == ValueKind::kCount) return 0;
  if (kind == ValueKind::kUnknown && Thousandths(value) % 1000 == 0) return 0;
  return 1;
}

std::string MeasureText(const ResultGoal& goal, ValueKind kind, bool swedish) {
  if (!goal.measure.empty()) return goal.measure;
  switch (kind) {
    case ValueKind::kShare:
      return "%";
    case ValueKind::kRate:
      return swedish ? "per 100\u00a0000" : "per 100,000";
    case ValueKind::kMean:
      return swedish ? "dagar" : "days";
    default:
      return "";
  }
}

std::string StatusName(GoalStatus status, bool sv) {
  switch (status) {
    case GoalStatus::kMet:
      return sv ? "Uppfyllt" : "Met";
    case GoalStatus::kNotYetMet:
      return sv ? "Ännu inte uppfyllt" : "Not yet met";
    case GoalStatus::kNotMet:
      return sv ? "Inte uppfyllt" : "Not met";
    case GoalStatus::kNotAssessed:
      return sv ? "Kan inte bedömas" : "Cannot be assessed";
  }
  return "";
}

std::string TrendName(Trend trend, bool sv) {
  switch (trend) {
    case Trend::kImproved:
      return sv ? "förbättrad" : "improved";
    case Trend::kUnchanged:
      return sv ? "oförändrad" : "unchanged";
    case Trend::kWorsened:
      return sv ? "försämrad" : "worsened";
    case Trend::kNoComparison:
      return sv ? "jämförelsevärde saknas" : "no comparison value";
  }
  return "";
}

namespace {

// The period a goal is assessed on: its own, moved back to the latest assessable one.
Assessment Started(const ResultGoal& goal, const AssessOptions& options) {
  Assessment a;
  a.goal = &goal;
  a.period = GoalPeriod(goal, options.report_period);
  a.asked_period = a.period;
  LatestAssessable(goal, options, a);
  return a;
}

Assessment AssessInstance(Assessment a, const ValueTable& values, const AssessOptions& options,
                          const std::string& unit, const std::string& sex,
                          const std::string& instance) {
  const ResultGoal& goal = *a.goal;
  const bool sv = options.swedish;
  a.instance = instance;
  a.series = {goal.indicator, goal.unit_type,
              unit.empty() && goal.unit_type == "region" ? options.region_unit : unit, sex,
              goal.age_group};
  FindValues(goal, values, a);
  const ValueKind kind = a.current ? a.current->kind : ValueKind::kUnknown;
  const Writer w{goal, kind, sv};
  if (Usable(a.current)) {
    // An annualised value is no longer numerator / denominator: no interval, no test.
    if (!a.annualised) a.current_interval = ValueInterval(*a.current);
    if (Usable(a.base)) {
      a.trend = Compare(a.current->value, a.base->value, goal.direction,
                        BaseTolerance(goal, a.base->value));
      if (!a.annualised) a.base_significance = DifferenceSignificance(*a.current, *a.base);
      a.change = RoundToTable(a.current->value - a.base->value);
      if (a.base->value != 0) {
        a.change_percent = RoundToTable(100.0 * (a.current->value - a.base->value) /
                                        std::fabs(a.base->value));
      }
    }
    if (a.national) {
      a.national_comparison = Compare(a.current->value, *a.national, goal.direction, 0);
    }
  }
  const std::string comment = goal.comment.empty() ? "" : " " + goal.comment;
  // The period's note leads the reason, so the reader sees first which period is assessed.
  const std::string note = a.period_note.empty()
                               ? std::string()
                               : Localised(sv, "Bedömt på {} (begärd period {}). ",
                                           "Assessed on the {} (period asked for {}). ",
                                           a.period_note, a.asked_period.Label());
  if (goal.manual_status) {
    a.status = *goal.manual_status;
    a.reason = (sv ? "Bedömt av verksamheten." : "Assessed by hand.") + comment;
    if (Usable(a.current)) a.reason += TrendSentence(a, w);
    return WithNote(std::move(a), note);
  }
  if (!a.current) {
    a.reason = Localised(sv,
                         "Inget värde för {} ({}, enhet {}) i indikatortabellen eller "
                         "bland de manuella värdena.",
                         "No value for {} ({}, unit {}) in the indicator table or the "
                         "manual values.",
                         a.period.Label(), goal.indicator, a.series.unit);
    return WithNote(std::move(a), note);
  }
  if (a.current->suppressed) {
    a.reason =
        Localised(sv, "Värdet för {} är undertryckt (för få fall för att redovisas).",
                  "The value for {} is suppressed (too few cases to show).", a.period.Label());
    return WithNote(std::move(a), note);
  }
  std::optional<bool> met;
  std::string reason = JudgeTarget(a, w, met);
  if (!met) {
    a.reason = reason + TrendSentence(a, w);
    return WithNote(std::move(a), note);
  }
  if (*met) {
    a.status = GoalStatus::kMet;
  } else {
    // "Not yet met" = on track: moving the right way against the same period a year earlier
    // (else against the base year), or measures are started (seed 004's scale).
    bool moving = false;
    std::string against;
    if (Usable(a.year_before)) {
      moving = Compare(a.current->value, a.year_before->value, goal.direction, goal.tolerance) ==
               Trend::kImproved;
      against = Localised(sv, "samma period året före ({})",
                          "the same period a year "
                          "earlier ({})",
                          w.Value(a.year_before->value));
    } else if (Usable(a.base) && goal.target.kind != TargetKind::kBetterThanBase &&
               goal.target.kind != TargetKind::kNone) {
      moving = a.trend == Trend::kImproved;
      against = sv ? "basåret" : "the base year";
    }
    if (moving) {
      a.status = GoalStatus::kNotYetMet;
      reason += Localised(sv, " Utvecklingen går åt rätt håll jämfört med {}.",
                          " It is moving the right way compared with {}.", against);
    } else if (goal.measures_started) {
      a.status = GoalStatus::kNotYetMet;
      reason += sv ? " Åtgärder är påbörjade." : " Measures are started.";
    } else {
      a.status = GoalStatus::kNotMet;
      if (!against.empty()) {
        reason += Localised(sv, " Ingen förbättring jämfört med {}.",
                            " No improvement compared with {}.", against);
      }
    }
  }
  a.reason = reason + IntervalSentence(a, w) + TrendSentence(a, w) + comment;
  if (a.annualised) {
    a.reason += sv ? " Värdena är omräknade till helårstakt (× 12 / antal månader)."
                   : " The values are annualised (× 12 / number of months).";
  }
  return WithNote(std::move(a), note);
}

}  // namespace

Assessment AssessGoal(const ResultGoal& goal, const ValueTable& values,
                      const AssessOptions& options) {
  return AssessInstance(Started(goal, options), values, options, goal.unit, goal.sex, "");
}

std::vector<Assessment> AssessExpanded(const ResultGoal& goal, const ValueTable& values,
                                       const AssessOptions& options) {
  std::vector<Assessment> out;
  if (goal.unit != "each" && goal.sex != "each") {
    out.push_back(AssessGoal(goal, values, options));
    return out;
  }
  const Assessment started = Started(goal, options);
  std::vector<std::string> sexes = {goal.sex};
  if (goal.sex == "each") sexes = {"M", "F"};
  std::vector<std::string> units = {goal.unit};
  if (goal.unit == "each") {
    units = values.Units(goal.indicator, goal.unit_type, started.period.Label());
    if (units.empty()) {
      // Nothing to expand into: one "cannot be assessed" that says so.
      Assessment a = AssessInstance(started, values, options, "", sexes.front(), "");
      a.status = GoalStatus::kNotAssessed;
      a.reason = Localised(options.swedish, "Ingen enhet av typen {} har ett värde för {}.",
                           "No unit of type {} has a value for {}.", goal.unit_type,
                           started.period.Label());
      out.push_back(std::move(a));
      return out;
    }
  }
  for (const std::string& unit : units) {
    for (const std::string& sex : sexes) {
      const std::string instance = goal.unit == "each" && goal.sex == "each" ? unit + " " + sex
                                   : goal.unit == "each"                     ? unit
                                                                             : sex;
      out.push_back(AssessInstance(started, values, options, unit, sex, instance));
    }
  }
  return out;
}

std::vector<Assessment> Assess(const GoalsFile& goals, const ValueTable& values,
                               const AssessOptions& options) {
  std::vector<Assessment> out;
  for (size_t s = 0; s < goals.strategies.size(); ++s) {
    const Strategy& strategy = goals.strategies[s];
    for (size_t g = 0; g < strategy.goals.size(); ++g) {
      for (const ResultGoal& goal : strategy.goals[g].results) {
        for (Assessment& a : AssessExpanded(goal, values, options)) {
          a.strategy = s;
          a.strategic_goal = g;
          out.push_back(std::move(a));
        }
      }
    }
  }
  return out;
}

std::vector<StrategyCounts> CountByStrategy(const GoalsFile& goals,
                                            const std::vector<Assessment>& assessments,
                                            bool swedish) {
  std::vector<StrategyCounts> counts(goals.strategies.size() + 1);
  for (size_t s = 0; s < goals.strategies.size(); ++s) counts[s].name = goals.strategies[s].name;
  counts.back().name = swedish ? "Totalt" : "Total";
  for (const Assessment& a : assessments) {
    for (StrategyCounts* c : {&counts[a.strategy], &counts.back()}) {
      if (a.goal->assignment) {
        ++c->assignments;
        c->assignments_met += a.status == GoalStatus::kMet;
        c->assignments_not_yet_met += a.status == GoalStatus::kNotYetMet;
        c->assignments_not_met += a.status == GoalStatus::kNotMet;
        continue;
      }
      switch (a.status) {
        case GoalStatus::kMet:
          ++c->met;
          break;
        case GoalStatus::kNotYetMet:
          ++c->not_yet_met;
          break;
        case GoalStatus::kNotMet:
          ++c->not_met;
          break;
        case GoalStatus::kNotAssessed:
          ++c->not_assessed;
          break;
      }
      c->better_than_national += a.national_comparison == Trend::kImproved;
      c->equal_to_national += a.national_comparison == Trend::kUnchanged;
      c->worse_than_national += a.national_comparison == Trend::kWorsened;
      // Improved / unchanged / worsened against the base year, and "no comparison value" only
      // for a goal that has a base year but no base value (seed 003's footnote).
      if (!a.goal->base_year) continue;
      switch (a.trend) {
        case Trend::kImproved:
          ++c->improved;
          break;
        case Trend::kUnchanged:
          ++c->unchanged;
          break;
        case Trend::kWorsened:
          ++c->worsened;
          break;
        case Trend::kNoComparison:
          ++c->no_comparison;
          break;
      }
    }
  }
  return counts;
}

std::string TargetText(const ResultGoal& goal, ValueKind kind, bool swedish) {
  const bool sv = swedish;
  const char* better =
      goal.direction == Direction::kDecrease ? (sv ? "Lägre" : "Lower") : (sv ? "Högre" : "Higher");
  switch (goal.target.kind) {
    case TargetKind::kComparison: {
      const std::string measure = MeasureText(goal, kind, sv);
      return goal.target.text + (measure.empty() ? "" : "\u00a0" + measure);
    }
    case TargetKind::kBetterThanBase:
      return Localised(sv, "{} än basår {}", "{} than base year {}", better,
                       goal.base_year.value_or(0));
    case TargetKind::kBetterThanNational:
      return sv ? "Bättre än riket" : "Better than the nation";
    case TargetKind::kNone:
      if (goal.base_year) {
        return Localised(sv, "{} än basår {}", "{} than base year {}", better, *goal.base_year);
      }
      return sv ? "Uppdrag" : "Assignment";
  }
  return "";
}

}  // namespace nara::goals
