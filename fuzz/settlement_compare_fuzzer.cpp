// fuzz-module: settlement
// Fuzzes what `nara settle --compare` reads from a previous run's folder: basis.csv and
// run.json. Any bytes give a result or an error with a message, never a crash, and a basis
// compared with itself has no changes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "settlement/audit.hpp"
#include "settlement/run_record.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto changes = nara::settlement::CompareBasis(text, "old/basis.csv", text, "0000-00", "9999-99");
  if (changes.ok()) {
    if (!changes->empty()) std::abort();
  } else if (changes.status().message().empty()) {
    std::abort();
  }
  auto months = nara::settlement::RunMonths(text, "old/run.json");
  if (!months.ok() && months.status().message().empty()) std::abort();
  return 0;
}
