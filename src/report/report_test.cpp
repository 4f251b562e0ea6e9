// Tests of the report's charts and document: self-contained, escaped, the sections present.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/period.hpp"
#include "report/html.hpp"
#include "report/html_report.hpp"
#include "report/svg_chart.hpp"

namespace nara::report {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(SvgChartTest, PieSlicesAndFullCircle) {
  const std::string two = PieChart({{"Uppfyllt", 3, "#0a0"}, {"Inte", 1, "#a00"}}, "S", 100);
  EXPECT_EQ(std::count(two.begin(), two.end(), 'A'), 2);  // two arcs
  EXPECT_THAT(two, HasSubstr("<title>Uppfyllt: 3</title>"));
  const std::string one = PieChart({{"Uppfyllt", 2, "#0a0"}, {"Inte", 0, "#a00"}}, "S", 100);
  EXPECT_THAT(one, HasSubstr("<circle"));
  EXPECT_THAT(one, Not(HasSubstr("<path")));
  const std::string none = PieChart({{"Uppfyllt", 0, "#0a0"}}, "S", 100);
  EXPECT_THAT(none, HasSubstr("#e0e0e0"));
}

TEST(SvgChartTest, LineChartSpansNegativeValuesAndBreaksAtGaps) {
  TrendChart chart;
  chart.title = "Budget <mnkr>";
  chart.x_labels = {"2021-T2", "2022-T1", "2022-T2", "2022-T3"};
  chart.months = {24257, 24264, 24268, 24272};
  chart.values = {-8.5, -12.0, std::nullopt, -4.0};
  chart.national = {std::nullopt, std::nullopt, std::nullopt, std::nullopt};
  chart.lines = {{"Mål >= 0", 0, "target"}};
  chart.value_label = "Utfall";
  const std::string svg = LineChart(chart);
  EXPECT_THAT(svg, HasSubstr("Budget &lt;mnkr&gt;"));
  EXPECT_THAT(svg, HasSubstr(">\u221215<"));  // the axis reaches below the lowest value
  // The gap splits the line: one polyline of two points, one of a single point.
  size_t polylines = 0;
  for (size_t at = svg.find("<polyline"); at != std::string::npos;
       at = svg.find("<polyline", at + 1)) {
    ++polylines;
  }
  EXPECT_EQ(polylines, 2u);
}

TEST(HtmlTest, Escape) { EXPECT_EQ(Escape("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&#39;"); }

TEST(HtmlReportTest, WithoutGoalsAndWithoutData) {
  model::Extract extract;
  extract.manifest.region = "Region <Test>";
  extract.manifest.county = "08";
  extract.manifest.coverage_from = DaysFromCivil(2022, 1, 1);
  extract.manifest.coverage_to = DaysFromCivil(2022, 12, 31);
  indicators::IndicatorTable table;
  table.notes = {"a note"};
  goals::ValueTable values;
  ReportInput input;
  input.extract = &extract;
  input.table = &table;
  input.values = &values;
  input.period = *ParsePeriod("2022-03");
  input.preset = Preset::kMonthly;
  const std::string html = RenderReport(input);
  EXPECT_THAT(html, HasSubstr("<html lang=\"sv\">"));
  EXPECT_THAT(html, HasSubstr("Region &lt;Test&gt;"));
  EXPECT_THAT(html, HasSubstr("mars 2022"));
  EXPECT_THAT(html, HasSubstr("id=\"no-goals\""));
  EXPECT_THAT(html, HasSubstr("Inga värden för perioden i indikatortabellen."));
  EXPECT_THAT(html, HasSubstr("<li>a note</li>"));
  EXPECT_THAT(html, HasSubstr("@page { size: A4"));
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("<link")));
}

TEST(HtmlReportTest, PresetFromPeriod) {
  EXPECT_EQ(*PresetFor(*ParsePeriod("2022-T1")), Preset::kTertial);
  EXPECT_EQ(*PresetFor(*ParsePeriod("2022-03")), Preset::kMonthly);
  EXPECT_EQ(PresetFor(*ParsePeriod("2022")).status().code(), StatusCode::kUsage);
}

}  // namespace
}  // namespace nara::report
