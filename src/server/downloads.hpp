// CSV and XLSX downloads of the API's row lists (`format=csv|xlsx`).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/status.hpp"

namespace nara::server {

// `rows` is a JSON array of objects; `columns` picks and orders their members. null is an
// empty cell, true/false are 1/0, numbers keep their JSON form.
std::string RowsCsv(const std::vector<std::string>& columns, const nlohmann::ordered_json& rows);
// One sheet named `sheet` for a reader, like the CLI's workbooks: headers, indicator names,
// unit types, sexes, age groups, care types, reasons and yes/no in Swedish (English when
// `swedish` is false), widths, number formats, a frozen header and an autofilter; written to a
// temporary file and read back. More rows than a sheet holds is a usage error (never cut).
Result<std::string> RowsXlsx(const std::string& sheet, const std::vector<std::string>& columns,
                             const nlohmann::ordered_json& rows, bool swedish = true);

}  // namespace nara::server
