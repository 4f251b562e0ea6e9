// The trend charts of a report without a goals file: the headline indicators of the seeds
// (readmissions 65+, discharge-ready days, coordination, stays per 100 000, liable days) for the
// whole region, every period of the report's type up to the report period.
#include <fmt/format.h>

#include "goals/number_format.hpp"
#include "goals/period_label.hpp"
#include "indicators/catalog.hpp"
#include "report/html.hpp"
#include "report/sections.hpp"
#include "report/svg_chart.hpp"

namespace nara::report::internal {

std::string AxisUnit(const std::string& indicator, bool sv) {
  const auto found = indicators::FindIndicator(indicator);
  if (!found) return {};
  const auto& info = indicators::Info(*found);
  // Means and totals of days say so; other means are per stay.
  const bool days = info.id.find("days") != std::string_view::npos ||
                    info.id.find("length_of_stay") != std::string_view::npos;
  switch (info.kind) {
    case indicators::Kind::kShare:
      return Tr(sv, "procent", "per cent");
    case indicators::Kind::kRate:
      return Tr(sv, "per 100 000 invånare", "per 100 000 inhabitants");
    case indicators::Kind::kMean:
      return days ? Tr(sv, "dagar (medelvärde)", "days (mean)") : Tr(sv, "medelvärde", "mean");
    case indicators::Kind::kCount:
      return days ? Tr(sv, "dagar", "days") : Tr(sv, "antal", "count");
  }
  return {};
}

void AddSeriesPoints(const std::vector<std::pair<Period, goals::Observation>>& series,
                     const Period& last, const std::map<std::string, double>* national,
                     TrendChart& chart) {
  for (const auto& [period, observation] : series) {
    if (period.last_month > last.last_month) continue;
    if (period == last) chart.highlight = static_cast<int>(chart.x_labels.size());
    chart.x_labels.push_back(period.Label());
    chart.months.push_back(period.first_month);
    chart.values.push_back(observation.suppressed ? std::nullopt
                                                  : std::optional<double>(observation.value));
    std::optional<double> nation;
    if (national != nullptr) {
      const auto found = national->find(period.Label());
      if (found != national->end()) nation = found->second;
    }
    chart.national.push_back(nation);
  }
}

void AppendTrendFigure(const std::string& series_id, const std::string& caption,
                       const TrendChart& chart, bool sv, std::string& out) {
  out += fmt::format("<figure class=\"chart\" data-series=\"{}\"><figcaption>{}</figcaption>",
                     Escape(series_id), Escape(caption));
  bool any_value = false;
  for (const auto& value : chart.values) any_value = any_value || value.has_value();
  if (chart.x_labels.empty()) {
    out += fmt::format("<p class=\"missing\">{}</p>",
                       Tr(sv, "Inga värden i indikatortabellen för denna serie.",
                          "No values in the indicator table for this series."));
  } else if (!any_value) {
    out += fmt::format("<p class=\"missing\">{}</p>",
                       Tr(sv, "Alla värden i serien är undertryckta (för få fall).",
                          "Every value of the series is suppressed (too few cases)."));
  } else {
    out += LineChart(chart);
  }
  out += "</figure>\n";
}

void HeadlineTrendSection(const ReportInput& in, std::string& out) {
  const bool sv = in.swedish;
  out += fmt::format("<section id=\"trends\"><h2>{}</h2>\n<p class=\"note\">{}</p>\n",
                     Tr(sv, "Utveckling över tid", "Trends"),
                     Tr(sv,
                        "Hela regionen. Varje punkt är en period av samma slag som "
                        "rapportperioden ur indikatortabellen; den markerade är rapportperioden.",
                        "The whole region. Each point is a period of the same type as the report "
                        "period, from the indicator table; the marked one is the report period."));
  const std::string region = in.extract->manifest.county;
  for (const char* indicator :
       {"readmission_30d_65plus", "ready_days_mean_somatic", "admission_notice_24h_share",
        "sip_share", "inpatient_stays_per_100k", "liable_days"}) {
    const auto found = indicators::FindIndicator(indicator);
    if (!found) continue;
    const auto& info = indicators::Info(*found);
    const std::string name(sv ? info.name_sv : info.name_en);
    TrendChart chart;
    chart.swedish = sv;
    chart.title = name;
    chart.value_label = Tr(sv, "Utfall", "Result");
    chart.national_label = Tr(sv, "Riket", "Nation");
    chart.y_unit = AxisUnit(indicator, sv);
    AddSeriesPoints(in.values->Series({indicator, "region", region, "all", "all"}, in.period.type),
                    in.period, nullptr, chart);
    AppendTrendFigure(fmt::format("{}|region|{}|all|all", indicator, region), name, chart, sv,
                      out);
  }
  out += "</section>\n";
}

}  // namespace nara::report::internal
