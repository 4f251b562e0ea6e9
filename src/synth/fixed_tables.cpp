// population.csv, municipalities.csv and extract.toml.
#include "synth/fixed_tables.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <filesystem>

#include "synth/table_sink.hpp"

namespace nara::synth {
namespace {

std::string PathIn(const std::string& dir, const char* file) {
  return (std::filesystem::path(dir) / file).string();
}

struct Band {
  const char* from;
  const char* to;  // empty: an open band
  double share;    // of the population (Kalmar län, about 2021)
  double male;     // share of men in the band
};
constexpr std::array<Band, 4> kBands = {{
    {"0", "17", 0.195, 0.515},
    {"18", "64", 0.545, 0.51},
    {"65", "79", 0.185, 0.49},
    {"80", "", 0.075, 0.41},
}};

}  // namespace

Status WritePopulation(const std::string& dir, const RowFormat& format, const Region& region,
                       Date coverage_from, Date coverage_to, int64_t stays,
                       std::vector<Fault>* faults) {
  TableSink sink;
  const bool reg = format.register_dialect();
  NARA_RETURN_IF_ERROR(sink.Open(PathIn(dir, "population.csv"), reg, reg));
  const char d = format.delimiter();
  sink.buffer() += reg ? "AR;KOMMUN;KON;ALDER_FRAN;ALDER_TILL;ANTAL\n"
                       : "year,municipality,sex,age_from,age_to,count\n";
  NARA_RETURN_IF_ERROR(sink.EndRow());
  const double years = (coverage_to - coverage_from + 1) / 365.25;
  // 98 % of the stays are the region's own residents' (the rest live in other counties).
  const double inhabitants = 0.98 * static_cast<double>(stays) / years / 0.12;
  const int first_year = CivilFromDays(coverage_from).year;
  const int last_year = CivilFromDays(coverage_to).year;
  const int middle_year = (first_year + last_year) / 2;
  for (int year = first_year; year <= last_year; ++year) {
    const double growth = 1.0 + 0.002 * (year - middle_year);
    for (size_t m = 0; m < region.municipalities.size(); ++m) {
      const double share = region.cumulative_weight[m] - (m == 0 ? 0.0 : region.cumulative_weight[m - 1]);
      if (faults != nullptr && year == middle_year && m == region.municipalities.size() / 2) {
        const std::string& code = region.municipalities[m].code;
        faults->push_back({"population.csv", sink.next_line(), "count", "negative_count"});
        fmt::format_to(std::back_inserter(sink.buffer()), "{}{}{}{}{}{}0{}17{}-5\n", year, d, code,
                       d, format.Sex(true), d, d, d);
        NARA_RETURN_IF_ERROR(sink.EndRow());
        faults->push_back({"population.csv", sink.next_line(), "municipality",
                           "unknown_municipality"});
        fmt::format_to(std::back_inserter(sink.buffer()), "{}{}9999{}{}{}0{}17{}120\n", year, d,
                       d, format.Sex(true), d, d, d);
        NARA_RETURN_IF_ERROR(sink.EndRow());
        faults->push_back({"population.csv", sink.next_line(), "sex", "bad_code"});
        fmt::format_to(std::back_inserter(sink.buffer()), "{}{}{}{}X{}0{}17{}120\n", year, d, code,
                       d, d, d, d);
        NARA_RETURN_IF_ERROR(sink.EndRow());
      }
      for (const bool male : {true, false}) {
        for (const Band& band : kBands) {
          const double people = inhabitants * share * band.share *
                                (male ? band.male : 1.0 - band.male) * growth;
          fmt::format_to(std::back_inserter(sink.buffer()), "{}{}{}{}{}{}{}{}{}{}{}\n", year, d,
                         region.municipalities[m].code, d, format.Sex(male), d, band.from, d,
                         band.to, d, std::llround(people));
          NARA_RETURN_IF_ERROR(sink.EndRow());
        }
      }
    }
  }
  return sink.Close();
}

Status WriteMunicipalities(const std::string& dir, const RowFormat& format,
                           const Region& region) {
  TableSink sink;
  const bool reg = format.register_dialect();
  NARA_RETURN_IF_ERROR(sink.Open(PathIn(dir, "municipalities.csv"), reg, reg));
  const char d = format.delimiter();
  sink.buffer() += reg ? "KOMMUNKOD;NAMN;LAN;OMRADE\n" : "code,name,county,area\n";
  NARA_RETURN_IF_ERROR(sink.EndRow());
  for (const OwnMunicipality& m : region.municipalities) {
    fmt::format_to(std::back_inserter(sink.buffer()), "{}{}{}{}{}{}{}\n", m.code, d, m.name, d,
                   region.county, d, m.area);
    NARA_RETURN_IF_ERROR(sink.EndRow());
  }
  return sink.Close();
}

Status WriteManifest(const std::string& dir, const Region& region, const SynthOptions& options) {
  TableSink sink;
  NARA_RETURN_IF_ERROR(sink.Open(PathIn(dir, "extract.toml"), false, false));
  fmt::format_to(
      std::back_inserter(sink.buffer()),
      "# Synthetic extract written by `nara synth` (seed {}, {} stays, {} dialect): no real "
      "patients.\n"
      "region = \"{}\"\n"
      "county = \"{}\"\n"
      "coverage_from = {}\n"
      "coverage_to = {}\n"
      "created = {}T08:00:00\n",
      options.seed, options.stays,
      options.dialect == Dialect::kRegister ? "register" : "canonical", region.name,
      region.county, FormatDate(options.coverage_from), FormatDate(options.coverage_to),
      FormatDate(options.coverage_to + 20));
  NARA_RETURN_IF_ERROR(sink.EndRow());
  return sink.Close();
}

}  // namespace nara::synth
