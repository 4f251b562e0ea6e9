// The small tables of a synthetic extract written after the patients: population.csv,
// municipalities.csv and extract.toml.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.hpp"
#include "synth/fault_injector.hpp"
#include "synth/generator.hpp"
#include "synth/region.hpp"
#include "synth/row_format.hpp"

namespace nara::synth {

// The population on 31 December of every year of coverage, per municipality, sex and age band
// (0-17, 18-64, 65-79, 80-), with an age structure like Kalmar län's and the municipalities'
// weights, sized so that `stays` over the coverage come to about 12 000 stays per 100 000
// inhabitants a year (Swedish regions: 10 000-14 000). With `faults`, bad rows are added in the
// middle of the table and recorded there. Error: IoError naming the file.
Status WritePopulation(const std::string& dir, const RowFormat& format, const Region& region,
                       Date coverage_from, Date coverage_to, int64_t stays,
                       std::vector<Fault>* faults);

// The county's municipalities with name, county and analysis area. Error: IoError naming it.
Status WriteMunicipalities(const std::string& dir, const RowFormat& format, const Region& region);

// extract.toml (always UTF-8 and LF: TOML requires UTF-8): region, county, coverage, created =
// coverage_to + 20 days at 08:00. Error: IoError naming it.
Status WriteManifest(const std::string& dir, const Region& region, const SynthOptions& options);

}  // namespace nara::synth
