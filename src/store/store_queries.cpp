// Read queries of the store: indicator rows, deltas, catalogue lists and settlement.
#include <fmt/format.h>

#include <utility>

#include "store/store.hpp"

namespace nara::store {
namespace {

// A WHERE clause built from optional equality filters, with its bound values in order.
struct Filters {
  std::string sql;
  std::vector<std::string> values;
  void Add(const std::string& column, const std::string& value) {
    if (value.empty()) return;
    values.push_back(value);
    sql += fmt::format(" AND {} = ?{}", column, values.size() + 1);  // ?1 is the extract id
  }
};

template <typename T, typename ReadRow>
Result<std::vector<T>> Collect(Statement& statement, ReadRow read) {
  std::vector<T> out;
  for (;;) {
    auto row = statement.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back(read(statement));
  }
  return out;
}

std::optional<int64_t> OptionalInt(const Statement& row, int column) {
  if (row.IsNull(column)) return std::nullopt;
  return row.Int(column);
}

}  // namespace

Result<std::vector<IndicatorRecord>> Store::Indicators(const IndicatorQuery& query) {
  Filters filters;
  filters.Add("indicator", query.indicator);
  filters.Add("unit_type", query.unit_type);
  filters.Add("unit", query.unit);
  filters.Add("period_type", query.period_type);
  filters.Add("period", query.period);
  filters.Add("sex", query.sex);
  filters.Add("age_group", query.age_group);
  auto select = db_->Prepare(
      "SELECT indicator, period_type, period, unit_type, unit, sex, age_group, numerator, "
      "denominator, value, public_suppressed, rowid FROM indicator_rows WHERE extract_id = ?1" +
      filters.sql + " ORDER BY rowid");
  if (!select.ok()) return select.status();
  Statement& s = **select;
  s.Bind(1, query.extract_id);
  for (size_t i = 0; i < filters.values.size(); ++i) {
    s.Bind(static_cast<int>(i + 2), filters.values[i]);
  }
  return Collect<IndicatorRecord>(s, [](const Statement& row) {
    IndicatorRecord record;
    record.indicator = row.Text(0);
    record.period_type = row.Text(1);
    record.period = row.Text(2);
    record.unit_type = row.Text(3);
    record.unit = row.Text(4);
    record.sex = row.Text(5);
    record.age_group = row.Text(6);
    record.numerator = row.Int(7);
    record.denominator = row.Int(8);
    record.value = row.Double(9);
    record.public_suppressed = row.Int(10) != 0;
    record.rowid = row.Int(11);
    return record;
  });
}

Result<std::vector<DeltaRecord>> Store::Deltas(const DeltaQuery& query) {
  // Both sides are restricted to the periods both extracts have, so a month that only the newer
  // extract covers is not reported as hundreds of "added" cells.
  Filters filters;
  filters.Add("indicator", query.indicator);
  filters.Add("unit_type", query.unit_type);
  filters.Add("unit", query.unit);
  const std::string side =
      "SELECT indicator, period, unit_type, unit, sex, age_group, numerator, denominator, "
      "public_suppressed, rowid AS id FROM indicator_rows WHERE extract_id = ?1 AND "
      "period IN common" +
      filters.sql;
  std::string new_side = side;
  new_side.replace(new_side.find("?1"), 2, "?10");
  const std::string sql = fmt::format(
      "WITH common AS (SELECT period FROM periods WHERE extract_id = ?1 INTERSECT "
      "SELECT period FROM periods WHERE extract_id = ?10), o AS ({}), n AS ({}) "
      "SELECT coalesce(o.indicator, n.indicator), coalesce(o.period, n.period), "
      "coalesce(o.unit_type, n.unit_type), coalesce(o.unit, n.unit), coalesce(o.sex, n.sex), "
      "coalesce(o.age_group, n.age_group), o.numerator, o.denominator, n.numerator, "
      "n.denominator, coalesce(o.public_suppressed, 0), coalesce(n.public_suppressed, 0), "
      "coalesce(o.id, 0), coalesce(n.id, 0) "
      "FROM o FULL OUTER JOIN n ON o.indicator = n.indicator AND o.period = n.period AND "
      "o.unit_type = n.unit_type AND o.unit = n.unit AND o.sex = n.sex AND "
      "o.age_group = n.age_group "
      "WHERE o.indicator IS NULL OR n.indicator IS NULL OR o.numerator <> n.numerator OR "
      "o.denominator <> n.denominator ORDER BY 1, 2, 3, 4, 5, 6",
      side, new_side);
  auto select = db_->Prepare(sql);
  if (!select.ok()) return select.status();
  Statement& s = **select;
  s.Bind(1, query.from_id);
  s.Bind(10, query.to_id);
  for (size_t i = 0; i < filters.values.size(); ++i) {
    s.Bind(static_cast<int>(i + 2), filters.values[i]);
  }
  return Collect<DeltaRecord>(s, [](const Statement& row) {
    DeltaRecord record;
    record.indicator = row.Text(0);
    record.period = row.Text(1);
    record.unit_type = row.Text(2);
    record.unit = row.Text(3);
    record.sex = row.Text(4);
    record.age_group = row.Text(5);
    record.old_numerator = OptionalInt(row, 6);
    record.old_denominator = OptionalInt(row, 7);
    record.new_numerator = OptionalInt(row, 8);
    record.new_denominator = OptionalInt(row, 9);
    record.old_suppressed = row.Int(10) != 0;
    record.new_suppressed = row.Int(11) != 0;
    record.old_rowid = row.Int(12);
    record.new_rowid = row.Int(13);
    record.change = !record.old_numerator ? "added" : !record.new_numerator ? "removed"
                                                                            : "changed";
    return record;
  });
}

Result<std::vector<PeriodEntry>> Store::Periods(int64_t extract_id) {
  auto select = db_->Prepare(
      "SELECT period_type, period FROM periods WHERE extract_id = ?1 ORDER BY ord");
  if (!select.ok()) return select.status();
  (*select)->Bind(1, extract_id);
  return Collect<PeriodEntry>(**select, [](const Statement& row) {
    return PeriodEntry{row.Text(0), row.Text(1)};
  });
}

Result<std::vector<UnitEntry>> Store::Units(int64_t extract_id) {
  auto select = db_->Prepare(
      "SELECT unit_type, unit, name FROM units WHERE extract_id = ?1 ORDER BY rowid");
  if (!select.ok()) return select.status();
  (*select)->Bind(1, extract_id);
  return Collect<UnitEntry>(**select, [](const Statement& row) {
    return UnitEntry{row.Text(0), row.Text(1), row.Text(2)};
  });
}

Result<std::vector<RejectCount>> Store::RejectCounts(int64_t extract_id) {
  auto select = db_->Prepare(
      "SELECT file, kind, code, rows FROM reject_counts WHERE extract_id = ?1 ORDER BY rowid");
  if (!select.ok()) return select.status();
  (*select)->Bind(1, extract_id);
  return Collect<RejectCount>(**select, [](const Statement& row) {
    return RejectCount{row.Text(0), row.Text(1), row.Text(2), row.Int(3)};
  });
}

Result<std::vector<SettlementSummaryRow>> Store::SettlementSummary(
    int64_t extract_id, const std::string& municipality, const std::string& from_month,
    const std::string& to_month) {
  auto select = db_->Prepare(
      "SELECT municipality, month, episodes, ready_days, liable_days, amount "
      "FROM settlement_summary WHERE extract_id = ?1 AND (?2 = '' OR municipality = ?2) "
      "AND (?3 = '' OR month >= ?3) AND (?4 = '' OR month <= ?4) ORDER BY municipality, month");
  if (!select.ok()) return select.status();
  Statement& s = **select;
  s.Bind(1, extract_id);
  s.Bind(2, municipality);
  s.Bind(3, from_month);
  s.Bind(4, to_month);
  return Collect<SettlementSummaryRow>(s, [](const Statement& row) {
    return SettlementSummaryRow{row.Text(0), row.Text(1), row.Int(2),
                                row.Int(3),  row.Int(4),  row.Int(5)};
  });
}

Result<std::vector<SettlementBasisRow>> Store::SettlementBasis(int64_t extract_id,
                                                               const std::string& municipality,
                                                               const std::string& month) {
  auto select = db_->Prepare(
      "SELECT municipality, month, patient_ref, episode_id, care_type, ready_at, ready_until, "
      "ready_days, liable_days, price_per_day, amount, liable, reason FROM settlement_basis "
      "WHERE extract_id = ?1 AND municipality = ?2 AND month = ?3 ORDER BY rowid");
  if (!select.ok()) return select.status();
  Statement& s = **select;
  s.Bind(1, extract_id);
  s.Bind(2, municipality);
  s.Bind(3, month);
  return Collect<SettlementBasisRow>(s, [](const Statement& row) {
    SettlementBasisRow out;
    out.municipality = row.Text(0);
    out.month = row.Text(1);
    out.patient_ref = row.Text(2);
    out.episode_id = row.Text(3);
    out.care_type = row.Text(4);
    out.ready_at = row.Text(5);
    out.ready_until = row.Text(6);
    out.ready_days = row.Int(7);
    out.liable_days = row.Int(8);
    out.price_per_day = row.Int(9);
    out.amount = row.Int(10);
    out.liable = row.Int(11) != 0;
    out.reason = row.Text(12);
    return out;
  });
}

}  // namespace nara::store
