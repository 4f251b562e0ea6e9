// population.csv / population.json: SCB population on 31 December by municipality, sex and age
// (data contract §1.7), in three forms: the contract's banded table; SCB's table BE0101N1 as
// downloaded from the statistical database (CSV: region, ålder, kön, one column per year or a
// year column, optional title lines); and JSON-stat2 as SCB's API returns it. Single ages are
// summed into the bands of model/age_bands.hpp; total rows only cross-check (docs/input_formats.md).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <tuple>
#include <unordered_map>

#include "base/file.hpp"
#include "base/text_encoding.hpp"
#include "ingest/municipality_table.hpp"
#include "ingest/table_readers.hpp"
#include "ingest/value_parsers.hpp"
#include "model/age_bands.hpp"

namespace nara::ingest {
namespace {

enum Column : size_t { kYear, kMunicipality, kSex, kAgeFrom, kAgeTo, kCount };

const std::vector<ColumnSpec>& BandedSpecs() {
  static const std::vector<ColumnSpec> kSpecs = {
      {"year", {"ar", "år"}, true},
      {"municipality", {"kommun", "lk", "kommunkod", "region"}, true},
      {"sex", {"kon", "kön"}, true},
      {"age_from", {"alder_fran", "ålder_från"}, true},
      {"age_to", {"alder_till", "ålder_till"}, true},
      {"count", {"antal", "folkmangd", "folkmängd"}, true},
  };
  return kSpecs;
}

Status ReadBanded(CsvReader& reader, const ReadContext& context, RawPopulation& out) {
  return ScanTable(reader, BandedSpecs(), out.log, out.counts,
                   context.MappingFor(out.log.file()), [&](RowContext& row) {
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

// ---- SCB's forms -------------------------------------------------------------------------

std::string AsciiLower(std::string_view text) {
  std::string lower(TrimBlanks(text));
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

bool AllDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(),
                                      [](char c) { return c >= '0' && c <= '9'; });
}

// The oldest single age SCB gives: "100+ år" is 100 and over.
constexpr int kOldestAge = 100;
constexpr int kTotal = -1;  // an age or sex that is SCB's total

enum class RegionKind : uint8_t { kMunicipality, kCounty, kCountry };
struct ScbRegion {
  RegionKind kind;
  std::string code;  // 4 digits, 2 digits, or "00"
};

// "2380 Östersund", "2380", "23 Jämtlands län", "00 Riket", "Riket".
std::optional<ScbRegion> ParseScbRegion(std::string_view text) {
  text = TrimBlanks(text);
  size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0) {
    if (AsciiLower(text) == "riket") return ScbRegion{RegionKind::kCountry, "00"};
    return std::nullopt;
  }
  if (digits < text.size() && text[digits] != ' ') return std::nullopt;
  const std::string code(text.substr(0, digits));
  if (digits == 4) return ScbRegion{RegionKind::kMunicipality, code};
  if (digits == 2) return ScbRegion{code == "00" ? RegionKind::kCountry : RegionKind::kCounty, code};
  return std::nullopt;
}

// "0 år" ... "99 år", "100+ år" (also without " år", and SCB's API keys "0", "100+"), and
// "totalt ålder" / "totalt" / "tot": kTotal.
std::optional<int> ParseScbAge(std::string_view text) {
  std::string lower = AsciiLower(text);
  if (lower == "tot" || lower.rfind("totalt", 0) == 0) return kTotal;
  static constexpr std::string_view kYears = "\xC3\xA5r";  // "år"
  if (lower.size() >= kYears.size() && lower.compare(lower.size() - kYears.size(),
                                                     kYears.size(), kYears) == 0) {
    lower.resize(lower.size() - kYears.size());
    while (!lower.empty() && lower.back() == ' ') lower.pop_back();
  }
  if (lower == "100+") return kOldestAge;
  if (!AllDigits(lower) || lower.size() > 2) return std::nullopt;
  return std::stoi(lower);
}

// "män" / "kvinnor" / "totalt" (SCB's labels), "1" / "2" / "1+2" (its codes): 1, 2, kTotal.
std::optional<int> ParseScbSex(std::string_view text) {
  const std::string lower = AsciiLower(text);
  if (lower == "m\xC3\xA4n" || lower == "1" || lower == "man" || lower == "m") return 1;
  if (lower == "kvinnor" || lower == "2" || lower == "kvinna" || lower == "k" || lower == "f") {
    return 2;
  }
  if (lower == "totalt" || lower == "1+2" || lower == "tot" || lower == "m\xC3\xA4n och kvinnor") {
    return kTotal;
  }
  return std::nullopt;
}

const char* SexText(int sex) { return sex == 1 ? "män" : sex == 2 ? "kvinnor" : "totalt"; }
std::string AgeText(int age) {
  if (age == kTotal) return "totalt ålder";
  return age == kOldestAge ? "100+ år" : fmt::format("{} år", age);
}

// A row of an SCB file: a CSV line (with its year columns) or one value of a JSON-stat file.
struct ScbRow {
  int64_t line;
  std::string text;       // for rejects.csv
  bool rejected = false;
};

// One number of an SCB file.
struct ScbCell {
  int year;
  ScbRegion region;
  int municipality;  // index in the municipality table; -1 for a county or the country
  int age;           // 0..kOldestAge, or kTotal
  int sex;           // 1, 2 or kTotal
  int64_t count;
  uint32_t row;
  std::string column;  // the column (CSV) or value[i] (JSON) the number is in
};

// Collects the cells of one SCB file, then checks and sums them into the bands (Finish).
class ScbTable {
 public:
  ScbTable(const ReadContext& context, RawPopulation& out, bool json)
      : context_(context), out_(out), json_(json) {}

  uint32_t AddRow(int64_t line, std::string text) {
    rows_.push_back({line, std::move(text), false});
    return static_cast<uint32_t>(rows_.size() - 1);
  }
  void AddCell(ScbCell cell) { cells_.push_back(std::move(cell)); }

  // Rejects duplicates, rows of incomplete bands and total rows that do not match their parts,
  // and appends one population row per year, municipality, sex and whole band.
  void Finish() {
    RejectDuplicates();
    // Rejecting a row drops all its cells (a CSV line holds every year), which may leave another
    // band incomplete: repeat until nothing changes.
    while (RejectIncompleteBands()) {
    }
    CheckTotals();
    EmitBands();
  }

 private:
  // "population.csv:12: column '2019': " or "population.json: value[7]: ".
  std::string Where(const ScbCell& cell) const {
    if (json_) return fmt::format("{}: {}: ", out_.log.file(), cell.column);
    return fmt::format("{}:{}: column '{}': ", out_.log.file(), rows_[cell.row].line, cell.column);
  }
  std::string What(const ScbCell& cell) const {
    return fmt::format("{} {}, {}, {}", cell.region.code,
                       cell.municipality >= 0
                           ? context_.municipalities->municipalities()[cell.municipality].name
                           : std::string(cell.region.kind == RegionKind::kCountry ? "Riket"
                                                                                  : "län"),
                       AgeText(cell.age), SexText(cell.sex));
  }
  void Reject(const ScbCell& cell, RejectCode code, const std::string& message) {
    ScbRow& row = rows_[cell.row];
    if (row.rejected) return;
    row.rejected = true;
    out_.log.Add(row.line, cell.column, code, Where(cell) + message, row.text);
  }
  bool Live(const ScbCell& cell) const { return !rows_[cell.row].rejected; }
  static bool IsDetail(const ScbCell& cell) {
    return cell.municipality >= 0 && cell.age != kTotal && cell.sex != kTotal;
  }
  static int BandOf(int age) {
    for (size_t band = 0; band < model::kAgeBands.size(); ++band) {
      const auto& b = model::kAgeBands[band];
      if (age >= b.from && (b.to < 0 || age <= b.to)) return static_cast<int>(band);
    }
    return -1;
  }
  // Keys pack year, region (kind and id), age and sex into 64 bits.
  static uint64_t Key(int year, RegionKind kind, int id, int age, int sex) {
    return (static_cast<uint64_t>(year) << 40) | (static_cast<uint64_t>(kind) << 36) |
           (static_cast<uint64_t>(id & 0xFFFFF) << 16) |
           (static_cast<uint64_t>(age + 1) << 4) | static_cast<uint64_t>(sex + 1);
  }
  int CountyOf(const ScbCell& cell) const {
    return std::atoi(context_.municipalities->municipalities()[cell.municipality].county.c_str());
  }
  uint64_t KeyOf(const ScbCell& cell) const {
    const int id = cell.municipality >= 0 ? cell.municipality : std::atoi(cell.region.code.c_str());
    return Key(cell.year, cell.region.kind, id, cell.age, cell.sex);
  }

  void RejectDuplicates() {
    std::unordered_map<uint64_t, const ScbCell*> seen;
    for (const ScbCell& cell : cells_) {
      auto [it, fresh] = seen.emplace(KeyOf(cell), &cell);
      if (fresh) continue;
      const ScbCell& first = *it->second;
      Reject(cell, RejectCode::kDuplicatePopulationRow,
             fmt::format("a second number for {} in {} (the first is at {}); each is given once",
                         What(cell), cell.year,
                         json_ ? first.column : fmt::format("line {}", rows_[first.row].line)));
    }
  }

  bool RejectIncompleteBands() {
    struct Group {
      int ages = 0;
      std::vector<const ScbCell*> cells;
    };
    std::unordered_map<uint64_t, Group> groups;
    for (const ScbCell& cell : cells_) {
      if (!IsDetail(cell) || !Live(cell)) continue;
      Group& group = groups[Key(cell.year, RegionKind::kMunicipality, cell.municipality,
                                BandOf(cell.age), cell.sex)];
      ++group.ages;
      group.cells.push_back(&cell);
    }
    bool any = false;
    for (auto& [key, group] : groups) {
      const ScbCell& first = *group.cells.front();
      const auto& band = model::kAgeBands[static_cast<size_t>(BandOf(first.age))];
      const int last = band.to < 0 ? kOldestAge : band.to;
      if (group.ages == last - band.from + 1) continue;
      for (const ScbCell* cell : group.cells) {
        if (!Live(*cell)) continue;
        Reject(*cell, RejectCode::kPopulationIncompleteBand,
               fmt::format("{} of {} {} {} has {} of the {} single ages of band {}; a band is "
                           "used only whole (download every age)",
                           AgeText(cell->age), cell->region.code, SexText(cell->sex), cell->year,
                           group.ages, last - band.from + 1, band.name));
        any = true;
      }
    }
    return any;
  }

  // Each total (a county or the country, totalt ålder, kön totalt) against the sum of the
  // municipalities' single ages and sexes it covers.
  void CheckTotals() {
    std::unordered_map<uint64_t, int64_t> sums;
    for (const ScbCell& cell : cells_) {
      if (!IsDetail(cell) || !Live(cell)) continue;
      const std::pair<RegionKind, int> regions[] = {{RegionKind::kMunicipality, cell.municipality},
                                                    {RegionKind::kCounty, CountyOf(cell)},
                                                    {RegionKind::kCountry, 0}};
      for (const auto& [kind, id] : regions) {
        for (int age : {cell.age, kTotal}) {
          for (int sex : {cell.sex, kTotal}) sums[Key(cell.year, kind, id, age, sex)] += cell.count;
        }
      }
    }
    for (const ScbCell& cell : cells_) {
      if (IsDetail(cell) || !Live(cell)) continue;
      auto it = sums.find(KeyOf(cell));
      if (it == sums.end()) {
        Reject(cell, RejectCode::kPopulationTotalOnly,
               fmt::format("{} in {} is a total, and the file holds none of its parts (the "
                           "municipalities' single ages of män and kvinnor); a total is only "
                           "checked, never used",
                           What(cell), cell.year));
      } else if (it->second != cell.count) {
        Reject(cell, RejectCode::kPopulationTotalMismatch,
               fmt::format("the total {} for {} in {} differs from the sum {} of its parts in "
                           "the file",
                           cell.count, What(cell), cell.year, it->second));
      }
    }
  }

  void EmitBands() {
    std::map<std::tuple<int, int, int, int>, int64_t> bands;  // year, municipality, sex, band
    for (const ScbCell& cell : cells_) {
      if (!IsDetail(cell) || !Live(cell)) continue;
      bands[{cell.year, cell.municipality, cell.sex, BandOf(cell.age)}] += cell.count;
    }
    for (const auto& [key, count] : bands) {
      const auto& [year, municipality, sex, band] = key;
      const auto& b = model::kAgeBands[static_cast<size_t>(band)];
      out_.rows.push_back({year, static_cast<uint16_t>(municipality),
                           sex == 1 ? model::Sex::kMale : model::Sex::kFemale,
                           static_cast<int16_t>(b.from), static_cast<int16_t>(b.to), count});
    }
  }

  const ReadContext& context_;
  RawPopulation& out_;
  bool json_;
  std::vector<ScbRow> rows_;
  std::vector<ScbCell> cells_;
};

// The year of an SCB year column: "2019", or "Folkmängd 2019"; nullopt for other names.
std::optional<int> YearOfHeader(std::string_view name) {
  name = TrimBlanks(name);
  if (name.size() < 4) return std::nullopt;
  const std::string_view tail = name.substr(name.size() - 4);
  if (!AllDigits(tail) || (name.size() > 4 && name[name.size() - 5] != ' ')) return std::nullopt;
  const int year = std::stoi(std::string(tail));
  if (year < 1800 || year > 2199) return std::nullopt;
  return year;
}

// SCB's CSV opens with title lines ("Folkmängden efter region, ålder, kön och år") before the
// header: the first line with a field `region` is the header, and the lines before it are
// blanked (their line breaks kept, so line numbers stay those of the file).
void BlankTitleLines(std::string& bytes) {
  const size_t start = bytes.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  size_t line_start = start;
  while (line_start < bytes.size()) {
    size_t line_end = bytes.find('\n', line_start);
    if (line_end == std::string::npos) line_end = bytes.size();
    const std::string_view line(bytes.data() + line_start, line_end - line_start);
    size_t field_start = 0;
    bool header = false;
    for (size_t i = 0; i <= line.size() && !header; ++i) {
      if (i == line.size() || line[i] == ',' || line[i] == ';') {
        std::string_view field = TrimBlanks(line.substr(field_start, i - field_start));
        while (!field.empty() && (field.back() == '\r' || field.back() == ' ')) {
          field.remove_suffix(1);
        }
        if (field.size() >= 2 && field.front() == '"' && field.back() == '"') {
          field = field.substr(1, field.size() - 2);
        }
        header = AsciiLower(field) == "region";
        field_start = i + 1;
      }
    }
    if (header) {
      std::string blanked = bytes.substr(0, start);
      for (size_t i = start; i < line_start; ++i) {
        if (bytes[i] == '\n') blanked.push_back('\n');
      }
      bytes = blanked + bytes.substr(line_start);
      return;
    }
    line_start = line_end + 1;
  }
}

enum ScbColumn : size_t { kScbRegion, kScbAge, kScbSex, kScbYear, kScbValue, kScbFirstYear };

Status ReadScbCsv(const std::string& path, const ReadContext& context, RawPopulation& out) {
  NARA_ASSIGN_OR_RETURN(std::string bytes, ReadFile(path, "the population table"));
  BlankTitleLines(bytes);
  NARA_ASSIGN_OR_RETURN(CsvReader reader, CsvReader::Open(std::move(bytes), out.log.file()));
  std::vector<ColumnSpec> specs = {
      {"region", {}, true},
      {"ålder", {"alder", "age"}, true},
      {"kön", {"kon", "sex"}, true},
      {"år", {"ar", "year", "tid"}, false},
      {"folkmängd", {"folkmangd", "antal", "count", "value", "värde", "varde"}, false},
  };
  std::vector<int> years;
  for (const std::string& name : reader.header()) {
    if (auto year = YearOfHeader(name)) {
      specs.push_back({name, {}, false});
      years.push_back(*year);
    }
  }
  NARA_ASSIGN_OR_RETURN(ColumnMap map, ColumnMap::Resolve(reader.header(), specs, out.log.file()));
  const bool long_form = years.empty();
  if (long_form && (!map.has(kScbYear) || !map.has(kScbValue))) {
    return InvalidInput(fmt::format(
        "{}: an SCB population table needs one column per year (2022, 2023, ...) or a year "
        "column 'år' and a value column 'folkmängd'",
        out.log.file()));
  }
  ScbTable table(context, out, /*json=*/false);
  NARA_RETURN_IF_ERROR(ScanTable(reader, specs, out.log, out.counts, [&](RowContext& row) {
    auto region = ParseScbRegion(row.Get(kScbRegion));
    if (!region) {
      row.RejectBadValue(kScbRegion, RejectCode::kBadCode,
                         "an SCB region such as 2380 Östersund, 23 Jämtlands län or 00 Riket");
      return false;
    }
    int municipality = -1;
    if (region->kind == RegionKind::kMunicipality) {
      municipality = context.municipalities->Find(region->code);
      if (municipality < 0) {
        row.Reject(kScbRegion, RejectCode::kUnknownMunicipality,
                   fmt::format("not a municipality code in SCB's list or municipalities.csv: {}",
                               QuoteForMessage(region->code)));
        return false;
      }
    }
    auto age = ParseScbAge(row.Get(kScbAge));
    if (!age) {
      row.RejectBadValue(kScbAge, RejectCode::kBadCode,
                         "a single age 0 år ... 99 år, 100+ år, or totalt ålder");
      return false;
    }
    auto sex = ParseScbSex(row.Get(kScbSex));
    if (!sex) {
      row.RejectBadValue(kScbSex, RejectCode::kBadCode, "män, kvinnor or totalt");
      return false;
    }
    // Every number of the row is read before any is kept: a row is used or rejected whole.
    std::vector<std::pair<int, int64_t>> values;  // year, count
    const size_t columns = long_form ? 1 : years.size();
    for (size_t k = 0; k < columns; ++k) {
      const size_t spec = long_form ? kScbValue : kScbFirstYear + k;
      int year = long_form ? 0 : years[k];
      if (long_form) {
        auto parsed = ParseInteger(row.Get(kScbYear));
        if (!parsed || *parsed < 1800 || *parsed > 2199) {
          row.RejectBadValue(kScbYear, RejectCode::kBadNumber, "a year such as 2018");
          return false;
        }
        year = static_cast<int>(*parsed);
      }
      auto count = ParseInteger(row.Get(spec));
      if (!count) {
        row.RejectBadValue(spec, RejectCode::kBadNumber, "a whole number");
        return false;
      }
      if (*count < 0) {
        row.Reject(spec, RejectCode::kNegativeCount,
                   fmt::format("a population cannot be negative: {}", *count));
        return false;
      }
      values.emplace_back(year, *count);
    }
    const uint32_t index = table.AddRow(row.line(), row.RowText());
    for (size_t k = 0; k < values.size(); ++k) {
      table.AddCell({values[k].first, *region, municipality, *age, *sex, values[k].second, index,
                     std::string(specs[long_form ? kScbValue : kScbFirstYear + k].name)});
    }
    return true;
  }));
  table.Finish();
  return Status::Ok();
}

// A JSON-stat2 dimension: its categories' keys and labels in index order.
struct JsonDimension {
  std::string id;
  std::vector<std::string> keys;
  std::vector<std::string> labels;
};

Status JsonError(const RawPopulation& out, std::string_view message) {
  return InvalidInput(fmt::format("{}: {}", out.log.file(), message));
}

Result<JsonDimension> ReadDimension(const nlohmann::json& dimension, const std::string& id,
                                    size_t size, const RawPopulation& out) {
  JsonDimension result{id, std::vector<std::string>(size), std::vector<std::string>(size)};
  const nlohmann::json* category = nullptr;
  if (dimension.is_object() && dimension.contains(id) && dimension[id].is_object() &&
      dimension[id].contains("category") && dimension[id]["category"].is_object()) {
    category = &dimension[id]["category"];
  }
  if (category == nullptr) {
    return JsonError(out, fmt::format("dimension '{}' has no category", id));
  }
  const nlohmann::json* index = category->contains("index") ? &(*category)["index"] : nullptr;
  const nlohmann::json* labels = category->contains("label") ? &(*category)["label"] : nullptr;
  if (index != nullptr && index->is_array()) {
    if (index->size() != size) {
      return JsonError(out, fmt::format("dimension '{}': index has {} categories, size {}", id,
                                        index->size(), size));
    }
    for (size_t i = 0; i < size; ++i) {
      if (!(*index)[i].is_string()) return JsonError(out, fmt::format("dimension '{}': index", id));
      result.keys[i] = (*index)[i].get<std::string>();
    }
  } else if (index != nullptr && index->is_object()) {
    for (const auto& [key, position] : index->items()) {
      if (!position.is_number_unsigned() || position.get<size_t>() >= size ||
          !result.keys[position.get<size_t>()].empty()) {
        return JsonError(out, fmt::format("dimension '{}': bad index of category '{}'", id,
                                          RedactAndShorten(key, 40)));
      }
      result.keys[position.get<size_t>()] = key;
    }
  } else if (size == 1 && labels != nullptr && labels->is_object() && labels->size() == 1) {
    result.keys[0] = labels->begin().key();
  } else {
    return JsonError(out, fmt::format("dimension '{}' has no category index", id));
  }
  for (size_t i = 0; i < size; ++i) {
    if (result.keys[i].empty()) {
      return JsonError(out, fmt::format("dimension '{}': category {} has no key", id, i));
    }
    result.labels[i] = result.keys[i];
    if (labels != nullptr && labels->is_object() && labels->contains(result.keys[i]) &&
        (*labels)[result.keys[i]].is_string()) {
      result.labels[i] = (*labels)[result.keys[i]].get<std::string>();
    }
  }
  return result;
}

Status ReadScbJson(std::string bytes, const ReadContext& context, RawPopulation& out) {
  out.counts.present = true;
  out.counts.encoding = "UTF-8";
  if (bytes.rfind("\xEF\xBB\xBF", 0) == 0) bytes.erase(0, 3);
  if (!IsValidUtf8(bytes)) {
    bytes = Windows1252ToUtf8(bytes);
    out.counts.encoding = EncodingName(TextEncoding::kWindows1252);
  }
  const nlohmann::json doc = nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return JsonError(out, "not valid JSON");
  if (!doc.is_object() || !doc.contains("id") || !doc["id"].is_array() || !doc.contains("size") ||
      !doc["size"].is_array() || doc["id"].size() != doc["size"].size() ||
      !doc.contains("dimension") || !doc.contains("value") || !doc["value"].is_array()) {
    return JsonError(out, "not a JSON-stat2 dataset (expected id, size, dimension and a value "
                          "array, as SCB's API returns with format json-stat2)");
  }
  std::vector<JsonDimension> dimensions;
  size_t total = 1;
  int region = -1, age = -1, sex = -1, year = -1;
  for (size_t d = 0; d < doc["id"].size(); ++d) {
    if (!doc["id"][d].is_string() || !doc["size"][d].is_number_unsigned()) {
      return JsonError(out, "id must hold strings and size whole numbers");
    }
    const std::string id = doc["id"][d].get<std::string>();
    const auto size = doc["size"][d].get<size_t>();
    if (size == 0 || size > 100000) {
      return JsonError(out, fmt::format("dimension '{}' has size {}", RedactAndShorten(id, 40), size));
    }
    total *= size;
    if (total > 50'000'000) return JsonError(out, "more than 50 million values");
    NARA_ASSIGN_OR_RETURN(JsonDimension dimension, ReadDimension(doc["dimension"], id, size, out));
    const std::string lower = AsciiLower(id);
    const int position = static_cast<int>(d);
    if (lower == "region") {
      region = position;
    } else if (lower == "alder" || lower == "\xC3\xA5lder" || lower == "age") {
      age = position;
    } else if (lower == "kon" || lower == "k\xC3\xB6n" || lower == "sex") {
      sex = position;
    } else if (lower == "tid" || lower == "\xC3\xA5r" || lower == "ar" || lower == "year") {
      year = position;
    } else if (size != 1) {
      return JsonError(out, fmt::format("dimension '{}' has {} categories; Nära reads region, "
                                        "ålder (Alder), kön (Kon) and år (Tid), and one of "
                                        "anything else (ContentsCode: Folkmängd)",
                                        RedactAndShorten(id, 40), size));
    }
    dimensions.push_back(std::move(dimension));
  }
  if (region < 0 || age < 0 || sex < 0 || year < 0) {
    return JsonError(out, "a JSON-stat2 population needs the dimensions Region, Alder, Kon and Tid");
  }
  const nlohmann::json& values = doc["value"];
  if (values.size() != total) {
    return JsonError(out, fmt::format("value holds {} numbers where the sizes give {}",
                                      values.size(), total));
  }
  ScbTable table(context, out, /*json=*/true);
  std::vector<size_t> at(dimensions.size(), 0);  // the categories of value i (last fastest)
  for (size_t i = 0; i < total; ++i) {
    if (i > 0) {
      for (size_t d = dimensions.size(); d-- > 0;) {
        if (++at[d] < dimensions[d].keys.size()) break;
        at[d] = 0;
      }
    }
    ++out.counts.read;
    auto label = [&](int d) -> const std::string& { return dimensions[d].labels[at[d]]; };
    auto key = [&](int d) -> const std::string& { return dimensions[d].keys[at[d]]; };
    const std::string column = fmt::format("value[{}]", i);
    const std::string text = fmt::format("region={},ålder={},kön={},år={},value={}",
                                         RedactAndShorten(key(region), 40),
                                         RedactAndShorten(label(age), 40),
                                         RedactAndShorten(label(sex), 40),
                                         RedactAndShorten(key(year), 40),
                                         RedactAndShorten(values[i].dump(), 40));
    auto reject = [&](RejectCode code, const std::string& message) {
      out.log.Add(1, column, code, fmt::format("{}: {}: {}", out.log.file(), column, message),
                  text);
    };
    auto parsed_region = ParseScbRegion(key(region));
    if (!parsed_region) {
      reject(RejectCode::kBadCode, fmt::format("not an SCB region code (expected e.g. 2380, 23 "
                                               "or 00): {}",
                                               QuoteForMessage(key(region))));
      continue;
    }
    int municipality = -1;
    if (parsed_region->kind == RegionKind::kMunicipality) {
      municipality = context.municipalities->Find(parsed_region->code);
      if (municipality < 0) {
        reject(RejectCode::kUnknownMunicipality,
               fmt::format("not a municipality code in SCB's list or municipalities.csv: {}",
                           QuoteForMessage(parsed_region->code)));
        continue;
      }
    }
    auto parsed_age = ParseScbAge(key(age));
    if (!parsed_age) parsed_age = ParseScbAge(label(age));
    if (!parsed_age) {
      reject(RejectCode::kBadCode, fmt::format("not a single age, 100+ or a total: {}",
                                               QuoteForMessage(label(age))));
      continue;
    }
    auto parsed_sex = ParseScbSex(key(sex));
    if (!parsed_sex) parsed_sex = ParseScbSex(label(sex));
    if (!parsed_sex) {
      reject(RejectCode::kBadCode,
             fmt::format("not män, kvinnor or totalt: {}", QuoteForMessage(label(sex))));
      continue;
    }
    auto parsed_year = ParseInteger(key(year));
    if (!parsed_year || *parsed_year < 1800 || *parsed_year > 2199) {
      reject(RejectCode::kBadNumber,
             fmt::format("not a year such as 2018: {}", QuoteForMessage(key(year))));
      continue;
    }
    if (!values[i].is_number_integer()) {
      reject(RejectCode::kBadNumber,
             fmt::format("not a whole number: {}", RedactAndShorten(values[i].dump(), 40)));
      continue;
    }
    const auto count = values[i].get<int64_t>();
    if (count < 0) {
      reject(RejectCode::kNegativeCount,
             fmt::format("a population cannot be negative: {}", count));
      continue;
    }
    const uint32_t row = table.AddRow(1, text);
    table.AddCell({static_cast<int>(*parsed_year), *parsed_region, municipality, *parsed_age,
                   *parsed_sex, count, row, column});
  }
  table.Finish();
  out.counts.used = out.counts.read - static_cast<int64_t>(out.log.rejects().size());
  return Status::Ok();
}

}  // namespace

std::vector<std::string> PopulationColumnNames() { return NamesOf(BandedSpecs()); }

Status ReadPopulation(CsvReader& reader, const std::string& path, const ReadContext& context,
                      RawPopulation& out) {
  // A [columns.population] mapping names the banded form's columns: the file is that form (a
  // missing column is then the banded form's error, not a guess at SCB's).
  const TableMapping* mapping = context.MappingFor(out.log.file());
  if (mapping != nullptr && !mapping->columns.empty()) return ReadBanded(reader, context, out);
  // The contract's banded form has age_from; anything else is read as SCB's download.
  auto banded = ColumnMap::Resolve(reader.header(), BandedSpecs(), out.log.file(), mapping);
  bool has_age_from = false;
  for (const std::string& name : reader.header()) {
    const std::string lower = AsciiLower(name);
    has_age_from = has_age_from || lower == "age_from" || lower == "alder_fran" ||
                   lower == "\xC3\xA5lder_fr\xC3\xA5n";
  }
  if (has_age_from || banded.ok()) return ReadBanded(reader, context, out);
  return ReadScbCsv(path, context, out);
}

Status ReadPopulationJson(const std::string& path, const ReadContext& context,
                          RawPopulation& out) {
  NARA_ASSIGN_OR_RETURN(std::string bytes, ReadFile(path, "the population table"));
  return ReadScbJson(std::move(bytes), context, out);
}

Status ParsePopulationJson(std::string bytes, const ReadContext& context, RawPopulation& out) {
  return ReadScbJson(std::move(bytes), context, out);
}

}  // namespace nara::ingest
