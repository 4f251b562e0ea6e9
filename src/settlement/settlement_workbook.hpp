// settlement.xlsx for the economists: a summary sheet and one sheet per municipality, in Swedish
// (or English).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/atomic_file.hpp"
#include "base/status.hpp"
#include "config/config.hpp"
#include "model/extract.hpp"
#include "settlement/settle.hpp"

namespace nara::settlement {

// Writes the workbook at `path`: sheet "Sammanställning" (the extract's region, coverage and
// creation date, the months, the agreements and prices used, then one row per municipality,
// care type and month, the county's municipalities first and those outside the county apart
// after them, with a subtotal per municipality, per group, per care type and the total; stays
// are counted once in each subtotal) and one sheet per municipality ("0880 Kalmar") with its
// basis rows and totals. Amounts carry the number format `#,##0 "kr"` (grouped as the reader's
// locale groups digits); every sheet has an autofilter on its header row, a frozen header and
// prints landscape, one page wide, with the header repeated. With `english`, every text is
// English (sheet "Summary"). kIoError when it cannot be written.
Status WriteSettlementWorkbook(const model::Extract& extract, const config::Config& config,
                               const SettleRequest& request, const Settlement& settlement,
                               const std::string& path, bool english = false);

// `2022-03`, or `2022-01_2022-03` for several months: the period in the workbooks' file names.
std::string PeriodLabel(const SettleRequest& request);

// `nara settle --with-identity`: the identity number of a stay's patient (`YYYYMMDD-NNNC`, or ""
// when the extract holds none for it).
using IdentityOfStay = std::function<std::string(size_t stay)>;

// `nara settle --per-municipality`: in `folder`, the region's overview
// `betalningsansvar-oversikt-<period>.xlsx` (the summary sheet only, no individual rows) and one
// `betalningsansvar-<kommunkod>-<period>.xlsx` per municipality with a basis row, holding only
// that municipality's summary and basis. With `identity`, each municipality's basis sheet has a
// column "Personnummer" after "Patientref" (the overview never has). The files are written to
// temporary files of `outputs` (renamed over their targets by outputs.CommitAll()). Returns the
// file names, the overview first.
Result<std::vector<std::string>> WriteMunicipalityWorkbooks(
    const model::Extract& extract, const config::Config& config, const SettleRequest& request,
    const Settlement& settlement, const std::string& folder, OutputSet& outputs,
    bool english = false, const IdentityOfStay* identity = nullptr);

// The sheet name of a municipality: "code name", without the characters Excel forbids, at most
// 31 characters.
std::string MunicipalitySheetName(const model::Municipality& municipality);

}  // namespace nara::settlement
