// Running the patient passes in parallel and turning the accumulators into table rows.
#include "indicators/engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <thread>

#include "base/period.hpp"
#include "base/phase_timer.hpp"
#include "base/prefault.hpp"
#include "indicators/unit_space.hpp"
#include "settlement/settle.hpp"

namespace nara::indicators {
namespace {

// Whether class (sex_class, age_class) belongs to output group (sex, age).
bool InGroup(int sex_class, int age_class, int sex, int age) {
  return (sex == 0 || sex == sex_class) && (age == 0 || age == age_class);
}

Result<std::vector<uint8_t>> AvoidableDiagnoses(const model::Extract& extract,
                                                const std::string& path) {
  std::ifstream in(path);
  if (!in) return IoError(fmt::format("{}: cannot read the avoidable-care (ACSC) list", path));
  std::vector<std::string> prefixes;
  std::string line;
  std::getline(in, line);  // header icd10_prefix,condition,label_sv
  while (std::getline(in, line)) {
    const auto comma = line.find(',');
    std::string prefix = line.substr(0, comma);
    if (!prefix.empty()) prefixes.push_back(prefix);
  }
  std::vector<uint8_t> avoidable(extract.diagnoses.size());
  for (uint32_t code = 1; code < extract.diagnoses.size(); ++code) {
    const std::string& diagnosis = extract.diagnoses.Name(code);
    for (const auto& prefix : prefixes) {
      if (diagnosis.compare(0, prefix.size(), prefix) == 0) avoidable[code] = 1;
    }
  }
  return avoidable;
}

// PassInputs' liable_rows and liable_begin: the basis rows of each stay.
void IndexByStay(const settlement::Settlement& liable, size_t stays, PassInputs& inputs) {
  inputs.liable = &liable;
  inputs.liable_begin.assign(stays + 1, 0);
  for (const auto& row : liable.basis) ++inputs.liable_begin[row.stay + 1];
  for (size_t i = 0; i < stays; ++i) inputs.liable_begin[i + 1] += inputs.liable_begin[i];
  inputs.liable_rows.resize(liable.basis.size());
  std::vector<uint32_t> next(inputs.liable_begin.begin(), inputs.liable_begin.end() - 1);
  for (uint32_t i = 0; i < liable.basis.size(); ++i) {
    inputs.liable_rows[next[liable.basis[i].stay]++] = i;
  }
}

// Population by (year, unit slot, output group); -1 where a band straddles an age group.
class PopulationTable {
 public:
  PopulationTable(const model::Extract& extract, const UnitSpace& units) : units_(units) {
    for (const auto& row : extract.population) {
      years_.push_back(row.year);
    }
    std::sort(years_.begin(), years_.end());
    years_.erase(std::unique(years_.begin(), years_.end()), years_.end());
    counts_.assign(years_.size() * static_cast<size_t>(units.size()) * kGroups, 0);
    for (const auto& row : extract.population) {
      const size_t year = static_cast<size_t>(
          std::lower_bound(years_.begin(), years_.end(), row.year) - years_.begin());
      const int lo_class = AgeClass(row.age_from);
      const int hi_class = row.age_to < 0 ? kAgeClasses - 1 : AgeClass(row.age_to);
      const int sex_class = static_cast<int>(row.sex);
      const uint16_t m = row.municipality;
      for (int slot :
           {units.region(), units.county_of(m), units.area_of(m), units.municipality(m)}) {
        if (slot < 0) continue;
        for (int sex = 0; sex < kSexClasses; ++sex) {
          if (sex != 0 && sex != sex_class) continue;
          for (int age = 0; age < kAgeClasses; ++age) {
            int64_t& cell = At(year, slot, ClassOf(sex, age));
            if (age == 0) {
              cell += row.count;
            } else if (lo_class <= age && age <= hi_class) {
              // A band inside the group adds; one that also reaches outside spoils the group.
              if (lo_class != hi_class || cell < 0) {
                cell = -1;
              } else {
                cell += row.count;
              }
            }
          }
        }
      }
    }
  }
  // Population of the group in `year`; 0 when unknown.
  int64_t Get(int year, int slot, int group) const {
    auto it = std::lower_bound(years_.begin(), years_.end(), year);
    if (it == years_.end() || *it != year) return 0;
    const int64_t value =
        counts_[(static_cast<size_t>(it - years_.begin()) * static_cast<size_t>(units_.size()) +
                 static_cast<size_t>(slot)) *
                    kGroups +
                static_cast<size_t>(group)];
    return value < 0 ? 0 : value;
  }

 private:
  int64_t& At(size_t year, int slot, int group) {
    return counts_[(year * static_cast<size_t>(units_.size()) + static_cast<size_t>(slot)) *
                       kGroups +
                   static_cast<size_t>(group)];
  }
  const UnitSpace& units_;
  std::vector<int> years_;
  std::vector<int64_t> counts_;
};

// Whether a liable date of `period` lies in a year without a configured price.
bool HasMissingPrice(const settlement::Settlement& liable, const Period& period) {
  for (int year : liable.missing_price_years) {
    if (year >= YearOfMonth(period.first_month) && year <= YearOfMonth(period.last_month)) {
      return true;
    }
  }
  return false;
}

}  // namespace

double RowValue(const Row& row) {
  const Kind kind = Info(row.indicator).kind;
  const double numerator = static_cast<double>(row.numerator);
  const double denominator = static_cast<double>(row.denominator);
  switch (kind) {
    case Kind::kShare:
      return 100.0 * numerator / denominator;
    case Kind::kMean:
      return numerator / denominator;
    case Kind::kRate:
      return 100000.0 * numerator / denominator;
    case Kind::kCount:
      return numerator;
  }
  return 0;
}

namespace {

// Adds the asked-for periods that lie wholly inside coverage and are not there yet, keeping the
// output order (type, then first month, then last month); notes those outside coverage.
void AddExtraPeriods(const std::vector<Period>& extra, Date from, Date to,
                     std::vector<Period>& periods, IndicatorTable& table) {
  if (extra.empty()) return;
  for (const Period& period : extra) {
    if (!IsWhollyInside(period.months(), from, to)) {
      table.AddNote(fmt::format("--period {}: not wholly inside the coverage {} to {}; no rows.",
                                period.Label(), FormatDate(from), FormatDate(to)),
                    fmt::format("Perioden {} ligger inte helt inom uttagets täckning {} – {}: "
                                "inga värden.",
                                period.Label(), FormatDate(from), FormatDate(to)));
      continue;
    }
    if (std::find(periods.begin(), periods.end(), period) == periods.end()) {
      periods.push_back(period);
    }
  }
  std::stable_sort(periods.begin(), periods.end(), [](const Period& a, const Period& b) {
    if (a.type != b.type) return a.type < b.type;
    if (a.first_month != b.first_month) return a.first_month < b.first_month;
    return a.last_month < b.last_month;
  });
}

}  // namespace

Result<IndicatorTable> ComputeIndicators(const model::Extract& extract,
                                         const config::Config& config,
                                         const EngineOptions& options) {
  PhaseTimer timer("indicators: inputs");
  const UnitSpace units(extract);
  PassInputs inputs{&extract, &config, &units, {}, {}, nullptr, {}, {}};
  NARA_ASSIGN_OR_RETURN(auto avoidable, AvoidableDiagnoses(extract, options.acsc_file));
  inputs.avoidable_diagnosis = std::move(avoidable);
  inputs.has_population.assign(extract.municipalities.size(), 0);
  for (const auto& row : extract.population) inputs.has_population[row.municipality] = 1;

  const Date from = extract.manifest.coverage_from;
  const Date to = extract.manifest.coverage_to;
  const int first_month = MonthOf(from);
  const int months = MonthOf(to) - first_month + 1;

  // liable_days, liable_amount: the settlement of every month wholly inside coverage, settled
  // once by the caller (settlement::SettleWholeMonths).
  const settlement::Settlement* liable = options.whole_months;
  if (liable != nullptr) IndexByStay(*liable, extract.stays.size(), inputs);

  timer.Lap("indicators: patient passes");
  // One accumulator per thread over a contiguous range of patients.
  const uint32_t patients = static_cast<uint32_t>(extract.patients.size());
  const int threads = std::max(1, std::min(options.threads, 8));
  // Each thread makes (and so zeroes) its own accumulator.
  std::vector<std::optional<Accumulator>> accumulators(static_cast<size_t>(threads));
  std::vector<PassCounters> counters(static_cast<size_t>(threads));
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    const uint32_t first = static_cast<uint32_t>(uint64_t{patients} * static_cast<uint64_t>(t) /
                                                 static_cast<uint64_t>(threads));
    const uint32_t last = static_cast<uint32_t>(uint64_t{patients} * static_cast<uint64_t>(t + 1) /
                                                static_cast<uint64_t>(threads));
    auto work = [&, t, first, last] {
      Accumulator& accumulator =
          accumulators[static_cast<size_t>(t)].emplace(units.size(), first_month, months);
      PatientPass pass(inputs, accumulator);
      pass.Run(first, last);
      counters[static_cast<size_t>(t)] = pass.counters();
    };
    if (t + 1 == threads) {
      work();
    } else {
      pool.emplace_back(work);
    }
  }
  for (auto& thread : pool) thread.join();
  for (int t = 1; t < threads; ++t) accumulators[0]->Merge(*accumulators[static_cast<size_t>(t)]);
  const Accumulator& acc = *accumulators[0];
  timer.Lap("indicators: rows (counted)");

  IndicatorTable table;
  for (const auto& c : counters) table.counters.Add(c);
  std::vector<Period> periods = PeriodsInside(from, to);
  AddExtraPeriods(options.extra_periods, from, to, periods, table);
  const PopulationTable population(extract, units);
  if (periods.empty()) {
    table.AddNote(fmt::format("No period: the coverage {} to {} holds no whole calendar month.",
                              FormatDate(from), FormatDate(to)),
                  fmt::format("Ingen period: täckningen {} – {} rymmer ingen hel kalendermånad.",
                              FormatDate(from), FormatDate(to)));
  }
  const int window = config.readmission.window_days;
  int last_followed_month = -1;  // the last month whose readmissions have full follow-up
  for (const Period& period : periods) {
    if (period.type == PeriodType::kMonth && LastDayOfMonth(period.last_month) + window <= to) {
      last_followed_month = period.last_month;
    }
  }
  if (!periods.empty() && last_followed_month < periods.back().last_month) {
    table.AddNote(
        fmt::format("readmission_30d, readmission_30d_65plus: no periods ending after {}: their "
                    "{}-day follow-up would reach past coverage_to {}.",
                    last_followed_month < 0 ? std::string("(none)")
                                            : MonthLabel(last_followed_month),
                    window, FormatDate(to)),
        fmt::format("Återinskrivningar: inga perioder som slutar efter {}, eftersom uppföljningen "
                    "på {} dagar skulle nå förbi uttagets sista dag {}.",
                    last_followed_month < 0 ? std::string("(ingen)")
                                            : MonthLabel(last_followed_month),
                    window, FormatDate(to)));
  }
  if (liable && !liable->missing_price_years.empty()) {
    table.missing_price_years = liable->missing_price_years;
    table.AddNote(
        fmt::format("liable_amount: no rows for periods in {}: no price per day is configured "
                    "for that year (settlement.price_per_day); liable_days are shown.",
                    fmt::join(liable->missing_price_years, ", ")),
        fmt::format("Belopp för betalningsansvar: pris saknas för {} (inget pris per dag i "
                    "inställningarna), så beloppet visas inte; dagarna med betalningsansvar visas.",
                    fmt::join(liable->missing_price_years, ", ")));
  }
  if (extract.population.empty()) {
    table.AddNote("Rates per 100 000: the extract has no population.csv.",
                  "Värden per 100 000 invånare saknas: uttaget har ingen befolkningsfil "
                  "(population.csv).");
  }

  // Prefix sums over months of each (slot, group), per indicator, so a period is O(1). The rows
  // are produced twice: once to count them (so the table is allocated once), once to keep them.
  std::vector<Cell> prefix(static_cast<size_t>(units.size()) * (static_cast<size_t>(months) + 1) *
                           kGroups);
  auto prefix_at = [&](int slot, int month_offset, int group) -> Cell& {
    return prefix[(static_cast<size_t>(slot) * (static_cast<size_t>(months) + 1) +
                   static_cast<size_t>(month_offset)) *
                      kGroups +
                  static_cast<size_t>(group)];
  };
  auto for_each_row = [&](auto&& emit) {
    for (const IndicatorInfo& info : Catalog()) {
      for (int slot = 0; slot < units.size(); ++slot) {
        if (!AppliesTo(info.family, units.type(slot))) continue;
        for (int m = 0; m < months; ++m) {
          // The classes' cells are contiguous; each output group is the sum of its classes.
          const Cell* c = &acc.At(info.indicator, slot, m, 0);
          Cell sums[kGroups];
          for (int sex = 1; sex < kSexClasses; ++sex) {
            for (int age = 1; age < kAgeClasses; ++age) {
              sums[ClassOf(sex, age)] = c[ClassOf(sex, age)];
            }
          }
          for (int group = 0; group < kGroups; ++group) {
            const int sex = group / kAgeClasses, age = group % kAgeClasses;
            if (sex != 0 && age != 0) continue;
            Cell sum;
            for (int klass = 0; klass < kClasses; ++klass) {
              if (!InGroup(klass / kAgeClasses, klass % kAgeClasses, sex, age)) continue;
              sum.numerator += c[klass].numerator;
              sum.denominator += c[klass].denominator;
            }
            sums[group] = sum;
          }
          for (int group = 0; group < kGroups; ++group) {
            const Cell& before = prefix_at(slot, m, group);
            Cell& after = prefix_at(slot, m + 1, group);
            after.numerator = before.numerator + sums[group].numerator;
            after.denominator = before.denominator + sums[group].denominator;
          }
        }
      }
      const bool waiting = info.indicator == Indicator::kCareGuaranteeFirstVisit90dWaiting ||
                           info.indicator == Indicator::kCareGuaranteeTreatment90dWaiting;
      for (const Period& period : periods) {
        if (info.needs_follow_up && period.last_month > last_followed_month) continue;
        if (info.indicator == Indicator::kLiableAmount && liable &&
            HasMissingPrice(*liable, period)) {
          continue;
        }
        // Waiting variants are measured on the period's last day: its last month's value.
        const int begin = (waiting ? period.last_month : period.first_month) - first_month;
        const int end = period.last_month - first_month + 1;
        const CivilDate end_civil = CivilFromDays(LastDayOfMonth(period.last_month));
        for (int slot = 0; slot < units.size(); ++slot) {
          if (!AppliesTo(info.family, units.type(slot))) continue;
          for (int group = 0; group < kGroups; ++group) {
            const Cell& hi = prefix_at(slot, end, group);
            const Cell& lo = prefix_at(slot, begin, group);
            const int64_t numerator = hi.numerator - lo.numerator;
            int64_t denominator = hi.denominator - lo.denominator;
            if (info.kind == Kind::kRate) {
              denominator = population.Get(end_civil.year, slot, group);
            }
            if (denominator <= 0) continue;
            emit(info, period, slot, group, numerator, denominator);
          }
        }
      }
    }
  };
  size_t row_count = 0;
  for_each_row(
      [&](const IndicatorInfo&, const Period&, int, int, int64_t, int64_t) { ++row_count; });
  timer.Lap("indicators: rows (kept)");
  table.rows.reserve(row_count);
  PrefaultInParallel(table.rows.data(), row_count * sizeof(Row), options.threads);
  for_each_row([&](const IndicatorInfo& info, const Period& period, int slot, int group,
                   int64_t numerator, int64_t denominator) {
    table.rows.push_back({info.indicator, period, UnitTypeName(units.type(slot)), units.label(slot),
                          kSexGroupNames[static_cast<size_t>(group / kAgeClasses)],
                          kAgeGroupNames[static_cast<size_t>(group % kAgeClasses)], numerator,
                          denominator, false});
  });
  timer.Lap("indicators: notes and clean-up");
  if (table.counters.duplicate_ready_notices > 0 || table.counters.stray_revocations > 0) {
    table.AddNote(
        fmt::format("Ready periods: {} duplicate ready notices inside an open ready period and {} "
                    "revocations without an open ready period were ignored "
                    "(docs/indicators/README.md, Ready periods).",
                    table.counters.duplicate_ready_notices, table.counters.stray_revocations),
        fmt::format("Utskrivningsklar: {} upprepade underrättelser inom en redan öppen period och "
                    "{} återtaganden utan öppen period har lämnats utan avseende.",
                    table.counters.duplicate_ready_notices, table.counters.stray_revocations));
  }
  return table;
}

}  // namespace nara::indicators
