// The data routes: extracts, catalog, indicators, deltas, goals and settlement.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

#include "base/period.hpp"
#include "indicators/catalog.hpp"
#include "indicators/groups.hpp"
#include "server/public_goals.hpp"
#include "server/server_impl.hpp"

namespace nara::server {
namespace {

const std::vector<std::string> kUnitTypes = {"region",   "county", "area",         "municipality",
                                             "hospital", "clinic", "health_center"};
const std::vector<std::string> kSexes = {"all", "M", "F"};
const std::vector<std::string> kAgeGroups(indicators::kAgeGroupNames.begin(),
                                          indicators::kAgeGroupNames.end());

bool OneOf(const std::string& value, const std::vector<std::string>& allowed) {
  return value.empty() || std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

bool IsMonth(const std::string& text) { return ParseMonth(text).has_value(); }

bool IsTertial(const std::string& text) {
  const auto period = ParsePeriod(text);
  return period && period->type == PeriodType::kTertial;
}

// The newest tertial, else the newest month.
std::string DefaultGoalPeriod(const std::vector<std::string>& periods) {
  std::string newest_month;
  std::string newest_tertial;
  for (const auto& period : periods) {
    std::string& newest = IsTertial(period) ? newest_tertial : newest_month;
    newest = std::max(newest, period);
  }
  return newest_tertial.empty() ? newest_month : newest_tertial;
}

// The period /api/goals opens on: of the tertials (else the months), the newest whose
// assessment, as this caller sees it, has the fewest goals that cannot be assessed. A new
// tertial whose readmissions lack follow-up, or whose values are not in yet, does not hide an
// assessable one (issue 15).
Result<std::string> NewestAssessablePeriod(store::Store& store, int64_t extract,
                                           const std::vector<std::string>& periods,
                                           const std::string& audience, const std::string& lang) {
  const std::string newest = DefaultGoalPeriod(periods);
  const bool tertials = IsTertial(newest);
  std::vector<std::string> candidates;
  for (const auto& p : periods) {
    if (IsTertial(p) == tertials) candidates.push_back(p);
  }
  std::sort(candidates.rbegin(), candidates.rend());
  std::string chosen = newest;
  int64_t fewest = std::numeric_limits<int64_t>::max();
  for (const auto& candidate : candidates) {
    NARA_ASSIGN_OR_RETURN(auto body, store.GoalAssessment(extract, candidate, audience, lang));
    if (!body) continue;
    const Json parsed = Json::parse(*body, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded()) continue;
    int64_t not_assessed = 0;
    for (const auto& strategy : parsed.value("strategies", Json::array())) {
      not_assessed += strategy.value("counts", Json::object()).value("not_assessed", int64_t{0});
    }
    if (not_assessed < fewest) {  // candidates run newest first: a tie keeps the newer
      fewest = not_assessed;
      chosen = candidate;
    }
  }
  return chosen;
}

bool IsMunicipalityCode(const std::string& text) {
  return text.size() == 4 && std::all_of(text.begin(), text.end(), [](char c) {
           return std::isdigit(static_cast<unsigned char>(c)) != 0;
         });
}

// A value with 3 decimals, rounded half away from zero (data contract §4.1).
double Rounded(double value) { return std::round(value * 1000.0) / 1000.0; }

Json Optional(const std::optional<int64_t>& value) { return value ? Json(*value) : Json(nullptr); }

// The year whose price is missing (the row's amount is then null, never 0 kr), or null.
Json PriceMissing(int missing_price_year) {
  return missing_price_year != 0 ? Json(missing_price_year) : Json(nullptr);
}

// The extract named by `text` (an id), or the newest one when `text` is empty.
std::variant<store::ExtractInfo, ApiError> ResolveExtract(Call& call, const std::string& text,
                                                          const char* what = "extract") {
  if (text.empty()) {
    auto extracts = call.store.Extracts();
    if (!extracts.ok()) return ApiError{500, "internal", extracts.status().message()};
    if (extracts->empty()) return NotFoundError("the store has no extracts yet");
    return extracts->front();
  }
  int64_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size()) {
    return BadRequest(std::string(what) + " must be an extract id (a number)");
  }
  auto info = call.store.Extract(id);
  if (!info.ok()) return ApiError{500, "internal", info.status().message()};
  if (!info->has_value()) return NotFoundError("no extract with id " + text);
  return **info;
}

bool IsPublic(const Call& call) { return call.principal.role == Role::kPublic; }

// The rows array of /api/indicators written directly: the same members and values as the DOM
// built for downloads, several times faster for the hundreds of rows of a typical query.
template <typename IsHidden>
std::string IndicatorRowsJson(const std::vector<store::IndicatorRecord>& rows, bool is_count,
                              IsHidden is_hidden) {
  std::string out = "[";
  out.reserve(rows.size() * 200 + 2);
  for (const auto& row : rows) {
    const bool hidden = is_hidden(row);
    if (out.size() > 1) out += ',';
    out += "{\"indicator\":";
    AppendJsonString(out, row.indicator);
    out += ",\"period\":";
    AppendJsonString(out, row.period);
    out += ",\"unit_type\":";
    AppendJsonString(out, row.unit_type);
    out += ",\"unit\":";
    AppendJsonString(out, row.unit);
    out += ",\"sex\":";
    AppendJsonString(out, row.sex);
    out += ",\"age_group\":";
    AppendJsonString(out, row.age_group);
    out += ",\"numerator\":";
    out += hidden ? "null" : std::to_string(row.numerator);
    out += ",\"denominator\":";
    out += is_count ? "null" : std::to_string(row.denominator);
    out += ",\"value\":";
    out += hidden ? std::string("null") : Json(Rounded(row.value)).dump();
    out += hidden ? ",\"suppressed\":true}" : ",\"suppressed\":false}";
  }
  out += ']';
  return out;
}

}  // namespace

void ApiServer::Impl::AddDataRoutes() {
  Get(
      "/api/extracts",
      [](Call& call) -> Outcome {
        auto extracts = call.store.Extracts();
        if (!extracts.ok()) return ApiError{500, "internal", extracts.status().message()};
        Reply reply;
        reply.body["extracts"] = Json::array();
        for (const auto& info : *extracts) {
          reply.body["extracts"].push_back(Json{{"id", info.id},
                                                {"checksum", info.checksum},
                                                {"region", info.region},
                                                {"coverage_from", info.coverage_from},
                                                {"coverage_to", info.coverage_to},
                                                {"created", info.created},
                                                {"ingested_at", info.ingested_at},
                                                {"config_hash", info.config_hash},
                                                {"definitions_version", info.definitions_version},
                                                {"rows_read", info.rows_read},
                                                {"rows_rejected", info.rows_rejected}});
        }
        return reply;
      },
      /*cacheable=*/true);

  Get(
      "/api/catalog",
      [](Call& call) -> Outcome {
        auto extract = ResolveExtract(call, call.Param("extract"));
        if (auto* error = std::get_if<ApiError>(&extract)) return *error;
        const int64_t id = std::get<store::ExtractInfo>(extract).id;
        auto periods = call.store.Periods(id);
        auto units = call.store.Units(id);
        if (!periods.ok() || !units.ok())
          return ApiError{500, "internal", "cannot read the catalog"};
        Reply reply;
        Json list = Json::array();
        for (const auto& info : indicators::Catalog()) {
          Json unit_types = Json::array();
          for (auto type : indicators::UnitTypesOf(info.family)) unit_types.push_back(type);
          list.push_back(Json{{"id", info.id},
                              {"name_sv", info.name_sv},
                              {"name_en", info.name_en},
                              {"kind", indicators::KindName(info.kind)},
                              {"unit_types", unit_types}});
        }
        reply.body["indicators"] = list;
        Json period_types = Json::array();
        Json by_type = Json::object();
        for (const PeriodType type : kPeriodTypes) {
          period_types.push_back(std::string(PeriodTypeName(type)));
          by_type[std::string(PeriodTypeName(type))] = Json::array();
        }
        reply.body["period_types"] = std::move(period_types);
        for (const auto& period : *periods) by_type[period.period_type].push_back(period.period);
        reply.body["periods"] = by_type;
        Json unit_list = Json::array();
        for (const auto& unit : *units) {
          unit_list.push_back(
              Json{{"unit_type", unit.unit_type}, {"unit", unit.unit}, {"name", unit.name}});
        }
        reply.body["units"] = unit_list;
        reply.body["sexes"] = kSexes;
        reply.body["age_groups"] = kAgeGroups;
        return reply;
      },
      /*cacheable=*/true);

  Get(
      "/api/indicators",
      [this](Call& call) -> Outcome {
        store::IndicatorQuery query;
        query.indicator = call.Param("indicator");
        if (query.indicator.empty()) return BadRequest("the parameter indicator is required");
        const auto indicator = indicators::FindIndicator(query.indicator);
        if (!indicator) return BadRequest("unknown indicator '" + query.indicator + "'");
        query.period_type = call.Param("period_type");
        query.period = call.Param("period");
        query.unit_type = call.Param("unit_type");
        query.unit = call.Param("unit");
        query.sex = call.Param("sex");
        query.age_group = call.Param("age_group");
        if (!query.period_type.empty() && !ParsePeriodType(query.period_type)) {
          return BadRequest("unknown period_type");
        }
        if (!OneOf(query.unit_type, kUnitTypes)) return BadRequest("unknown unit_type");
        if (!OneOf(query.sex, kSexes)) return BadRequest("sex must be all, M or F");
        if (!OneOf(query.age_group, kAgeGroups)) return BadRequest("unknown age_group");
        auto extract = ResolveExtract(call, call.Param("extract"));
        if (auto* error = std::get_if<ApiError>(&extract)) return *error;
        query.extract_id = std::get<store::ExtractInfo>(extract).id;
        PublicView view;
        const bool suppress = IsPublic(call);
        if (suppress) {
          auto public_view = PublicViewOf(call, std::get<store::ExtractInfo>(extract));
          if (auto* error = std::get_if<ApiError>(&public_view)) return *error;
          view = std::get<PublicView>(public_view);
        }
        auto rows = call.store.Indicators(query);
        if (!rows.ok()) return ApiError{500, "internal", rows.status().message()};
        const bool is_count = indicators::Info(*indicator).kind == indicators::Kind::kCount;
        Reply reply;
        const std::string format = call.Param("format");
        if (format.empty() || format == "json") {
          reply.rows_json =
              IndicatorRowsJson(*rows, is_count, [&](const store::IndicatorRecord& row) {
                return suppress && view.Hides(row.rowid, row.public_suppressed);
              });
          return reply;
        }
        // Downloads go through the DOM (the same members, see IndicatorRowsJson).
        Json list = Json::array();
        for (const auto& row : *rows) {
          const bool hidden = suppress && view.Hides(row.rowid, row.public_suppressed);
          list.push_back(Json{{"indicator", row.indicator},
                              {"period", row.period},
                              {"unit_type", row.unit_type},
                              {"unit", row.unit},
                              {"sex", row.sex},
                              {"age_group", row.age_group},
                              {"numerator", hidden ? Json(nullptr) : Json(row.numerator)},
                              {"denominator", is_count ? Json(nullptr) : Json(row.denominator)},
                              {"value", hidden ? Json(nullptr) : Json(Rounded(row.value))},
                              {"suppressed", hidden}});
        }
        reply.body["rows"] = std::move(list);
        reply.columns = {"indicator", "period",    "unit_type",   "unit",  "sex",
                         "age_group", "numerator", "denominator", "value", "suppressed"};
        reply.download_name = "indikatorer";
        return reply;
      },
      /*cacheable=*/true);

  Get(
      "/api/deltas",
      [this](Call& call) -> Outcome {
        const std::string from_text = call.Param("from");
        const std::string to_text = call.Param("to");
        if (from_text.empty() || to_text.empty()) {
          return BadRequest("the parameters from and to (extract ids) are required");
        }
        auto from = ResolveExtract(call, from_text, "from");
        if (auto* error = std::get_if<ApiError>(&from)) return *error;
        auto to = ResolveExtract(call, to_text, "to");
        if (auto* error = std::get_if<ApiError>(&to)) return *error;
        store::DeltaQuery query;
        query.from_id = std::get<store::ExtractInfo>(from).id;
        query.to_id = std::get<store::ExtractInfo>(to).id;
        query.indicator = call.Param("indicator");
        query.unit_type = call.Param("unit_type");
        query.unit = call.Param("unit");
        if (!query.indicator.empty() && !indicators::FindIndicator(query.indicator)) {
          return BadRequest("unknown indicator '" + query.indicator + "'");
        }
        if (!OneOf(query.unit_type, kUnitTypes)) return BadRequest("unknown unit_type");
        const bool suppress = IsPublic(call);
        PublicView old_view, new_view;
        if (suppress) {
          auto old_public = PublicViewOf(call, std::get<store::ExtractInfo>(from));
          if (auto* error = std::get_if<ApiError>(&old_public)) return *error;
          auto new_public = PublicViewOf(call, std::get<store::ExtractInfo>(to));
          if (auto* error = std::get_if<ApiError>(&new_public)) return *error;
          old_view = std::get<PublicView>(old_public);
          new_view = std::get<PublicView>(new_public);
        }
        auto rows = call.store.Deltas(query);
        if (!rows.ok()) return ApiError{500, "internal", rows.status().message()};
        Json list = Json::array();
        for (const auto& row : *rows) {
          list.push_back(
              Json{{"indicator", row.indicator},
                   {"period", row.period},
                   {"unit_type", row.unit_type},
                   {"unit", row.unit},
                   {"sex", row.sex},
                   {"age_group", row.age_group},
                   {"old_numerator", suppress && old_view.Hides(row.old_rowid, row.old_suppressed)
                                         ? Json(nullptr)
                                         : Optional(row.old_numerator)},
                   {"old_denominator", Optional(row.old_denominator)},
                   {"new_numerator", suppress && new_view.Hides(row.new_rowid, row.new_suppressed)
                                         ? Json(nullptr)
                                         : Optional(row.new_numerator)},
                   {"new_denominator", Optional(row.new_denominator)},
                   {"change", row.change}});
        }
        Reply reply;
        reply.body["rows"] = std::move(list);
        reply.columns = {"indicator",     "period",          "unit_type",     "unit",
                         "sex",           "age_group",       "old_numerator", "old_denominator",
                         "new_numerator", "new_denominator", "change"};
        reply.download_name = "forandringar";
        return reply;
      },
      /*cacheable=*/true);

  Get(
      "/api/goals",
      [this](Call& call) -> Outcome {
        const std::string period = call.Param("period");
        const std::string lang = call.Param("lang").empty() ? "sv" : call.Param("lang");
        if (lang != "sv" && lang != "en") return BadRequest("lang must be sv or en");
        if (!period.empty() && !IsMonth(period) && !IsTertial(period)) {
          return BadRequest("period must be a month (2022-03) or a tertial (2022-T1)");
        }
        auto extract = ResolveExtract(call, call.Param("extract"));
        if (auto* error = std::get_if<ApiError>(&extract)) return *error;
        const auto& info = std::get<store::ExtractInfo>(extract);
        auto periods = call.store.GoalPeriods(info.id);
        if (!periods.ok()) return ApiError{500, "internal", periods.status().message()};
        if (periods->empty()) {
          return NotFoundError(fmt::format(
              "extract {} has no goal assessment (ingest it with nara ingest --goals)", info.id));
        }
        const bool is_public = IsPublic(call);
        const std::string audience = is_public ? "public" : "full";
        std::string chosen = period;
        if (chosen.empty()) {
          auto newest = NewestAssessablePeriod(call.store, info.id, *periods, audience, lang);
          if (!newest.ok()) return ApiError{500, "internal", newest.status().message()};
          chosen = *newest;
        }
        auto body = call.store.GoalAssessment(info.id, chosen, audience, lang);
        if (!body.ok()) return ApiError{500, "internal", body.status().message()};
        if (!body->has_value()) {
          return NotFoundError(
              fmt::format("extract {} has no goal assessment for {}", info.id, chosen));
        }
        Reply reply;
        reply.body["extract"] = info.id;
        reply.body["period"] = chosen;
        reply.body["periods"] = *periods;
        Json stored = Json::parse(**body);
        for (auto& [key, value] : stored.items()) reply.body[key] = std::move(value);
        if (is_public && options.suppress >= 0 && options.suppress != info.public_min_count) {
          auto view = PublicViewOf(call, info);
          if (auto* error = std::get_if<ApiError>(&view)) return *error;
          const Status hidden = HidePublicGoalTexts(call.store, info.id, std::get<PublicView>(view),
                                                    options.suppress, lang == "sv", reply.body);
          if (!hidden.ok()) return ApiError{500, "internal", hidden.message()};
        }
        return reply;
      },
      /*cacheable=*/true);

  Get(
      "/api/settlement/summary",
      [this](Call& call) -> Outcome {
        const std::string municipality = call.Param("municipality");
        const std::string from = call.Param("from");
        const std::string to = call.Param("to");
        if (!municipality.empty() && !IsMunicipalityCode(municipality)) {
          return BadRequest("municipality must be a 4-digit SCB code");
        }
        if ((!from.empty() && !IsMonth(from)) || (!to.empty() && !IsMonth(to))) {
          return BadRequest("from and to must be months, YYYY-MM");
        }
        auto extract = ResolveExtract(call, call.Param("extract"));
        if (auto* error = std::get_if<ApiError>(&extract)) return *error;
        const auto& info = std::get<store::ExtractInfo>(extract);
        auto rows = call.store.SettlementSummary(info.id, municipality, from, to);
        if (!rows.ok()) return ApiError{500, "internal", rows.status().message()};
        const int min_count = options.suppress >= 0 ? options.suppress : info.public_min_count;
        const bool suppress = IsPublic(call);
        Json list = Json::array();
        for (const auto& row : *rows) {
          const bool hidden = suppress && row.episodes < min_count;
          const auto shown = [&](int64_t value) { return hidden ? Json(nullptr) : Json(value); };
          // A year without a price: amount null and price_missing the year ("pris saknas för
          // 2021"), never 0 kr. Not hidden by suppression: it says nothing about the count.
          list.push_back(Json{{"municipality", row.municipality},
                              {"month", row.month},
                              {"episodes", shown(row.episodes)},
                              {"ready_days", shown(row.ready_days)},
                              {"liable_days", shown(row.liable_days)},
                              {"amount", row.amount ? shown(*row.amount) : Json(nullptr)},
                              {"price_missing", PriceMissing(row.missing_price_year)},
                              {"suppressed", hidden}});
        }
        Reply reply;
        reply.body["rows"] = std::move(list);
        reply.columns = {"municipality", "month",  "episodes",      "ready_days",
                         "liable_days",  "amount", "price_missing", "suppressed"};
        reply.download_name = "reglering_sammanstallning";
        return reply;
      },
      /*cacheable=*/true);

  Get("/api/settlement/basis", [](Call& call) -> Outcome {
    if (IsPublic(call)) {
      return Unauthenticated("log in to see individual-level settlement rows");
    }
    const std::string municipality = call.Param("municipality");
    const std::string month = call.Param("month");
    if (!IsMunicipalityCode(municipality) || !IsMonth(month)) {
      return BadRequest("municipality (4-digit code) and month (YYYY-MM) are required");
    }
    if (call.principal.role == Role::kMunicipality && call.principal.municipality != municipality) {
      return Forbidden("a municipality user sees only its own residents' settlement rows");
    }
    auto extract = ResolveExtract(call, call.Param("extract"));
    if (auto* error = std::get_if<ApiError>(&extract)) return *error;
    auto rows =
        call.store.SettlementBasis(std::get<store::ExtractInfo>(extract).id, municipality, month);
    if (!rows.ok()) return ApiError{500, "internal", rows.status().message()};
    Json list = Json::array();
    for (const auto& row : *rows) {
      list.push_back(Json{{"municipality", row.municipality},
                          {"patient_ref", row.patient_ref},
                          {"episode_id", row.episode_id},
                          {"care_type", row.care_type},
                          {"ready_at", row.ready_at},
                          {"ready_until", row.ready_until},
                          {"ready_days", row.ready_days},
                          {"liable_days", row.liable_days},
                          {"price_per_day", Optional(row.price_per_day)},
                          {"amount", Optional(row.amount)},
                          {"price_missing", PriceMissing(row.missing_price_year)},
                          {"liable", row.liable},
                          {"reason", row.reason}});
    }
    Reply reply;
    reply.body["rows"] = std::move(list);
    reply.columns = {"municipality",  "patient_ref", "episode_id",  "care_type",     "ready_at",
                     "ready_until",   "ready_days",  "liable_days", "price_per_day", "amount",
                     "price_missing", "liable",      "reason"};
    reply.download_name = "reglering_underlag_" + municipality + "_" + month;
    return reply;
  });
}

}  // namespace nara::server
