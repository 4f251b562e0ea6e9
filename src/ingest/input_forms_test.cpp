// Issue 13 on tiny extracts: overlapping stays kept and flagged, true duplicates rejected, the
// PAR form of stays (derived ids, LAN/KOMMUN, DIA columns) and extract.toml's column and value
// mappings, each with its exact message.
#include "ingest/extract_loader_test_util.hpp"

namespace nara::ingest {
namespace {

std::vector<std::string> Ids(const LoadedExtract& loaded) {
  std::vector<std::string> ids;
  const model::Stays& s = loaded.extract.stays;
  for (size_t i = 0; i < s.size(); ++i) ids.push_back(loaded.extract.episode_ids.Name(s.episode_id[i]));
  return ids;
}

TEST(InputFormsTest, AnOverlappingStayIsKeptAndFlaggedAndATrueDuplicateRejected) {
  TempExtract extract;
  extract.Write("episodes.csv",
                std::string(kHeader) +
                    "E1,LOP1,F,1940-05-01,0880,H,Med,somatic,2019-03-01 08:00,2019-03-10 10:00,"
                    "acute,home\n"
                    "E2,LOP1,F,1940-05-01,0880,H,Med,somatic,2019-03-10 09:00,2019-03-15 10:00,"
                    "acute,home\n"
                    "E3,LOP1,F,1940-05-01,0880,H,Med,somatic,2019-03-01 08:00,2019-03-10 10:00,"
                    "acute,home\n");
  extract.Write("coordination.csv",
                "episode_id,event,at\nE2,admission_notice,2019-03-10 10:00\n"
                "E3,admission_notice,2019-03-01 09:00\n");
  auto loaded = Load(extract);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_THAT(Codes(*loaded), ::testing::ElementsAre("episodes.csv:4:duplicate_stay",
                                                     "coordination.csv:3:unknown_episode"));
  EXPECT_EQ(loaded->report.rejects[0].message,
            "episodes.csv:4: column 'admitted_at': the same patient, admission 2019-03-01 08:00, "
            "discharge 2019-03-10 10:00 and unit as the stay at line 2: a duplicate; the first "
            "is kept");
  ASSERT_EQ(loaded->report.flagged.size(), 1u);
  EXPECT_EQ(loaded->report.flagged[0].line, 3);
  EXPECT_EQ(FlagCodeName(loaded->report.flagged[0].code), "overlapping_stay");
  // The overlapping stay and its event are kept.
  EXPECT_THAT(Ids(*loaded), ::testing::ElementsAre("E1", "E2"));
  EXPECT_EQ(loaded->extract.events.size(), 1u);
  // flags.csv and the report.
  const fs::path flags = fs::path(extract.path()) / "flags-out.csv";
  ASSERT_TRUE(WriteFlagsCsv(loaded->report, flags.string()).ok());
  std::ifstream in(flags);
  std::string header, row;
  std::getline(in, header);
  std::getline(in, row);
  EXPECT_EQ(header, "file,line,column,code,message,row");
  EXPECT_THAT(row, ::testing::StartsWith("episodes.csv,3,admitted_at,overlapping_stay,"));
  EXPECT_EQ(ReportJson(*loaded)["rows_flagged"], 1);
  EXPECT_THAT(FormatReportText(*loaded), HasSubstr("Flagged rows (kept): 1"));
}

constexpr const char* kParHeader =
    "LopNr;AR;KON;ALDER;LAN;KOMMUN;SJUKHUS;MVO;INDATUM;UTDATUM;PVARD;INSATT;UTSATT;HDIA;DIA1;"
    "DIA2\r\n";

TEST(InputFormsTest, ReadsTheParFormWithDerivedIdsTiesAndDuplicates) {
  TempExtract extract;
  extract.Write("episodes.csv",
                std::string(kParHeader) +
                    "P1;2019;2;79;08;80;11010;101;20190301;20190305;2;3;3;I500;E119;\r\n"
                    "P1;2019;2;79;8;80;11010;101;2019-03-01;20190307;2;3;3;I500;;\r\n"
                    "P1;2019;2;79;8;80;11010;101;2019-03-01;20190307;2;3;3;I500;;\r\n"
                    "P2;2019;1;70;08;81;11010;101;20190310;20190312;1;3;4;K359;;\r\n"
                    "P3;2019;1;70;08;99;11010;101;20190310;20190312;1;3;4;K359;;\r\n");
  auto loaded = Load(extract);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_THAT(Codes(*loaded), ::testing::ElementsAre("episodes.csv:4:duplicate_stay",
                                                     "episodes.csv:6:unknown_municipality"));
  EXPECT_EQ(loaded->report.rejects[0].message,
            "episodes.csv:4: the same row as line 3 (PAR form: a stay given twice); the first "
            "is kept");
  EXPECT_EQ(loaded->report.rejects[1].message,
            "episodes.csv:6: column 'municipality': LAN \"08\" and KOMMUN \"99\" give 0899, not a "
            "municipality code in SCB's list or municipalities.csv");
  ASSERT_EQ(loaded->report.flagged.size(), 1u);
  EXPECT_EQ(FlagCodeName(loaded->report.flagged[0].code), "derived_id_tie");
  EXPECT_EQ(loaded->report.flagged[0].line, 3);
  const auto ids = Ids(*loaded);
  ASSERT_EQ(ids.size(), 3u);
  // Derived ids: PAR- and 16 hex digits; the tie has -2 appended. Stays are sorted by patient
  // pseudonym, then admission and id: P1's two are adjacent, the plain id first.
  const size_t tie = static_cast<size_t>(
      std::find_if(ids.begin(), ids.end(),
                   [](const std::string& id) { return id.size() > 2 && id.substr(id.size() - 2) == "-2"; }) -
      ids.begin());
  ASSERT_TRUE(tie == 1 || tie == 2) << ids[0] << " " << ids[1] << " " << ids[2];
  const size_t first = tie - 1;
  const size_t p2 = tie == 1 ? 2 : 0;
  EXPECT_THAT(ids[first], ::testing::MatchesRegex("PAR-[0-9a-f]{16}"));
  EXPECT_EQ(ids[tie], ids[first] + "-2");
  EXPECT_THAT(loaded->report.flagged[0].message,
              HasSubstr("the same patient, admission date, hospital and MVO as line 2, with "
                        "other content: kept as stay " + ids[tie]));
  const model::Stays& s = loaded->extract.stays;
  const auto& municipalities = loaded->extract.municipalities;
  EXPECT_EQ(municipalities[s.municipality[first]].code, "0880");
  EXPECT_EQ(municipalities[s.municipality[tie]].code, "0880");
  EXPECT_EQ(municipalities[s.municipality[p2]].code, "0881");
  EXPECT_EQ(s.sex[first], model::Sex::kFemale);
  EXPECT_EQ(s.admission_kind[first], model::AdmissionKind::kAcute);
  EXPECT_EQ(s.admission_kind[p2], model::AdmissionKind::kPlanned);
  EXPECT_EQ(s.discharged_to[p2], model::Place::kDeceased);
  // DIA1, DIA2 and AR are known columns.
  EXPECT_TRUE(loaded->report.tables[0].unknown_columns.empty());
  // The same file loads to the same ids (the derivation is stable).
  auto again = Load(extract);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(Ids(*again), ids);
}

// The hand-made PAR file of tests/golden/input_forms/par_stays (which the golden runner checks
// gives the canonical table): its reject and its flag with their exact messages.
TEST(InputFormsTest, TheParFixtureGivesItsRejectAndTieWithTheirMessages) {
  static const identity::Pseudonymiser kTestKey = identity::Pseudonymiser::ForTestData();
  LoadOptions options;
  options.extract_dir = std::string(NARA_SOURCE_DIR) + "/tests/golden/input_forms/par_stays";
  options.reference_dir = std::string(NARA_SOURCE_DIR) + "/data/reference";
  options.pseudonymiser = &kTestKey;
  options.allow_identifiable = true;
  auto loaded = LoadExtract(options);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_THAT(Codes(*loaded), ::testing::ElementsAre("episodes.csv:5:duplicate_stay"));
  EXPECT_EQ(loaded->report.rejects[0].message,
            "episodes.csv:5: the same row as line 4 (PAR form: a stay given twice); the first "
            "is kept");
  ASSERT_EQ(loaded->report.flagged.size(), 1u);
  EXPECT_EQ(loaded->report.flagged[0].line, 7);
  EXPECT_THAT(loaded->report.flagged[0].message,
              ::testing::MatchesRegex("episodes\\.csv:7: column 'admitted_at': the same patient, "
                                      "admission date, hospital and MVO as line 6, with other "
                                      "content: kept as stay PAR-[0-9a-f]{16}-2"));
  EXPECT_EQ(loaded->report.tables[0].encoding, "Windows-1252");
  EXPECT_EQ(loaded->report.tables[0].delimiter, ';');
  EXPECT_TRUE(loaded->extract.manifest.stay_ids_derived);
}

TEST(InputFormsTest, WithoutEpisodeIdOrThePaRColumnsTheIdIsStillRequired) {
  TempExtract extract;
  extract.Write("episodes.csv", "patient,municipality,admitted_at,admission_kind\n"
                                "P1,0880,2019-03-01,acute\n");
  auto loaded = Load(extract);
  ASSERT_FALSE(loaded.ok());
  EXPECT_THAT(std::string(loaded.status().message()),
              HasSubstr("episodes.csv:1: required column 'episode_id' is missing"));
}

TEST(InputFormsTest, MapsAnEhrExportsColumnsAndValues) {
  TempExtract extract;
  extract.Write("extract.toml",
                std::string(kManifest) +
                    "[columns.episodes]\n\"Vårdtillfälle\" = \"episode_id\"\n"
                    "Patientnummer = \"patient\"\nHemkommun = \"municipality\"\n"
                    "Inskriven = \"admitted_at\"\nUtskriven = \"discharged_at\"\n"
                    "\"Inskrivningssätt\" = \"admission_kind\"\nUtskrivningsorsak = "
                    "\"discharged_to\"\n"
                    "[values.episodes.admission_kind]\n\"Akut inläggning\" = \"acute\"\n"
                    "\"Planerad inläggning\" = \"planned\"\n"
                    "[values.episodes.discharged_to]\n\"Utskriven till: Annat sjukhus\" = "
                    "\"other_hospital\"\n\"Utskriven till: Hemmet\" = \"home\"\n");
  extract.Write("episodes.csv",
                "Vårdtillfälle;Patientnummer;Hemkommun;Inskriven;Utskriven;Inskrivningssätt;"
                "Utskrivningsorsak\n"
                "V1;P1;0880;2019-03-01 08:00;2019-03-05 10:00;Akut inläggning;Utskriven till: "
                "Annat sjukhus\n"
                "V2;P1;0880;2019-03-20 08:00;2019-03-25 10:00;Planerad inläggning;Utskriven "
                "till: Hemmet\n"
                "V3;P1;0880;2019-04-20 08:00;2019-04-25 10:00;Akut via remiss;Utskriven till: "
                "Hemmet\n");
  auto loaded = Load(extract);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_THAT(Codes(*loaded), ::testing::ElementsAre("episodes.csv:4:bad_code"));
  EXPECT_EQ(loaded->report.rejects[0].message,
            "episodes.csv:4: column 'admission_kind': not valid (expected acute/planned, "
            "akut/planerad, or PVARD 1/2): \"Akut via remiss\"");
  const model::Stays& s = loaded->extract.stays;
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s.admission_kind[0], model::AdmissionKind::kAcute);
  EXPECT_EQ(s.discharged_to[0], model::Place::kOtherHospital);
  EXPECT_EQ(s.admission_kind[1], model::AdmissionKind::kPlanned);
  EXPECT_EQ(s.discharged_to[1], model::Place::kHome);
}

// A planning system's export keyed by person, with its own header and message names, mapped
// onto coordination.csv's columns and event codes.
TEST(InputFormsTest, MapsAPlanningSystemsCoordinationExport) {
  TempExtract extract;
  extract.Write("extract.toml",
                std::string(kManifest) +
                    "[columns.coordination]\n\"Patient-ID\" = \"patient\"\n"
                    "Meddelandetyp = \"event\"\nSkickat = \"at\"\n"
                    "[values.coordination.event]\n\"IN - Inskrivningsmeddelande\" = "
                    "\"admission_notice\"\n\"UK - Utskrivningsklar\" = \"ready_notice\"\n");
  extract.Write("episodes.csv",
                std::string(kHeader) +
                    "E1,LOP1,F,1940-05-01,0880,H,Med,somatic,2019-03-01 08:00,2019-03-10 10:00,"
                    "acute,home\n");
  extract.Write("coordination.csv",
                "Patient-ID;Meddelandetyp;Skickat\n"
                "LOP1;IN - Inskrivningsmeddelande;2019-03-01 09:00\n"
                "LOP1;UK - Utskrivningsklar;2019-03-05 11:00\n"
                "LOP1;XX - Okänt meddelande;2019-03-06 11:00\n");
  auto loaded = Load(extract);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_THAT(Codes(*loaded), ::testing::ElementsAre("coordination.csv:4:bad_code"));
  const model::Events& e = loaded->extract.events;
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e.kind[0], model::EventKind::kAdmissionNotice);
  EXPECT_EQ(e.kind[1], model::EventKind::kReadyNotice);
}

TEST(InputFormsTest, AnUnknownMappedNameIsAnErrorNamingFileLineAndKey) {
  struct Case {
    const char* toml;
    const char* message;
  };
  for (const Case& c : std::initializer_list<Case>{
           {"[columns.episodes]\nInskriven = \"admited_at\"\n",
            "extract.toml:7: columns.episodes.Inskriven: 'admited_at' is not a column of "
            "episodes.csv (known: episode_id, patient"},
           {"[columns.episode]\nInskriven = \"admitted_at\"\n",
            "extract.toml:6: columns.episode: unknown table (known: contacts, coordination, "
            "enrollments, episodes, municipalities, population, waits)"},
           {"[columns.population]\nKommun = \"kommun\"\n",
            "extract.toml:7: columns.population.Kommun: 'kommun' is not a column of "
            "population.csv (known: year, municipality, sex, age_from, age_to, count)"},
           {"[values.enrollments.program]\nMiNT = \"MiNT\"\n",
            "extract.toml:6: values.enrollments.program: not a column of enrollments.csv (known: "
            "patient, programme, start, end)"},
           {"[columns.municipalities]\nOmr = \"areas\"\n",
            "extract.toml:7: columns.municipalities.Omr: 'areas' is not a column of "
            "municipalities.csv (known: code, name, county, area)"},
           {"[values.episodes.admision_kind]\nAkut = \"acute\"\n",
            "extract.toml:6: values.episodes.admision_kind: not a column of episodes.csv"},
           {"[columns.episodes]\nInskriven = 3\n",
            "extract.toml:7: columns.episodes.Inskriven: expected a text in quotes"}}) {
    TempExtract extract;
    extract.Write("extract.toml", std::string(kManifest) + c.toml);
    extract.Write("episodes.csv", std::string(kHeader));
    auto loaded = Load(extract);
    ASSERT_FALSE(loaded.ok()) << c.toml;
    EXPECT_THAT(std::string(loaded.status().message()), HasSubstr(c.message)) << c.toml;
  }
}

// A mapped header name the file lacks (misspelt in extract.toml) would leave its column unread
// without a word: it is an error naming extract.toml's line and key, and the file.
TEST(InputFormsTest, AMappedHeaderTheFileLacksIsAnErrorNamingLineAndKey) {
  TempExtract extract;
  extract.Write("extract.toml", std::string(kManifest) +
                                    "[columns.episodes]\nVtf = \"episode_id\"\n"
                                    "Utskrivningsorsaken = \"discharged_to\"\n");
  extract.Write("episodes.csv",
                "Vtf,patient,municipality,admitted_at,admission_kind,Utskrivningsorsak\n"
                "V1,P1,0880,2019-03-01,acute,home\n");
  auto loaded = Load(extract);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(std::string(loaded.status().message()),
            (fs::path(extract.path()) / "extract.toml").string() +
                ":8: columns.episodes.Utskrivningsorsaken: no column 'Utskrivningsorsaken' in the "
                "header of episodes.csv; write the name as the file's first line has it (case "
                "does not matter)");
  // Case and surrounding blanks do not matter; a mapping for a table the extract does not have
  // is not read.
  extract.Write("extract.toml", std::string(kManifest) +
                                    "[columns.episodes]\nVTF = \"episode_id\"\n"
                                    "\" utskrivningsorsak \" = \"discharged_to\"\n"
                                    "[columns.waits]\n\"Kö\" = \"step\"\n");
  loaded = Load(extract);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(loaded->extract.stays.discharged_to[0], model::Place::kHome);
}

// population.csv (banded form), enrollments.csv and municipalities.csv mapped as any export:
// the same rows as their contract form.
TEST(InputFormsTest, MapsThePopulationEnrollmentsAndMunicipalities) {
  TempExtract extract;
  extract.Write("extract.toml",
                std::string(kManifest) +
                    "[columns.population]\n\"År\" = \"year\"\nKommunkod = \"municipality\"\n"
                    "\"Kön\" = \"sex\"\n\"Från\" = \"age_from\"\nTill = \"age_to\"\n"
                    "\"Invånare\" = \"count\"\n"
                    "[values.population.sex]\nMan = \"M\"\nKvinna = \"F\"\n"
                    "[columns.enrollments]\nPersonnr = \"patient\"\nTeam = \"programme\"\n"
                    "\"Inskriven i teamet\" = \"start\"\n\"Utskriven ur teamet\" = \"end\"\n"
                    "[values.enrollments.programme]\n\"Mobilt närvårdsteam\" = \"MiNT\"\n"
                    "[columns.municipalities]\nKnr = \"code\"\nDelregion = \"area\"\n");
  extract.Write("episodes.csv", std::string(kHeader) +
                                    "E1,P1,F,1940-05-01,0880,H,Med,somatic,2019-03-01 08:00,"
                                    "2019-03-10 10:00,acute,home\n");
  extract.Write("population.csv",
                "År;Kommunkod;Kön;Från;Till;Invånare\n"
                "2019;0880;Man;65;79;5000\n"
                "2019;0880;Kvinna;80;;2100\n"
                "2019;0880;Okänt;80;;7\n");
  extract.Write("enrollments.csv",
                "Personnr;Team;Inskriven i teamet;Utskriven ur teamet\n"
                "P1;Mobilt närvårdsteam;2019-04-01;\n");
  extract.Write("municipalities.csv", "Knr;Delregion\n0880;södra\n");
  auto loaded = Load(extract);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_THAT(Codes(*loaded), ::testing::ElementsAre("population.csv:4:bad_code"));
  EXPECT_EQ(loaded->report.rejects[0].message,
            "population.csv:4: column 'sex': not valid (expected M/F): \"Okänt\"");
  const auto& population = loaded->extract.population;
  ASSERT_EQ(population.size(), 2u);
  EXPECT_EQ(population[0].year, 2019);
  EXPECT_EQ(population[0].sex, model::Sex::kMale);
  EXPECT_EQ(population[0].age_from, 65);
  EXPECT_EQ(population[0].count, 5000);
  EXPECT_EQ(population[1].sex, model::Sex::kFemale);
  EXPECT_EQ(population[1].age_to, -1);
  ASSERT_EQ(loaded->extract.enrollments.size(), 1u);
  EXPECT_EQ(loaded->extract.programmes.Name(loaded->extract.enrollments[0].programme), "MiNT");
  bool area = false;
  for (const auto& m : loaded->extract.municipalities) area = area || (m.code == "0880" && m.area == "södra");
  EXPECT_TRUE(area);
  // A [columns.population] makes the file the banded form: a mapped column the file lacks is an
  // error naming extract.toml's line, and without the mapping a missing column is the banded
  // form's error (not a guess at SCB's download).
  extract.Write("population.csv", "År;Kommunkod;Kön;Från;Invånare\n2019;0880;Man;65;5000\n");
  loaded = Load(extract);
  ASSERT_FALSE(loaded.ok());
  EXPECT_THAT(std::string(loaded.status().message()),
              HasSubstr("extract.toml:11: columns.population.Till: no column 'Till' in the header "
                        "of population.csv"));
  std::string manifest = std::string(kManifest) +
                         "[columns.population]\n\"År\" = \"year\"\nKommunkod = "
                         "\"municipality\"\n\"Kön\" = \"sex\"\n\"Från\" = \"age_from\"\n"
                         "\"Invånare\" = \"count\"\n";
  extract.Write("extract.toml", manifest);
  extract.Write("enrollments.csv", "patient,programme,start\n");
  extract.Write("municipalities.csv", "code\n0880\n");
  loaded = Load(extract);
  ASSERT_FALSE(loaded.ok());
  EXPECT_THAT(std::string(loaded.status().message()),
              HasSubstr("population.csv:1: required column 'age_to' is missing"));
}

}  // namespace
}  // namespace nara::ingest
