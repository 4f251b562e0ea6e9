// summary.csv and basis.csv of data contract §4.2.
#pragma once

#include <string>

#include "base/csv_field.hpp"

#include "model/extract.hpp"
#include "settlement/settle.hpp"

namespace nara::settlement {

// `municipality,month,episodes,ready_days,liable_days,amount`, one line per SummaryRow.
std::string SummaryCsv(const model::Extract& extract, const Settlement& settlement);
// summary_by_care_type.csv: the summary split by care type (municipality, care_type, month,
// episodes, ready_days, liable_days, amount), the county's own municipalities first, for regions
// whose psychiatric and somatic care are invoiced by different administrations. Its rows add up
// to summary.csv's.
std::string SummaryByCareTypeCsv(const model::Extract& extract, const Settlement& settlement);

// `municipality,month,patient_ref,episode_id,care_type,ready_at,ready_until,ready_days,
// liable_days,price_per_day,amount,liable,reason,agreement`, one line per BasisRow. ready_until
// is empty while the period is open; agreement lists the valid_from dates of the agreements
// applied, joined by ';'.
std::string BasisCsv(const model::Extract& extract, const config::Config& config,
                     const Settlement& settlement);

// valid_from of each agreement of the `agreements` bit set, joined by `separator`.
std::string AgreementList(const config::Config& config, uint32_t agreements, const char* separator);

}  // namespace nara::settlement
