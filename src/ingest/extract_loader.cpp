// Parallel table reading, patient indexing, sorting and cross-table checks of one extract.
#include "ingest/extract_loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <numeric>
#include <optional>
#include <thread>

#include "base/csv_reader.hpp"
#include "base/file.hpp"
#include "base/phase_timer.hpp"
#include "ingest/episode_reader.hpp"
#include "ingest/event_linker.hpp"
#include "ingest/extract_mapping.hpp"
#include "ingest/manifest_reader.hpp"
#include "ingest/municipality_table.hpp"
#include "ingest/redaction.hpp"
#include "ingest/table_readers.hpp"

namespace nara::ingest {
namespace {

namespace fs = std::filesystem;

template <typename T>
void ApplyOrder(std::vector<T>& column, const std::vector<uint32_t>& order) {
  std::vector<T> sorted;
  sorted.reserve(order.size());
  for (uint32_t index : order) sorted.push_back(column[index]);
  column.swap(sorted);
}

// The row order sorted by `key` (patient or stay, < `keys`), then by `less` within a key: a
// counting sort, stable, so equal rows keep file order. The same order as a stable_sort by
// (key, less), in linear time for the usual few rows per key.
template <typename Less>
std::vector<uint32_t> OrderByKey(const std::vector<uint32_t>& key, size_t keys, Less less) {
  std::vector<uint32_t> begin(keys + 1, 0);
  for (uint32_t k : key) ++begin[k + 1];
  for (size_t k = 0; k < keys; ++k) begin[k + 1] += begin[k];
  std::vector<uint32_t> order(key.size());
  std::vector<uint32_t> next(begin.begin(), begin.end() - 1);
  for (uint32_t row = 0; row < key.size(); ++row) order[next[key[row]]++] = row;
  for (size_t k = 0; k < keys; ++k) {
    const auto first = order.begin() + begin[k];
    const auto last = order.begin() + begin[k + 1];
    if (last - first < 2) continue;
    if (last - first <= 16) {  // insertion sort: stable, and fast for a handful
      for (auto it = first + 1; it != last; ++it) {
        const uint32_t row = *it;
        auto hole = it;
        while (hole != first && less(row, *(hole - 1))) {
          *hole = *(hole - 1);
          --hole;
        }
        *hole = row;
      }
    } else {
      std::stable_sort(first, last, less);
    }
  }
  return order;
}

// Indexes patients by pseudonym: sorted, unique. Sex and birth date come from the first
// table that knew them (identity numbers give the same values in every table).
class PatientIndex {
 public:
  void Add(const std::vector<ResolvedPatient>& patients) {
    all_.insert(all_.end(), patients.begin(), patients.end());
  }
  void Build(model::Patients& out) {
    std::stable_sort(all_.begin(), all_.end(),
                     [](const auto& a, const auto& b) { return a.pseudonym < b.pseudonym; });
    for (const auto& patient : all_) {
      if (!out.pseudonym.empty() && out.pseudonym.back() == patient.pseudonym) {
        if (out.sex.back() == model::Sex::kUnknown) out.sex.back() = patient.sex;
        if (out.birth_date.back() == kNoDate) out.birth_date.back() = patient.birth_date;
        continue;
      }
      out.pseudonym.push_back(patient.pseudonym);
      out.sex.push_back(patient.sex);
      out.birth_date.push_back(patient.birth_date);
    }
    all_.clear();
    all_.shrink_to_fit();
  }
  // The patient index of each row of `raw`: each distinct value's pseudonym is found once.
  static std::vector<uint32_t> Lookup(const model::Patients& patients, const RawTableBase& raw) {
    std::vector<uint32_t> of_local(raw.patients.size());
    for (size_t i = 0; i < raw.patients.size(); ++i) {
      auto it = std::lower_bound(patients.pseudonym.begin(), patients.pseudonym.end(),
                                 raw.patients[i].pseudonym);
      of_local[i] = static_cast<uint32_t>(it - patients.pseudonym.begin());
    }
    std::vector<uint32_t> index(raw.patient_local.size());
    for (size_t i = 0; i < index.size(); ++i) index[i] = of_local[raw.patient_local[i]];
    return index;
  }

 private:
  std::vector<ResolvedPatient> all_;
};

// Maps each code of a reader's own unit dictionary onto the extract's shared one.
std::vector<uint32_t> MergeUnits(const model::Dictionary& from, model::Dictionary& into) {
  std::vector<uint32_t> remap(from.size());
  for (uint32_t code = 0; code < from.size(); ++code) remap[code] = into.Intern(from.Name(code));
  return remap;
}

void Remap(std::vector<uint32_t>& column, const std::vector<uint32_t>& remap) {
  for (auto& code : column) code = remap[code];
}

// Sorts the stays by patient, admission time and episode_id and returns the kept order. A stay
// with the same patient, admission, discharge, hospital, clinic and MVO as an earlier one is a true
// duplicate (rejected, duplicate_stay). A later stay that overlaps an earlier one of the same
// patient in the same clinic (same hospital and clinic name) is kept and flagged
// (overlapping_stay, listed in flags.csv): the care-episode merge joins such stays.
std::vector<uint32_t> OrderStays(const RawStays& raw, const std::vector<uint32_t>& patient,
                                 size_t patients, RejectLog& log) {
  const model::Stays& s = raw.stays;
  // Episode ids are unique, so the order is total.
  const std::vector<uint32_t> order = OrderByKey(patient, patients, [&](uint32_t a, uint32_t b) {
    if (s.admitted_at[a] != s.admitted_at[b]) return s.admitted_at[a] < s.admitted_at[b];
    return raw.episode_ids.Name(s.episode_id[a]) < raw.episode_ids.Name(s.episode_id[b]);
  });
  std::vector<uint32_t> kept;
  kept.reserve(order.size());
  size_t first_of_patient = 0;
  auto row_text = [&](uint32_t stay) {
    return fmt::format("episode_id={}", raw.episode_ids.Name(s.episode_id[stay]));
  };
  for (size_t i = 0; i < order.size(); ++i) {
    const uint32_t stay = order[i];
    if (i == 0 || patient[stay] != patient[order[i - 1]]) first_of_patient = kept.size();
    bool duplicate = false;
    bool overlaps = false;
    for (size_t k = first_of_patient; k < kept.size() && !duplicate; ++k) {
      const uint32_t earlier = kept[k];
      if (s.clinic[earlier] != s.clinic[stay] || s.hospital[earlier] != s.hospital[stay]) {
        continue;
      }
      if (s.admitted_at[earlier] == s.admitted_at[stay] &&
          s.discharged_at[earlier] == s.discharged_at[stay] &&
          s.specialty[earlier] == s.specialty[stay]) {
        duplicate = true;
        log.Add(s.line[stay], "admitted_at", RejectCode::kDuplicateStay,
                fmt::format("{}:{}: column 'admitted_at': the same patient, admission {}, "
                            "discharge {} and unit as the stay at line {}: a duplicate; the "
                            "first is kept",
                            log.file(), s.line[stay], FormatDateTime(s.admitted_at[stay]),
                            s.discharged_at[stay] == kNoDateTime
                                ? "(none)"
                                : FormatDateTime(s.discharged_at[stay]),
                            s.line[earlier]),
                row_text(stay));
        break;
      }
      if (overlaps || s.clinic[stay] == 0) continue;
      const DateTime end = s.discharged_at[earlier];
      const bool both_times = (s.flags[earlier] & model::kDischargedHasTime) &&
                              (s.flags[stay] & model::kAdmittedHasTime);
      overlaps = end == kNoDateTime || (both_times ? s.admitted_at[stay] < end
                                                   : DateOf(s.admitted_at[stay]) < DateOf(end));
      if (overlaps) {
        log.AddFlag(
            s.line[stay], "admitted_at", FlagCode::kOverlappingStay,
            fmt::format("{}:{}: column 'admitted_at': the stay starts {} while the same "
                        "patient's stay at line {} in the same clinic lasts until {}; kept (the "
                        "care-episode merge joins them)",
                        log.file(), s.line[stay], FormatDateTime(s.admitted_at[stay]),
                        s.line[earlier],
                        end == kNoDateTime ? "coverage_to (no discharge)" : FormatDateTime(end)),
            row_text(stay));
      }
    }
    if (!duplicate) kept.push_back(stay);
  }
  return kept;
}

void BuildStays(RawStays& raw, const model::Patients& patients, model::Extract& extract,
                std::vector<uint32_t>& stay_of_code) {
  std::vector<uint32_t> patient = PatientIndex::Lookup(patients, raw);
  const std::vector<uint32_t> order = OrderStays(raw, patient, patients.size(), raw.log);
  model::Stays& s = raw.stays;
  s.patient = std::move(patient);
  model::ForEachColumn(s.Columns(), [&](auto& column) { ApplyOrder(column, order); });
  stay_of_code.assign(raw.episode_ids.size(), UINT32_MAX);
  for (uint32_t i = 0; i < s.episode_id.size(); ++i) stay_of_code[s.episode_id[i]] = i;
  extract.stays = std::move(s);
  extract.episode_ids = std::move(raw.episode_ids);
  extract.diagnoses = std::move(raw.diagnoses);
  raw.patient_local = {};
}

// Links events to stays (by episode id, or by patient through event_linker), rejects events of
// unknown episodes and ready notices after discharge, sorts by stay and time (ties in file order)
// and builds Stays::event_begin.
void BuildEvents(RawEvents& raw, const std::vector<uint32_t>& stay_of_code,
                 model::Extract& extract) {
  model::Events& e = raw.events;
  const model::Stays& stays = extract.stays;
  const size_t count = e.at.size();
  std::vector<uint32_t> linked;
  if (raw.keyed_by_patient) {
    linked = LinkEventsByPatient(raw, extract, extract.manifest.link_after_discharge_days);
  }
  // Each distinct episode id of the events looked up once among the stays'.
  std::vector<uint32_t> stay_of_event_code(raw.episode_ids.size(), UINT32_MAX);
  for (uint32_t code = 1; code < raw.episode_ids.size(); ++code) {
    const uint32_t stay_code = extract.episode_ids.Find(raw.episode_ids.Name(code));
    if (stay_code != UINT32_MAX) stay_of_event_code[code] = stay_of_code[stay_code];
  }
  e.stay.assign(count, UINT32_MAX);
  std::vector<uint32_t> kept;
  kept.reserve(count);
  for (uint32_t i = 0; i < count; ++i) {
    if (raw.keyed_by_patient && linked[i] == UINT32_MAX) continue;  // rejected by the linker
    const uint32_t stay =
        raw.keyed_by_patient ? linked[i] : stay_of_event_code[raw.episode_code[i]];
    const std::string& episode_id =
        raw.keyed_by_patient ? extract.episode_ids.Name(stays.episode_id[stay])
                             : raw.episode_ids.Name(raw.episode_code[i]);
    // The rejected row's text, only when one is rejected.
    auto row = [&] {
      if (raw.keyed_by_patient) {
        return fmt::format(
            "patient_ref:{},event={},at={}",
            identity::Pseudonymiser::FormatRef(raw.patients[raw.patient_local[i]].pseudonym),
            model::EventKindName(e.kind[i]), FormatDateTime(e.at[i]));
      }
      return fmt::format("episode_id={},event={},at={}", episode_id,
                         model::EventKindName(e.kind[i]), FormatDateTime(e.at[i]));
    };
    if (stay == UINT32_MAX) {
      raw.log.Add(e.line[i], "episode_id", RejectCode::kUnknownEpisode,
                  fmt::format("{}:{}: column 'episode_id': episode {} is not in episodes.csv "
                              "(or its row was rejected)",
                              raw.log.file(), e.line[i], QuoteForMessage(episode_id)),
                  row());
      continue;
    }
    const DateTime discharged = stays.discharged_at[stay];
    if (e.kind[i] == model::EventKind::kReadyNotice && discharged != kNoDateTime) {
      // Data contract §1.1: when discharge has no time of day, compare dates only.
      const bool after = (stays.flags[stay] & model::kDischargedHasTime)
                             ? e.at[i] > discharged
                             : DateOf(e.at[i]) > DateOf(discharged);
      if (after) {
        raw.log.Add(e.line[i], "at", RejectCode::kReadyNoticeAfterDischarge,
                    fmt::format("{}:{}: column 'at': ready notice {} is after the discharge {} "
                                "of episode {}",
                                raw.log.file(), e.line[i], FormatDateTime(e.at[i]),
                                FormatDateTime(discharged), QuoteForMessage(episode_id)),
                    row());
        continue;
      }
    }
    e.stay[i] = stay;
    kept.push_back(i);
  }
  std::vector<uint32_t> kept_stay(kept.size());
  for (size_t k = 0; k < kept.size(); ++k) kept_stay[k] = e.stay[kept[k]];
  const std::vector<uint32_t> by_stay =
      OrderByKey(kept_stay, stays.size(),
                 [&](uint32_t a, uint32_t b) { return e.at[kept[a]] < e.at[kept[b]]; });
  std::vector<uint32_t> sorted(kept.size());
  for (size_t k = 0; k < kept.size(); ++k) sorted[k] = kept[by_stay[k]];
  kept.swap(sorted);
  model::ForEachColumn(e.Columns(), [&](auto& column) { ApplyOrder(column, kept); });
  auto& begin = extract.stays.event_begin;
  begin.assign(stays.size() + 1, 0);
  for (uint32_t stay : e.stay) ++begin[stay + 1];
  for (size_t i = 1; i < begin.size(); ++i) begin[i] += begin[i - 1];
  extract.events = std::move(e);
  raw.episode_code = {};
  raw.patient_local = {};
  raw.at_has_time = {};
  raw.episode_ids = model::Dictionary();
}

void BuildContacts(RawContacts& raw, const model::Patients& patients, model::Extract& extract) {
  model::Contacts& c = raw.contacts;
  c.patient = PatientIndex::Lookup(patients, raw);
  const std::vector<uint32_t> order = OrderByKey(
      c.patient, patients.size(), [&](uint32_t a, uint32_t b) { return c.at[a] < c.at[b]; });
  // The largest table: its columns are reordered on two threads (the stays' thread is busy too,
  // but finishes earlier): the two widest (patient, at) on one, the rest on the other.
  const void* patient_column = &c.patient;
  const void* at_column = &c.at;
  std::thread wide([&] {
    ApplyOrder(c.patient, order);
    ApplyOrder(c.at, order);
  });
  model::ForEachColumn(c.Columns(), [&](auto& column) {
    const void* address = &column;
    if (address != patient_column && address != at_column) ApplyOrder(column, order);
  });
  wide.join();
  extract.contacts = std::move(c);
}

void BuildWaits(RawWaits& raw, const model::Patients& patients, model::Extract& extract) {
  model::Waits& w = raw.waits;
  w.patient = PatientIndex::Lookup(patients, raw);
  const std::vector<uint32_t> order = OrderByKey(
      w.patient, patients.size(), [&](uint32_t a, uint32_t b) { return w.start[a] < w.start[b]; });
  model::ForEachColumn(w.Columns(), [&](auto& column) { ApplyOrder(column, order); });
  extract.waits = std::move(w);
}

void BuildEnrollments(RawEnrollments& raw, const model::Patients& patients,
                      model::Extract& extract) {
  const auto patient = PatientIndex::Lookup(patients, raw);
  for (size_t i = 0; i < raw.rows.size(); ++i) raw.rows[i].patient = patient[i];
  std::stable_sort(raw.rows.begin(), raw.rows.end(), [](const auto& a, const auto& b) {
    if (a.patient != b.patient) return a.patient < b.patient;
    return a.start < b.start;
  });
  extract.enrollments = std::move(raw.rows);
  extract.programmes = std::move(raw.programmes);
}

// Appends the rows of a table's second half (read by another thread) to its first half:
// counts, rejects, patients (their local indexes shifted) and columns (unit codes re-interned,
// so codes stay in first-seen order as if one reader had read the whole file).
void AppendContacts(RawContacts& tail, RawContacts& into) {
  if (!tail.counts.present) return;
  into.counts.read += tail.counts.read;
  into.counts.blank_lines += tail.counts.blank_lines;
  into.log.Append(tail.log);
  const auto offset = static_cast<uint32_t>(into.patients.size());
  into.patients.insert(into.patients.end(), tail.patients.begin(), tail.patients.end());
  into.patient_local.reserve(into.patient_local.size() + tail.patient_local.size());
  for (uint32_t local : tail.patient_local) into.patient_local.push_back(local + offset);
  model::Contacts& c = into.contacts;
  const model::Contacts& t = tail.contacts;
  // Every column but the unit codes (re-interned below) and the patient key (filled later from
  // patient_local, empty here) is appended as it is.
  const void* unit_column = &t.unit;
  const void* patient_column = &t.patient;
  model::ForEachColumnPair(c.Columns(), t.Columns(), [&](auto& to, const auto& from) {
    const void* address = &from;
    if (address != unit_column && address != patient_column) {
      to.insert(to.end(), from.begin(), from.end());
    }
  });
  std::vector<uint32_t> units(tail.units.size());
  for (uint32_t code = 0; code < tail.units.size(); ++code) {
    units[code] = into.units.Intern(tail.units.Name(code));
  }
  c.unit.reserve(c.unit.size() + t.unit.size());
  for (uint32_t code : t.unit) c.unit.push_back(units[code]);
  tail = RawContacts();
}

// The same for coordination.csv's second half: events keep their file order, episode codes are
// re-interned in first-seen order, patients (when keyed by patient) are shifted.
void AppendEvents(RawEvents& tail, RawEvents& into) {
  if (!tail.counts.present) return;
  into.counts.read += tail.counts.read;
  into.counts.blank_lines += tail.counts.blank_lines;
  into.log.Append(tail.log);
  const auto offset = static_cast<uint32_t>(into.patients.size());
  into.patients.insert(into.patients.end(), tail.patients.begin(), tail.patients.end());
  into.patient_local.reserve(into.patient_local.size() + tail.patient_local.size());
  for (uint32_t local : tail.patient_local) into.patient_local.push_back(local + offset);
  into.at_has_time.insert(into.at_has_time.end(), tail.at_has_time.begin(),
                          tail.at_has_time.end());
  std::vector<uint32_t> codes(tail.episode_ids.size());
  for (uint32_t code = 0; code < tail.episode_ids.size(); ++code) {
    codes[code] = into.episode_ids.Intern(tail.episode_ids.Name(code));
  }
  into.episode_code.reserve(into.episode_code.size() + tail.episode_code.size());
  for (uint32_t code : tail.episode_code) into.episode_code.push_back(codes[code]);
  // The stay column is filled by the loader (empty here); the others are appended.
  const void* stay_column = &tail.events.stay;
  model::ForEachColumnPair(into.events.Columns(), tail.events.Columns(),
                           [&](auto& to, const auto& from) {
                             if (static_cast<const void*>(&from) != stay_column) {
                               to.insert(to.end(), from.begin(), from.end());
                             }
                           });
  tail = RawEvents();
}

// Only regular files inside the extract folder are read (checked before anything is opened):
// a FIFO would hang the run, /dev/zero would fill the memory, and a symbolic link out of the
// folder would read a file the extract's checksum and its sender never covered. A link to
// another file inside the folder is followed. A missing file is left to the caller.
Status CheckExtractFile(const fs::path& dir, const fs::path& path) {
  std::error_code error;
  const fs::file_status link = fs::symlink_status(path, error);
  if (error || !fs::exists(link)) return Status::Ok();
  const fs::file_status target = fs::status(path, error);
  if (error || !fs::exists(target)) {
    return IoError(
        fmt::format("{}: a symbolic link to nothing; put the file itself in the "
                    "extract folder",
                    path.string()));
  }
  if (fs::is_directory(target)) {
    return IoError(fmt::format("{}: cannot read: a directory", path.string()));
  }
  if (!fs::is_regular_file(target)) {
    return IoError(fmt::format(
        "{}: not a regular file (a FIFO, socket or device): only regular files inside the "
        "extract folder are read; copy the data into a file",
        path.string()));
  }
  if (fs::is_symlink(link)) {
    const fs::path folder = fs::canonical(dir, error);
    const fs::path resolved = error ? fs::path() : fs::canonical(path, error);
    const auto [folder_end, unused] =
        std::mismatch(folder.begin(), folder.end(), resolved.begin(), resolved.end());
    if (error || folder.empty() || folder_end != folder.end()) {
      return IoError(fmt::format(
          "{}: a symbolic link to a file outside the extract folder: only files inside the "
          "folder are read; copy the file into the folder",
          path.string()));
    }
  }
  return Status::Ok();
}

// The manifest's free texts are printed in every report and stored: one shaped like an
// identity number refuses the extract (the message names the key, not the value).
Status CheckManifestText(const model::Manifest& manifest) {
  for (const auto& [key, value] :
       {std::pair<const char*, const std::string&>{"region", manifest.region},
        {"county", manifest.county},
        {"pvard_planned", manifest.pvard_planned}}) {
    if (ContainsIdentityNumber(value)) {
      return InvalidInput(fmt::format(
          "extract.toml: key '{}' holds text shaped like an identity number, which must not "
          "reach the reports; write the region's name there",
          key));
    }
  }
  return Status::Ok();
}

void Report(const RawTableBase& table, IngestReport& report) {
  TableCounts counts = table.counts;
  counts.used = counts.read - static_cast<int64_t>(table.log.rejects().size());
  report.tables.push_back(counts);
  for (const auto& reject : table.log.rejects()) {
    report.rejects.push_back(reject);
    ++report.reject_counts[{reject.file, std::string(RejectCodeName(reject.code))}];
  }
  for (const auto& [code, count] : table.log.flags()) {
    report.flag_counts[{table.log.file(), std::string(FlagCodeName(code))}] += count;
  }
  report.flagged.insert(report.flagged.end(), table.log.flagged().begin(),
                        table.log.flagged().end());
}

}  // namespace

Result<LoadedExtract> LoadExtract(const LoadOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const fs::path dir(options.extract_dir);
  std::error_code error;
  if (!fs::is_directory(dir, error)) {
    return InvalidInput(
        fmt::format("{}: not an extract folder (no such directory)", options.extract_dir));
  }
  for (const char* file : {"extract.toml", "municipalities.csv", "episodes.csv", "coordination.csv",
                           "contacts.csv", "waits.csv", "population.csv", "population.json",
                           "enrollments.csv"}) {
    NARA_RETURN_IF_ERROR(CheckExtractFile(dir, dir / file));
  }
  auto manifest = ReadManifest((dir / "extract.toml").string());
  if (!manifest.ok()) return manifest.status();
  NARA_RETURN_IF_ERROR(CheckManifestText(*manifest));
  if (!fs::exists(dir / "episodes.csv")) {
    return InvalidInput(fmt::format("{}: the extract has no episodes.csv (required)",
                                    (dir / "episodes.csv").string()));
  }
  auto municipalities = MunicipalityTable::LoadReference(
      (fs::path(options.reference_dir) / "municipalities.csv").string());
  if (!municipalities.ok()) return municipalities.status();

  LoadedExtract loaded;
  model::Extract& extract = loaded.extract;
  IngestReport& report = loaded.report;
  report.extract_dir = options.extract_dir;
  extract.manifest = *manifest;
  extract.test_key = options.pseudonymiser->is_test_key();

  NARA_ASSIGN_OR_RETURN(auto manifest_text, ReadFile((dir / "extract.toml").string(),
                                                      "the extract's manifest"));
  NARA_ASSIGN_OR_RETURN(const ExtractMapping mapping,
                        ParseExtractMapping(manifest_text, (dir / "extract.toml").string()));
  RawTableBase municipality_file("municipalities.csv");
  if (fs::exists(dir / "municipalities.csv")) {
    NARA_ASSIGN_OR_RETURN(auto reader, CsvReader::OpenFile((dir / "municipalities.csv").string()));
    report.bytes_read += static_cast<int64_t>(reader.byte_size());
    NARA_RETURN_IF_ERROR(municipalities->AddExtractFile(reader, municipality_file.log,
                                                        municipality_file.counts,
                                                        mapping.For("municipalities.csv")));
  }
  const ReadContext context{&*municipalities, options.pseudonymiser,
                            DateOf(extract.manifest.created), options.allow_identifiable,
                            extract.manifest.pvard_planned, &mapping};

  RawStays stays;
  RawEvents events;
  RawContacts contacts;
  RawWaits waits;
  RawPopulation population;
  RawEnrollments enrollments;
  struct Task {
    std::string file;
    std::function<Status(CsvReader&)> read;
    uintmax_t size = 0;
    Status status;
    int64_t bytes = 0;
    std::optional<CsvReader> reader;
    int tail = -1;           // index of the task reading this table's second half, if split
    bool is_tail = false;
    bool keep_reader = false;  // the reader is still needed after the read (AppendEpisodes)
  };
  std::vector<Task> tasks;
  auto add = [&](const char* file, std::function<Status(CsvReader&)> read) {
    const fs::path path = dir / file;
    if (!fs::exists(path)) return;
    tasks.push_back({file, std::move(read), fs::file_size(path, error), Status::Ok(), 0, {}, -1,
                     false, false});
  };
  add("episodes.csv", [&](CsvReader& r) { return ReadEpisodes(r, context, stays); });
  add("coordination.csv", [&](CsvReader& r) { return ReadCoordination(r, context, events); });
  add("contacts.csv", [&](CsvReader& r) { return ReadContacts(r, context, contacts); });
  add("waits.csv", [&](CsvReader& r) { return ReadWaits(r, context, waits); });
  add("population.csv", [&](CsvReader& r) {
    return ReadPopulation(r, (dir / "population.csv").string(), context, population);
  });
  add("enrollments.csv", [&](CsvReader& r) { return ReadEnrollments(r, context, enrollments); });
  const int threads = std::max(1, options.threads);
  // Runs `step` on every task, largest first, on `threads` threads.
  auto run_tasks = [&](auto&& step) {
    std::vector<size_t> schedule(tasks.size());
    std::iota(schedule.begin(), schedule.end(), size_t{0});
    std::stable_sort(schedule.begin(), schedule.end(),
                     [&](size_t a, size_t b) { return tasks[a].size > tasks[b].size; });
    std::atomic<size_t> next{0};
    auto work = [&] {
      for (size_t i = next++; i < schedule.size(); i = next++) step(tasks[schedule[i]]);
    };
    std::vector<std::thread> pool;
    for (int i = 1; i < std::min<int>(threads, static_cast<int>(tasks.size())); ++i) {
      pool.emplace_back(work);
    }
    work();
    for (auto& thread : pool) thread.join();
  };
  PhaseTimer timer("load: open tables");
  run_tasks([&](Task& task) {
    auto reader = CsvReader::OpenFile((dir / task.file).string());
    if (!reader.ok()) {
      task.status = reader.status();
      return;
    }
    task.bytes = static_cast<int64_t>(reader->byte_size());
    task.reader.emplace(std::move(*reader));
  });
  for (const Task& task : tasks) NARA_RETURN_IF_ERROR(task.status);
  // The large tables are read in two halves each, one per thread, when they can be split
  // safely (CsvReader::SplitOffSecondHalf); the second half's rows are appended to the first's
  // (AppendEpisodes, AppendEvents, AppendContacts). episodes.csv in the PAR form is read whole:
  // its derived ids depend on every earlier row.
  RawStays stays_tail;
  stays_tail.second_half = true;
  RawEvents events_tail;
  RawContacts contacts_tail;
  const size_t table_tasks = tasks.size();
  for (size_t i = 0; i < table_tasks && threads >= 2; ++i) {
    const bool episodes = tasks[i].file == "episodes.csv";
    const bool coordination = tasks[i].file == "coordination.csv";
    if (!episodes && !coordination && tasks[i].file != "contacts.csv") continue;
    if (episodes && IsParForm(tasks[i].reader->header())) continue;
    auto tail = tasks[i].reader->SplitOffSecondHalf(options.split_from_bytes);
    if (!tail) continue;
    const uintmax_t half = tasks[i].size / 2;
    tasks[i].size -= half;
    tasks[i].tail = static_cast<int>(tasks.size());
    std::function<Status(CsvReader&)> read;
    if (episodes) {
      read = [&](CsvReader& r) { return ReadEpisodes(r, context, stays_tail); };
    } else if (coordination) {
      read = [&](CsvReader& r) { return ReadCoordination(r, context, events_tail); };
    } else {
      read = [&](CsvReader& r) { return ReadContacts(r, context, contacts_tail); };
    }
    tasks.push_back({tasks[i].file, std::move(read), half, Status::Ok(), 0, std::move(tail), -1,
                     true, episodes});
  }
  timer.Lap("load: read tables");
  run_tasks([&](Task& task) {
    PhaseTimer table_timer(task.file.c_str());
    task.status = task.read(*task.reader);
    if (!task.keep_reader) task.reader.reset();  // unmaps the file
  });
  // Errors in file order: a table's second half right after its first.
  for (const Task& task : tasks) {
    if (task.is_tail) continue;
    NARA_RETURN_IF_ERROR(task.status);
    if (task.tail >= 0) NARA_RETURN_IF_ERROR(tasks[static_cast<size_t>(task.tail)].status);
  }
  for (Task& task : tasks) {
    report.bytes_read += task.bytes;
    if (task.keep_reader) {
      PhaseTimer append_timer("load: append the second half of episodes.csv");
      NARA_RETURN_IF_ERROR(AppendEpisodes(stays_tail, *task.reader, context, stays));
      task.reader.reset();
    }
  }
  AppendEvents(events_tail, events);
  AppendContacts(contacts_tail, contacts);
  extract.manifest.stay_ids_derived = stays.par_form;
  // SCB's JSON-stat2 population (small; read here, not as a CSV task).
  RawPopulation population_json("population.json");
  if (fs::exists(dir / "population.json")) {
    if (fs::exists(dir / "population.csv")) {
      return InvalidInput(fmt::format("{}: the extract has both population.csv and "
                                      "population.json; keep one",
                                      options.extract_dir));
    }
    NARA_RETURN_IF_ERROR(
        ReadPopulationJson((dir / "population.json").string(), context, population_json));
  }

  timer.Lap("load: index patients");
  PatientIndex index;
  index.Add(stays.patients);
  index.Add(contacts.patients);
  index.Add(waits.patients);
  index.Add(enrollments.patients);
  index.Build(extract.patients);

  // Stays, their events and the waits on one thread, contacts (the largest) on another: they
  // share nothing but the unit dictionary, which is merged afterwards in table order (the same
  // codes every run).
  timer.Lap("load: sort and link the tables");
  std::vector<uint32_t> stay_of_code;
  auto build_stays = [&] {
    PhaseTimer build_timer("load: stays");
    BuildStays(stays, extract.patients, extract, stay_of_code);
    build_timer.Lap("load: events");
    BuildEvents(events, stay_of_code, extract);
    build_timer.Lap("load: waits and enrollments");
    BuildWaits(waits, extract.patients, extract);
    BuildEnrollments(enrollments, extract.patients, extract);
  };
  auto build_others = [&] {
    PhaseTimer build_timer("load: contacts");
    BuildContacts(contacts, extract.patients, extract);
  };
  if (options.threads > 1) {
    std::thread others(build_others);
    build_stays();
    others.join();
  } else {
    build_stays();
    build_others();
  }
  const auto stay_units = MergeUnits(stays.units, extract.units);
  Remap(extract.stays.hospital, stay_units);
  Remap(extract.stays.clinic, stay_units);
  Remap(extract.stays.health_center, stay_units);
  Remap(extract.contacts.unit, MergeUnits(contacts.units, extract.units));
  Remap(extract.waits.unit, MergeUnits(waits.units, extract.units));
  extract.population = std::move(population.rows);
  extract.population.insert(extract.population.end(), population_json.rows.begin(),
                            population_json.rows.end());
  extract.municipalities = municipalities->municipalities();

  for (const RawTableBase* table : std::initializer_list<const RawTableBase*>{
           &stays, &events, &contacts, &waits, &population, &enrollments, &municipality_file,
           &population_json}) {
    if (table != &population_json || table->counts.present) Report(*table, report);
  }
  auto rank = [&](const std::string& file) {
    for (size_t i = 0; i < report.tables.size(); ++i) {
      if (report.tables[i].file == file) return i;
    }
    return report.tables.size();
  };
  auto in_file_order = [&](const auto& a, const auto& b) {
    if (a.file != b.file) return rank(a.file) < rank(b.file);
    return a.line < b.line;
  };
  std::stable_sort(report.rejects.begin(), report.rejects.end(), in_file_order);
  std::stable_sort(report.flagged.begin(), report.flagged.end(), in_file_order);
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return loaded;
}

}  // namespace nara::ingest
