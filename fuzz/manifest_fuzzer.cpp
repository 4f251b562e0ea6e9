// fuzz-module: ingest
// Fuzzes the extract.toml reader: a manifest with coverage_from <= coverage_to, or an error.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ingest/manifest_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto manifest = nara::ingest::ParseManifest(text, "extract.toml");
  if (manifest.ok() && manifest->coverage_to < manifest->coverage_from) std::abort();
  return 0;
}
