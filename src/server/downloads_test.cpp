#include "server/downloads.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace nara::server {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// The text of one member of the workbook (unzip -p).
std::string Member(const std::string& workbook, const std::string& member) {
  const auto path = std::filesystem::temp_directory_path() / "nara-downloads-test.xlsx";
  std::ofstream(path, std::ios::binary) << workbook;
  const std::string command = "unzip -p '" + path.string() + "' '" + member + "'";
  FILE* pipe = popen(command.c_str(), "r");
  std::string out;
  char buffer[4096];
  size_t n;
  while (pipe != nullptr && (n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  if (pipe != nullptr) pclose(pipe);
  std::filesystem::remove(path);
  return out;
}

const nlohmann::ordered_json kRows = nlohmann::ordered_json::parse(R"([
  {"indicator":"readmission_30d","period":"2022-T1","unit_type":"municipality","unit":"0880",
   "sex":"F","age_group":"80+","numerator":3,"denominator":40,"value":7.5,"suppressed":false},
  {"indicator":"readmission_30d","period":"2022-T1","unit_type":"health_center","unit":"VC Kalmar",
   "sex":"all","age_group":"all","numerator":null,"denominator":2,"value":null,"suppressed":true}
])");

const std::vector<std::string> kColumns = {"indicator", "period", "unit_type", "unit",
                                           "sex",       "age_group", "numerator", "denominator",
                                           "value",     "suppressed"};

TEST(DownloadsTest, TheWorkbookIsInTheReadersWords) {
  auto workbook = RowsXlsx("indikatorer", kColumns, kRows);
  ASSERT_TRUE(workbook.ok()) << workbook.status().message();
  const std::string strings = Member(*workbook, "xl/sharedStrings.xml");
  for (const char* word : {"Indikator", "Enhetstyp", "Åldersgrupp", "Undertryckt", "Kommun",
                           "Vårdcentral", "Kvinnor", "Alla åldrar", "80 år och äldre", "Ja",
                           "Nej", "Oplanerade återinskrivningar inom 30 dagar"}) {
    EXPECT_THAT(strings, HasSubstr(word)) << word;
  }
  for (const char* id : {">municipality<", ">health_center<", ">readmission_30d<", ">80+<"}) {
    EXPECT_THAT(strings, Not(HasSubstr(id))) << id;
  }
  const std::string sheet = Member(*workbook, "xl/worksheets/sheet1.xml");
  EXPECT_THAT(sheet, HasSubstr("<autoFilter ref=\"A1:J3\""));
  EXPECT_THAT(sheet, HasSubstr("state=\"frozen\""));
  // English on request.
  auto english = RowsXlsx("indicators", kColumns, kRows, /*swedish=*/false);
  ASSERT_TRUE(english.ok());
  EXPECT_THAT(Member(*english, "xl/sharedStrings.xml"), HasSubstr("Health centre"));
}

TEST(DownloadsTest, SettlementReasonsAndCareTypesInSwedish) {
  const auto rows = nlohmann::ordered_json::parse(
      R"([{"municipality":"0880","care_type":"psychiatric","reason":"grace_days;revoked",
           "liable":false,"amount":null,"price_missing":2021}])");
  auto workbook =
      RowsXlsx("underlag", {"municipality", "care_type", "reason", "liable", "amount",
                            "price_missing"},
               rows);
  ASSERT_TRUE(workbook.ok());
  const std::string strings = Member(*workbook, "xl/sharedStrings.xml");
  EXPECT_THAT(strings, HasSubstr("Psykiatrisk vård"));
  EXPECT_THAT(strings, HasSubstr("karensdagar; utskrivningsklar återtagen"));
  EXPECT_THAT(strings, HasSubstr("Pris saknas för år"));
  EXPECT_THAT(strings, Not(HasSubstr("grace_days")));
}

}  // namespace
}  // namespace nara::server
