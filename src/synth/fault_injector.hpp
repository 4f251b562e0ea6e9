// Known bad rows injected on purpose (`--inject-faults`): one or more of each fault of data
// contract §2, at lines recorded in faults.csv, so tests can check that ingest rejects exactly
// those rows with the expected code.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.hpp"
#include "synth/extract_writer.hpp"
#include "synth/patient_model.hpp"

namespace nara::synth {

// One injected row: the file, its 1-based line (the header is line 1), the column at fault
// (the contract's name) and the code ingest must give it: a reject code, or with `flag` a flag
// code (the row is kept and listed in flags.csv, e.g. overlapping_stay).
struct Fault {
  std::string file;
  int64_t line;
  std::string column;
  std::string code;
  bool flag = false;
};

// The real stay the faults are built around: the duplicate repeats its episode_id, the
// overlapping stay lies inside it, the late ready notice follows its discharge.
struct FaultAnchor {
  Person person;
  Stay stay;  // a resident's closed stay
  bool found = false;
  bool long_enough = false;  // the stay spans at least two dates (room for an overlap)
};

// Remembers the first resident's closed stay, replaced by the first one spanning at least two
// dates when it comes.
void ConsiderAnchor(const PatientRecord& record, FaultAnchor& anchor);

// Appends the bad rows to the five streamed tables and records them in `faults`. Needs a found
// anchor; the overlapping stay only when it is long enough. Error: a write failed (IoError
// naming the file).
Status InjectStreamedFaults(const FaultAnchor& anchor, const RowFormat& format,
                            ExtractWriter& writer, std::vector<Fault>& faults);

// Writes faults.csv (file,line,column,code,outcome; outcome `reject` or `flag`; UTF-8, LF) in
// `dir`. Error: IoError naming it.
Status WriteFaultList(const std::string& dir, const std::vector<Fault>& faults);

}  // namespace nara::synth
