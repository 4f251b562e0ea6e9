// Checksums and the comparison of two settlement bases.
#include "settlement/audit.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "base/period.hpp"
#include "settlement/settle.hpp"
#include "settlement/settlement_csv.hpp"
#include "settlement/settlement_workbook.hpp"

namespace nara::settlement {
namespace {

constexpr const char* kHeader =
    "municipality,month,patient_ref,episode_id,care_type,ready_at,ready_until,ready_days,"
    "liable_days,price_per_day,amount,liable,reason,agreement\n";

TEST(AuditTest, CompareListsAddedRemovedAndChangedStaysOfTheComparedMonthsOnly) {
  const std::string before =
      std::string(kHeader) +
      "0880,2022-03,00000000000000aa,E1,somatic,2022-03-01 10:00,,31,28,9300,260400,yes,"
      "grace_days,2018-01-01\n"
      "0880,2022-03,00000000000000bb,E2,somatic,2022-03-01 10:00,2022-03-10,9,6,9300,55800,yes,"
      "grace_days,2018-01-01\n"
      "0881,2022-03,00000000000000cc,E3,somatic,2022-03-01 10:00,2022-03-02,1,0,,0,no,"
      "grace_days,2018-01-01\n"
      "0881,2022-04,00000000000000cc,E9,somatic,2022-04-01 10:00,2022-04-09,8,5,9300,46500,yes,"
      "grace_days,2018-01-01\n";
  const std::string after =
      std::string(kHeader) +
      "0880,2022-03,00000000000000aa,E1,somatic,2022-03-01 10:00,2022-03-20,19,16,9300,148800,"
      "yes,grace_days,2018-01-01\n"
      "0880,2022-03,00000000000000bb,E2,somatic,2022-03-01 10:00,2022-03-10,9,6,9300,55800,yes,"
      "grace_days,2018-01-01\n"
      "0881,2022-03,00000000000000dd,E4,somatic,2022-03-05 10:00,2022-03-09,4,1,9300,9300,yes,"
      "grace_days,2018-01-01\n";
  auto changes = CompareBasis(before, "old/basis.csv", after, "2022-03", "2022-03");
  ASSERT_TRUE(changes.ok()) << changes.status().message();
  ASSERT_EQ(changes->size(), 3u);
  EXPECT_EQ((*changes)[0].episode_id, "E1");
  EXPECT_EQ((*changes)[0].what, "changed");
  EXPECT_EQ((*changes)[0].old_liable_days, 28);
  EXPECT_EQ((*changes)[0].new_liable_days, 16);
  EXPECT_EQ((*changes)[1].what, "removed");
  EXPECT_EQ((*changes)[1].episode_id, "E3");
  EXPECT_EQ((*changes)[2].what, "added");
  EXPECT_EQ((*changes)[2].new_amount, 9300);
  EXPECT_EQ(ChangesSummary(*changes),
            "0880 2022-03: 0 added, 0 removed, 1 changed; liable days -12, amount -111600 kr\n"
            "0881 2022-03: 1 added, 1 removed, 0 changed; liable days +1, amount +9300 kr\n");
}

TEST(AuditTest, CompareRefusesAFileThatIsNotABasis) {
  auto changes = CompareBasis("a,b\n1,2\n", "old/basis.csv", kHeader, "2022-03", "2022-03");
  ASSERT_FALSE(changes.ok());
  EXPECT_EQ(changes.status().message(),
            "old/basis.csv: not a settlement basis: column 'municipality' missing");
}

TEST(AuditTest, CompareRefusesNumbersThatAreNotWholeOrOverflow) {
  const std::string bad = std::string(kHeader) +
                          "0880,2022-03,00000000000000aa,E1,somatic,2022-03-01 10:00,,31,2x,9300,"
                          "1,yes,,2018-01-01\n";
  auto changes = CompareBasis(bad, "old/basis.csv", kHeader, "2022-03", "2022-03");
  ASSERT_FALSE(changes.ok());
  EXPECT_EQ(changes.status().message(),
            "old/basis.csv:2: not a whole number (or too large) in a settlement basis row");
  const std::string row =
      "0880,2022-03,00000000000000aa,E1,somatic,2022-03-01 10:00,,1,1,9300,"
      "9000000000000000000,yes,,2018-01-01\n";
  auto overflow = CompareBasis(std::string(kHeader) + row + row, "old/basis.csv", kHeader,
                               "2022-03", "2022-03");
  ASSERT_FALSE(overflow.ok());
  EXPECT_EQ(overflow.status().message(),
            "old/basis.csv:3: not a whole number (or too large) in a settlement basis row");
}

TEST(SettlementFormatTest, MonthsReasonsAndSheetNames) {
  EXPECT_EQ(ParseMonth("2022-03"), 2022 * 12 + 2);
  EXPECT_FALSE(ParseMonth("2022-13").has_value());
  EXPECT_FALSE(ParseMonth("2022-3").has_value());
  EXPECT_EQ(MonthLabel(2022 * 12 + 11), "2022-12");
  EXPECT_EQ(ReasonCodes(kGraceDays | kRevoked), "grace_days;revoked");
  EXPECT_EQ(ReasonTexts(kNoAdmissionNotice, false), "inskrivningsmeddelande saknas");
  EXPECT_EQ(ReasonTexts(kGraceDays | kRevoked, true), "grace days; ready status revoked");
  EXPECT_EQ(MunicipalitySheetName({"0880", "Kalmar", "08", ""}), "0880 Kalmar");
  EXPECT_EQ(
      MunicipalitySheetName({"2321", "Åre/Östersunds [lång] namn som inte får plats", "23", ""}),
      "2321 ÅreÖstersunds lång namn so");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
}

}  // namespace
}  // namespace nara::settlement
