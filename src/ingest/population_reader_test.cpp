// population.csv / population.json in SCB's forms (BE0101N1 CSV as downloaded, JSON-stat2): the
// same bands as the contract's banded form of the same counts, and each fault's reject.
#include <tuple>

#include "ingest/extract_loader_test_util.hpp"

namespace nara::ingest {
namespace {

std::string ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The extract of a golden case under tests/golden/input_forms, copied into a temporary folder.
Result<LoadedExtract> LoadCase(const std::string& name) {
  const fs::path dir = fs::path(NARA_SOURCE_DIR) / "tests/golden/input_forms" / name;
  TempExtract extract;
  for (const auto& entry : fs::directory_iterator(dir)) {
    extract.Write(entry.path().filename().string(), ReadBytes(entry.path()));
  }
  return Load(extract);
}

using Row = std::tuple<int32_t, uint16_t, model::Sex, int16_t, int16_t, int64_t>;
std::vector<Row> Rows(const LoadedExtract& loaded) {
  std::vector<Row> rows;
  for (const auto& r : loaded.extract.population) {
    rows.emplace_back(r.year, r.municipality, r.sex, r.age_from, r.age_to, r.count);
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

TEST(PopulationReaderTest, ScbDownloadsGiveTheBandsOfTheBandedForm) {
  auto banded = LoadCase("population_banded");
  ASSERT_TRUE(banded.ok()) << banded.status().message();
  ASSERT_EQ(banded->extract.population.size(), 32u);  // 2 years x 2 municipalities x 2 x 4
  for (const char* name : {"population_scb_utf8", "population_scb_1252", "population_scb_json"}) {
    SCOPED_TRACE(name);
    auto scb = LoadCase(name);
    ASSERT_TRUE(scb.ok()) << scb.status().message();
    EXPECT_THAT(Codes(*scb), ::testing::IsEmpty());
    EXPECT_EQ(Rows(*scb), Rows(*banded));
  }
  auto latin = LoadCase("population_scb_1252");
  ASSERT_TRUE(latin.ok());
  const auto& tables = latin->report.tables;
  auto population = std::find_if(tables.begin(), tables.end(),
                                 [](const auto& t) { return t.file == "population.csv"; });
  ASSERT_NE(population, tables.end());
  EXPECT_EQ(population->delimiter, ';');
  EXPECT_EQ(population->encoding, "Windows-1252");
  // 2 municipalities x 102 ages x 3 sexes, + the county, one line per year.
  EXPECT_EQ(population->read, 2 * (2 * 102 * 3 + 1));
  EXPECT_EQ(population->used, population->read);
}

// Ages 0..100+ of one municipality and sex, each `per_age` people, one column per year (2019).
std::string Ages(const std::string& region, const std::string& sex, int per_age) {
  std::string text;
  for (int age = 0; age <= 100; ++age) {
    text += fmt::format("{},{},{},{}\n", region, age == 100 ? "100+ år" : fmt::format("{} år", age),
                        sex, per_age);
  }
  return text;
}

TEST(PopulationReaderTest, TotalsAreCheckedNeverCountedAndEachFaultIsRejected) {
  TempExtract extract;
  extract.Write("episodes.csv", kHeader);
  const std::string header = "Folkmängd 31 december\nregion,ålder,kön,2019\n";  // lines 1-2
  std::string text = header + Ages("0880 Kalmar", "män", 2);  // lines 3-103
  text += "0880 Kalmar,totalt ålder,män,202\n";                  // 104: 101 x 2 = 202, right
  text += "0880 Kalmar,totalt ålder,totalt,203\n";               // 105: wrong (202)
  text += "0881 Nybro,totalt ålder,totalt,5000\n";               // 106: no parts
  text += "0882 Oskarshamn,0 år,kvinnor,7\n";                    // 107: band 0-17 incomplete
  text += "0880 Kalmar,5 år,män,9\n";                            // 108: duplicate of line 8
  text += "0880 Kalmar,5 år,någon,9\n";                          // 109: bad sex
  text += "0880 Kalmar,5-9 år,män,9\n";                          // 110: an age group
  text += "08 Kalmar län,totalt ålder,män,202\n";                // 111: right (0880 only here)
  text += "00 Riket,totalt ålder,totalt,202\n";                  // 112: right
  text += "9999 Ingenstans,0 år,män,1\n";                        // 113: unknown municipality
  extract.Write("population.csv", text);
  auto loaded = Load(extract);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_THAT(Codes(*loaded),
              ::testing::ElementsAre("population.csv:105:population_total_mismatch",
                                     "population.csv:106:population_total_only",
                                     "population.csv:107:population_incomplete_band",
                                     "population.csv:108:duplicate_population_row",
                                     "population.csv:109:bad_code",
                                     "population.csv:110:bad_code",
                                     "population.csv:113:unknown_municipality"));
  const auto& rejects = loaded->report.rejects;
  ASSERT_EQ(rejects.size(), 7u);
  EXPECT_EQ(rejects[0].message,
            "population.csv:105: column '2019': the total 203 for 0880 Kalmar, totalt ålder, "
            "totalt in 2019 differs from the sum 202 of its parts in the file");
  EXPECT_EQ(rejects[1].message,
            "population.csv:106: column '2019': 0881 Nybro, totalt ålder, totalt in 2019 is a "
            "total, and the file holds none of its parts (the municipalities' single ages of män "
            "and kvinnor); a total is only checked, never used");
  EXPECT_EQ(rejects[2].message,
            "population.csv:107: column '2019': 0 år of 0882 kvinnor 2019 has 1 of the 18 single "
            "ages of band 0-17; a band is used only whole (download every age)");
  EXPECT_EQ(rejects[3].message,
            "population.csv:108: column '2019': a second number for 0880 Kalmar, 5 år, män in "
            "2019 (the first is at line 8); each is given once");
  EXPECT_EQ(rejects[4].message,
            "population.csv:109: column 'kön': not valid (expected män, kvinnor or totalt): "
            "\"någon\"");
  EXPECT_EQ(rejects[6].message,
            "population.csv:113: column 'region': not a municipality code in SCB's list or "
            "municipalities.csv: \"9999\"");
  // The single ages summed into the four bands; the totals add nothing.
  ASSERT_EQ(loaded->extract.population.size(), 4u);
  std::vector<int64_t> counts;
  for (const auto& row : loaded->extract.population) {
    EXPECT_EQ(row.year, 2019);
    EXPECT_EQ(row.sex, model::Sex::kMale);
    counts.push_back(row.count);
  }
  EXPECT_EQ(counts, (std::vector<int64_t>{18 * 2, 47 * 2, 15 * 2, 21 * 2}));
  EXPECT_EQ(loaded->extract.population[3].age_from, 80);
  EXPECT_EQ(loaded->extract.population[3].age_to, -1);
}

TEST(PopulationReaderTest, JsonStatFaultsAreRejectedOrRefused) {
  TempExtract extract;
  extract.Write("episodes.csv", kHeader);
  // One region, two ages (so band 0-17 is incomplete), one sex, one year; a null value.
  extract.Write("population.json",
                R"({"id":["Region","Alder","Kon","Tid"],"size":[1,2,1,1],)"
                R"("dimension":{"Region":{"category":{"index":{"0880":0}}},)"
                R"("Alder":{"category":{"index":["0","1"],"label":{"0":"0 år","1":"1 år"}}},)"
                R"("Kon":{"category":{"index":{"2":0},"label":{"2":"kvinnor"}}},)"
                R"("Tid":{"category":{"index":{"2019":0}}}},"value":[5,null]})");
  auto loaded = Load(extract);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_THAT(Codes(*loaded), ::testing::ElementsAre("population.json:1:bad_number",
                                                     "population.json:1:population_incomplete_band"));
  EXPECT_EQ(loaded->report.rejects[0].message,
            "population.json: value[1]: not a whole number: null");
  EXPECT_EQ(loaded->report.rejects[0].column, "value[1]");
  EXPECT_EQ(loaded->report.rejects[1].message,
            "population.json: value[0]: 0 år of 0880 kvinnor 2019 has 1 of the 18 single ages "
            "of band 0-17; a band is used only whole (download every age)");
  EXPECT_TRUE(loaded->extract.population.empty());

  extract.Write("population.json", R"({"id":["Region"],"size":[1],"value":[1]})");
  auto shapeless = Load(extract);
  ASSERT_FALSE(shapeless.ok());
  EXPECT_THAT(shapeless.status().message(), HasSubstr("population.json: not a JSON-stat2 dataset"));
  extract.Write("population.json", "{");
  EXPECT_THAT(Load(extract).status().message(), HasSubstr("population.json: not valid JSON"));
  extract.Write("population.csv", "year,municipality,sex,age_from,age_to,count\n");
  EXPECT_THAT(Load(extract).status().message(),
              HasSubstr("has both population.csv and population.json"));
}

TEST(PopulationReaderTest, AnScbTableWithoutYearsIsRefusedNamingTheColumns) {
  TempExtract extract;
  extract.Write("episodes.csv", kHeader);
  extract.Write("population.csv", "region,ålder,kön,antal\n0880 Kalmar,0 år,män,1\n");
  auto loaded = Load(extract);
  ASSERT_FALSE(loaded.ok());
  EXPECT_THAT(loaded.status().message(),
              HasSubstr("population.csv: an SCB population table needs one column per year"));
}

}  // namespace
}  // namespace nara::ingest
