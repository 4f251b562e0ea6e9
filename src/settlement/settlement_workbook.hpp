// settlement.xlsx for the economists: a summary sheet and one sheet per municipality, in Swedish
// (or English).
#pragma once

#include <string>

#include "base/status.hpp"
#include "config/config.hpp"
#include "model/extract.hpp"
#include "settlement/settle.hpp"

namespace nara::settlement {

// Writes the workbook at `path`: sheet "Sammanställning" (the extract's region, coverage and
// creation date, the months, the agreements and prices used, then one row per municipality and
// month with totals) and one sheet per municipality ("0880 Kalmar") with its basis rows and
// totals. Amounts carry the kronor format `# ##0 "kr"`. With `english`, every text is English
// (sheet "Summary", format `#,##0 "kr"`). kIoError when it cannot be written.
Status WriteSettlementWorkbook(const model::Extract& extract, const config::Config& config,
                               const SettleRequest& request, const Settlement& settlement,
                               const std::string& path, bool english = false);

// The sheet name of a municipality: "code name", without the characters Excel forbids, at most
// 31 characters.
std::string MunicipalitySheetName(const model::Municipality& municipality);

}  // namespace nara::settlement
