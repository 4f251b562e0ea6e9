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
    NARA_ASSIGN_OR_RETURN(auto row, statement.Step());
    if (!row) break;
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
  NARA_ASSIGN_OR_RETURN(
      auto select,
      db_->Prepare(
          "SELECT indicator, period_type, period, unit_type, unit, sex, age_group, numerator, "
          "denominator, value, public_suppressed, rowid FROM indicator_rows WHERE extract_id = ?1" +
          filters.sql + " ORDER BY rowid"));
  Statement& s = *select;
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
  // extract covers is not reported as hundreds of "added" cells. Each side's cell is looked up
  // in the other through the lookup index (all its columns are equalities), so the cost is
  // linear in the rows compared.
  Filters old_filters, new_filters;
  for (auto* filters : {&old_filters, &new_filters}) {
    const char* side = filters == &old_filters ? "o." : "n.";
    filters->Add(std::string(side) + "indicator", query.indicator);
    filters->Add(std::string(side) + "unit_type", query.unit_type);
    filters->Add(std::string(side) + "unit", query.unit);
  }
  const std::string same_cell =
      "x.indicator = y.indicator AND x.unit_type = y.unit_type AND x.unit = y.unit AND "
      "x.period_type = y.period_type AND x.period = y.period AND x.sex = y.sex AND "
      "x.age_group = y.age_group";
  auto cell = [&](const char* x, const char* y) {
    std::string text = same_cell;
    for (size_t at = 0; (at = text.find("x.", at)) != std::string::npos; at += 2) text[at] = x[0];
    for (size_t at = 0; (at = text.find("y.", at)) != std::string::npos; at += 2) text[at] = y[0];
    return text;
  };
  const std::string sql = fmt::format(
      "WITH common AS (SELECT period FROM periods WHERE extract_id = ?1 INTERSECT "
      "SELECT period FROM periods WHERE extract_id = ?10) "
      "SELECT o.indicator, o.period, o.unit_type, o.unit, o.sex, o.age_group, o.numerator, "
      "o.denominator, n.numerator, n.denominator, o.public_suppressed, "
      "coalesce(n.public_suppressed, 0), o.rowid, coalesce(n.rowid, 0) "
      "FROM indicator_rows o LEFT JOIN indicator_rows n ON n.extract_id = ?10 AND {} "
      "WHERE o.extract_id = ?1 AND o.period IN common{} AND (n.rowid IS NULL OR "
      "n.numerator <> o.numerator OR n.denominator <> o.denominator) "
      "UNION ALL "
      "SELECT n.indicator, n.period, n.unit_type, n.unit, n.sex, n.age_group, NULL, NULL, "
      "n.numerator, n.denominator, 0, n.public_suppressed, 0, n.rowid "
      "FROM indicator_rows n WHERE n.extract_id = ?10 AND n.period IN common{} AND NOT EXISTS "
      "(SELECT 1 FROM indicator_rows o WHERE o.extract_id = ?1 AND {}) "
      "ORDER BY 1, 2, 3, 4, 5, 6",
      cell("n", "o"), old_filters.sql, new_filters.sql, cell("o", "n"));
  Filters& filters = old_filters;  // the same values bind both sides' ?2.. parameters
  NARA_ASSIGN_OR_RETURN(auto select, db_->Prepare(sql));
  Statement& s = *select;
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
    record.change = !record.old_numerator ? "added" : !record.new_numerator ? "removed" : "changed";
    return record;
  });
}

Result<std::vector<PeriodEntry>> Store::Periods(int64_t extract_id) {
  auto select =
      db_->Prepare("SELECT period_type, period FROM periods WHERE extract_id = ?1 ORDER BY ord");
  if (!select.ok()) return select.status();
  (*select)->Bind(1, extract_id);
  return Collect<PeriodEntry>(**select, [](const Statement& row) {
    return PeriodEntry{row.Text(0), row.Text(1)};
  });
}

Result<std::vector<UnitEntry>> Store::Units(int64_t extract_id) {
  auto select =
      db_->Prepare("SELECT unit_type, unit, name FROM units WHERE extract_id = ?1 ORDER BY rowid");
  if (!select.ok()) return select.status();
  (*select)->Bind(1, extract_id);
  return Collect<UnitEntry>(**select, [](const Statement& row) {
    return UnitEntry{row.Text(0), row.Text(1), row.Text(2)};
  });
}

Result<std::vector<RejectCount>> Store::RejectCounts(int64_t extract_id) {
  NARA_ASSIGN_OR_RETURN(
      auto select,
      db_->Prepare(
          "SELECT file, kind, code, rows FROM reject_counts WHERE extract_id = ?1 ORDER BY rowid"));
  (select)->Bind(1, extract_id);
  return Collect<RejectCount>(*select, [](const Statement& row) {
    return RejectCount{row.Text(0), row.Text(1), row.Text(2), row.Int(3)};
  });
}

Result<std::vector<std::string>> Store::GoalPeriods(int64_t extract_id) {
  NARA_ASSIGN_OR_RETURN(
      auto select,
      db_->Prepare(
          "SELECT period FROM goal_assessments WHERE extract_id = ?1 GROUP BY period ORDER BY "
          "min(ord)"));
  (select)->Bind(1, extract_id);
  return Collect<std::string>(*select, [](const Statement& row) { return row.Text(0); });
}

Result<std::optional<std::string>> Store::GoalAssessment(int64_t extract_id,
                                                         const std::string& period,
                                                         const std::string& audience,
                                                         const std::string& lang) {
  NARA_ASSIGN_OR_RETURN(auto select,
                        db_->Prepare("SELECT body FROM goal_assessments WHERE extract_id = ?1 AND "
                                     "period = ?2 AND audience = ?3 "
                                     "AND lang = ?4"));
  Statement& s = *select;
  s.Bind(1, extract_id);
  s.Bind(2, period);
  s.Bind(3, audience);
  s.Bind(4, lang);
  NARA_ASSIGN_OR_RETURN(auto rows,
                        Collect<std::string>(s, [](const Statement& row) { return row.Text(0); }));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(std::move(rows.front()));
}

Result<std::optional<GoalSource>> Store::GoalSourceOf(int64_t extract_id) {
  NARA_ASSIGN_OR_RETURN(
      auto select,
      db_->Prepare("SELECT goals_file, goals_sha256, manual_file, manual_sha256 FROM goal_sources "
                   "WHERE extract_id = ?1"));
  (select)->Bind(1, extract_id);
  NARA_ASSIGN_OR_RETURN(auto rows, Collect<GoalSource>(*select, [](const Statement& row) {
                          return GoalSource{row.Text(0), row.Text(1), row.Text(2), row.Text(3)};
                        }));
  if (rows.empty()) return std::optional<GoalSource>();
  return std::optional<GoalSource>(std::move(rows.front()));
}

Result<std::vector<SettlementSummaryRow>> Store::SettlementSummary(int64_t extract_id,
                                                                   const std::string& municipality,
                                                                   const std::string& from_month,
                                                                   const std::string& to_month) {
  NARA_ASSIGN_OR_RETURN(
      auto select,
      db_->Prepare(
          "SELECT municipality, month, episodes, ready_days, liable_days, amount, "
          "missing_price_year "
          "FROM settlement_summary WHERE extract_id = ?1 AND (?2 = '' OR municipality = ?2) "
          "AND (?3 = '' OR month >= ?3) AND (?4 = '' OR month <= ?4) ORDER BY municipality, "
          "month"));
  Statement& s = *select;
  s.Bind(1, extract_id);
  s.Bind(2, municipality);
  s.Bind(3, from_month);
  s.Bind(4, to_month);
  return Collect<SettlementSummaryRow>(s, [](const Statement& row) {
    SettlementSummaryRow out{row.Text(0), row.Text(1), row.Int(2), row.Int(3), row.Int(4)};
    out.amount = OptionalInt(row, 5);
    out.missing_price_year = row.IsNull(6) ? 0 : static_cast<int>(row.Int(6));
    return out;
  });
}

Result<std::vector<SettlementBasisRow>> Store::SettlementBasis(int64_t extract_id,
                                                               const std::string& municipality,
                                                               const std::string& month) {
  NARA_ASSIGN_OR_RETURN(
      auto select,
      db_->Prepare(
          "SELECT municipality, month, patient_ref, episode_id, care_type, ready_at, ready_until, "
          "ready_days, liable_days, price_per_day, amount, liable, reason, missing_price_year "
          "FROM settlement_basis "
          "WHERE extract_id = ?1 AND municipality = ?2 AND month = ?3 ORDER BY rowid"));
  Statement& s = *select;
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
    out.price_per_day = OptionalInt(row, 9);
    out.amount = OptionalInt(row, 10);
    out.liable = row.Int(11) != 0;
    out.reason = row.Text(12);
    out.missing_price_year = row.IsNull(13) ? 0 : static_cast<int>(row.Int(13));
    return out;
  });
}

}  // namespace nara::store
