// Writes the streamed tables of a synthetic extract (episodes, coordination, contacts, waits,
// enrollments) patient by patient, in one dialect.
#pragma once

#include <cstdint>
#include <string>

#include "base/status.hpp"
#include "synth/patient_model.hpp"
#include "synth/row_format.hpp"
#include "synth/table_sink.hpp"

namespace nara::synth {

enum class Table { kEpisodes, kCoordination, kContacts, kWaits, kEnrollments };
inline constexpr int kStreamedTables = 5;

// The file name of a streamed table, e.g. "episodes.csv".
const char* TableFile(Table table);

// Owns the open files of the streamed tables. Not thread-safe.
class ExtractWriter {
 public:
  ExtractWriter(const RowFormat& format, const Region& region);

  // Creates the files in `dir` and writes their headers. Error: IoError naming the file.
  Status Open(const std::string& dir);
  // Appends every row of one patient. Error: IoError naming the file.
  Status Write(const PatientRecord& record);
  // Flushes and closes every file. Error: IoError naming the file.
  Status Close();

  // One row of a table, ending in '\n', appended to `out` (the injected faults patch such rows).
  void AppendStay(std::string& out, const Person& person, const Stay& stay) const;
  void AppendEvent(std::string& out, int64_t episode, const Event& event) const;
  void AppendContact(std::string& out, const Person& person, const Contact& contact,
                     int64_t number) const;
  void AppendWait(std::string& out, const Person& person, const Wait& wait,
                  int64_t number) const;
  void AppendEnrollment(std::string& out, const Person& person,
                        const Enrollment& enrollment) const;

  TableSink& sink(Table table) { return sinks_[static_cast<int>(table)]; }
  int64_t bytes_written() const;

 private:
  const RowFormat& format_;
  const Region& region_;
  TableSink sinks_[kStreamedTables];
  int64_t contact_number_ = 0;
  int64_t wait_number_ = 0;
};

}  // namespace nara::synth
