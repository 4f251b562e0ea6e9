// The sections of the report, each appending its HTML to `out` (internal to the report module).
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "report/html_report.hpp"
#include "report/svg_chart.hpp"

namespace nara::report::internal {

void GoalSummarySection(const ReportInput& in, std::string& out);
void GoalTableSection(const ReportInput& in, std::string& out);
void TrendSection(const ReportInput& in, std::string& out);
// Without a goals file: the trends of the headline indicators for the whole region.
void HeadlineTrendSection(const ReportInput& in, std::string& out);
// The y axis's unit of an indicator's chart: "procent", "dagar", "per 100 000 invånare", ...
std::string AxisUnit(const std::string& indicator, bool swedish);
// Adds the series' periods up to `last` to the chart (a suppressed value is a gap), marking
// `last` and taking each period's national value from `national` when given.
void AddSeriesPoints(const std::vector<std::pair<Period, goals::Observation>>& series,
                     const Period& last, const std::map<std::string, double>* national,
                     TrendChart& chart);
// The chart as a figure with its caption; "no values" instead of an empty chart, and "every
// value suppressed" instead of a blank one.
void AppendTrendFigure(const std::string& series_id, const std::string& caption,
                       const TrendChart& chart, bool swedish, std::string& out);
void ReadmissionBySexSection(const ReportInput& in, std::string& out);
void MunicipalitySections(const ReportInput& in, std::string& out);
void CohortSection(const ReportInput& in, std::string& out);
void DataSection(const ReportInput& in, std::string& out);

// A value cell: the number as shown, with the table's 3-decimal value in data-value (for the
// browser test) and the indicator, unit and period it came from.
std::string ValueCell(const goals::Observation* observation, const std::string& indicator,
                      const std::string& unit, const std::string& period, bool swedish,
                      int decimals = 1);

}  // namespace nara::report::internal
