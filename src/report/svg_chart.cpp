// Pie and line charts as inline SVG.
#include "report/svg_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "goals/number_format.hpp"
#include "goals/value_table.hpp"
#include "report/html.hpp"

namespace nara::report {
namespace {

constexpr double kPi = 3.14159265358979323846;

// A "nice" step for about four grid intervals over `span`: 1, 2, 2.5 or 5 times a power of ten.
double NiceStep(double span) {
  if (span <= 0) return 1;
  const double raw = span / 4;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double step : {1.0, 2.0, 2.5, 5.0}) {
    if (step * power >= raw) return step * power;
  }
  return 10 * power;
}

int StepDecimals(double step) {
  if (std::fabs(step - std::round(step)) < 1e-9) return 0;
  if (std::fabs(step * 10 - std::round(step * 10)) < 1e-9) return 1;
  return 2;
}

std::string Polyline(const std::vector<std::optional<double>>& values,
                     const std::vector<double>& xs, const auto& y_of, const std::string& css) {
  // Gaps (no value) break the line into pieces.
  std::string out;
  std::string points;
  auto flush = [&] {
    if (!points.empty()) out += fmt::format("<polyline class=\"{}\" points=\"{}\"/>", css, points);
    points.clear();
  };
  for (size_t i = 0; i < values.size(); ++i) {
    if (!values[i]) {
      flush();
      continue;
    }
    points += fmt::format("{}{:.1f},{:.1f}", points.empty() ? "" : " ", xs[i], y_of(*values[i]));
  }
  flush();
  return out;
}

}  // namespace

std::string PieChart(const std::vector<PieSlice>& slices, const std::string& title, int size) {
  const double r = size / 2.0 - 2;
  const double c = size / 2.0;
  int total = 0;
  for (const auto& s : slices) total += s.count;
  std::string out = fmt::format(
      "<svg class=\"pie\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{0}\" "
      "viewBox=\"0 0 {0} {0}\" role=\"img\" aria-label=\"{1}\"><title>{1}</title>",
      size, Escape(title));
  if (total == 0) {
    out += fmt::format("<circle cx=\"{0}\" cy=\"{0}\" r=\"{1}\" fill=\"#e0e0e0\"/></svg>", c, r);
    return out;
  }
  double angle = -kPi / 2;  // start at twelve o'clock, clockwise
  for (const auto& s : slices) {
    if (s.count == 0) continue;
    const std::string tip = fmt::format("<title>{}: {}</title>", Escape(s.label), s.count);
    if (s.count == total) {
      out += fmt::format("<circle cx=\"{0}\" cy=\"{0}\" r=\"{1}\" fill=\"{2}\">{3}</circle>", c, r,
                         s.colour, tip);
      break;
    }
    const double sweep = 2 * kPi * s.count / total;
    const double x1 = c + r * std::cos(angle), y1 = c + r * std::sin(angle);
    const double x2 = c + r * std::cos(angle + sweep), y2 = c + r * std::sin(angle + sweep);
    out += fmt::format(
        "<path d=\"M{:.2f},{:.2f} L{:.2f},{:.2f} A{:.2f},{:.2f} 0 {} 1 {:.2f},{:.2f} Z\" "
        "fill=\"{}\" stroke=\"#fff\" stroke-width=\"1\">{}</path>",
        c, c, x1, y1, r, r, sweep > kPi ? 1 : 0, x2, y2, s.colour, tip);
    angle += sweep;
  }
  return out + "</svg>";
}

std::string LineChart(const TrendChart& chart) {
  constexpr double kWidth = 680, kHeight = 240;
  constexpr double kLeft = 56, kRight = 34, kTop = 30, kBottom = 46;
  const size_t n = chart.x_labels.size();
  // The y axis spans 0 and every value (budget deviations may be negative).
  double low = 0, high = 0;
  auto include = [&](double v) { low = std::min(low, v), high = std::max(high, v); };
  for (const auto& v : chart.values)
    if (v) include(*v);
  for (const auto& v : chart.national)
    if (v) include(*v);
  for (const auto& l : chart.lines) include(l.value);
  const double step = NiceStep(high - low);
  const double bottom = std::floor(low / step) * step;
  const double top = std::max(bottom + step, std::ceil(high * 1.02 / step) * step);
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  // x by month, so periods that are missing leave a gap instead of being squeezed out.
  std::vector<double> xs(n);
  const bool by_month =
      chart.months.size() == n && n > 1 && chart.months.back() > chart.months.front();
  for (size_t i = 0; i < n; ++i) {
    const double share = n == 1 ? 0.5
                         : by_month
                             ? static_cast<double>(chart.months[i] - chart.months.front()) /
                                   static_cast<double>(chart.months.back() - chart.months.front())
                             : static_cast<double>(i) / static_cast<double>(n - 1);
    xs[i] = kLeft + plot_w * share;
  }
  auto y_of = [&](double v) { return kTop + plot_h * (1 - (v - bottom) / (top - bottom)); };
  std::string out = fmt::format(
      "<svg class=\"trend\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" "
      "role=\"img\" aria-label=\"{}\"><title>{}</title>",
      kWidth, kHeight, Escape(chart.title), Escape(chart.title));
  const int decimals = StepDecimals(step);
  for (double v = bottom; v <= top + step / 2; v += step) {  // grid and y labels
    out += fmt::format(
        "<line class=\"grid\" x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\"/>"
        "<text class=\"ylab\" x=\"{}\" y=\"{:.1f}\">{}</text>",
        kLeft, kWidth - kRight, y_of(v), y_of(v), kLeft - 6, y_of(v) + 4,
        goals::FormatNumber(goals::RoundToTable(v), decimals, chart.swedish));
  }
  if (!chart.y_unit.empty()) {  // the unit above the y labels
    out += fmt::format("<text class=\"yunit\" x=\"{}\" y=\"{}\">{}</text>", 4, kTop - 16,
                       Escape(chart.y_unit));
  }
  const size_t every = std::max<size_t>(1, (n + 11) / 12);
  for (size_t i = 0; i < n; ++i) {
    if (i % every != 0 && static_cast<int>(i) != chart.highlight) continue;
    out += fmt::format("<text class=\"xlab{}\" x=\"{:.1f}\" y=\"{}\">{}</text>",
                       static_cast<int>(i) == chart.highlight ? " current" : "", xs[i],
                       kHeight - kBottom + 16, Escape(chart.x_labels[i]));
  }
  for (const auto& line : chart.lines) {
    out += fmt::format(
        "<line class=\"ref {}\" x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\">"
        "<title>{}</title></line>",
        line.css_class, kLeft, kWidth - kRight, y_of(line.value), y_of(line.value),
        Escape(line.label));
  }
  out += Polyline(chart.national, xs, y_of, "national");
  out += Polyline(chart.values, xs, y_of, "value");
  for (size_t i = 0; i < n; ++i) {
    if (!chart.values[i]) continue;
    out += fmt::format(
        "<circle class=\"point{}\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"{}\"><title>{}: "
        "{}</title></circle>",
        static_cast<int>(i) == chart.highlight ? " current" : "", xs[i], y_of(*chart.values[i]),
        static_cast<int>(i) == chart.highlight ? 4.5 : 2.5, Escape(chart.x_labels[i]),
        goals::FormatNumber(*chart.values[i], 1, chart.swedish));
  }
  // Legend under the axis.
  double x = kLeft;
  const double y = kHeight - 10;
  auto legend = [&](const std::string& css, const std::string& label) {
    out += fmt::format(
        "<line class=\"{}\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>"
        "<text class=\"legend\" x=\"{}\" y=\"{}\">{}</text>",
        css, x, x + 18, y - 4, y - 4, x + 22, y, Escape(label));
    x += 30 + 6.2 * static_cast<double>(label.size());
  };
  legend("value", chart.value_label);
  for (const auto& line : chart.lines) legend("ref " + line.css_class, line.label);
  bool any_national = false;
  for (const auto& v : chart.national) any_national = any_national || v.has_value();
  if (any_national) legend("national", chart.national_label);
  return out + "</svg>";
}

}  // namespace nara::report
