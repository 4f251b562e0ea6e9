// End-to-end test of the Kolada export and import (docs/kolada.md): `nara indicators --format
// kolada` on a synthetic extract, its shape checked member by member, and the file read back by
// `nara report --national` into the report's Riket column.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "e2e/e2e_support.hpp"

namespace nara::e2e {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

constexpr const char* kMapping =
    "[kolada.kpi]\nreadmission_30d_65plus = \"U00000\"\nready_days_mean_somatic = \"U00001\"\n";

class KoladaE2eTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    ASSERT_EQ(RunNara({"synth", *dir_ / "x", "--stays", "1500", "--seed", "3"}).exit_code, 0);
    WriteFile(dir_->path() / "nara.toml", kMapping);
  }
  static void TearDownTestSuite() { delete dir_; }
  static TempDir* dir_;
};
TempDir* KoladaE2eTest::dir_ = nullptr;

// The one-decimal Swedish text the report shows for `value` (half away from zero).
std::string SwedishOneDecimal(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", std::round(value * 10.0) / 10.0);
  std::string out = text;
  for (char& c : out) c = c == '.' ? ',' : c;
  return out;
}

TEST_F(KoladaE2eTest, ExportHasKoladasShapeAndIsReadBackAsNationalValues) {
  const std::string out = *dir_ / "kolada.json";
  auto run = RunNara({"indicators", *dir_ / "x", "--test-data", "--config", *dir_ / "nara.toml",
                      "--format", "kolada", "--suppress", "5", "--out", out});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.err, HasSubstr("note: readmission_30d has no Kolada KPI id in [kolada.kpi]"));

  // The table itself, for the values behind the export.
  auto table_run = RunNara({"indicators", *dir_ / "x", "--test-data", "--format", "json",
                            "--suppress", "5"});
  ASSERT_EQ(table_run.exit_code, 0) << table_run.err;
  const Json table = Json::parse(table_run.out);
  std::map<std::string, Json> table_rows;  // "indicator|unit_type|unit|period|sex" -> row
  std::set<std::string> municipalities;
  for (const auto& row : table["rows"]) {
    if (row["age_group"] != "all") continue;
    if (row["unit_type"] == "municipality") municipalities.insert(row["unit"].get<std::string>());
    table_rows[row["indicator"].get<std::string>() + "|" + row["unit_type"].get<std::string>() +
               "|" + row["unit"].get<std::string>() + "|" + row["period"].get<std::string>() +
               "|" + row["sex"].get<std::string>()] = row;
  }

  const Json doc = Json::parse(ReadFile(out));
  ASSERT_TRUE(doc.is_object());
  EXPECT_EQ(doc.size(), 2u);  // count and values, nothing else
  ASSERT_TRUE(doc["count"].is_number_integer());
  ASSERT_TRUE(doc["values"].is_array());
  EXPECT_EQ(doc["count"].get<size_t>(), doc["values"].size());
  ASSERT_GT(doc["values"].size(), 0u);
  const std::regex municipality_id("[0-9]{4}");
  int suppressed = 0, values = 0, region_entries = 0;
  std::set<std::string> genders;
  for (const auto& entry : doc["values"]) {
    ASSERT_TRUE(entry.is_object());
    EXPECT_EQ(entry.size(), 4u);
    ASSERT_TRUE(entry["kpi"].is_string());
    const std::string kpi = entry["kpi"];
    EXPECT_TRUE(kpi == "U00000" || kpi == "U00001") << kpi;
    const std::string indicator = kpi == "U00000" ? "readmission_30d_65plus"
                                                  : "ready_days_mean_somatic";
    ASSERT_TRUE(entry["municipality"].is_string());
    const std::string unit = entry["municipality"];
    ASSERT_TRUE(std::regex_match(unit, municipality_id)) << unit;
    const bool region = unit == "0008";  // synth's region: Kalmar, county 08
    region_entries += region;
    EXPECT_TRUE(region || municipalities.count(unit)) << unit;
    ASSERT_TRUE(entry["period"].is_number_integer());  // the year as a number
    const int year = entry["period"];
    EXPECT_GE(year, 2020);
    EXPECT_LE(year, 2022);
    ASSERT_TRUE(entry["values"].is_array());
    ASSERT_FALSE(entry["values"].empty());
    for (const auto& v : entry["values"]) {
      ASSERT_TRUE(v.is_object());
      EXPECT_EQ(v.size(), 4u);
      ASSERT_TRUE(v["gender"].is_string());
      const std::string gender = v["gender"];
      ASSERT_TRUE(gender == "T" || gender == "K" || gender == "M") << gender;
      genders.insert(gender);
      ASSERT_TRUE(v["count"].is_number_integer());
      ASSERT_TRUE(v["status"].is_string());
      const std::string sex = gender == "T" ? "all" : gender == "K" ? "F" : "M";
      const Json& row = table_rows.at(indicator + "|" + (region ? "region" : "municipality") +
                                      "|" + (region ? "08" : unit) + "|" +
                                      std::to_string(year) + "|" + sex);
      if (v["value"].is_null()) {
        ++suppressed;
        EXPECT_EQ(v["status"], "suppressed");
        EXPECT_EQ(v["count"], 0);
        EXPECT_EQ(row["suppressed"], 1);  // the table writes 0 or 1
      } else {
        ++values;
        ASSERT_TRUE(v["value"].is_number());
        EXPECT_EQ(v["status"], "");
        EXPECT_EQ(v["count"], 1);
        EXPECT_EQ(row["suppressed"], 0);
        EXPECT_NEAR(v["value"].get<double>(), row["value"].get<double>(), 1e-9);
      }
    }
  }
  EXPECT_GT(values, 0);
  EXPECT_GT(suppressed, 0);  // municipality cells of 1500 stays are small
  // Two KPIs, 2020-2022 (readmissions of 2022 lack 30 days of follow-up: 2020-2021 only).
  EXPECT_EQ(region_entries, 3 + 2);
  EXPECT_EQ(genders, (std::set<std::string>{"T", "K", "M"}));

  const Json kpis = Json::parse(ReadFile(out + ".kpi.json"));
  ASSERT_EQ(kpis["count"], 2);
  for (const auto& kpi : kpis["values"]) {
    ASSERT_TRUE(kpi["id"].is_string());
    ASSERT_TRUE(kpi["title"].is_string());
    ASSERT_TRUE(kpi["description"].is_string());
    EXPECT_FALSE(kpi["title"].get<std::string>().empty());
    EXPECT_TRUE(kpi["is_divided_by_gender"].is_boolean());
  }
  EXPECT_EQ(kpis["values"][0]["id"], "U00000");  // catalogue order

  // Read back: the region's own values stand in for the nation (unit 0000).
  Json national = doc;
  // Readmissions of 2022 cannot be computed, so the report's 2022-T2 is compared with 2021.
  double region_2021 = 0;
  for (auto& entry : national["values"]) {
    if (entry["municipality"] != "0008") continue;
    entry["municipality"] = "0000";
    if (entry["kpi"] == "U00000" && entry["period"] == 2021) {
      for (const auto& v : entry["values"]) {
        if (v["gender"] == "T") region_2021 = v["value"].get<double>();
      }
    }
  }
  ASSERT_GT(region_2021, 0);
  WriteFile(dir_->path() / "riket.json", national.dump());
  WriteFile(dir_->path() / "goals.toml",
            "[[strategy]]\nname = \"S\"\n[[strategy.goal]]\nname = \"G\"\n"
            "[[strategy.goal.result]]\nid = \"r65\"\nname = \"Bättre än riket\"\n"
            "indicator = \"readmission_30d_65plus\"\ncompare = \"national\"\n"
            "direction = \"decrease\"\n");
  run = RunNara({"report", *dir_ / "x", "--test-data", "--config", *dir_ / "nara.toml",
                 "--period", "2022-T2", "--goals", *dir_ / "goals.toml", "--national",
                 *dir_ / "riket.json", "--out", *dir_ / "r"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string html = ReadFile(dir_->path() / "r" / "rapport-2022-T2.html");
  EXPECT_THAT(html, HasSubstr("<td class=\"num national\" data-source=\"Kolada U00000, riket "
                              "2021\" title=\"Kolada U00000, riket 2021\">" +
                              SwedishOneDecimal(region_2021) + "</td>"));
  EXPECT_THAT(html, HasSubstr("(Kolada U00000, riket 2021)"));  // the goal row names it too
  EXPECT_THAT(html, HasSubstr("Bättre än riket"));
  EXPECT_THAT(html, HasSubstr("riket.json (Kolada-format,"));

  // The CSV form, with only an older year: the newest year before is used and named.
  WriteFile(dir_->path() / "riket.csv",
            "kpi;municipality;period;gender;value\nU00000;0000;2020;T;12,5\n");
  run = RunNara({"report", *dir_ / "x", "--test-data", "--config", *dir_ / "nara.toml",
                 "--period", "2022-T2", "--goals", *dir_ / "goals.toml", "--national",
                 *dir_ / "riket.csv", "--out", *dir_ / "c"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string csv_html = ReadFile(dir_->path() / "c" / "rapport-2022-T2.html");
  EXPECT_THAT(csv_html, HasSubstr("title=\"Kolada U00000, riket 2020\">12,5</td>"));
}

TEST_F(KoladaE2eTest, UsageErrors) {
  // No mapping: nothing to export.
  auto run = RunNara({"indicators", *dir_ / "x", "--test-data", "--format", "kolada", "--out",
                      *dir_ / "none.json"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("maps no indicator to a Kolada KPI"));
  // An unknown indicator in the mapping names file, line and key.
  WriteFile(dir_->path() / "bad.toml", "[kolada.kpi]\nreadmision_30d = \"U00000\"\n");
  run = RunNara({"indicators", *dir_ / "x", "--test-data", "--config", *dir_ / "bad.toml",
                 "--format", "kolada", "--out", *dir_ / "bad.json"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("bad.toml:2: kolada.kpi.readmision_30d: unknown indicator"));
  // A broken national file is named before the slow part.
  WriteFile(dir_->path() / "broken.csv", "kpi,municipality,period,gender,value\nU1,0000,x,T,1\n");
  run = RunNara({"report", *dir_ / "x", "--test-data", "--config", *dir_ / "nara.toml",
                 "--period", "2022-T2", "--national", *dir_ / "broken.csv", "--out",
                 *dir_ / "b"});
  EXPECT_NE(run.exit_code, 0);
  EXPECT_THAT(run.err, HasSubstr("broken.csv:2:3: [bad_period]"));
}

}  // namespace
}  // namespace nara::e2e
