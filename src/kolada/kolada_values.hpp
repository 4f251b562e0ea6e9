// Values in the shape of Kolada's open API (v2/v3, docs/kolada.md): reading and writing the JSON
// `{"count":N,"values":[{"kpi","municipality","period","values":[{"gender","count","status",
// "value"}]}]}` and the plain CSV form `kpi,municipality,period,gender,value[,status]`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.hpp"

namespace nara::kolada {

// Kolada's unit id of the nation.
inline constexpr std::string_view kNation = "0000";

// One value of one KPI, unit, year and gender.
struct Value {
  std::string kpi;           // "N07404", "U00000"
  std::string municipality;  // "0000" nation, "00"+county code for a region, 4 digits a municipality
  int period = 0;            // the year
  std::string gender;        // T (total), K (women), M (men)
  int64_t count = 1;         // how many values lie behind it (1 for a unit of its own; 0 missing)
  std::string status;        // "" for a value; "suppressed" (Nära) or Kolada's own, e.g. "Missing"
  std::optional<double> value;  // nullopt: no value (null)
};

struct ValueSet {
  std::vector<Value> values;  // in the order read or built
  std::string source;         // the file read, for the report's "source"

  // The value of (kpi, unit, year, gender), or nullptr (also when its value is null).
  const Value* Find(std::string_view kpi, std::string_view municipality, int period,
                    std::string_view gender = "T") const;
  // The newest year <= `year` with a value of (kpi, unit, T); nullopt when none.
  std::optional<int> NewestYearUpTo(std::string_view kpi, std::string_view municipality,
                                    int year) const;
};

// Whether `id` is a Kolada unit id Nära reads: 4 digits.
bool IsUnitId(std::string_view id);

// The JSON text `{"count":N,"values":[...]}`: one entry per (kpi, municipality, period), in the
// order first met, with its genders in the order given.
std::string ValuesJson(const std::vector<Value>& values);
// The CSV text with the header `kpi,municipality,period,gender,value,status`.
std::string ValuesCsv(const std::vector<Value>& values);

// Parses Kolada JSON (a whole API answer: `count`, `values`, paging members ignored). Errors are
// kInvalidInput naming the file and the member's path: "FILE: values[3].values[0].gender: ...".
Result<ValueSet> ParseValuesJson(std::string_view text, std::string_view file);
// Parses the CSV form (comma or semicolon; header names in any order, `status` optional; an
// empty value is null). Errors name "FILE:LINE:COLUMN: [code] ...".
Result<ValueSet> ParseValuesCsv(std::string_view text, std::string_view file);
// Reads `path`: JSON when it starts with `{` (after blanks), else CSV. kIoError when unreadable.
Result<ValueSet> ReadValues(const std::string& path);

}  // namespace nara::kolada
