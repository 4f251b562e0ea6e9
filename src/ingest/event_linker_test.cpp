// Coordination events keyed by patient: the linking rule and its rejects (event_linker.hpp),
// read through the whole loader as a planning-system export would be.
#include "ingest/event_linker.hpp"

#include "ingest/extract_loader_test_util.hpp"

namespace nara::ingest {
namespace {

// P1: A1 in March (times), D1 in June (dates only). P2: B1 in March. P3: C1 and C2 at two
// hospitals overlapping on 05-05..05-08 (a transfer kept as two stays; not the same clinic).
constexpr const char* kStays =
    "A1,P1,F,1940-01-01,0880,H1,Med,somatic,2019-03-01 10:00,2019-03-06 10:00,acute,home\n"
    "B1,P2,F,1940-01-01,0880,H1,Med,somatic,2019-03-01 10:00,2019-03-06 10:00,acute,home\n"
    "C1,P3,M,1940-01-01,0880,H1,Med,somatic,2019-05-01 10:00,2019-05-10 10:00,acute,home\n"
    "C2,P3,M,1940-01-01,0880,H2,Kir,somatic,2019-05-05 10:00,2019-05-08 10:00,acute,home\n"
    "D1,P1,F,1940-01-01,0880,H1,Med,somatic,2019-06-01,2019-06-05,acute,home\n";

// As a planning system exports it: patient, Swedish message names, its own column names.
constexpr const char* kEvents =
    "patient;händelse;tidpunkt\n"
    "P1;Inskrivningsmeddelande;2019-03-01 11:00\n"  // 2: A1
    "P1;Utskrivningsklar;2019-03-04 09:00\n"        // 3: A1
    "P1;SIP uppföljning;2019-03-20 10:00\n"         // 4: 14 days after A1: A1
    "P2;SIP uppföljning;2019-04-10 10:00\n"         // 5: 35 days after B1: unlinked
    "P3;Utskrivningsklar;2019-05-06 12:00\n"        // 6: in C1 and C2: ambiguous
    "P9;Inskrivningsmeddelande;2019-03-01\n"        // 7: no stay at all: unlinked
    "P2;Utskrivningsklar;2019-02-20\n"              // 8: before every stay: unlinked
    "P1;Utskrivningsklar;2019-06-05 15:00\n"        // 9: D1's discharge date (no time): D1
    "P1;Utskrivningsklar;2019-03-07 08:00\n"        // 10: A1, then ready notice after discharge
    "P1;Återkallad utskrivningsklar;2019-03-04 12:00\n";  // 11: A1

// The episode id of each kept event's stay, with the event's line, in stored order.
std::vector<std::string> LinkedLines(const LoadedExtract& loaded) {
  const model::Extract& x = loaded.extract;
  std::vector<std::string> out;
  for (size_t stay = 0; stay < x.stays.size(); ++stay) {
    for (uint32_t e = x.stays.event_begin[stay]; e < x.stays.event_begin[stay + 1]; ++e) {
      EXPECT_EQ(x.events.stay[e], stay);
      out.push_back(x.episode_ids.Name(x.stays.episode_id[stay]) + ":" +
                    std::to_string(x.events.line[e]));
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(EventLinkerTest, LinksEventsKeyedByPatientAndRejectsTheUnlinkableAndAmbiguous) {
  TempExtract extract;
  extract.Write("episodes.csv", std::string(kHeader) + kStays);
  extract.Write("coordination.csv", kEvents);
  // P9 is a patient of the extract (a contact), but has no stay.
  extract.Write("contacts.csv",
                "contact_id,patient,at,level,kind,profession,unit,emergency,municipality\n"
                "K1,P9,2019-03-05 09:00,primary,visit,nurse,VC1,no,0880\n");
  auto loaded = Load(extract);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  const auto& rejects = loaded->report.rejects;
  ASSERT_EQ(rejects.size(), 5u) << ::testing::PrintToString(Codes(*loaded));
  EXPECT_THAT(Codes(*loaded), ::testing::ElementsAre(
                                  "coordination.csv:5:unlinked_event",
                                  "coordination.csv:6:ambiguous_event",
                                  "coordination.csv:7:unlinked_event",
                                  "coordination.csv:8:unlinked_event",
                                  "coordination.csv:10:ready_notice_after_discharge"));
  EXPECT_EQ(rejects[0].message,
            "coordination.csv:5: column 'at': 2019-04-10 10:00 falls in no stay of this patient "
            "and is 35 days after the latest discharge before it (2019-03-06 10:00, episode "
            "\"B1\"), more than the 30 of [coordination] link_after_discharge_days");
  EXPECT_EQ(rejects[0].column, "at");
  EXPECT_EQ(rejects[1].message,
            "coordination.csv:6: column 'at': 2019-05-06 12:00 falls in 2 stays of this patient: "
            "episodes \"C1\" (line 4), \"C2\" (line 5); give the event's episode_id instead");
  EXPECT_EQ(rejects[2].message,
            "coordination.csv:7: column 'patient': no stay of this patient is in episodes.csv "
            "(or their stays were rejected)");
  EXPECT_EQ(rejects[2].column, "patient");
  EXPECT_EQ(rejects[3].message,
            "coordination.csv:8: column 'at': 2019-02-20 is before every stay of this patient "
            "in episodes.csv");
  EXPECT_EQ(rejects[4].message,
            "coordination.csv:10: column 'at': ready notice 2019-03-07 08:00 is after the "
            "discharge 2019-03-06 10:00 of episode \"A1\"");
  // The rejected rows show the pseudonym, never the patient value.
  for (const auto& reject : rejects) {
    EXPECT_THAT(reject.row, HasSubstr("patient_ref:"));
    EXPECT_THAT(reject.row, ::testing::Not(HasSubstr("P2")));
  }
  EXPECT_THAT(LinkedLines(*loaded),
              ::testing::ElementsAre("A1:11", "A1:2", "A1:3", "A1:4", "D1:9"));
  // Within a stay, by time: A1's events 2 (03-01), 3 (03-04 09:00), 11 (03-04 12:00), 4.
  const model::Extract& x = loaded->extract;
  for (size_t stay = 0; stay < x.stays.size(); ++stay) {
    if (x.episode_ids.Name(x.stays.episode_id[stay]) != "A1") continue;
    std::vector<uint32_t> lines;
    for (uint32_t e = x.stays.event_begin[stay]; e < x.stays.event_begin[stay + 1]; ++e) {
      lines.push_back(x.events.line[e]);
    }
    EXPECT_EQ(lines, (std::vector<uint32_t>{2, 3, 11, 4}));
    EXPECT_EQ(x.events.kind[x.stays.event_begin[stay] + 2], model::EventKind::kReadyRevoked);
    EXPECT_EQ(x.events.kind[x.stays.event_begin[stay] + 3], model::EventKind::kSipFollowup);
  }
  EXPECT_EQ(loaded->report.tables[1].file, "coordination.csv");
  EXPECT_EQ(loaded->report.tables[1].used, 5);
}

TEST(EventLinkerTest, TheDaysAfterDischargeAreASettingOfTheExtract) {
  TempExtract extract;
  extract.Write("extract.toml", std::string(kManifest) +
                                    "[coordination]\nlink_after_discharge_days = 35\n");
  extract.Write("episodes.csv", std::string(kHeader) + kStays);
  extract.Write("coordination.csv", kEvents);
  auto loaded = Load(extract);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  // 35 days after B1 is now within the limit (the limit is inclusive).
  EXPECT_THAT(LinkedLines(*loaded),
              ::testing::ElementsAre("A1:11", "A1:2", "A1:3", "A1:4", "B1:5", "D1:9"));
  extract.Write("extract.toml", std::string(kManifest) +
                                    "[coordination]\nlink_after_discharge_days = 34\n");
  loaded = Load(extract);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_THAT(Codes(*loaded), ::testing::Contains("coordination.csv:5:unlinked_event"));
  extract.Write("extract.toml", std::string(kManifest) +
                                    "[coordination]\nlink_after_discharge_days = -1\n");
  EXPECT_FALSE(Load(extract).ok());
}

// Overlapping stays of one clinic (kept and flagged overlapping_stay by the loader; one care
// episode): an event inside both is linked to the stay admitted last and flagged; nested stays
// alike. In two clinics (C1/C2 above) the same is ambiguous_event.
TEST(EventLinkerTest, AnEventInOverlappingStaysOfOneClinicGoesToTheStayAdmittedLast) {
  TempExtract extract;
  extract.Write("episodes.csv",
                std::string(kHeader) +
                    // E1 is closed minutes after E2 opens (an EHR artefact); N1 holds N2.
                    "E1,P1,F,1940-01-01,0880,H1,Med,somatic,2019-03-01 10:00,2019-03-06 10:00,"
                    "acute,home\n"
                    "E2,P1,F,1940-01-01,0880,H1,Med,somatic,2019-03-06 09:50,2019-03-12 10:00,"
                    "acute,home\n"
                    "N1,P2,F,1940-01-01,0880,H1,Med,somatic,2019-05-01 10:00,2019-05-20 10:00,"
                    "acute,home\n"
                    "N2,P2,F,1940-01-01,0880,H1,Med,somatic,2019-05-05 10:00,2019-05-08 10:00,"
                    "acute,home\n");
  extract.Write("coordination.csv",
                "patient;händelse;tidpunkt\n"
                "P1;Utskrivningsklar;2019-03-06 09:55\n"  // 2: in E1 and E2: E2
                "P1;Inskrivningsmeddelande;2019-03-01 11:00\n"  // 3: E1 alone
                "P2;Utskrivningsklar;2019-05-06 12:00\n"        // 4: in N1 and N2: N2
                "P2;Utskrivningsklar;2019-05-10 12:00\n");      // 5: N1 alone
  auto loaded = Load(extract);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_TRUE(loaded->report.rejects.empty()) << ::testing::PrintToString(Codes(*loaded));
  EXPECT_THAT(LinkedLines(*loaded), ::testing::ElementsAre("E1:3", "E2:2", "N1:5", "N2:4"));
  std::vector<std::string> flagged;
  for (const auto& flag : loaded->report.flagged) {
    flagged.push_back(flag.file + ":" + std::to_string(flag.line) + ":" +
                      std::string(FlagCodeName(flag.code)));
  }
  EXPECT_THAT(flagged, ::testing::ElementsAre("episodes.csv:3:overlapping_stay",
                                              "episodes.csv:5:overlapping_stay",
                                              "coordination.csv:2:event_in_overlapping_stays",
                                              "coordination.csv:4:event_in_overlapping_stays"));
  const auto& flags = loaded->report.flagged;
  ASSERT_EQ(flags.size(), 4u);
  EXPECT_EQ(flags[2].message,
            "coordination.csv:2: column 'at': 2019-03-06 09:55 falls in 2 overlapping stays of "
            "this patient in the same clinic: episodes \"E1\" (line 2), \"E2\" (line 3); linked "
            "to the one admitted last, \"E2\"");
  EXPECT_EQ(flags[2].column, "at");
  EXPECT_THAT(flags[2].row, HasSubstr("patient_ref:"));
  EXPECT_EQ(loaded->report.flag_counts.at({"coordination.csv", "event_in_overlapping_stays"}), 2);
}

// The hand-made planning-system export of tests/golden/input_forms/events_by_person (which the
// golden runner checks gives the canonical table): its rejects and flags with their exact
// messages.
TEST(EventLinkerTest, ThePlanningExportFixtureGivesItsRejectsAndFlags) {
  static const identity::Pseudonymiser kTestKey = identity::Pseudonymiser::ForTestData();
  LoadOptions options;
  options.extract_dir = std::string(NARA_SOURCE_DIR) + "/tests/golden/input_forms/events_by_person";
  options.reference_dir = std::string(NARA_SOURCE_DIR) + "/data/reference";
  options.pseudonymiser = &kTestKey;
  options.allow_identifiable = true;
  auto loaded = LoadExtract(options);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_THAT(Codes(*loaded), ::testing::ElementsAre("coordination.csv:13:ambiguous_event",
                                                     "coordination.csv:14:unlinked_event",
                                                     "coordination.csv:15:unlinked_event"));
  const auto& rejects = loaded->report.rejects;
  ASSERT_EQ(rejects.size(), 3u);
  EXPECT_EQ(rejects[0].message,
            "coordination.csv:13: column 'at': 2019-06-06 12:00 falls in 2 stays of this patient: "
            "episodes \"E1\" (line 6), \"E2\" (line 7); give the event's episode_id instead");
  EXPECT_EQ(rejects[1].message,
            "coordination.csv:14: column 'patient': no stay of this patient is in episodes.csv "
            "(or their stays were rejected)");
  EXPECT_EQ(rejects[2].message,
            "coordination.csv:15: column 'at': 2019-05-01 10:00 falls in no stay of this patient "
            "and is 56 days after the latest discharge before it (2019-03-06 10:00, episode "
            "\"B1\"), more than the 30 of [coordination] link_after_discharge_days");
  std::vector<std::string> flags;
  for (const auto& flag : loaded->report.flagged) {
    flags.push_back(flag.file + ":" + std::to_string(flag.line) + ": " + flag.message);
  }
  EXPECT_THAT(flags,
              ::testing::ElementsAre(
                  "episodes.csv:9: episodes.csv:9: column 'admitted_at': the stay starts "
                  "2019-07-05 09:50 while the same patient's stay at line 8 in the same clinic "
                  "lasts until 2019-07-05 10:00; kept (the care-episode merge joins them)",
                  "coordination.csv:12: coordination.csv:12: column 'at': 2019-07-05 09:55 falls "
                  "in 2 overlapping stays of this patient in the same clinic: episodes \"G1\" "
                  "(line 8), \"G2\" (line 9); linked to the one admitted last, \"G2\""));
}

TEST(EventLinkerTest, AnEpisodeIdColumnWinsAndAFileWithNeitherKeyIsRefused) {
  TempExtract extract;
  extract.Write("episodes.csv", std::string(kHeader) + kStays);
  extract.Write("coordination.csv", "episode_id,patient,event,at\nA1,P3,ready_notice,2019-03-04\n");
  auto loaded = Load(extract);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_THAT(LinkedLines(*loaded), ::testing::ElementsAre("A1:2"));
  extract.Write("coordination.csv", "event,at\nready_notice,2019-03-04\n");
  auto neither = Load(extract);
  ASSERT_FALSE(neither.ok());
  EXPECT_THAT(neither.status().message(),
              HasSubstr("coordination.csv: required column 'episode_id' (or 'patient', for "
                        "events keyed by person) is missing"));
}

}  // namespace
}  // namespace nara::ingest
