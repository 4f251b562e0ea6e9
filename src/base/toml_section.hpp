// Reading TOML files (nara.toml, extract.toml, goals files) section by section: every key asked
// for is recorded, so a key nobody asked for (a misspelt setting) is reported, and every error
// names the file, the line and the key's full path:
//   nara.toml:12: settlement.agreement[1].grace_days: expected a whole number 0-365 (got "tre")
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "base/status.hpp"

namespace nara {

// Parses `text` as TOML. A parse error is `code` (kUsage for settings, kInvalidInput for an
// extract's manifest) with "FILE:LINE:COLUMN: not valid TOML: ...".
Result<toml::table> ParseToml(std::string_view text, std::string_view file, StatusCode code);

// One table of a TOML document. Not copyable while in use: it records the keys read.
class TomlSection {
 public:
  // `path` is the table's dotted path in the document ("" for the root,
  // "settlement.agreement[1]" for an array entry); `code` is the StatusCode of its errors.
  TomlSection(const toml::table& table, std::string file, std::string path,
              StatusCode code = StatusCode::kUsage);

  const toml::table& table() const { return table_; }
  const std::string& file() const { return file_; }
  // "settlement.agreement[1].grace_days" (or just the key at the root).
  std::string PathOf(std::string_view key) const;

  // The node under `key`, or nullptr; records `key` as known either way.
  const toml::node* Get(std::string_view key);
  // The sub-table under `key` (known either way); nullopt when absent. An error when present and
  // not a table.
  Result<std::optional<TomlSection>> Table(std::string_view key);

  // A whole number in [min, max]: `fallback` when absent.
  Result<int64_t> Integer(std::string_view key, int64_t fallback, int64_t min, int64_t max);
  Result<bool> Boolean(std::string_view key, bool fallback);
  // A string; nullopt when absent. With `integers_as_text`, an integer is read as its digits.
  Result<std::optional<std::string>> String(std::string_view key, bool integers_as_text = false);

  // The error "FILE:LINE: PATH.KEY: MESSAGE (got TEXT)" for the node at `key` (the section's
  // line when the key is absent; no "(got ...)" when the value is not a scalar).
  Status Error(std::string_view key, std::string_view message) const;
  // The same for the section itself: "FILE:LINE: PATH: MESSAGE".
  Status SectionError(std::string_view message) const;

  // An error naming the first key (in document order) that no Get() asked for, with its line and
  // the known keys: "FILE:LINE: PATH.KEY: unknown setting (known: a, b, c)".
  Status CheckNoUnknownKeys() const;

 private:
  const toml::table& table_;
  std::string file_;
  std::string path_;
  StatusCode code_;
  std::set<std::string, std::less<>> known_;
};

// An error naming the first key of `table` (in document order) not in `known`:
// "FILE:LINE: PATH.KEY: unknown setting (known: a, b, c)"; `path` is the table's dotted path.
Status CheckKnownKeys(const toml::table& table, const std::set<std::string, std::less<>>& known,
                      std::string_view file, std::string_view path,
                      StatusCode code = StatusCode::kUsage);

// The source line of a node (0 when unknown).
int64_t TomlLine(const toml::node& node);
// The value of a scalar node as the reader typed it, for error messages ("tre", 12, 2.5).
std::string TomlValueText(const toml::node& node);

}  // namespace nara
