// Reads extract.toml, the manifest of an extract (data contract §1.2).
#pragma once

#include <string>
#include <string_view>

#include "base/status.hpp"
#include "model/extract.hpp"

namespace nara::ingest {

// Parses the manifest text. `file` names it in messages. Fails (kInvalidInput) on TOML syntax
// errors (with line and column), a missing or malformed `county`, `coverage_from`,
// `coverage_to`, or coverage_to before coverage_from. `region` and `created` are optional
// (created defaults to 00:00 of the day after coverage_to).
Result<model::Manifest> ParseManifest(std::string_view text, std::string_view file);
Result<model::Manifest> ReadManifest(const std::string& path);

}  // namespace nara::ingest
