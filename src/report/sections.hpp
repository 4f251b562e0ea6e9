// The sections of the report, each appending its HTML to `out` (internal to the report module).
#pragma once

#include <string>

#include "report/html_report.hpp"

namespace nara::report::internal {

void GoalSummarySection(const ReportInput& in, std::string& out);
void GoalTableSection(const ReportInput& in, std::string& out);
void TrendSection(const ReportInput& in, std::string& out);
// Without a goals file: the trends of the headline indicators for the whole region.
void HeadlineTrendSection(const ReportInput& in, std::string& out);
// The y axis's unit of an indicator's chart: "procent", "dagar", "per 100 000 invånare", ...
std::string AxisUnit(const std::string& indicator, bool swedish);
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
