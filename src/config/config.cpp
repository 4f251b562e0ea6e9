// nara.toml: reading, validating and defaulting a region's settings.
#include "config/config.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "base/file.hpp"
#include "base/toml_section.hpp"

namespace nara::config {
namespace {

Result<std::vector<model::CareType>> CareTypes(TomlSection& section,
                                               std::vector<model::CareType> fallback) {
  const toml::node* node = section.Get("care_types");
  if (node == nullptr) return fallback;
  const toml::array* array = node->as_array();
  if (array == nullptr) return section.Error("care_types", "expected a list such as [\"somatic\"]");
  std::vector<model::CareType> types;
  for (const auto& item : *array) {
    auto text = item.value<std::string>();
    auto type = text ? model::ParseCareType(*text) : std::nullopt;
    if (!type) {
      return section.Error("care_types", "each entry must be \"somatic\" or \"psychiatric\"");
    }
    if (std::find(types.begin(), types.end(), *type) == types.end()) types.push_back(*type);
  }
  return types;
}

// A table of year = whole kronor (`[settlement.price_per_day]`, or an agreement's own).
Result<std::map<int, int64_t>> PriceTable(TomlSection& parent) {
  NARA_ASSIGN_OR_RETURN(auto section, parent.Table("price_per_day"));
  std::map<int, int64_t> prices;
  if (!section) return prices;
  for (const auto& [key, value] : (section)->table()) {
    const std::string name(key.str());
    const bool year_ok = name.size() == 4 && std::all_of(name.begin(), name.end(), [](char c) {
                           return c >= '0' && c <= '9';
                         });
    auto amount = (section)->Integer(name, 0, 0, INT64_MAX);
    if (!year_ok || !amount.ok()) {
      return (section)->Error(name, "expected a year such as 2022 = 9300 (whole kronor)");
    }
    prices[std::stoi(name)] = *amount;
  }
  return prices;
}

// Reads `key` of `section` into `*target` when present.
template <typename T>
Status ReadInto(Result<T> value, T* target) {
  if (!value.ok()) return value.status();
  *target = std::move(*value);
  return Status::Ok();
}

Status ReadInt(TomlSection& section, std::string_view key, int min, int max, int* target) {
  NARA_ASSIGN_OR_RETURN(auto value, section.Integer(key, *target, min, max));
  *target = static_cast<int>(value);
  return Status::Ok();
}

Status ReadBool(TomlSection& section, std::string_view key, bool* target) {
  return ReadInto(section.Boolean(key, *target), target);
}

Result<Agreement> ParseAgreement(TomlSection& table) {
  Agreement agreement;
  const toml::node* from = table.Get("valid_from");
  if (from == nullptr) return table.SectionError("valid_from: expected a date such as 2018-01-01");
  if (!from->is_date()) return table.Error("valid_from", "expected a date such as 2018-01-01");
  const toml::date date = *from->value<toml::date>();
  if (!IsValidCivilDate(date.year, date.month, date.day)) {
    return table.Error("valid_from", "not a valid date");
  }
  agreement.valid_from = DaysFromCivil(date.year, date.month, date.day);
  NARA_RETURN_IF_ERROR(ReadInt(table, "grace_days", 0, 365, &agreement.grace_days));
  NARA_RETURN_IF_ERROR(ReadBool(table, "noon_rule", &agreement.noon_rule));
  NARA_RETURN_IF_ERROR(ReadBool(table, "bill_discharge_day", &agreement.bill_discharge_day));
  NARA_RETURN_IF_ERROR(ReadInt(table, "admission_notice_within_hours", 0, 24 * 365,
                               &agreement.admission_notice_within_hours));
  NARA_RETURN_IF_ERROR(
      ReadInt(table, "sip_invitation_within_days", 0, 365, &agreement.sip_invitation_within_days));
  NARA_RETURN_IF_ERROR(ReadInto(CareTypes(table, agreement.care_types), &agreement.care_types));
  if (table.Get("care_type") != nullptr) {
    auto text = table.String("care_type");
    const auto type = text.ok() && *text ? model::ParseCareType(**text) : std::nullopt;
    if (!type) return table.Error("care_type", "expected \"somatic\" or \"psychiatric\"");
    if (table.table().get("care_types") != nullptr) {
      return table.Error("care_type",
                         "give care_type (this care type's own agreement) or care_types, not both");
    }
    agreement.care_type = *type;
    agreement.care_types = {*type};
  }
  if (table.Get("model") != nullptr) {
    auto name = table.String("model");
    if (!name.ok() || (**name != "law" && **name != "average")) {
      return table.Error("model", "expected \"law\" or \"average\"");
    }
    agreement.model = **name == "law" ? SettlementModel::kLaw : SettlementModel::kAverage;
  }
  if (const toml::node* threshold = table.Get("average_threshold_days")) {
    auto value = threshold->value<double>();
    if (!value || *value < 0) {
      return table.Error("average_threshold_days", "expected a number of days >= 0");
    }
    agreement.average_threshold_days = *value;
  }
  if (table.Get("average_period") != nullptr) {
    auto name = table.String("average_period");
    if (!name.ok() || (**name != "month" && **name != "quarter")) {
      return table.Error("average_period", "expected \"month\" or \"quarter\"");
    }
    agreement.average_period = **name == "month" ? AveragePeriod::kMonth : AveragePeriod::kQuarter;
  }
  NARA_RETURN_IF_ERROR(ReadInto(PriceTable(table), &agreement.price_per_day));
  NARA_RETURN_IF_ERROR(table.CheckNoUnknownKeys());
  return agreement;
}

Status ParseSettlement(TomlSection& section, Config& config) {
  NARA_ASSIGN_OR_RETURN(config.basis_stay_id, section.Boolean("basis_stay_id", false));
  if (section.Get("price_per_day") != nullptr) {
    NARA_RETURN_IF_ERROR(ReadInto(PriceTable(section), &config.price_per_day));
  }
  if (const toml::node* agreements = section.Get("agreement")) {
    const toml::array* array = agreements->as_array();
    if (array == nullptr) {
      return section.Error("agreement", "expected [[settlement.agreement]] tables");
    }
    config.agreements.clear();
    for (size_t i = 0; i < array->size(); ++i) {
      const toml::table* table = (*array)[i].as_table();
      if (table == nullptr) return section.Error("agreement", "expected a table");
      TomlSection entry(*table, section.file(),
                        fmt::format("{}[{}]", section.PathOf("agreement"), i + 1));
      NARA_ASSIGN_OR_RETURN(auto agreement, ParseAgreement(entry));
      config.agreements.push_back(std::move(agreement));
    }
    std::stable_sort(
        config.agreements.begin(), config.agreements.end(),
        [](const Agreement& a, const Agreement& b) { return a.valid_from < b.valid_from; });
    // One version per valid_from for the general agreements and for each care type's own.
    for (size_t i = 0; i < config.agreements.size(); ++i) {
      for (size_t j = 0; j < i; ++j) {
        const Agreement& a = config.agreements[i];
        const Agreement& b = config.agreements[j];
        if (a.valid_from == b.valid_from && a.care_type == b.care_type) {
          return section.Error(
              "agreement",
              fmt::format("two {}agreements valid from {}",
                          a.care_type ? std::string(model::CareTypeName(*a.care_type)) + " " : "",
                          FormatDate(a.valid_from)));
        }
      }
    }
  }
  return section.CheckNoUnknownKeys();
}

// [kolada.kpi]: indicator id = "KPI id" (docs/kolada.md). A KPI id is a letter and five digits
// (Kolada's form, e.g. N07404, U00000); one KPI id may not serve two indicators.
Status ParseKolada(TomlSection& kolada, Config& config) {
  NARA_ASSIGN_OR_RETURN(auto kpi, kolada.Table("kpi"));
  if (auto& section = kpi) {
    std::map<std::string, std::string> indicator_of;
    for (const auto& [key, node] : section->table()) {
      const std::string name(key.str());
      auto id = section->String(name);
      const bool ok = id.ok() && *id && (*id)->size() == 6 &&
                      std::isupper(static_cast<unsigned char>((**id)[0])) != 0 &&
                      std::all_of((*id)->begin() + 1, (*id)->end(), [](char c) {
                        return c >= '0' && c <= '9';
                      });
      if (!ok) {
        return section->Error(name, "expected a Kolada KPI id, a capital letter and five digits "
                                    "such as \"N07404\"");
      }
      if (auto [it, added] = indicator_of.emplace(**id, name); !added) {
        return section->Error(name, fmt::format("KPI {} is already the id of {}", **id, it->second));
      }
      config.kolada_kpi.push_back({name, **id, TomlLine(node)});
    }
  }
  return kolada.CheckNoUnknownKeys();
}

}  // namespace

const Agreement* Config::AgreementOn(Date date) const {
  const Agreement* found = nullptr;
  for (const auto& agreement : agreements) {
    if (agreement.valid_from <= date && !agreement.care_type) found = &agreement;
  }
  return found;
}

const Agreement* Config::AgreementOn(Date date, model::CareType care_type) const {
  const Agreement* own = nullptr;
  for (const auto& agreement : agreements) {
    if (agreement.valid_from <= date && agreement.care_type == care_type) own = &agreement;
  }
  return own != nullptr ? own : AgreementOn(date);
}

Config DefaultConfig() {
  Config config;
  Agreement law;
  law.valid_from = DaysFromCivil(2018, 1, 1);  // lag (2017:612) in force 2018-01-01
  config.agreements.push_back(law);
  // Only amounts with a cited source (docs/settlement.md#prices): Socialstyrelsen's amount per
  // day, 2019 HSLF-FS 2018:67. A year not listed has no price: `nara settle` refuses it and the
  // store keeps its amounts missing, never 0 kr.
  config.price_per_day = {{2019, 7800}, {2022, 9300}};
  config.source = "(defaults)";
  return config;
}

Result<Config> ParseConfig(std::string_view text, std::string_view file) {
  NARA_ASSIGN_OR_RETURN(auto parsed, ParseToml(text, file, StatusCode::kUsage));
  Config config = DefaultConfig();
  config.source = std::string(file);
  TomlSection root(parsed, std::string(file), "");

  NARA_ASSIGN_OR_RETURN(auto pseudonymisation, root.Table("pseudonymisation"));
  if (auto& section = pseudonymisation) {
    auto key = section->String("key_file");
    if (!key.ok()) return section->Error("key_file", "expected a path");
    if (*key) config.key_file = **key;
    NARA_RETURN_IF_ERROR(section->CheckNoUnknownKeys());
  }
  NARA_ASSIGN_OR_RETURN(auto readmission, root.Table("readmission"));
  if (auto& section = readmission) {
    NARA_RETURN_IF_ERROR(ReadInto(CareTypes(*section, config.readmission.care_types),
                                  &config.readmission.care_types));
    NARA_RETURN_IF_ERROR(ReadInt(*section, "window_days", 1, 365, &config.readmission.window_days));
    NARA_RETURN_IF_ERROR(section->CheckNoUnknownKeys());
  }
  NARA_ASSIGN_OR_RETURN(auto suppression, root.Table("suppression"));
  if (auto& section = suppression) {
    NARA_RETURN_IF_ERROR(ReadInt(*section, "min_count", 0, 1000, &config.suppression_min_count));
    NARA_RETURN_IF_ERROR(section->CheckNoUnknownKeys());
  }
  NARA_ASSIGN_OR_RETURN(auto care_guarantee, root.Table("care_guarantee"));
  if (auto& section = care_guarantee) {
    CareGuaranteeLimits& limits = config.care_guarantee;
    NARA_RETURN_IF_ERROR(ReadInt(*section, "contact_days", 0, 3650, &limits.contact_days));
    NARA_RETURN_IF_ERROR(ReadInt(*section, "assessment_days", 0, 3650, &limits.assessment_days));
    NARA_RETURN_IF_ERROR(ReadInt(*section, "first_visit_days", 0, 3650, &limits.first_visit_days));
    NARA_RETURN_IF_ERROR(ReadInt(*section, "treatment_days", 0, 3650, &limits.treatment_days));
    NARA_RETURN_IF_ERROR(section->CheckNoUnknownKeys());
  }
  NARA_ASSIGN_OR_RETURN(auto settlement, root.Table("settlement"));
  if (auto& section = settlement) NARA_RETURN_IF_ERROR(ParseSettlement(*section, config));
  NARA_ASSIGN_OR_RETURN(auto kolada, root.Table("kolada"));
  if (auto& section = kolada) NARA_RETURN_IF_ERROR(ParseKolada(*section, config));
  NARA_RETURN_IF_ERROR(root.CheckNoUnknownKeys());
  return config;
}

Result<Config> ReadConfig(const std::string& path) {
  auto text = ReadFile(path, "the configuration file");
  if (!text.ok()) return UsageError(text.status().message());
  return ParseConfig(*text, path);
}

}  // namespace nara::config
