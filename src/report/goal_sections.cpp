// The goal sections: summary with pie charts, the goal table, and the trend charts.
#include <fmt/format.h>

#include <set>

#include "base/period.hpp"
#include "goals/assessment_json.hpp"
#include "goals/number_format.hpp"
#include "report/html.hpp"
#include "report/sections.hpp"
#include "report/svg_chart.hpp"

namespace nara::report::internal {
namespace {

using goals::Assessment;
using goals::GoalStatus;

// Filled, half and empty circles: the status reads in black and white too.
const char* StatusSymbol(GoalStatus status) {
  switch (status) {
    case GoalStatus::kMet:
      return "\u25CF";
    case GoalStatus::kNotYetMet:
      return "\u25D1";
    case GoalStatus::kNotMet:
      return "\u25CB";
    case GoalStatus::kNotAssessed:
      return "\u2013";
  }
  return "";
}

const char* StatusColour(GoalStatus status) {
  switch (status) {
    case GoalStatus::kMet:
      return "#2e7d32";
    case GoalStatus::kNotYetMet:
      return "#f9a825";
    case GoalStatus::kNotMet:
      return "#c62828";
    case GoalStatus::kNotAssessed:
      return "#9e9e9e";
  }
  return "";
}

std::string ValueText(const goals::Assessment& a, double value, bool sv) {
  const goals::ValueKind kind = a.current ? a.current->kind : goals::ValueKind::kUnknown;
  std::string measure = goals::MeasureText(*a.goal, kind, sv);
  std::string text = goals::FormatNumber(value, goals::DisplayDecimals(kind, value), sv);
  if (!measure.empty()) text += "\u00a0" + measure;
  return text;
}

void GoalRow(const Assessment& a, bool sv, std::string& out) {
  const goals::ResultGoal& goal = *a.goal;
  const bool has_value = a.current && !a.current->suppressed;
  const std::string value_attr =
      has_value ? fmt::format(" data-value=\"{:.3f}\"", a.current->value) : "";
  std::string current = has_value   ? ValueText(a, a.current->value, sv)
                        : a.current ? Tr(sv, "undertryckt", "suppressed")
                                    : std::string(goal.indicator.empty() ? "" : "–");
  std::string base = "–";
  if (a.base && !a.base->suppressed) {
    base = fmt::format("{} ({})", ValueText(a, a.base->value, sv), goal.base_year.value_or(0));
  }
  // A national value from Kolada (nara report --national) names its source and year.
  const std::string national =
      !a.national                    ? "–"
      : goal.national_source.empty() ? ValueText(a, *a.national, sv)
                                     : ValueText(a, *a.national, sv) + " (" +
                                           goal.national_source + ")";
  // The latest assessable period is said beside the value (docs/goals.md).
  std::string period_cell = Escape(goal.indicator.empty() ? "–" : a.period.Label());
  if (!a.period_note.empty()) {
    period_cell += "<br><span class=\"note period-note\">" + Escape(a.period_note) + "</span>";
  }
  out += fmt::format(
      "<tr data-goal-id=\"{}\" data-status=\"{}\" data-indicator=\"{}\" data-unit=\"{}\" "
      "data-period=\"{}\"{}><td>{}</td><td>{}</td><td class=\"num\">{}</td><td "
      "class=\"period\">{}</td>"
      "<td class=\"num\">{}</td><td class=\"num\">{}</td><td><span class=\"status {}\" "
      "title=\"{}\">{}</span> {}</td><td>{}</td><td>{}</td></tr>\n",
      Escape(goal.id), goals::StatusId(a.status), Escape(goal.indicator), Escape(a.series.unit),
      Escape(a.period.Label()), value_attr,
      Escape(a.instance.empty() ? goal.name : goal.name + " – " + a.instance),
      Escape(goals::TargetText(goal, a.current ? a.current->kind : goals::ValueKind::kUnknown, sv)),
      Escape(current), period_cell, Escape(base),
      Escape(national), goals::StatusId(a.status), Escape(goals::StatusName(a.status, sv)),
      StatusSymbol(a.status), Escape(goals::StatusName(a.status, sv)),
      Escape(goal.base_year ? goals::TrendName(a.trend, sv) : "–"), Escape(a.reason));
}

}  // namespace

std::string ValueCell(const goals::Observation* o, const std::string& indicator,
                      const std::string& unit, const std::string& period, bool sv, int decimals) {
  const std::string attrs =
      fmt::format(" data-indicator=\"{}\" data-unit=\"{}\" data-period=\"{}\"", Escape(indicator),
                  Escape(unit), Escape(period));
  if (o == nullptr) return "<td class=\"num\"" + attrs + ">–</td>";
  if (o->suppressed) {
    return fmt::format("<td class=\"num\"{} title=\"{}\">*</td>", attrs,
                       Tr(sv, "undertryckt: för få fall", "suppressed: too few cases"));
  }
  return fmt::format("<td class=\"num\"{} data-value=\"{:.3f}\">{}</td>", attrs, o->value,
                     goals::FormatNumber(o->value, decimals, sv));
}

void GoalSummarySection(const ReportInput& in, std::string& out) {
  const bool sv = in.swedish;
  const auto counts = goals::CountByStrategy(*in.goals, in.assessments, sv);
  out += fmt::format("<section id=\"summary\"><h2>{}</h2>\n<p>{}</p>\n",
                     Tr(sv, "Sammanställning av måluppfyllelse", "Summary of goal attainment"),
                     Tr(sv,
                        "Måluppfyllelsen bedöms efter en skala i tre steg: ● resultatmålet är "
                        "uppfyllt; ◑ ännu inte uppfyllt (utvecklingen går åt rätt håll eller "
                        "åtgärder är påbörjade); ○ inte uppfyllt. – betyder att underlag "
                        "saknas.",
                        "Goals are assessed on a three-step scale: ● met; ◑ not yet met (moving "
                        "the right way or measures started); ○ not met. – means data are "
                        "missing."));
  const auto& total = counts.back();
  out += fmt::format(
      "<p id=\"trend-summary\" data-improved=\"{0}\" data-unchanged=\"{1}\" data-worsened=\"{2}\" "
      "data-no-comparison=\"{3}\">{4}</p>\n",
      total.improved, total.unchanged, total.worsened, total.no_comparison,
      goals::Localised(sv,
                       "Mot basåret är {} indikatorer förbättrade, {} oförändrade och {} "
                       "försämrade; {} saknar jämförelsevärde.",
                       "Against the base year {} indicators improved, {} are unchanged and {} "
                       "worsened; {} have no comparison value.",
                       total.improved, total.unchanged, total.worsened, total.no_comparison));
  if (total.assignments > 0) {
    out += fmt::format(
        "<p id=\"assignment-summary\" data-assignments=\"{}\">{}</p>\n", total.assignments,
        goals::Localised(sv,
                         "Uppdrag räknas för sig: {} uppdrag, varav {} uppfyllda, {} ännu inte "
                         "uppfyllda och {} inte uppfyllda.",
                         "Assignments are counted apart: {} assignments, {} met, {} not yet met "
                         "and {} not met.",
                         total.assignments, total.assignments_met, total.assignments_not_yet_met,
                         total.assignments_not_met));
  }
  const int national =
      total.better_than_national + total.equal_to_national + total.worse_than_national;
  if (national > 0) {
    out += fmt::format(
        "<p id=\"national-summary\" data-better=\"{}\" data-equal=\"{}\" "
        "data-worse=\"{}\">{}</p>\n",
        total.better_than_national, total.equal_to_national, total.worse_than_national,
        goals::Localised(sv,
                         "Mot riket (där målfilen har ett nationellt värde för perioden) ligger {} "
                         "bättre, {} lika och {} sämre.",
                         "Against the nation (where the goals file has a national value for the "
                         "period) {} are better, {} equal and {} worse.",
                         total.better_than_national, total.equal_to_national,
                         total.worse_than_national));
  }
  out += "<div class=\"pies\">\n";
  for (size_t s = 0; s + 1 < counts.size(); ++s) {
    const auto& c = counts[s];
    std::vector<PieSlice> slices = {
        {goals::StatusName(GoalStatus::kMet, sv), c.met, StatusColour(GoalStatus::kMet)},
        {goals::StatusName(GoalStatus::kNotYetMet, sv), c.not_yet_met,
         StatusColour(GoalStatus::kNotYetMet)},
        {goals::StatusName(GoalStatus::kNotMet, sv), c.not_met, StatusColour(GoalStatus::kNotMet)},
        {goals::StatusName(GoalStatus::kNotAssessed, sv), c.not_assessed,
         StatusColour(GoalStatus::kNotAssessed)}};
    out += fmt::format("<figure data-strategy=\"{}\">{}<figcaption>{}<br>", s,
                       PieChart(slices, c.name, 150), Escape(c.name));
    for (const auto& slice : slices) {
      if (slice.count == 0) continue;
      out += fmt::format("<span class=\"legend-box\" style=\"background:{}\"></span>{} {} ",
                         slice.colour, Escape(slice.label), slice.count);
    }
    out += "</figcaption></figure>\n";
  }
  out += "</div>\n";
  out += fmt::format(
      "<table id=\"strategy-counts\"><thead><tr><th>{}</th><th class=\"num\">{}</th>"
      "<th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th>"
      "<th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th>"
      "<th class=\"num\">{}</th></tr></thead><tbody>\n",
      Tr(sv, "Strategi", "Strategy"), goals::StatusName(GoalStatus::kMet, sv),
      goals::StatusName(GoalStatus::kNotYetMet, sv), goals::StatusName(GoalStatus::kNotMet, sv),
      goals::StatusName(GoalStatus::kNotAssessed, sv), Tr(sv, "Förbättrad", "Improved"),
      Tr(sv, "Oförändrad", "Unchanged"), Tr(sv, "Försämrad", "Worsened"),
      Tr(sv, "Utan jämförelse", "No comparison"));
  for (const auto& c : counts) {
    out += fmt::format(
        "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "</tr>\n",
        Escape(c.name), c.met, c.not_yet_met, c.not_met, c.not_assessed, c.improved, c.unchanged,
        c.worsened, c.no_comparison);
  }
  out += "</tbody></table></section>\n";
}

void GoalTableSection(const ReportInput& in, std::string& out) {
  const bool sv = in.swedish;
  out += fmt::format("<section id=\"goals\"><h2>{}</h2>\n", Tr(sv, "Resultatmål", "Result goals"));
  for (size_t s = 0; s < in.goals->strategies.size(); ++s) {
    const goals::Strategy& strategy = in.goals->strategies[s];
    out += fmt::format(
        "<h3>{}</h3>\n<table class=\"goal-table\"><thead><tr><th>{}</th><th>{}</th>"
        "<th class=\"num\">{}</th><th>{}</th><th class=\"num\">{}</th>"
        "<th class=\"num\">{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>"
        "<tbody>\n",
        Escape(strategy.name), Tr(sv, "Resultatmål", "Result goal"), Tr(sv, "Målvärde", "Target"),
        Tr(sv, "Utfall", "Result"), Tr(sv, "Period", "Period"), Tr(sv, "Basår", "Base year"),
        Tr(sv, "Riket", "Nation"), Tr(sv, "Status", "Status"), Tr(sv, "Mot basår", "Against base"),
        Tr(sv, "Motivering", "Reason"));
    for (size_t g = 0; g < strategy.goals.size(); ++g) {
      out +=
          fmt::format("<tr class=\"goalrow\"><td colspan=\"9\">{}: {}</td></tr>\n",
                      Tr(sv, "Strategiskt mål", "Strategic goal"), Escape(strategy.goals[g].name));
      for (const Assessment& a : in.assessments) {
        if (a.strategy == s && a.strategic_goal == g) GoalRow(a, sv, out);
      }
    }
    out += "</tbody></table>\n";
  }
  out += "</section>\n";
}

void TrendSection(const ReportInput& in, std::string& out) {
  const bool sv = in.swedish;
  out += fmt::format("<section id=\"trends\"><h2>{}</h2>\n<p class=\"note\">{}</p>\n",
                     Tr(sv, "Utveckling över tid", "Trends"),
                     Tr(sv,
                        "Varje punkt är en period av samma slag som rapportperioden ur "
                        "indikatortabellen; den markerade är rapportperioden. Streckade linjer: "
                        "målvärde, basår och riket.",
                        "Each point is a period of the same type as the report period, from the "
                        "indicator table; the marked one is the report period. Dashed lines: "
                        "target, base year and nation."));
  std::set<std::string> drawn;
  for (const Assessment& a : in.assessments) {
    const goals::ResultGoal& goal = *a.goal;
    if (goal.indicator.empty()) continue;
    const std::string id =
        fmt::format("{}|{}|{}|{}|{}|{}", a.series.indicator, a.series.unit_type, a.series.unit,
                    a.series.sex, a.series.age_group, static_cast<int>(a.period.type));
    if (!drawn.insert(id).second) continue;
    TrendChart chart;
    chart.swedish = sv;
    chart.title = goal.name;
    chart.value_label = Tr(sv, "Utfall", "Result");
    chart.national_label = Tr(sv, "Riket", "Nation");
    chart.y_unit = AxisUnit(a.series.indicator, sv);
    AddSeriesPoints(in.values->Series(a.series, a.period.type), a.period, &goal.national, chart);
    if (goal.target.kind == goals::TargetKind::kComparison) {
      chart.lines.push_back(
          {Tr(sv, "Mål ", "Target ") + goal.target.text, goal.target.threshold, "target"});
    }
    if (a.base && !a.base->suppressed) {
      chart.lines.push_back({fmt::format("{} {}", Tr(sv, "Basår", "Base year"), *goal.base_year),
                             a.base->value, "base"});
    }
    AppendTrendFigure(id, goal.name, chart, sv, out);
  }
  out += "</section>\n";
}

}  // namespace nara::report::internal
