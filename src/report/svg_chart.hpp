// Inline SVG charts for the report: a pie per strategy and a trend line with reference lines.
// Pure functions of their input, no scripts, no external resources, so the HTML prints as is.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace nara::report {

struct PieSlice {
  std::string label;
  int count = 0;
  std::string colour;  // CSS colour
};

// A pie of the slices with count > 0 (a single full slice is a circle), with an accessible
// title; an empty grey circle when all counts are zero.
std::string PieChart(const std::vector<PieSlice>& slices, const std::string& title, int size);

struct ReferenceLine {
  std::string label;  // "Mål < 17", "Basår 2014", shown in the legend
  double value = 0;
  std::string css_class;  // target, base
};

struct TrendChart {
  std::string title;
  std::vector<std::string> x_labels;            // one per period
  std::vector<int> months;                      // first month index of each period (x position)
  std::vector<std::optional<double>> values;    // the indicator; nullopt = no value
  std::vector<std::optional<double>> national;  // national values per period, may be all empty
  std::vector<ReferenceLine> lines;             // horizontal lines
  std::string value_label;                      // legend text of the main line
  std::string y_unit;                           // the y axis's unit ("procent", "dagar"); may be empty
  std::string national_label;
  bool swedish = true;
  int highlight = -1;  // index of the report's period
};

// A line chart with y from 0 (values are shares, rates, means or counts) to a rounded maximum.
std::string LineChart(const TrendChart& chart);

}  // namespace nara::report
