// A small handmade extract result for the store and server tests (header only, test use).
#pragma once

#include <string>

#include "base/period.hpp"
#include "indicators/suppression.hpp"
#include "store/store.hpp"

namespace nara::store::testing {

// Two municipalities of county 23 (2380 Östersund, 2361 Härjedalen) plus the region, two
// periods, readmission_30d and home_visits. `variant` 1 differs from 0 in a few cells: one
// numerator changed, one cell removed, and one added, all in 2022-01.
inline indicators::IndicatorTable MakeTable(int variant) {
  using indicators::Indicator;
  indicators::IndicatorTable table;
  auto add = [&](Indicator indicator, const std::string& period, const char* unit_type,
                 const std::string& unit, const char* sex, int64_t numerator, int64_t denominator) {
    table.rows.push_back({indicator, *ParsePeriod(period), unit_type, unit, sex, "all", numerator,
                          denominator, false});
  };
  for (const std::string period : {"2022-01", "2022-Q1"}) {
    const bool january = period == "2022-01";
    add(Indicator::kHomeVisits, period, "region", "23", "all", 40, 40);
    add(Indicator::kReadmission30d, period, "region", "23", "all", 30, 200);
    add(Indicator::kReadmission30d, period, "region", "23", "M", 18, 110);
    add(Indicator::kReadmission30d, period, "region", "23", "F", 12, 90);
    add(Indicator::kReadmission30d, period, "municipality", "2361", "all", 3, 40);
    add(Indicator::kReadmission30d, period, "municipality", "2380", "all",
        variant == 1 && january ? 28 : 27, 160);
    if (!(variant == 1 && january)) {
      add(Indicator::kReadmission30d, period, "municipality", "2380", "M", 15, 90);
    }
    if (variant == 1 && january) {
      add(Indicator::kReadmission30d, period, "municipality", "2380", "F", 13, 70);
    }
  }
  return table;
}

inline model::Extract MakeExtract() {
  model::Extract extract;
  extract.manifest.region = "Region Test";
  extract.manifest.county = "23";
  extract.municipalities = {{"2380", "Östersund", "23", ""}, {"2361", "Härjedalen", "23", ""}};
  return extract;
}

inline ingest::IngestReport MakeReport() {
  ingest::IngestReport report;
  ingest::TableCounts episodes;
  episodes.file = "episodes.csv";
  episodes.present = true;
  episodes.read = 1000;
  episodes.used = 998;
  episodes.encoding = "UTF-8";
  report.tables.push_back(episodes);
  report.reject_counts[{"episodes.csv", "bad_date"}] = 2;
  return report;
}

// Adds the handmade extract with public suppression at `min_count`.
inline Result<AddResult> AddTestExtract(Store& store, const std::string& checksum, int variant,
                                        int min_count = 5) {
  static const model::Extract kExtract = MakeExtract();
  static const ingest::IngestReport kReport = MakeReport();
  indicators::IndicatorTable table = MakeTable(variant);
  indicators::Suppress(table.rows, min_count);
  NewExtract record;
  record.info.checksum = checksum;
  record.info.config_hash = "c0ffee";
  record.info.region = "Region Test";
  record.info.county = "23";
  record.info.coverage_from = "2022-01-01";
  record.info.coverage_to = "2022-03-31";
  record.info.created = "2022-04-02T08:00";
  record.info.rows_read = 1000;
  record.info.rows_rejected = 2;
  record.info.public_min_count = min_count;
  record.extract = &kExtract;
  record.report = &kReport;
  record.table = &table;
  return store.AddExtract(record);
}

}  // namespace nara::store::testing
