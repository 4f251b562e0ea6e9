// fuzz-module: config
// Fuzzes the nara.toml reader: any bytes give a Config or a usage error, never a crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "config/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto config = nara::config::ParseConfig(text, "nara.toml");
  if (config.ok()) {
    // Agreements are sorted and unique by date; the lookup must agree.
    for (size_t i = 1; i < config->agreements.size(); ++i) {
      if (config->agreements[i - 1].valid_from >= config->agreements[i].valid_from) std::abort();
    }
  } else if (config.status().message().empty()) {
    std::abort();
  }
  return 0;
}
