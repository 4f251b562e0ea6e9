// The injected bad rows: look-alikes of real rows with exactly one defect each.
#include "synth/fault_injector.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <string_view>

#include "synth/table_sink.hpp"

namespace nara::synth {
namespace {

// Ids of injected rows stay clear of the generated ones.
constexpr int64_t kFaultNumber = 9'000'000'000;

// Replaces field `index` (0-based) of a delimited row ending in '\n'. The generated rows have no
// quoted fields.
void ReplaceField(std::string& row, char delimiter, int index, std::string_view value) {
  size_t begin = 0;
  for (int i = 0; i < index; ++i) begin = row.find(delimiter, begin) + 1;
  size_t end = row.find(delimiter, begin);
  if (end == std::string::npos) end = row.size() - 1;  // the last field ends at '\n'
  row.replace(begin, end - begin, value);
}

// Column positions in the canonical and register headers of extract_writer.
struct Column {
  const char* name;
  int canonical;
  int register_index;
  int Index(const RowFormat& format) const {
    return format.register_dialect() ? register_index : canonical;
  }
};
constexpr Column kEpisodeMunicipality{"municipality", 5, 4};
constexpr Column kEpisodeAdmitted{"admitted_at", 10, 8};
constexpr Column kEpisodeAdmissionKind{"admission_kind", 12, 10};
constexpr Column kContactAt{"at", 2, 2};
constexpr Column kContactKind{"kind", 4, 4};
constexpr Column kContactMunicipality{"municipality", 8, 8};
constexpr Column kWaitStep{"step", 4, 4};
constexpr Column kWaitStart{"start", 5, 5};
constexpr Column kEnrollmentPatient{"patient", 0, 0};
constexpr Column kEnrollmentStart{"start", 2, 2};

class Injector {
 public:
  Injector(const RowFormat& format, ExtractWriter& writer, std::vector<Fault>& faults)
      : format_(format), writer_(writer), faults_(faults) {}

  // Appends `row` to `table` as a fault of `column` with `code`.
  Status Add(Table table, const std::string& row, const char* column, const char* code,
             bool flag = false) {
    TableSink& sink = writer_.sink(table);
    faults_.push_back({TableFile(table), sink.next_line(), column, code, flag});
    sink.buffer() += row;
    return sink.EndRow();
  }
  // `row` with one field replaced.
  Status AddPatched(Table table, std::string row, const Column& column, std::string_view value,
                    const char* code) {
    ReplaceField(row, format_.delimiter(), column.Index(format_), value);
    return Add(table, row, column.name, code);
  }
  std::string BadDate(bool with_time) const {
    if (format_.register_dialect()) return "20190230";
    return with_time ? "2019-02-30 08:00" : "2019-02-30";
  }

 private:
  const RowFormat& format_;
  ExtractWriter& writer_;
  std::vector<Fault>& faults_;
};

}  // namespace

void ConsiderAnchor(const PatientRecord& record, FaultAnchor& anchor) {
  if (anchor.long_enough || record.person.municipality < 0) return;
  for (const Stay& stay : record.stays) {
    if (stay.discharged == kNoDateTime) continue;
    const bool long_enough = DateOf(stay.discharged) - DateOf(stay.admitted) >= 2;
    if (!anchor.found || long_enough) {
      anchor.person = record.person;
      anchor.stay = stay;
      anchor.found = true;
      anchor.long_enough = long_enough;
    }
    if (long_enough) return;
  }
}

Status InjectStreamedFaults(const FaultAnchor& anchor, const RowFormat& format,
                            ExtractWriter& writer, std::vector<Fault>& faults) {
  Injector injector(format, writer, faults);
  const Person& person = anchor.person;
  const Stay& real = anchor.stay;
  const bool reg = format.register_dialect();

  // episodes.csv
  std::string row;
  writer.AppendStay(row, person, real);
  const std::string stay_row = row;
  NARA_RETURN_IF_ERROR(injector.Add(Table::kEpisodes, stay_row, "episode_id",
                                    "duplicate_episode_id"));  // an export glitch: a row twice
  Stay other = real;
  other.number = kFaultNumber + 1;
  row.clear();
  writer.AppendStay(row, person, other);
  NARA_RETURN_IF_ERROR(injector.AddPatched(Table::kEpisodes, row, kEpisodeAdmitted,
                                           injector.BadDate(true), "bad_date"));
  other.number = kFaultNumber + 2;
  other.admitted = real.admitted + 400 * kMinutesPerDay;
  other.discharged = other.admitted - 2 * kMinutesPerDay;
  row.clear();
  writer.AppendStay(row, person, other);
  NARA_RETURN_IF_ERROR(
      injector.Add(Table::kEpisodes, row, "discharged_at", "discharge_before_admission"));
  other = real;
  other.number = kFaultNumber + 3;
  other.admitted = real.admitted + 500 * kMinutesPerDay;
  other.discharged = other.admitted + 3 * kMinutesPerDay;
  row.clear();
  writer.AppendStay(row, person, other);
  NARA_RETURN_IF_ERROR(injector.AddPatched(Table::kEpisodes, row, kEpisodeMunicipality,
                                           reg ? "999901" : "9999", "unknown_municipality"));
  other.number = kFaultNumber + 4;
  row.clear();
  writer.AppendStay(row, person, other);
  NARA_RETURN_IF_ERROR(
      injector.AddPatched(Table::kEpisodes, row, kEpisodeAdmissionKind, "", "missing_value"));
  other.number = kFaultNumber + 5;
  row.clear();
  writer.AppendStay(row, person, other);
  NARA_RETURN_IF_ERROR(
      injector.AddPatched(Table::kEpisodes, row, kEpisodeAdmissionKind, "9", "bad_code"));
  // The same clinic of the same hospital, admitted the day after the real stay began: kept and
  // flagged (issue 13), not rejected.
  if (anchor.long_enough) {
  other = real;
  other.number = kFaultNumber + 6;
  other.admitted = real.admitted + kMinutesPerDay;
  other.discharged = real.discharged;
  row.clear();
  writer.AppendStay(row, person, other);
  NARA_RETURN_IF_ERROR(
      injector.Add(Table::kEpisodes, row, "admitted_at", "overlapping_stay", /*flag=*/true));
  }
  // The real stay again under another id (same patient, times and clinic): a true duplicate.
  other = real;
  other.number = kFaultNumber + 7;
  row.clear();
  writer.AppendStay(row, person, other);
  NARA_RETURN_IF_ERROR(injector.Add(Table::kEpisodes, row, "admitted_at", "duplicate_stay"));

  // coordination.csv
  row.clear();
  writer.AppendEvent(row, kFaultNumber + 99, {real.admitted + 90, EventKind::kAdmissionNotice});
  NARA_RETURN_IF_ERROR(
      injector.Add(Table::kCoordination, row, "episode_id", "unknown_episode"));
  row.clear();
  writer.AppendEvent(row, real.number,
                     {StartOf(DateOf(real.discharged) + 2) + 10 * 60, EventKind::kReadyNotice});
  NARA_RETURN_IF_ERROR(
      injector.Add(Table::kCoordination, row, "at", "ready_notice_after_discharge"));
  const Column event_name{"event", 1, 1};
  const Column event_at{"at", 2, 2};
  row.clear();
  writer.AppendEvent(row, real.number, {real.admitted + 90, EventKind::kAdmissionNotice});
  NARA_RETURN_IF_ERROR(injector.AddPatched(Table::kCoordination, row, event_name,
                                           reg ? "utskriven" : "discharged", "bad_code"));
  NARA_RETURN_IF_ERROR(injector.AddPatched(Table::kCoordination, row, event_at,
                                           "2019-02-30 10:00", "bad_date"));

  // contacts.csv
  const Contact contact{DateOf(real.discharged) + 10, ContactLevel::kPrimary, ContactKind::kVisit,
                        Profession::kNurse, false, person.health_center};
  row.clear();
  writer.AppendContact(row, person, contact, kFaultNumber + 1);
  NARA_RETURN_IF_ERROR(injector.AddPatched(Table::kContacts, row, kContactMunicipality, "9999",
                                           "unknown_municipality"));
  NARA_RETURN_IF_ERROR(
      injector.AddPatched(Table::kContacts, row, kContactAt, injector.BadDate(false), "bad_date"));
  NARA_RETURN_IF_ERROR(
      injector.AddPatched(Table::kContacts, row, kContactKind, reg ? "brev" : "letter", "bad_code"));

  // waits.csv
  const Wait wait{WaitStep::kFirstVisit, DateOf(real.discharged) + 5, DateOf(real.discharged) + 40,
                  0, kOrthopaedics};
  row.clear();
  writer.AppendWait(row, person, wait, kFaultNumber + 1);
  NARA_RETURN_IF_ERROR(
      injector.AddPatched(Table::kWaits, row, kWaitStart, injector.BadDate(false), "bad_date"));
  NARA_RETURN_IF_ERROR(injector.AddPatched(Table::kWaits, row, kWaitStep,
                                           reg ? "second opinion" : "second_opinion", "bad_code"));
  NARA_RETURN_IF_ERROR(injector.AddPatched(Table::kWaits, row, kWaitStart, "", "missing_value"));

  // enrollments.csv
  row.clear();
  writer.AppendEnrollment(row, person, {DateOf(real.discharged) + 7, kNoDate});
  NARA_RETURN_IF_ERROR(
      injector.AddPatched(Table::kEnrollments, row, kEnrollmentPatient, "", "missing_value"));
  NARA_RETURN_IF_ERROR(injector.AddPatched(Table::kEnrollments, row, kEnrollmentStart,
                                           injector.BadDate(false), "bad_date"));
  return Status::Ok();
}

Status WriteFaultList(const std::string& dir, const std::vector<Fault>& faults) {
  TableSink sink;
  NARA_RETURN_IF_ERROR(
      sink.Open((std::filesystem::path(dir) / "faults.csv").string(), false, false));
  sink.buffer() += "file,line,column,code,outcome\n";
  NARA_RETURN_IF_ERROR(sink.EndRow());
  for (const Fault& fault : faults) {
    fmt::format_to(std::back_inserter(sink.buffer()), "{},{},{},{},{}\n", fault.file,
                   fault.line, fault.column, fault.code, fault.flag ? "flag" : "reject");
    NARA_RETURN_IF_ERROR(sink.EndRow());
  }
  return sink.Close();
}

}  // namespace nara::synth
