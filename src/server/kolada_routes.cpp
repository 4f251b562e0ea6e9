// The Kolada-shaped routes (docs/kolada.md, docs/http_api.md): /api/kolada/v3/kpi and
// /api/kolada/v3/data/kpi/{kpi}[/municipality/{m}]/year/{year}, answering the newest extract's
// yearly region and municipality cells in Kolada's shape, with Kolada's paging. The public sees
// suppressed cells as null with status "suppressed", exactly as /api/indicators hides them.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "indicators/catalog.hpp"
#include "kolada/kolada_export.hpp"
#include "server/server_impl.hpp"

namespace nara::server {
namespace {

constexpr int64_t kMaxPerPage = 5000;  // Kolada's own page size and limit

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = std::min(text.find(',', start), text.size());
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::optional<int64_t> PositiveNumber(const std::string& text) {
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 1) return std::nullopt;
  return value;
}

// The paging of Kolada's API: `page` (from 1) and `per_page` (1-5000, default 5000); `count` is
// the number of entries in all pages, `next_page`/`previous_page` the absolute URL of the
// neighbouring page or null.
struct Paging {
  int64_t page = 1;
  int64_t per_page = kMaxPerPage;
};

std::variant<Paging, ApiError> PagingOf(const Call& call) {
  Paging paging;
  if (const std::string text = call.Param("page"); !text.empty()) {
    auto page = PositiveNumber(text);
    if (!page) return BadRequest("page must be a whole number from 1");
    paging.page = *page;
  }
  if (const std::string text = call.Param("per_page"); !text.empty()) {
    auto per_page = PositiveNumber(text);
    if (!per_page || *per_page > kMaxPerPage) return BadRequest("per_page must be 1-5000");
    paging.per_page = *per_page;
  }
  return paging;
}

std::string PageUrl(const Call& call, int64_t page, int64_t per_page) {
  const std::string host = call.http.get_header_value("Host");
  const std::string scheme =
      call.http.get_header_value("X-Forwarded-Proto") == "https" ? "https" : "http";
  return fmt::format("{}://{}{}?page={}&per_page={}", scheme, host, call.http.path, page, per_page);
}

// `{"count","values","next_page","previous_page"}` of one page of `entries`.
Reply PagedReply(const Call& call, const Paging& paging, Json entries) {
  const auto total = static_cast<int64_t>(entries.size());
  const int64_t first = (paging.page - 1) * paging.per_page;
  Json page = Json::array();
  for (int64_t i = first; i < total && i < first + paging.per_page; ++i) {
    page.push_back(std::move(entries[static_cast<size_t>(i)]));
  }
  Reply reply;
  reply.body["count"] = total;
  reply.body["values"] = std::move(page);
  reply.body["next_page"] = first + paging.per_page < total
                                ? Json(PageUrl(call, paging.page + 1, paging.per_page))
                                : Json(nullptr);
  reply.body["previous_page"] =
      paging.page > 1 && first - paging.per_page < total
          ? Json(PageUrl(call, paging.page - 1, paging.per_page))
          : Json(nullptr);
  return reply;
}

}  // namespace

void ApiServer::Impl::AddKoladaRoutes() {
  // Not cacheable: next_page and previous_page carry the Host the request was sent to.
  Get("/api/kolada/v3/kpi", [this](Call& call) -> Outcome {
    auto paging = PagingOf(call);
    if (auto* error = std::get_if<ApiError>(&paging)) return *error;
    kolada::KpiMap kpis;
    const std::vector<std::string> wanted = SplitList(call.Param("id"));
    for (const auto& [indicator, kpi] : options.kolada_kpi) {
      if (wanted.empty() || std::find(wanted.begin(), wanted.end(), kpi) != wanted.end()) {
        kpis[indicator] = kpi;
      }
    }
    Json metadata = Json::parse(kolada::KpiMetadataJson(kpis));
    return PagedReply(call, std::get<Paging>(paging), std::move(metadata["values"]));
  });

  auto data = [this](Call& call, const std::string& kpi_text, const std::string& unit_text,
                     const std::string& year_text) -> Outcome {
    auto paging = PagingOf(call);
    if (auto* error = std::get_if<ApiError>(&paging)) return *error;
    // KPI ids -> indicators, in the mapping's order; an unknown KPI has no values (as Kolada).
    const std::vector<std::string> kpi_ids = SplitList(kpi_text);
    std::vector<std::string> years = SplitList(year_text);
    const std::vector<std::string> units = SplitList(unit_text);
    if (kpi_ids.empty() || years.empty()) return BadRequest("a KPI id and a year are required");
    for (const auto& year : years) {
      auto number = PositiveNumber(year);
      if (!number || year.size() != 4) return BadRequest("year must be a year such as 2022");
    }
    std::sort(years.begin(), years.end());
    for (const auto& unit : units) {
      if (!kolada::IsUnitId(unit)) return BadRequest("municipality must be 4-digit Kolada ids");
    }
    auto extracts = call.store.Extracts();
    if (!extracts.ok()) return ApiError{500, "internal", extracts.status().message()};
    Json entries = Json::array();
    if (extracts->empty()) return PagedReply(call, std::get<Paging>(paging), std::move(entries));
    const store::ExtractInfo& extract = extracts->front();
    PublicView view;
    const bool suppress = call.principal.role == Role::kPublic;
    if (suppress) {
      auto public_view = PublicViewOf(call, extract);
      if (auto* error = std::get_if<ApiError>(&public_view)) return *error;
      view = std::get<PublicView>(public_view);
    }
    for (const auto& [indicator_id, kpi] : options.kolada_kpi) {
      if (std::find(kpi_ids.begin(), kpi_ids.end(), kpi) == kpi_ids.end()) continue;
      const auto indicator = indicators::FindIndicator(indicator_id);
      if (!indicator) continue;
      const bool is_count = indicators::Info(*indicator).kind == indicators::Kind::kCount;
      for (const auto& year : years) {
        store::IndicatorQuery query;
        query.extract_id = extract.id;
        query.indicator = indicator_id;
        query.period_type = "year";
        query.period = year;
        query.age_group = "all";
        auto rows = call.store.Indicators(query);
        if (!rows.ok()) return ApiError{500, "internal", rows.status().message()};
        // One entry per unit, its genders T, K, M inside (the store's order: all, F, M).
        std::map<std::string, size_t> entry_of;
        for (const auto& row : *rows) {
          const std::string unit = kolada::UnitIdOf(row.unit_type, row.unit);
          if (unit.empty()) continue;
          if (!units.empty() && std::find(units.begin(), units.end(), unit) == units.end()) {
            continue;
          }
          auto [it, added] = entry_of.emplace(unit, entries.size());
          if (added) {
            entries.push_back(Json{{"kpi", kpi},
                                   {"municipality", unit},
                                   {"period", std::stoi(year)},
                                   {"values", Json::array()}});
          }
          const bool hidden = (suppress && view.Hides(row.rowid, row.public_suppressed));
          const bool missing = !std::isfinite(row.value);
          Json value = Json{{"gender", std::string(kolada::GenderOf(row.sex))},
                            {"count", hidden || missing ? 0 : 1},
                            {"status", hidden    ? std::string(kolada::kSuppressedStatus)
                                       : missing ? std::string("Missing")
                                                 : std::string()},
                            {"value", hidden || missing
                                          ? Json(nullptr)
                                          : Json(is_count ? static_cast<double>(row.numerator)
                                                          : std::round(row.value * 1000.0) /
                                                                1000.0)}};
          entries[it->second]["values"].push_back(std::move(value));
        }
      }
    }
    return PagedReply(call, std::get<Paging>(paging), std::move(entries));
  };
  Get(R"(/api/kolada/v3/data/kpi/([^/]+)/year/([^/]+))", [data](Call& call) -> Outcome {
    return data(call, call.http.matches[1].str(), "", call.http.matches[2].str());
  });
  Get(R"(/api/kolada/v3/data/kpi/([^/]+)/municipality/([^/]+)/year/([^/]+))",
      [data](Call& call) -> Outcome {
        return data(call, call.http.matches[1].str(), call.http.matches[2].str(),
                    call.http.matches[3].str());
      });
}

}  // namespace nara::server
