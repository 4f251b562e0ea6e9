// Tests of the whole ingest on tiny extracts: every fault of data contract §2 with its exact
#include "ingest/extract_loader_test_util.hpp"

namespace nara::ingest {
namespace {

TEST(ExtractLoaderTest, ReadsACanonicalExtractAndSortsStaysByPatientAndAdmission) {
  TempExtract extract;
  extract.Write("episodes.csv", std::string(kHeader) +
                                    "E2,LOP1,F,1940-05-01,0880,H,Med,somatic,2019-03-05 10:00,"
                                    "2019-03-08 12:00,acute,home\n"
                                    "E1,LOP1,F,1940-05-01,0880,H,Med,somatic,2019-03-01 10:00,"
                                    "2019-03-02 12:00,planned,home\n"
                                    "E3,LOP2,M,1950-01-01,0880,H,Med,somatic,2019-02-01,"
                                    ",acute,\n");
  auto loaded = Load(extract);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  const model::Stays& stays = loaded->extract.stays;
  ASSERT_EQ(stays.size(), 3u);
  EXPECT_TRUE(loaded->report.rejects.empty());
  // Two patients; LOP1's stays in admission order.
  EXPECT_EQ(loaded->extract.patients.size(), 2u);
  std::vector<std::string> ids;
  for (size_t i = 0; i < stays.size(); ++i) {
    ids.push_back(loaded->extract.episode_ids.Name(stays.episode_id[i]));
  }
  const bool lop1_first = stays.patient[0] == stays.patient[1];
  const std::vector<std::string> expected = lop1_first ? std::vector<std::string>{"E1", "E2", "E3"}
                                                       : std::vector<std::string>{"E3", "E1", "E2"};
  EXPECT_EQ(ids, expected);
  const size_t e3 = lop1_first ? 2 : 0;
  EXPECT_EQ(stays.discharged_at[e3], kNoDateTime);
  EXPECT_EQ(stays.flags[e3] & model::kAdmittedHasTime, 0);
  EXPECT_EQ(stays.event_begin.size(), 4u);
  EXPECT_EQ(loaded->report.tables[0].read, 3);
  EXPECT_EQ(loaded->report.tables[0].used, 3);
}

TEST(ExtractLoaderTest, RejectsEachEpisodeFaultWithFileLineColumnAndCode) {
  TempExtract extract;
  extract.Write("episodes.csv",
                std::string(kHeader) +
                    "E1,LOP1,F,1940-05-01,0880,H,Med,somatic,2019-02-30,2019-03-02,acute,home\n"
                    "E2,LOP1,F,1940-05-01,0880,H,Med,somatic,2019-03-05,2019-03-01,acute,home\n"
                    "E3,LOP1,F,1940-05-01,9999,H,Med,somatic,2019-03-05,2019-03-06,acute,home\n"
                    "E4,LOP1,F,1940-05-01,0880,H,Med,somatic,2019-04-01,2019-04-03,acute,home\n"
                    "E4,LOP2,M,1940-05-01,0880,H,Med,somatic,2019-04-01,2019-04-03,acute,home\n"
                    "E5,LOP1,F,1940-05-01,0880,H,Med,somatic,2019-04-02,2019-04-05,acute,home\n"
                    "E6,LOP1,X,1940-05-01,0880,H,Med,somatic,2019-05-01,2019-05-02,acute,home\n"
                    "E7,LOP1,F,1940-05-01,0880,H,Med,somatic,2019-05-01,2019-05-02,,home\n"
                    "E8,LOP1,F,1940-05-01,0880,H,Med\n"
                    "E9,LOP1,F,1940-05-01,0880,H,Med,somatic,2019-06-01,2019-06-02,acute,moon\n");
  auto loaded = Load(extract);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_THAT(Codes(*loaded),
              ::testing::ElementsAre(
                  "episodes.csv:2:bad_date", "episodes.csv:3:discharge_before_admission",
                  "episodes.csv:4:unknown_municipality", "episodes.csv:6:duplicate_episode_id",
                  "episodes.csv:8:bad_code",
                  "episodes.csv:9:missing_value", "episodes.csv:10:field_count",
                  "episodes.csv:11:bad_code"));
  const auto& rejects = loaded->report.rejects;
  EXPECT_EQ(rejects[0].message,
            "episodes.csv:2: column 'admitted_at': not a valid date (expected YYYY-MM-DD, "
            "YYYYMMDD, YYYY-MM-DD HH:MM[:SS] or YYYY-MM-DDTHH:MM[:SS]): \"2019-02-30\"");
  EXPECT_EQ(rejects[1].message,
            "episodes.csv:3: column 'discharged_at': discharge 2019-03-01 00:00 is before "
            "admission 2019-03-05 00:00");
  EXPECT_EQ(rejects[2].column, "municipality");
  EXPECT_THAT(rejects[2].message, HasSubstr("\"9999\""));
  EXPECT_EQ(rejects[3].message,
            "episodes.csv:6: column 'episode_id': episode_id \"E4\" already appeared on an "
            "earlier row; the first is kept");
  // E5 overlaps E4 (same patient and clinic): kept and flagged, not rejected (issue 13).
  ASSERT_EQ(loaded->report.flagged.size(), 1u);
  EXPECT_EQ(loaded->report.flagged[0].line, 7);
  EXPECT_EQ(loaded->report.flagged[0].code, FlagCode::kOverlappingStay);
  EXPECT_EQ(loaded->report.flagged[0].message,
            "episodes.csv:7: column 'admitted_at': the stay starts 2019-04-02 00:00 while the "
            "same patient's stay at line 5 in the same clinic lasts until 2019-04-03 00:00; kept "
            "(the care-episode merge joins them)");
  EXPECT_EQ(loaded->report.flag_counts.at({"episodes.csv", "overlapping_stay"}), 1);
  EXPECT_EQ(rejects[5].message, "episodes.csv:9: column 'admission_kind': a value is required");
  EXPECT_EQ(rejects[6].message, "episodes.csv:10: 7 fields where the header has 12");
  EXPECT_EQ(loaded->extract.stays.size(), 2u);
  EXPECT_EQ(loaded->report.tables[0].read, 10);
  EXPECT_EQ(loaded->report.tables[0].used, 2);
  EXPECT_EQ(loaded->report.rows_rejected(), 8);
}

TEST(ExtractLoaderTest, ReadsTheRegisterDialect) {
  TempExtract extract;
  // PAR names, ';', Windows-1252 (ö = 0xF6), YYYYMMDD, PVARD/UTSATT codes, 6-digit LKF, CRLF.
  extract.Write("episodes.csv",
                "VTF_ID;LOPNR;KON;ALDER;LKF;SJUKHUS;KLINIK;MVO;INDATUMA;UTDATUMA;PVARD;UTSATT;"
                "HDIA\r\n"
                "V1;77;2;81;088001;V\xe4xj\xf6;Medicin;101;20190301;20190305;2;4;I509\r\n"
                "V2;78;1;40;088001;V\xe4xj\xf6;Psyk;931;20190301;20190305;1;3;F32.1\r\n"
                "\r\n");
  auto loaded = Load(extract);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  ASSERT_TRUE(loaded->report.rejects.empty()) << loaded->report.rejects[0].message;
  const model::Extract& x = loaded->extract;
  ASSERT_EQ(x.stays.size(), 2u);
  EXPECT_EQ(loaded->report.tables[0].delimiter, ';');
  EXPECT_EQ(loaded->report.tables[0].encoding, "Windows-1252");
  for (size_t i = 0; i < 2; ++i) {
    const std::string id = x.episode_ids.Name(x.stays.episode_id[i]);
    EXPECT_EQ(x.units.Name(x.stays.hospital[i]), "V\xc3\xa4xj\xc3\xb6");  // UTF-8 "Växjö"
    EXPECT_EQ(x.municipalities[x.stays.municipality[i]].code, "0880");
    if (id == "V1") {
      EXPECT_EQ(x.stays.sex[i], model::Sex::kFemale);
      EXPECT_EQ(x.stays.age[i], 81);
      EXPECT_EQ(x.stays.admission_kind[i], model::AdmissionKind::kAcute);
      EXPECT_EQ(x.stays.discharged_to[i], model::Place::kDeceased);
      EXPECT_EQ(x.stays.care_type[i], model::CareType::kSomatic);
      EXPECT_EQ(x.diagnoses.Name(x.stays.main_diagnosis[i]), "I509");
    } else {
      EXPECT_EQ(x.stays.admission_kind[i], model::AdmissionKind::kPlanned);
      EXPECT_EQ(x.stays.care_type[i], model::CareType::kPsychiatric);  // MVO 9xx
      EXPECT_EQ(x.diagnoses.Name(x.stays.main_diagnosis[i]), "F321");
    }
  }
}

TEST(ExtractLoaderTest, MissingRequiredColumnIsAWholeTableErrorNamingFileAndColumn) {
  TempExtract extract;
  extract.Write("episodes.csv", "episode_id,patient,municipality,admission_kind\nE1,1,0880,1\n");
  auto loaded = Load(extract);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(loaded.status().message(),
            "episodes.csv:1: required column 'admitted_at' is missing (also accepted: indatum, "
            "indatuma, inskrivning)");
}

TEST(ExtractLoaderTest, MissingManifestOrEpisodesIsAnError) {
  TempExtract extract;
  auto no_episodes = Load(extract);
  ASSERT_FALSE(no_episodes.ok());
  EXPECT_THAT(no_episodes.status().message(), HasSubstr("has no episodes.csv (required)"));
  extract.Write("extract.toml", "county = \"08\"\ncoverage_from = 2019-01-01\n");
  auto bad_manifest = Load(extract);
  ASSERT_FALSE(bad_manifest.ok());
  EXPECT_THAT(bad_manifest.status().message(), HasSubstr("'coverage_to' is missing or not a date"));
}

TEST(ExtractLoaderTest, AMisspeltManifestKeyIsAnErrorNamingFileLineAndKey) {
  TempExtract extract;
  extract.Write("episodes.csv", std::string(kHeader));
  extract.Write("extract.toml",
                "region = \"Region Test\"\ncounty = \"08\"\ncoverage_fron = 2019-01-01\n"
                "coverage_to = 2019-12-31\n");
  auto misspelt = Load(extract);
  ASSERT_FALSE(misspelt.ok());
  EXPECT_EQ(misspelt.status().code(), StatusCode::kInvalidInput);
  EXPECT_THAT(misspelt.status().message(),
              HasSubstr("extract.toml:3: coverage_fron: unknown setting (known: codes, columns, "
                        "coordination, county, coverage_from, coverage_to, created, region, "
                        "values)"));
  extract.Write("extract.toml",
                "county = \"08\"\ncoverage_from = 2019-01-01\ncoverage_to = 2019-12-31\n"
                "[codes]\npvard_plan = \"1\"\n");
  auto in_codes = Load(extract);
  ASSERT_FALSE(in_codes.ok());
  EXPECT_THAT(in_codes.status().message(),
              HasSubstr("extract.toml:5: codes.pvard_plan: unknown setting"));
}

TEST(ExtractLoaderTest, EventsAreLinkedSortedAndCheckedAgainstTheirStay) {
  TempExtract extract;
  extract.Write("episodes.csv",
                std::string(kHeader) +
                    "E1,LOP1,F,1940-05-01,0880,H,Med,somatic,2019-03-01 10:00,2019-03-10,acute,"
                    "home\n");
  extract.Write("coordination.csv",
                "episode_id,event,at\n"
                "E1,ready_notice,2019-03-05 12:01\n"
                "E1,inskrivningsmeddelande,2019-03-01 11:00\n"
                "E9,ready_notice,2019-03-05 12:01\n"
                "E1,ready_notice,2019-03-10 18:00\n"
                "E1,ready_notice,2019-03-11 08:00\n"
                "E1,teleport,2019-03-05\n");
  auto loaded = Load(extract);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_THAT(Codes(*loaded),
              ::testing::ElementsAre("coordination.csv:4:unknown_episode",
                                     "coordination.csv:6:ready_notice_after_discharge",
                                     "coordination.csv:7:bad_code"));
  // Discharge has no time of day: a notice on the discharge date is not after discharge.
  const model::Events& events = loaded->extract.events;
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events.kind[0], model::EventKind::kAdmissionNotice);
  EXPECT_EQ(events.kind[1], model::EventKind::kReadyNotice);
  EXPECT_EQ(events.line[2], 5u);
  EXPECT_EQ(loaded->extract.stays.event_begin, (std::vector<uint32_t>{0, 3}));
}

TEST(ExtractLoaderTest, IdentityNumbersNeedAKeyOrTheTestDataFlag) {
  TempExtract extract;
  extract.Write("episodes.csv", std::string(kHeader) +
                                    "E1,19121212-1212,,,0880,H,Med,somatic,2019-03-01,"
                                    "2019-03-02,acute,home\n");
  auto refused = Load(extract, /*allow_identifiable=*/false);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().message(),
            "episodes.csv:2: column 'patient' holds identity numbers, and no pseudonymisation "
            "key was given: pass --key-file FILE or set NARA_KEY_FILE (32 random bytes kept by "
            "the region), or --test-data for synthetic data");
  auto allowed = Load(extract, /*allow_identifiable=*/true);
  ASSERT_TRUE(allowed.ok()) << allowed.status().message();
  // Sex and birth date derived from the personnummer.
  EXPECT_EQ(allowed->extract.stays.sex[0], model::Sex::kMale);
  EXPECT_EQ(allowed->extract.stays.birth_date[0], DaysFromCivil(1912, 12, 12));
}

TEST(ExtractLoaderTest, RejectedRowsNeverShowTheIdentityNumber) {
  TempExtract extract;
  extract.Write("episodes.csv", std::string(kHeader) +
                                    "E1,19121212-1212,,,9999,H,Med,somatic,2019-03-01,"
                                    "2019-03-02,acute,home\n"
                                    "E2,191212121212,,,0880,H 191212-1212,Med,somatic,"
                                    "2019-02-30,2019-03-02,acute,home\n");
  auto loaded = Load(extract);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  ASSERT_EQ(loaded->report.rejects.size(), 2u);
  const auto rejects_file = fs::temp_directory_path() / "nara-rejects-test.csv";
  ASSERT_TRUE(WriteRejectsCsv(loaded->report, rejects_file.string()).ok());
  std::ifstream in(rejects_file);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  fs::remove(rejects_file);
  EXPECT_THAT(text, HasSubstr("patient_ref:"));
  EXPECT_THAT(text, HasSubstr("H [personnummer]"));
  for (const char* clear : {"1212121212", "121212-1212", "19121212"}) {
    EXPECT_THAT(text, ::testing::Not(HasSubstr(clear)));
  }
}

TEST(ExtractLoaderTest, OptionalTablesAreReadWithTheirFaults) {
  TempExtract extract;
  extract.Write("episodes.csv", std::string(kHeader) +
                                    "E1,LOP1,F,1940-05-01,0880,H,Med,somatic,2019-03-01,"
                                    "2019-03-02,acute,home\n");
  extract.Write("contacts.csv",
                "contact_id;patient;at;level;kind;profession;unit;emergency;municipality\n"
                "C1;LOP1;2019-03-05;primary;home_visit;nurse;VC Syd;nej;0880\n"
                "C2;LOP1;2019-03-06;tertiary;visit;nurse;VC Syd;no;0880\n");
  extract.Write("waits.csv",
                "wait_id,patient,municipality,unit,step,start,end,patient_chosen_days\n"
                "W1,LOP1,0880,Ortopedi,first_visit,2019-01-01,2019-02-01,0\n"
                "W2,LOP1,0880,Ortopedi,treatment,2019-01-01,,-3\n");
  extract.Write("population.csv",
                "year,municipality,sex,age_from,age_to,count\n"
                "2019,0880,M,0,17,5000\n2019,0880,F,80,,-1\n");
  extract.Write("enrollments.csv",
                "patient,programme,start,end\nLOP1,MiNT,2019-02-01,\nLOP1,MiNT,2019-13-01,\n");
  extract.Write("municipalities.csv",
                "code,name,county,area\n0880,Kalmar,08,mellersta\n08x0,Fel,08,norra\n");
  auto loaded = Load(extract);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_THAT(Codes(*loaded), ::testing::ElementsAre(
                                  "contacts.csv:3:bad_code", "waits.csv:3:negative_count",
                                  "population.csv:3:negative_count", "enrollments.csv:3:bad_date",
                                  "municipalities.csv:3:bad_code"));
  const model::Extract& x = loaded->extract;
  EXPECT_EQ(x.contacts.size(), 1u);
  EXPECT_EQ(x.contacts.kind[0], model::ContactKind::kHomeVisit);
  EXPECT_EQ(x.units.Name(x.contacts.unit[0]), "VC Syd");
  EXPECT_EQ(x.waits.size(), 1u);
  EXPECT_EQ(x.population.size(), 1u);
  EXPECT_EQ(x.enrollments.size(), 1u);
  EXPECT_EQ(x.municipalities[x.stays.municipality[0]].area, "mellersta");
  // Every patient reference resolves to the same patient across tables.
  EXPECT_EQ(x.patients.size(), 1u);
  EXPECT_EQ(x.contacts.patient[0], x.stays.patient[0]);
}

// Contacts by patient then time, events by stay then time; rows with the same time keep file
// order, with few rows per key and with many (the loader sorts those two cases differently).
TEST(ExtractLoaderTest, RowsAreSortedByPatientThenTimeWithTiesInFileOrder) {
  TempExtract extract;
  extract.Write("episodes.csv", std::string(kHeader) +
                                    "E1,LOP1,F,1940-05-01,0880,H,Med,somatic,2019-03-01,"
                                    "2019-03-30,acute,home\n"
                                    "E2,LOP2,M,1950-01-01,0880,H,Med,somatic,2019-03-01,"
                                    "2019-03-30,acute,home\n");
  std::string contacts = "contact_id,patient,at,level,kind,unit,municipality\n";
  std::string events = "episode_id,event,at\n";
  const int kDays[] = {9, 3, 9, 1, 3, 9, 2};
  for (int i = 0; i < 42; ++i) {  // LOP1: 42 contacts; LOP2: 3
    const int day = kDays[i % 7];
    contacts += fmt::format("C{},LOP1,2019-03-0{},primary,visit,U{},0880\n", i, day, i);
    events += fmt::format("E1,{},2019-03-0{}\n", i % 2 ? "ready_notice" : "admission_notice", day);
    if (i < 3) {  // days 2, 1, 2
      const int other_day = i == 1 ? 1 : 2;
      contacts += fmt::format("D{},LOP2,2019-03-0{},primary,visit,V{},0880\n", i, other_day, i);
      events += fmt::format("E2,admission_notice,2019-03-0{}\n", other_day);
    }
  }
  extract.Write("contacts.csv", contacts);
  extract.Write("coordination.csv", events);
  auto loaded = Load(extract);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  ASSERT_TRUE(loaded->report.rejects.empty()) << loaded->report.rejects[0].message;
  const model::Extract& x = loaded->extract;
  ASSERT_EQ(x.contacts.size(), 45u);
  // The expected order: (patient, time, file position), by a plain stable sort.
  struct Key {
    uint32_t patient;
    DateTime at;
    std::string unit;
  };
  std::vector<Key> got;
  for (size_t i = 0; i < x.contacts.size(); ++i) {
    got.push_back({x.contacts.patient[i], x.contacts.at[i], x.units.Name(x.contacts.unit[i])});
  }
  std::vector<Key> expected = got;
  auto file_position = [](const std::string& unit) { return std::stoi(unit.substr(1)); };
  std::sort(expected.begin(), expected.end(), [&](const Key& a, const Key& b) {
    if (a.patient != b.patient) return a.patient < b.patient;
    if (a.at != b.at) return a.at < b.at;
    return file_position(a.unit) < file_position(b.unit);
  });
  for (size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i].unit, expected[i].unit) << i;

  ASSERT_EQ(x.events.size(), 45u);
  for (size_t i = 1; i < x.events.size(); ++i) {
    const bool same_stay = x.events.stay[i] == x.events.stay[i - 1];
    EXPECT_TRUE(x.events.stay[i] > x.events.stay[i - 1] ||
                (same_stay && (x.events.at[i] > x.events.at[i - 1] ||
                               (x.events.at[i] == x.events.at[i - 1] &&
                                x.events.line[i] > x.events.line[i - 1]))))
        << i;
  }
}

// contacts.csv read in two halves by two threads gives what one reader gives: the same rows,
// unit codes, patients, counts and rejects (with their lines), faults in both halves.
TEST(ExtractLoaderTest, AContactsFileReadInTwoHalvesLoadsAsReadWhole) {
  TempExtract extract;
  extract.Write("episodes.csv", std::string(kHeader) +
                                    "E1,LOP1,F,1940-05-01,0880,H,Med,somatic,2019-03-01,"
                                    "2019-03-30,acute,home\n");
  std::string contacts = "contact_id,patient,at,level,kind,unit,municipality\n";
  for (int i = 0; i < 400; ++i) {
    if (i == 50 || i == 350) {
      contacts += fmt::format("C{},LOP{},2019-13-01,primary,visit,U{},0880\n", i, i % 7, i % 11);
    } else if (i == 300) {
      contacts += "\n \n";  // blank lines in the second half
    }
    contacts += fmt::format("C{},LOP{},2019-03-{:02d},primary,visit,U{},0880\n", i, i % 7 + i / 200,
                            1 + i % 28, i / 20);
  }
  extract.Write("contacts.csv", contacts);
  auto whole = Load(extract, true, /*threads=*/1);
  auto halves = Load(extract, true, /*threads=*/2, /*split_from_bytes=*/1024);
  ASSERT_TRUE(whole.ok() && halves.ok());
  EXPECT_THAT(Codes(*halves),
              ::testing::ElementsAre("contacts.csv:52:bad_date", "contacts.csv:355:bad_date"));
  EXPECT_EQ(Codes(*halves), Codes(*whole));
  const model::Extract& a = whole->extract;
  const model::Extract& b = halves->extract;
  EXPECT_EQ(a.units.names(), b.units.names());
  EXPECT_EQ(a.patients.pseudonym, b.patients.pseudonym);
  EXPECT_EQ(a.contacts.patient, b.contacts.patient);
  EXPECT_EQ(a.contacts.at, b.contacts.at);
  EXPECT_EQ(a.contacts.unit, b.contacts.unit);
  EXPECT_EQ(b.contacts.size(), 400u);
  ASSERT_EQ(whole->report.tables.size(), halves->report.tables.size());
  for (size_t i = 0; i < whole->report.tables.size(); ++i) {
    EXPECT_EQ(whole->report.tables[i].read, halves->report.tables[i].read);
    EXPECT_EQ(whole->report.tables[i].used, halves->report.tables[i].used);
    EXPECT_EQ(whole->report.tables[i].blank_lines, halves->report.tables[i].blank_lines);
  }
  EXPECT_EQ(whole->report.bytes_read, halves->report.bytes_read);
  // A quote in the first half: not split, and still the same.
  extract.Write("contacts.csv", contacts.substr(0, 60) + "\"" + contacts.substr(60));
  auto quoted = Load(extract, true, 2, 1024);
  ASSERT_TRUE(quoted.ok());
  EXPECT_EQ(quoted->extract.contacts.size(), 399u);  // the row with the stray quote is rejected
}

// episodes.csv read in two halves by two threads gives what one reader gives: the same stays,
// dictionaries (in first-seen order), patients, counts and rejects with their lines, codes,
// messages and rows. The second half holds duplicates of the first half's ids (kept by its own
// reader, rejected at the merge), one also with a bad value (a duplicate for one reader), a
// duplicate of its own, a unit and a diagnosis first seen on such a row, and a quoted field.
TEST(ExtractLoaderTest, AnEpisodesFileReadInTwoHalvesLoadsAsReadWhole) {
  TempExtract extract;
  const std::string header =
      "episode_id,patient,sex,birth_date,municipality,hospital,clinic,care_type,admitted_at,"
      "discharged_at,admission_kind,discharged_to,main_diagnosis\n";
  std::string rows = header;
  auto row = [](const std::string& id, int patient, const std::string& sex,
                const std::string& clinic, const std::string& admitted,
                const std::string& diagnosis) {
    return fmt::format("{},LOP{},{},1940-05-01,0880,H,{},somatic,{},2019-04-20,acute,home,{}\n",
                       id, patient, sex, clinic, admitted, diagnosis);
  };
  for (int i = 0; i < 400; ++i) {
    const std::string admitted = fmt::format("2019-03-{:02d} 10:{:02d}", 1 + i % 28, i % 60);
    const std::string clinic = fmt::format("C{}", i / 40);
    if (i == 40) rows += row("E40", 3, "F", clinic, "2019-13-01", "I10");  // bad date
    if (i == 260) rows += "\n \n";                                          // blank lines
    if (i == 300) {
      rows += row("E7", 7, "F", "OnlyOnDuplicates", admitted, "Z99");  // a first-half id
      rows += row("E8", 8, "X", "OnlyOnDuplicates", admitted, "Z98");  // and a bad sex
      rows += row("E8", 8, "F", clinic, admitted, "I10");              // again
      rows += row("E2999", 1, "F", clinic, "2019-13-01", "I10");       // bad date
    }
    if (i == 350) {
      rows += row("E310", 2, "F", clinic, admitted, "I10");  // a second-half id
      rows += row("E351", 4, "F", "\"Quoted, clinic\"", admitted, "J44");
    }
    if (i == 351) continue;
    rows += row(fmt::format("E{}", i), i % 13, i % 2 ? "M" : "F",
                i == 380 ? "OnlyOnDuplicates" : clinic, admitted, i == 390 ? "Z99" : "I50.9");
  }
  extract.Write("episodes.csv", rows);
  auto whole = Load(extract, true, /*threads=*/1);
  auto halves = Load(extract, true, /*threads=*/2, /*split_from_bytes=*/1024);
  ASSERT_TRUE(whole.ok() && halves.ok());
  EXPECT_THAT(Codes(*halves),
              ::testing::ElementsAre(
                  "episodes.csv:42:bad_date", "episodes.csv:305:duplicate_episode_id",
                  "episodes.csv:306:duplicate_episode_id", "episodes.csv:307:duplicate_episode_id",
                  "episodes.csv:308:bad_date", "episodes.csv:359:duplicate_episode_id"));
  EXPECT_EQ(Codes(*halves), Codes(*whole));
  ASSERT_EQ(whole->report.rejects.size(), halves->report.rejects.size());
  for (size_t i = 0; i < whole->report.rejects.size(); ++i) {
    EXPECT_EQ(whole->report.rejects[i].column, halves->report.rejects[i].column) << i;
    EXPECT_EQ(whole->report.rejects[i].message, halves->report.rejects[i].message) << i;
    EXPECT_EQ(whole->report.rejects[i].row, halves->report.rejects[i].row) << i;
  }
  EXPECT_THAT(halves->report.rejects[1].message,
              HasSubstr("episodes.csv:305: column 'episode_id': episode_id \"E7\" already "
                        "appeared on an earlier row"));
  EXPECT_THAT(halves->report.rejects[1].row, HasSubstr("OnlyOnDuplicates"));
  const model::Extract& a = whole->extract;
  const model::Extract& b = halves->extract;
  EXPECT_EQ(b.stays.size(), 400u);
  EXPECT_EQ(a.episode_ids.names(), b.episode_ids.names());
  EXPECT_EQ(a.units.names(), b.units.names());
  EXPECT_EQ(a.diagnoses.names(), b.diagnoses.names());
  EXPECT_EQ(a.patients.pseudonym, b.patients.pseudonym);
  model::ForEachColumnPair(a.stays.Columns(), b.stays.Columns(),
                           [&](const auto& x, const auto& y) { EXPECT_TRUE(x == y); });
  EXPECT_EQ(a.stays.event_begin, b.stays.event_begin);
  ASSERT_EQ(whole->report.tables.size(), halves->report.tables.size());
  for (size_t i = 0; i < whole->report.tables.size(); ++i) {
    EXPECT_EQ(whole->report.tables[i].read, halves->report.tables[i].read);
    EXPECT_EQ(whole->report.tables[i].used, halves->report.tables[i].used);
    EXPECT_EQ(whole->report.tables[i].blank_lines, halves->report.tables[i].blank_lines);
  }
  EXPECT_EQ(whole->report.bytes_read, halves->report.bytes_read);
}

// coordination.csv read in two halves gives what one reader gives, in both of its forms (keyed
// by episode and by patient): the same events in the same order, rejects with their lines.
TEST(ExtractLoaderTest, ACoordinationFileReadInTwoHalvesLoadsAsReadWhole) {
  TempExtract extract;
  std::string stays = kHeader;
  for (int i = 0; i < 20; ++i) {
    stays += fmt::format("E{},LOP{},F,1940-05-01,0880,H,Med,somatic,2019-03-{:02d} 08:00,"
                         "2019-03-{:02d} 12:00,acute,home\n",
                         i, i, 1 + i, 10 + i);
  }
  extract.Write("episodes.csv", stays);
  for (const bool by_patient : {false, true}) {
    std::string events = by_patient ? "patient,event,at\n" : "episode_id,event,at\n";
    const char* kinds[] = {"admission_notice", "ready_notice", "ready_revoked", "discharge_plan"};
    for (int i = 0; i < 400; ++i) {
      const int stay = i % 20;
      const std::string key = by_patient ? fmt::format("LOP{}", stay) : fmt::format("E{}", stay);
      if (i == 30 || i == 330) events += key + ",ready_notice,2019-13-01\n";  // bad date
      if (i == 340 && !by_patient) events += "E99,ready_notice,2019-03-05 10:00\n";  // unknown
      if (i == 350) events += key + ",ready_notice,2019-04-30 10:00\n";  // after discharge
      events += fmt::format("{},{},2019-03-{:02d} {:02d}:{:02d}\n", key, kinds[i % 4], 2 + stay,
                            8 + i % 3, i % 60);
    }
    extract.Write("coordination.csv", events);
    auto whole = Load(extract, true, /*threads=*/1);
    auto halves = Load(extract, true, /*threads=*/2, /*split_from_bytes=*/1024);
    ASSERT_TRUE(whole.ok() && halves.ok()) << by_patient;
    EXPECT_EQ(Codes(*halves), Codes(*whole)) << by_patient;
    EXPECT_GE(halves->report.rejects.size(), 3u) << by_patient;
    ASSERT_EQ(whole->report.rejects.size(), halves->report.rejects.size());
    for (size_t i = 0; i < whole->report.rejects.size(); ++i) {
      EXPECT_EQ(whole->report.rejects[i].message, halves->report.rejects[i].message) << i;
      EXPECT_EQ(whole->report.rejects[i].row, halves->report.rejects[i].row) << i;
    }
    const model::Events& a = whole->extract.events;
    const model::Events& b = halves->extract.events;
    EXPECT_GT(b.size(), 350u) << by_patient;
    model::ForEachColumnPair(a.Columns(), b.Columns(),
                             [&](const auto& x, const auto& y) { EXPECT_TRUE(x == y); });
    EXPECT_EQ(whole->extract.stays.event_begin, halves->extract.stays.event_begin);
    EXPECT_EQ(whole->report.tables[1].read, halves->report.tables[1].read);
    EXPECT_EQ(whole->report.tables[1].used, halves->report.tables[1].used);
  }
}

TEST(ExtractLoaderTest, TheSameExtractLoadsToTheSameColumns) {
  TempExtract extract;
  std::string rows = kHeader;
  for (int i = 0; i < 300; ++i) {
    rows += "E" + std::to_string(i) + ",LOP" + std::to_string(i % 37) + ",F,1940-05-01,0880,H,C" +
            std::to_string(i) + ",somatic,2019-03-" + std::to_string(10 + i % 9) +
            ",2019-04-01,acute,home\n";
  }
  extract.Write("episodes.csv", rows);
  auto first = Load(extract);
  auto second = Load(extract);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->extract.stays.episode_id, second->extract.stays.episode_id);
  EXPECT_EQ(first->extract.stays.patient, second->extract.stays.patient);
  EXPECT_EQ(first->extract.patients.pseudonym, second->extract.patients.pseudonym);
}

}  // namespace
}  // namespace nara::ingest
