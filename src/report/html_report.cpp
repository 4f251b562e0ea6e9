// The report document: head, stylesheet, heading and the order of the sections.
#include "report/html_report.hpp"

#include <fmt/format.h>

#include "goals/period_label.hpp"
#include "report/html.hpp"
#include "report/sections.hpp"

namespace nara::report {
namespace {

// Screen and print (A4) styles. Colours of the status symbols are kept when printing.
constexpr const char* kStyle = R"css(
:root { --met:#2e7d32; --notyet:#f9a825; --notmet:#c62828; --na:#9e9e9e; --ink:#1a1a1a; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", Arial, Helvetica, sans-serif; color: var(--ink); margin: 0 auto;
       max-width: 1100px; padding: 24px; line-height: 1.4; font-size: 14px; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 19px; margin-top: 28px;
     border-bottom: 2px solid #ccc; padding-bottom: 4px; } h3 { font-size: 16px; margin: 18px 0 6px; }
.subtitle { color: #555; margin: 0 0 16px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 14px; }
th, td { border: 1px solid #ccc; padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #f0f0f0; } td.num, th.num { text-align: right; }
td.num { white-space: nowrap; } /* headers wrap, so a wide table fits the page and A4 */
td.period { white-space: nowrap; }
tr.goalrow td { background: #fafafa; font-weight: 600; }
.status { font-size: 18px; line-height: 1; }
.status.met { color: var(--met); } .status.not_yet_met { color: var(--notyet); }
.status.not_met { color: var(--notmet); } .status.not_assessed { color: var(--na); }
.pies { display: flex; flex-wrap: wrap; gap: 18px; }
.pies figure { margin: 0; width: 240px; text-align: center; }
.legend-box { display: inline-block; width: 10px; height: 10px; margin-right: 4px; }
figure.chart { margin: 8px 0 18px; break-inside: avoid; }
figure.chart figcaption { font-weight: 600; margin-bottom: 4px; }
svg.trend { width: 100%; max-width: 680px; height: auto; }
svg.trend .grid { stroke: #e3e3e3; } svg.trend text { font-size: 11px; fill: #444; }
svg.trend .ylab { text-anchor: end; } svg.trend .xlab { text-anchor: middle; }
svg.trend .yunit { font-style: italic; }
svg.trend .xlab.current { font-weight: 700; fill: #000; }
svg.trend polyline { fill: none; stroke-width: 2; }
svg.trend .value { stroke: #1565c0; stroke-width: 2.5; fill: none; }
svg.trend .point { fill: #1565c0; } svg.trend .point.current { fill: #0d3c78; }
svg.trend .national { stroke: #6a1b9a; stroke-dasharray: 6 3; fill: none; stroke-width: 2; }
svg.trend .ref.target { stroke: var(--met); stroke-dasharray: 2 3; stroke-width: 2; }
svg.trend .ref.base { stroke: #ef6c00; stroke-dasharray: 8 4; stroke-width: 1.5; }
.note { color: #555; font-size: 12px; } .missing { color: #777; font-style: italic; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; } table, figure, .pies { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)css";

}  // namespace

Result<Preset> PresetFor(const Period& period) {
  if (period.type == PeriodType::kMonth) return Preset::kMonthly;
  if (period.type == PeriodType::kTertial) return Preset::kTertial;
  return UsageError(
      fmt::format("--period {}: a report is monthly (e.g. 2022-03) or per tertial "
                  "(e.g. 2022-T1)",
                  period.Label()));
}

std::string RenderReport(const ReportInput& in) {
  const bool sv = in.swedish;
  const std::string kind = in.preset == Preset::kMonthly
                               ? Tr(sv, "Månadsrapport", "Monthly report")
                               : Tr(sv, "Tertialrapport", "Tertial report");
  const std::string title = in.goals != nullptr ? in.goals->title
                                                : Tr(sv, "Uppföljning av vårdövergångar",
                                                     "Follow-up of care transitions");
  std::string out;
  out.reserve(1 << 18);
  out += fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{} – {} – {}</title>\n<style>{}</style>\n</head>\n<body>\n",
      sv ? "sv" : "en", Escape(title), Escape(kind), Escape(in.period.Label()), kStyle);
  out += fmt::format("<header><h1>{}</h1><p class=\"subtitle\">{} · {} · {}</p></header>\n",
                     Escape(title), Escape(kind), Escape(in.extract->manifest.region),
                     Escape(goals::PeriodDisplayName(in.period, sv)));
  if (in.goals == nullptr) {
    out += fmt::format("<p class=\"missing\" id=\"no-goals\">{}</p>\n",
                       Tr(sv,
                          "Ingen målfil angavs: rapporten visar indikatorerna utan "
                          "målbedömning.",
                          "No goals file was given: the report shows the indicators "
                          "without assessment."));
    internal::HeadlineTrendSection(in, out);
  } else {
    internal::GoalSummarySection(in, out);
    internal::GoalTableSection(in, out);
    internal::TrendSection(in, out);
  }
  internal::ReadmissionBySexSection(in, out);
  internal::MunicipalitySections(in, out);
  internal::CohortSection(in, out);
  internal::DataSection(in, out);
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace nara::report
