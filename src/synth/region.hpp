// The synthetic region: its municipalities with areas and population weights, its hospitals and
// health centres, and the municipalities of other counties that some patients live in.
#pragma once

#include <string>
#include <vector>

#include "base/status.hpp"

namespace nara::synth {

struct Hospital {
  std::string name;  // "Länssjukhuset i Kalmar"
  std::string town;  // "Kalmar": names the emergency department
};

struct HealthCenter {
  std::string name;  // "VC Kalmar Centrum"
};

// One municipality of the region's county.
struct OwnMunicipality {
  std::string code;  // 4 digits
  std::string name;
  std::string area;       // norra / mellersta / södra
  int hospital = 0;       // index into Region::hospitals: the area's hospital
  double weight = 1.0;    // relative population
  int first_center = 0;   // its health centres are [first_center, first_center + centers)
  int centers = 1;
};

struct Region {
  std::string name;    // "Region Kalmar län"
  std::string county;  // "08"
  std::vector<OwnMunicipality> municipalities;  // in code order
  std::vector<double> cumulative_weight;        // for drawing a municipality by population
  std::vector<std::string> other_codes;         // municipalities of every other county
  std::vector<Hospital> hospitals;              // one per area
  int central_hospital = 0;                     // the county hospital (länssjukhuset)
  std::vector<HealthCenter> health_centers;
};

// Reads `reference_dir`/municipalities.csv (code,name,county) and builds the region of `county`.
// Kalmar län (08) gets its real areas, hospitals and approximate population shares; any other
// county gets areas by code order and a larger weight for its seat (code ending in 80).
// Errors: the file cannot be read (IoError naming it); no municipality has the county code
// (UsageError naming --county).
Result<Region> LoadRegion(const std::string& reference_dir, const std::string& county);

}  // namespace nara::synth
