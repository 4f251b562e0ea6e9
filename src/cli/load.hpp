// Loading an extract for a command: choosing the pseudonymisation key, then ingest.
#pragma once

#include <memory>

#include "cli/commands.hpp"
#include "identity/pseudonymiser.hpp"
#include "ingest/extract_loader.hpp"

namespace nara::cli {

struct LoadedForCommand {
  std::unique_ptr<identity::Pseudonymiser> pseudonymiser;
  ingest::LoadedExtract loaded;
};

// Key order: --key-file, then $NARA_KEY_FILE; without either, the public test key, and identity
// numbers are refused unless --test-data was given (data contract §3).
Result<LoadedForCommand> LoadForCommand(const ExtractOptions& options);

}  // namespace nara::cli
