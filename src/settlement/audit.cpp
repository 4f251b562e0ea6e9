// The comparison of two settlement runs (changes.csv).
#include "settlement/audit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "base/csv_field.hpp"
#include "base/csv_reader.hpp"

namespace nara::settlement {
namespace {

struct Sums {
  int64_t ready_days = 0, liable_days = 0, amount = 0;
  bool operator==(const Sums&) const = default;
};
using Key = std::tuple<std::string, std::string, std::string, std::string>;

Result<std::map<Key, Sums>> ReadBasis(const std::string& text, const std::string& name,
                                      const std::string& first_month,
                                      const std::string& last_month) {
  NARA_ASSIGN_OR_RETURN(auto reader, CsvReader::Open(text, name));
  const std::vector<std::string> needed = {
      "municipality", "month", "patient_ref", "episode_id", "ready_days", "liable_days", "amount"};
  std::vector<size_t> column;
  for (const auto& want : needed) {
    const auto& header = reader.header();
    auto it = std::find(header.begin(), header.end(), want);
    if (it == header.end()) {
      return InvalidInput(
          fmt::format("{}: not a settlement basis: column '{}' missing", name, want));
    }
    column.push_back(static_cast<size_t>(it - header.begin()));
  }
  std::map<Key, Sums> rows;
  CsvRecord record;
  while (reader.Next(record)) {
    if (!record.error.empty() || record.fields.size() < reader.header().size()) {
      return InvalidInput(fmt::format("{}:{}: not a settlement basis row", name, record.line));
    }
    auto field = [&](size_t i) { return std::string(record.fields[column[i]]); };
    const std::string month = field(1);
    if (month < first_month || month > last_month) continue;
    Sums& sums = rows[{field(0), month, field(2), field(3)}];
    bool bad = false;
    for (auto [index, sum] : {std::pair{4, &sums.ready_days}, std::pair{5, &sums.liable_days},
                              std::pair{6, &sums.amount}}) {
      int64_t value = 0;
      const std::string number = field(static_cast<size_t>(index));
      const auto [end, error] =
          std::from_chars(number.data(), number.data() + number.size(), value);
      bad = bad || error != std::errc() || end != number.data() + number.size() ||
            __builtin_add_overflow(*sum, value, sum);
    }
    if (bad) {
      return InvalidInput(fmt::format(
          "{}:{}: not a whole number (or too large) in a settlement basis row", name, record.line));
    }
  }
  return rows;
}

}  // namespace

Result<std::vector<Change>> CompareBasis(const std::string& old_basis, const std::string& old_name,
                                         const std::string& new_basis,
                                         const std::string& first_month,
                                         const std::string& last_month) {
  NARA_ASSIGN_OR_RETURN(auto before, ReadBasis(old_basis, old_name, first_month, last_month));
  NARA_ASSIGN_OR_RETURN(auto after, ReadBasis(new_basis, "basis.csv", first_month, last_month));
  std::vector<Change> changes;
  auto add = [&](const Key& key, const Sums* old_sums, const Sums* new_sums) {
    Change change{std::get<0>(key), std::get<1>(key), std::get<2>(key), std::get<3>(key),
                  old_sums == nullptr   ? "added"
                  : new_sums == nullptr ? "removed"
                                        : "changed"};
    const Sums none;
    const Sums& o = old_sums ? *old_sums : none;
    const Sums& n = new_sums ? *new_sums : none;
    change.old_ready_days = o.ready_days;
    change.new_ready_days = n.ready_days;
    change.old_liable_days = o.liable_days;
    change.new_liable_days = n.liable_days;
    change.old_amount = o.amount;
    change.new_amount = n.amount;
    changes.push_back(std::move(change));
  };
  for (const auto& [key, sums] : before) {
    auto it = after.find(key);
    if (it == after.end()) {
      add(key, &sums, nullptr);
    } else if (!(it->second == sums)) {
      add(key, &sums, &it->second);
    }
  }
  for (const auto& [key, sums] : after) {
    if (!before.count(key)) add(key, nullptr, &sums);
  }
  std::sort(changes.begin(), changes.end(), [](const Change& a, const Change& b) {
    return std::tie(a.municipality, a.month, a.patient_ref, a.episode_id) <
           std::tie(b.municipality, b.month, b.patient_ref, b.episode_id);
  });
  return changes;
}

std::string ChangesCsv(const std::vector<Change>& changes) {
  std::string out =
      "municipality,month,patient_ref,episode_id,change,old_ready_days,new_ready_days,"
      "old_liable_days,new_liable_days,old_amount,new_amount\n";
  for (const Change& c : changes) {
    fmt::format_to(std::back_inserter(out), "{},{},{},{},{},{},{},{},{},{},{}\n", c.municipality,
                   c.month, c.patient_ref, CsvField(c.episode_id), c.what, c.old_ready_days,
                   c.new_ready_days, c.old_liable_days, c.new_liable_days, c.old_amount,
                   c.new_amount);
  }
  return out;
}

std::string ChangesSummary(const std::vector<Change>& changes) {
  struct Totals {
    int added = 0, removed = 0, changed = 0;
    int64_t liable_days = 0, amount = 0;
  };
  std::map<std::pair<std::string, std::string>, Totals> by_unit;
  for (const Change& c : changes) {
    Totals& t = by_unit[{c.municipality, c.month}];
    (c.what == "added" ? t.added : c.what == "removed" ? t.removed : t.changed) += 1;
    t.liable_days += c.new_liable_days - c.old_liable_days;
    t.amount += c.new_amount - c.old_amount;
  }
  std::string out;
  for (const auto& [key, t] : by_unit) {
    fmt::format_to(std::back_inserter(out),
                   "{} {}: {} added, {} removed, {} changed; liable days {:+d}, amount {:+d} kr\n",
                   key.first, key.second, t.added, t.removed, t.changed, t.liable_days, t.amount);
  }
  return out;
}

}  // namespace nara::settlement
