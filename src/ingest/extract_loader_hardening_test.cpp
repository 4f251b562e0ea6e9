// The loader against hostile and careless input (issue 17): messy and near-shaped identity
// numbers, identity-shaped texts, unknown columns, long fields, CR-only and mixed-encoding files,
// files that are not regular or lie outside the folder.
#include "ingest/extract_loader_test_util.hpp"

namespace nara::ingest {
namespace {

// An episodes.csv row of patient `patient`, episode `id` at hospital `hospital`.
std::string EpisodeRow(const std::string& id, const std::string& patient,
                       const std::string& hospital = "H") {
  return id + "," + patient + ",,,0880," + hospital +
         ",Med,somatic,2019-03-01,2019-03-02,acute,home\n";
}

// The rejects as rejects.csv writes them, and the ingest report's text.
std::string RejectsAndReport(const LoadedExtract& loaded) {
  const auto rejects_file =
      fs::temp_directory_path() / ("nara-rejects-test-" + std::to_string(std::random_device()()));
  EXPECT_TRUE(WriteRejectsCsv(loaded.report, rejects_file.string()).ok());
  std::ifstream in(rejects_file);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  fs::remove(rejects_file);
  return text + FormatReportText(loaded);
}

TEST(ExtractLoaderTest, EveryMessyFormOfANumberIsOnePatientWithSexAndBirthDate) {
  TempExtract extract;
  std::string rows = std::string(kHeader) + EpisodeRow("E0", "19400627-0807");
  int id = 1;
  for (const char* messy : {"19400627 0807", "194006270807.0", "'194006270807",
                            "19400627\u00A00807", "\"400627 - 0807\""}) {
    // One hospital per stay, so that the stays of the one patient do not overlap.
    rows += EpisodeRow("E" + std::to_string(id), messy, "H" + std::to_string(id));
    ++id;
  }
  extract.Write("episodes.csv", rows);
  auto loaded = Load(extract);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_TRUE(loaded->report.rejects.empty()) << loaded->report.rejects.front().message;
  const model::Extract& x = loaded->extract;
  ASSERT_EQ(x.patients.size(), 1u);
  EXPECT_EQ(x.patients.sex[0], model::Sex::kFemale);
  EXPECT_EQ(x.patients.birth_date[0], DaysFromCivil(1940, 6, 27));

  auto refused = Load(extract, /*allow_identifiable=*/false);
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.status().message(), HasSubstr("holds identity numbers"));
}

TEST(ExtractLoaderTest, NearShapedPatientValuesAreRefusedWithoutAKey) {
  TempExtract extract;
  extract.Write("episodes.csv",
                std::string(kHeader) + EpisodeRow("E1", "LOP1") + EpisodeRow("E2", "19400627-080"));
  auto refused = Load(extract, /*allow_identifiable=*/false);
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.status().message(),
              HasSubstr("episodes.csv:3: column 'patient' holds identity numbers (or values "
                        "shaped like one: 10 to 12 digits with separators)"));
  EXPECT_THAT(refused.status().message(), ::testing::Not(HasSubstr("080")));
  auto keyed = Load(extract, /*allow_identifiable=*/true);
  ASSERT_TRUE(keyed.ok()) << keyed.status().message();
  EXPECT_EQ(keyed->report.flag_counts.at({"episodes.csv", "bad_check_digit"}), 1);
}

TEST(ExtractLoaderTest, IdentityShapedUnitsAndEpisodeIdsNeverReachTheOutputs) {
  TempExtract extract;
  extract.Write("episodes.csv", std::string(kHeader) + EpisodeRow("E1", "LOP1", "19400627 0807") +
                                    EpisodeRow("E2", "LOP2", "Sjukhus 400627-0807") +
                                    EpisodeRow("194006270807", "LOP3") + EpisodeRow("E4", "LOP4"));
  extract.Write("coordination.csv",
                "episode_id,event,at\n194006270807,ready_notice,2019-03-01 12:00\n"
                "19400627-0807,ready_notice,2019-03-01 12:00\n");
  extract.Write("contacts.csv",
                "contact_id;patient;at;level;kind;profession;unit;emergency;municipality\n"
                "C1;LOP1;2019-03-05;primary;visit;nurse;VC 400627 - 0807;nej;0880\n"
                "C2;LOP1;2019-03-06;primary;visit;nurse;VC Syd;nej;0880\n");
  extract.Write("enrollments.csv", "patient,programme,start\nLOP1,19400627\u00A00807,2019-02-01\n");
  auto loaded = Load(extract);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_THAT(Codes(*loaded), ::testing::ElementsAre("episodes.csv:2:identity_number_in_text",
                                                     "episodes.csv:3:identity_number_in_text",
                                                     "episodes.csv:4:identity_number_in_text",
                                                     "coordination.csv:2:unknown_episode",
                                                     "coordination.csv:3:unknown_episode",
                                                     "contacts.csv:2:identity_number_in_text",
                                                     "enrollments.csv:2:identity_number_in_text"));
  const model::Extract& x = loaded->extract;
  for (const std::string& unit : x.units.names()) {
    EXPECT_EQ(unit.find("0807"), std::string::npos);
  }
  for (const std::string& id : x.episode_ids.names()) {
    EXPECT_EQ(id.find("0807"), std::string::npos);
  }
  const std::string text = RejectsAndReport(*loaded);
  EXPECT_THAT(text, HasSubstr("[personnummer]"));
  EXPECT_THAT(text, ::testing::Not(HasSubstr("400627")));
}

TEST(ExtractLoaderTest, UnknownColumnNamesAreRedactedAndCut) {
  TempExtract extract;
  std::string header = kHeader;
  header.pop_back();
  header += ",19400627-0807," + std::string(5000, 'x') + "\n";
  extract.Write("episodes.csv", header +
                                    "E1,LOP1,,,0880,H,Med,somatic,2019-03-01,2019-03-02,"
                                    "acute,home,a,b\n");
  auto loaded = Load(extract);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  const auto& unknown = loaded->report.tables.at(0).unknown_columns;
  ASSERT_EQ(unknown.size(), 2u);
  EXPECT_EQ(unknown[0], "[personnummer]");
  EXPECT_EQ(unknown[1], std::string(kMaxColumnNameBytes, 'x') + "...");
  EXPECT_THAT(FormatReportText(*loaded), ::testing::Not(HasSubstr("400627")));
}

TEST(ExtractLoaderTest, AFieldLongerThanTheLimitRejectsItsRow) {
  TempExtract extract;
  extract.Write("episodes.csv", std::string(kHeader) + EpisodeRow("E1", "LOP1") +
                                    EpisodeRow("E2", "LOP2", std::string(10000, 'H')) +
                                    EpisodeRow("E3", "LOP3", std::string(kMaxFieldBytes, 'H')));
  auto loaded = Load(extract);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_THAT(Codes(*loaded), ::testing::ElementsAre("episodes.csv:3:field_too_long"));
  const Reject& reject = loaded->report.rejects.at(0);
  EXPECT_EQ(reject.column, "hospital");
  EXPECT_EQ(reject.message,
            "episodes.csv:3: column 'hospital': field 6 holds 10000 bytes, more than the 4096 a "
            "field may hold (a quote left open, or a whole file pasted into one cell?)");
  EXPECT_LT(reject.row.size(), 600u);
  EXPECT_EQ(loaded->extract.stays.size(), 2u);
}

TEST(ExtractLoaderTest, AnIdentityShapedRegionRefusesTheExtract) {
  TempExtract extract;
  extract.Write("extract.toml",
                "region = \"Region 19400627-0807\"\ncounty = \"08\"\ncoverage_from = 2019-01-01\n"
                "coverage_to = 2019-12-31\ncreated = 2020-01-20T08:00:00\n");
  extract.Write("episodes.csv", std::string(kHeader) + EpisodeRow("E1", "LOP1"));
  auto loaded = Load(extract);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().message(),
            "extract.toml: key 'region' holds text shaped like an identity number, which must "
            "not reach the reports; write the region's name there");
}

TEST(ExtractLoaderTest, ACrOnlyFileIsReadRowByRow) {
  TempExtract extract;
  std::string rows = std::string(kHeader) + EpisodeRow("E1", "LOP1") + EpisodeRow("E2", "LOP2");
  std::replace(rows.begin(), rows.end(), '\n', '\r');
  extract.Write("episodes.csv", rows);
  auto loaded = Load(extract);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(loaded->extract.stays.size(), 2u);
  EXPECT_TRUE(loaded->report.tables.at(0).unknown_columns.empty());
}

TEST(ExtractLoaderTest, AMixedEncodingFileIsRefusedNamingFileAndLine) {
  TempExtract extract;
  extract.Write("episodes.csv", std::string(kHeader) + EpisodeRow("E1", "LOP1", "L\xC3\xA4n") +
                                    EpisodeRow("E2", "LOP2", "V\xE4xj\xF6"));
  auto loaded = Load(extract);
  ASSERT_FALSE(loaded.ok());
  EXPECT_THAT(loaded.status().message(),
              ::testing::StartsWith("episodes.csv:3: byte 0xE4 is not valid UTF-8"));
}

TEST(ExtractLoaderTest, OnlyRegularFilesInsideTheFolderAreRead) {
  TempExtract extract;
  extract.Write("episodes.csv", std::string(kHeader) + EpisodeRow("E1", "LOP1"));
  const fs::path dir = extract.path();
  // A link to a file inside the folder is followed.
  extract.Write("real_waits.csv",
                "wait_id,patient,municipality,unit,step,start,end,patient_chosen_days\n");
  fs::create_symlink(dir / "real_waits.csv", dir / "waits.csv");
  ASSERT_TRUE(Load(extract).ok());

  // A link out of the folder is not.
  const fs::path outside = dir.string() + "-outside.csv";
  std::ofstream(outside) << "patient,programme,start\nLOP1,MiNT,2019-02-01\n";
  fs::create_symlink(outside, dir / "enrollments.csv");
  auto out_of_folder = Load(extract);
  fs::remove(outside);
  ASSERT_FALSE(out_of_folder.ok());
  EXPECT_EQ(out_of_folder.status().code(), StatusCode::kIoError);
  EXPECT_EQ(out_of_folder.status().message(),
            (dir / "enrollments.csv").string() +
                ": a symbolic link to a file outside the extract folder: only files inside the "
                "folder are read; copy the file into the folder");
  fs::remove(dir / "enrollments.csv");

  // Nor a device or a FIFO, which are refused before they are opened.
  fs::create_symlink("/dev/zero", dir / "enrollments.csv");
  auto device = Load(extract);
  ASSERT_FALSE(device.ok());
  EXPECT_THAT(device.status().message(), HasSubstr("enrollments.csv: not a regular file"));
  fs::remove(dir / "enrollments.csv");
  ASSERT_EQ(::mkfifo((dir / "contacts.csv").c_str(), 0600), 0);
  auto fifo = Load(extract);
  ASSERT_FALSE(fifo.ok());
  EXPECT_THAT(fifo.status().message(), HasSubstr("contacts.csv: not a regular file"));
}

}  // namespace
}  // namespace nara::ingest
