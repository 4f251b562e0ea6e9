// fuzz-module: ingest
// Fuzzes the JSON-stat2 population reader (population.json): a refusal, or rows whose every
// number was used or rejected, with bands of Nära only and no negative count.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "ingest/municipality_table.hpp"
#include "ingest/table_readers.hpp"
#include "model/age_bands.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace nara::ingest;
  static const MunicipalityTable kTable = [] {
    auto table = MunicipalityTable::LoadReference(std::string(NARA_SOURCE_DIR) +
                                                  "/data/reference/municipalities.csv");
    if (!table.ok()) std::abort();
    return *table;
  }();
  static const nara::identity::Pseudonymiser kKey = nara::identity::Pseudonymiser::ForTestData();
  const ReadContext context{&kTable, &kKey, 0, true, "1"};
  RawPopulation out("population.json");
  const nara::Status status =
      ParsePopulationJson(std::string(reinterpret_cast<const char*>(data), size), context, out);
  if (!status.ok()) return 0;
  if (out.counts.read < static_cast<int64_t>(out.log.rejects().size())) std::abort();
  for (const auto& row : out.rows) {
    if (row.count < 0) std::abort();
    bool band = false;
    for (const auto& b : nara::model::kAgeBands) {
      band = band || (row.age_from == b.from && row.age_to == b.to);
    }
    if (!band) std::abort();
  }
  return 0;
}
