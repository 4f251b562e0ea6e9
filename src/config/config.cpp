// nara.toml: reading, validating and defaulting a region's settings.
#include "config/config.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <toml++/toml.h>

namespace nara::config {
namespace {

// Reports keys of `table` not in `known` as an error naming the section.
Status CheckKeys(const toml::table& table, const std::set<std::string>& known,
                 std::string_view section, std::string_view file) {
  for (const auto& [key, value] : table) {
    if (!known.count(std::string(key.str()))) {
      return UsageError(fmt::format("{}: unknown setting '{}{}' (known: {})", file,
                                    section.empty() ? "" : std::string(section) + ".",
                                    key.str(), fmt::join(known, ", ")));
    }
  }
  return Status::Ok();
}

Result<int64_t> Integer(const toml::table& table, std::string_view key, int64_t fallback,
                        int64_t min, int64_t max, std::string_view where) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return fallback;
  auto value = node->value<int64_t>();
  if (!node->is_integer() || !value || *value < min || *value > max) {
    return UsageError(fmt::format("{}.{}: expected a whole number from {} to {}", where, key,
                                  min, max));
  }
  return *value;
}

Result<bool> Boolean(const toml::table& table, std::string_view key, bool fallback,
                     std::string_view where) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return fallback;
  if (!node->is_boolean()) return UsageError(fmt::format("{}.{}: expected true or false", where, key));
  return *node->value<bool>();
}

Result<std::vector<model::CareType>> CareTypes(const toml::table& table,
                                               std::vector<model::CareType> fallback,
                                               std::string_view where) {
  const toml::node* node = table.get("care_types");
  if (node == nullptr) return fallback;
  const toml::array* array = node->as_array();
  if (array == nullptr) {
    return UsageError(fmt::format("{}.care_types: expected a list such as [\"somatic\"]", where));
  }
  std::vector<model::CareType> types;
  for (const auto& item : *array) {
    auto text = item.value<std::string>();
    auto type = text ? model::ParseCareType(*text) : std::nullopt;
    if (!type) {
      return UsageError(fmt::format(
          "{}.care_types: each entry must be \"somatic\" or \"psychiatric\"", where));
    }
    if (std::find(types.begin(), types.end(), *type) == types.end()) types.push_back(*type);
  }
  return types;
}

// A table of year = whole kronor (`[settlement.price_per_day]`, or an agreement's own).
Result<std::map<int, int64_t>> PriceTable(const toml::node& node, const std::string& where) {
  const toml::table* table = node.as_table();
  if (table == nullptr) return UsageError(where + ": expected a table of year = kronor");
  std::map<int, int64_t> prices;
  for (const auto& [key, value] : *table) {
    int year = 0;
    const std::string name(key.str());
    const bool year_ok = name.size() == 4 && std::all_of(name.begin(), name.end(), [](char c) {
                           return c >= '0' && c <= '9';
                         });
    if (year_ok) year = std::stoi(name);
    auto amount = value.value<int64_t>();
    if (!year_ok || !value.is_integer() || !amount || *amount < 0) {
      return UsageError(fmt::format(
          "{}.{}: expected a year such as 2022 = 9300 (whole kronor)", where, name));
    }
    prices[year] = *amount;
  }
  return prices;
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
  toml::table root;
  try {
    root = toml::parse(text, file);
  } catch (const toml::parse_error& error) {
    const auto& where = error.source().begin;
    return UsageError(fmt::format("{}:{}:{}: not valid TOML: {}", file, where.line, where.column,
                                  error.description()));
  }
  Config config = DefaultConfig();
  config.source = std::string(file);
  NARA_RETURN_IF_ERROR(CheckKeys(
      root, {"pseudonymisation", "readmission", "settlement", "suppression", "care_guarantee"},
      "", file));
  const std::string at = std::string(file) + ": ";

  if (const toml::table* section = root["pseudonymisation"].as_table()) {
    NARA_RETURN_IF_ERROR(CheckKeys(*section, {"key_file"}, "pseudonymisation", file));
    if (const toml::node* key = section->get("key_file")) {
      if (!key->is_string()) return UsageError(at + "pseudonymisation.key_file: expected a path");
      config.key_file = *key->value<std::string>();
    }
  }
  if (const toml::table* section = root["readmission"].as_table()) {
    NARA_RETURN_IF_ERROR(CheckKeys(*section, {"care_types", "window_days"}, "readmission", file));
    auto types = CareTypes(*section, config.readmission.care_types, at + "readmission");
    if (!types.ok()) return types.status();
    config.readmission.care_types = *types;
    auto window = Integer(*section, "window_days", 30, 1, 365, at + "readmission");
    if (!window.ok()) return window.status();
    config.readmission.window_days = static_cast<int>(*window);
  }
  if (const toml::table* section = root["suppression"].as_table()) {
    NARA_RETURN_IF_ERROR(CheckKeys(*section, {"min_count"}, "suppression", file));
    auto min_count = Integer(*section, "min_count", 0, 0, 1000, at + "suppression");
    if (!min_count.ok()) return min_count.status();
    config.suppression_min_count = static_cast<int>(*min_count);
  }
  if (const toml::table* section = root["care_guarantee"].as_table()) {
    NARA_RETURN_IF_ERROR(CheckKeys(
        *section, {"contact_days", "assessment_days", "first_visit_days", "treatment_days"},
        "care_guarantee", file));
    CareGuaranteeLimits& limits = config.care_guarantee;
    for (auto [key, target] : {std::pair{"contact_days", &limits.contact_days},
                               std::pair{"assessment_days", &limits.assessment_days},
                               std::pair{"first_visit_days", &limits.first_visit_days},
                               std::pair{"treatment_days", &limits.treatment_days}}) {
      auto value = Integer(*section, key, *target, 0, 3650, at + "care_guarantee");
      if (!value.ok()) return value.status();
      *target = static_cast<int>(*value);
    }
  }
  if (const toml::table* section = root["settlement"].as_table()) {
    NARA_RETURN_IF_ERROR(CheckKeys(*section, {"agreement", "price_per_day"}, "settlement", file));
    if (const toml::node* prices = section->get("price_per_day")) {
      auto table = PriceTable(*prices, at + "settlement.price_per_day");
      if (!table.ok()) return table.status();
      config.price_per_day = std::move(*table);
    }
    if (const toml::node* agreements = section->get("agreement")) {
      const toml::array* array = agreements->as_array();
      if (array == nullptr) {
        return UsageError(at + "settlement.agreement: expected [[settlement.agreement]] tables");
      }
      config.agreements.clear();
      for (size_t i = 0; i < array->size(); ++i) {
        const toml::table* table = (*array)[i].as_table();
        const std::string where = fmt::format("{}settlement.agreement[{}]", at, i + 1);
        if (table == nullptr) return UsageError(where + ": expected a table");
        NARA_RETURN_IF_ERROR(CheckKeys(
            *table,
            {"valid_from", "grace_days", "noon_rule", "bill_discharge_day",
             "admission_notice_within_hours", "sip_invitation_within_days", "care_types",
             "care_type", "model", "average_threshold_days", "average_period", "price_per_day"},
            "settlement.agreement", file));
        Agreement agreement;
        const toml::node* from = table->get("valid_from");
        if (from == nullptr || !from->is_date()) {
          return UsageError(where + ".valid_from: expected a date such as 2018-01-01");
        }
        const toml::date date = *from->value<toml::date>();
        if (!IsValidCivilDate(date.year, date.month, date.day)) {
          return UsageError(where + ".valid_from: not a valid date");
        }
        agreement.valid_from = DaysFromCivil(date.year, date.month, date.day);
        auto grace = Integer(*table, "grace_days", agreement.grace_days, 0, 365, where);
        auto notice = Integer(*table, "admission_notice_within_hours",
                              agreement.admission_notice_within_hours, 0, 24 * 365, where);
        auto sip = Integer(*table, "sip_invitation_within_days",
                           agreement.sip_invitation_within_days, 0, 365, where);
        auto noon = Boolean(*table, "noon_rule", agreement.noon_rule, where);
        auto discharge_day = Boolean(*table, "bill_discharge_day", agreement.bill_discharge_day,
                                     where);
        auto types = CareTypes(*table, agreement.care_types, where);
        for (const Status* status : {&grace.status(), &notice.status(), &sip.status(),
                                     &noon.status(), &discharge_day.status(), &types.status()}) {
          NARA_RETURN_IF_ERROR(*status);
        }
        agreement.grace_days = static_cast<int>(*grace);
        agreement.admission_notice_within_hours = static_cast<int>(*notice);
        agreement.sip_invitation_within_days = static_cast<int>(*sip);
        agreement.noon_rule = *noon;
        agreement.bill_discharge_day = *discharge_day;
        agreement.care_types = *types;
        if (const toml::node* own = table->get("care_type")) {
          const auto text = own->value<std::string>();
          const auto type = text ? model::ParseCareType(*text) : std::nullopt;
          if (!type) {
            return UsageError(where + ".care_type: expected \"somatic\" or \"psychiatric\"");
          }
          if (table->get("care_types") != nullptr) {
            return UsageError(where +
                              ": give care_type (this care type's own agreement) or care_types, "
                              "not both");
          }
          agreement.care_type = *type;
          agreement.care_types = {*type};
        }
        if (const toml::node* model_node = table->get("model")) {
          const auto name = model_node->value<std::string>();
          if (name == "law") {
            agreement.model = SettlementModel::kLaw;
          } else if (name == "average") {
            agreement.model = SettlementModel::kAverage;
          } else {
            return UsageError(where + ".model: expected \"law\" or \"average\"");
          }
        }
        if (const toml::node* threshold = table->get("average_threshold_days")) {
          auto value = threshold->value<double>();
          if (!value || *value < 0) {
            return UsageError(where + ".average_threshold_days: expected a number of days >= 0");
          }
          agreement.average_threshold_days = *value;
        }
        if (const toml::node* period = table->get("average_period")) {
          const auto name = period->value<std::string>();
          if (name == "month") {
            agreement.average_period = AveragePeriod::kMonth;
          } else if (name == "quarter") {
            agreement.average_period = AveragePeriod::kQuarter;
          } else {
            return UsageError(where + ".average_period: expected \"month\" or \"quarter\"");
          }
        }
        if (const toml::node* prices = table->get("price_per_day")) {
          auto local = PriceTable(*prices, where + ".price_per_day");
          if (!local.ok()) return local.status();
          agreement.price_per_day = std::move(*local);
        }
        config.agreements.push_back(agreement);
      }
      std::stable_sort(config.agreements.begin(), config.agreements.end(),
                       [](const Agreement& a, const Agreement& b) {
                         return a.valid_from < b.valid_from;
                       });
      for (size_t i = 0; i < config.agreements.size(); ++i) {
        for (size_t j = 0; j < i; ++j) {
          const Agreement& a = config.agreements[i];
          const Agreement& b = config.agreements[j];
          if (a.valid_from == b.valid_from && a.care_type == b.care_type) {
            return UsageError(
                fmt::format("{}settlement.agreement: two {}agreements valid from {}", at,
                            a.care_type ? std::string(model::CareTypeName(*a.care_type)) + " " : "",
                            FormatDate(a.valid_from)));
          }
        }
      }
    }
  }
  return config;
}

Result<Config> ReadConfig(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return UsageError(fmt::format("{}: cannot read the configuration file", path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return ParseConfig(buffer.str(), path);
}

}  // namespace nara::config
