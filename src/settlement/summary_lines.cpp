#include "settlement/summary_lines.hpp"

#include <map>
#include <string>
#include <tuple>

namespace nara::settlement {

void Sums::Add(const BasisRow& row) {
  stays.insert(row.stay);
  ready_days += row.ready_days;
  liable_days += row.liable_days;
  amount += row.amount;
}

bool InCounty(const model::Extract& x, uint16_t municipality) {
  const model::Municipality& m = x.municipalities[municipality];
  const std::string county = m.county.empty() ? m.code.substr(0, 2) : m.county;
  return x.manifest.county.empty() || county == x.manifest.county;
}

std::vector<SummaryLine> SummaryLines(const model::Extract& x, const Settlement& settlement,
                                      int only_municipality) {
  std::map<std::tuple<bool, std::string, int, int>, SummaryLine> lines;
  for (const BasisRow& row : settlement.basis) {
    if (only_municipality >= 0 && row.municipality != only_municipality) continue;
    const model::CareType care_type = x.stays.care_type[row.stay];
    const auto key =
        std::make_tuple(!InCounty(x, row.municipality), x.municipalities[row.municipality].code,
                        static_cast<int>(care_type), row.month);
    auto [it, added] =
        lines.try_emplace(key, SummaryLine{row.municipality, care_type, row.month, {}});
    it->second.sums.Add(row);
  }
  std::vector<SummaryLine> out;
  out.reserve(lines.size());
  for (auto& [key, line] : lines) out.push_back(std::move(line));
  return out;
}

}  // namespace nara::settlement
