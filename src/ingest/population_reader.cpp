// population.csv: SCB population on 31 December by municipality, sex and age band (§1.7).
#include "ingest/municipality_table.hpp"
#include "ingest/table_readers.hpp"
#include "ingest/value_parsers.hpp"

namespace nara::ingest {
namespace {

enum Column : size_t { kYear, kMunicipality, kSex, kAgeFrom, kAgeTo, kCount };

}  // namespace

Status ReadPopulation(CsvReader& reader, const ReadContext& context, RawPopulation& out) {
  static const std::vector<ColumnSpec> kSpecs = {
      {"year", {"ar", "år"}, true},
      {"municipality", {"kommun", "lk", "kommunkod", "region"}, true},
      {"sex", {"kon", "kön"}, true},
      {"age_from", {"alder_fran", "ålder_från"}, true},
      {"age_to", {"alder_till", "ålder_till"}, true},
      {"count", {"antal", "folkmangd", "folkmängd"}, true},
  };
  return ScanTable(reader, kSpecs, out.log, out.counts, [&](RowContext& row) {
    auto year = ParseInteger(row.Get(kYear));
    if (!year || *year < 1800 || *year > 2199) {
      row.RejectBadValue(kYear, RejectCode::kBadNumber, "a year such as 2018");
      return false;
    }
    const int municipality = ReadMunicipalityColumn(row, kMunicipality, *context.municipalities);
    if (municipality < 0) return false;
    auto sex = model::ParseSex(row.Get(kSex));
    if (!sex) {
      row.RejectBadValue(kSex, RejectCode::kBadCode, "M/F");
      return false;
    }
    auto age_from = ParseInteger(row.Get(kAgeFrom));
    if (!age_from || *age_from < 0 || *age_from > 130) {
      row.RejectBadValue(kAgeFrom, RejectCode::kBadNumber, "whole years 0-130");
      return false;
    }
    int64_t age_to = -1;
    if (auto text = TrimBlanks(row.Get(kAgeTo)); !text.empty()) {
      auto parsed = ParseInteger(text);
      if (!parsed || *parsed < *age_from || *parsed > 130) {
        row.RejectBadValue(kAgeTo, RejectCode::kBadNumber,
                           "whole years from age_from to 130, or empty for an open band");
        return false;
      }
      age_to = *parsed;
    }
    auto count = ParseInteger(row.Get(kCount));
    if (!count) {
      row.RejectBadValue(kCount, RejectCode::kBadNumber, "a whole number");
      return false;
    }
    if (*count < 0) {
      row.Reject(kCount, RejectCode::kNegativeCount,
                 fmt::format("a population cannot be negative: {}", *count));
      return false;
    }
    out.rows.push_back({static_cast<int32_t>(*year), static_cast<uint16_t>(municipality), *sex,
                        static_cast<int16_t>(*age_from), static_cast<int16_t>(age_to), *count});
    return true;
  });
}

}  // namespace nara::ingest
