// Generate(): draws patients one at a time and streams their rows; the small tables follow.
#include "synth/generator.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <system_error>
#include <vector>

#include "synth/extract_writer.hpp"
#include "synth/fault_injector.hpp"
#include "synth/fixed_tables.hpp"
#include "synth/patient_model.hpp"
#include "synth/region.hpp"
#include "synth/row_format.hpp"

namespace nara::synth {

SynthOptions DefaultOptions() {
  SynthOptions options;
  options.coverage_from = DaysFromCivil(2020, 1, 1);
  options.coverage_to = DaysFromCivil(2022, 12, 31);
  return options;
}

Status Generate(const SynthOptions& requested) {
  SynthOptions options = requested;  // an unset coverage takes the default one
  if (options.coverage_from == kNoDate) options.coverage_from = DefaultOptions().coverage_from;
  if (options.coverage_to == kNoDate) options.coverage_to = DefaultOptions().coverage_to;
  if (options.out_dir.empty()) return UsageError("synth: the output folder is not given");
  if (options.stays < 1) {
    return UsageError(fmt::format("--stays {}: must be at least 1", options.stays));
  }
  if (options.coverage_to - options.coverage_from < 60) {
    return UsageError(
        "the coverage must be at least two months long (coverage_from to "
        "coverage_to)");
  }
  NARA_ASSIGN_OR_RETURN(auto region, LoadRegion(options.reference_dir, options.county));
  std::error_code error;
  std::filesystem::create_directories(options.out_dir, error);
  if (error) {
    return IoError(
        fmt::format("{}: cannot create the folder: {}", options.out_dir, error.message()));
  }
  const RowFormat format(options.dialect, region, options.coverage_to + 20);
  ExtractWriter writer(format, region);
  NARA_RETURN_IF_ERROR(writer.Open(options.out_dir));

  PatientModel model(region, options.coverage_from, options.coverage_to, options.seed);
  PatientRecord record;
  std::vector<Fault> faults;
  FaultAnchor anchor;
  bool injected = !options.inject_faults;
  int64_t stays = 0;
  while (stays < options.stays) {
    model.Next(options.stays - stays, record);
    NARA_RETURN_IF_ERROR(writer.Write(record));
    stays += static_cast<int64_t>(record.stays.size());
    if (!injected) {
      // The faults go in the middle of each table, after the stay they are built around.
      ConsiderAnchor(record, anchor);
      if (anchor.long_enough && stays >= options.stays / 2) {
        NARA_RETURN_IF_ERROR(InjectStreamedFaults(anchor, format, writer, faults));
        injected = true;
      }
    }
  }
  if (!injected && anchor.found) {  // a tiny extract without a stay of two days or more
    NARA_RETURN_IF_ERROR(InjectStreamedFaults(anchor, format, writer, faults));
  }
  NARA_RETURN_IF_ERROR(writer.Close());
  NARA_RETURN_IF_ERROR(WritePopulation(options.out_dir, format, region, options.coverage_from,
                                       options.coverage_to, options.stays,
                                       options.inject_faults ? &faults : nullptr));
  NARA_RETURN_IF_ERROR(WriteMunicipalities(options.out_dir, format, region));
  NARA_RETURN_IF_ERROR(WriteManifest(options.out_dir, region, options));
  const std::filesystem::path fault_list = std::filesystem::path(options.out_dir) / "faults.csv";
  if (options.inject_faults) return WriteFaultList(options.out_dir, faults);
  std::filesystem::remove(fault_list, error);
  return Status::Ok();
}

}  // namespace nara::synth
