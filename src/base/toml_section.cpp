#include "base/toml_section.hpp"

#include <fmt/format.h>

#include <sstream>

namespace nara {

Result<toml::table> ParseToml(std::string_view text, std::string_view file, StatusCode code) {
  try {
    return toml::parse(text, file);
  } catch (const toml::parse_error& error) {
    const auto& where = error.source().begin;
    return Status(code, fmt::format("{}:{}:{}: not valid TOML: {}", file, where.line, where.column,
                                    error.description()));
  }
}

int64_t TomlLine(const toml::node& node) { return static_cast<int64_t>(node.source().begin.line); }

std::string TomlValueText(const toml::node& node) {
  if (const auto* text = node.as_string()) return fmt::format("\"{}\"", text->get());
  if (node.is_table() || node.is_array()) return {};
  std::ostringstream out;
  node.visit([&out](const auto& value) { out << value; });
  return out.str();
}

TomlSection::TomlSection(const toml::table& table, std::string file, std::string path,
                         StatusCode code)
    : table_(table), file_(std::move(file)), path_(std::move(path)), code_(code) {}

std::string TomlSection::PathOf(std::string_view key) const {
  return path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key);
}

const toml::node* TomlSection::Get(std::string_view key) {
  known_.emplace(key);
  return table_.get(key);
}

Result<std::optional<TomlSection>> TomlSection::Table(std::string_view key) {
  const toml::node* node = Get(key);
  if (node == nullptr) return std::optional<TomlSection>();
  const toml::table* table = node->as_table();
  if (table == nullptr) return Error(key, "expected a table");
  return std::optional<TomlSection>(std::in_place, *table, file_, PathOf(key), code_);
}

Result<int64_t> TomlSection::Integer(std::string_view key, int64_t fallback, int64_t min,
                                     int64_t max) {
  const toml::node* node = Get(key);
  if (node == nullptr) return fallback;
  const auto value = node->value<int64_t>();
  if (!node->is_integer() || !value || *value < min || *value > max) {
    return Error(key, fmt::format("expected a whole number {}-{}", min, max));
  }
  return *value;
}

Result<bool> TomlSection::Boolean(std::string_view key, bool fallback) {
  const toml::node* node = Get(key);
  if (node == nullptr) return fallback;
  if (!node->is_boolean()) return Error(key, "expected true or false");
  return *node->value<bool>();
}

Result<std::optional<std::string>> TomlSection::String(std::string_view key,
                                                       bool integers_as_text) {
  const toml::node* node = Get(key);
  if (node == nullptr) return std::optional<std::string>();
  if (const auto* text = node->as_string()) return std::optional<std::string>(text->get());
  if (integers_as_text) {
    if (const auto* number = node->as_integer()) {
      return std::optional<std::string>(std::to_string(number->get()));
    }
  }
  return Error(key, "expected a text in quotes");
}

Status TomlSection::Error(std::string_view key, std::string_view message) const {
  const toml::node* node = table_.get(key);
  const int64_t line = node != nullptr ? TomlLine(*node) : TomlLine(table_);
  std::string got = node != nullptr ? TomlValueText(*node) : std::string();
  const std::string where = line > 0 ? fmt::format("{}:{}", file_, line) : file_;
  return Status(code_, got.empty()
                           ? fmt::format("{}: {}: {}", where, PathOf(key), message)
                           : fmt::format("{}: {}: {} (got {})", where, PathOf(key), message, got));
}

Status TomlSection::SectionError(std::string_view message) const {
  const int64_t line = TomlLine(table_);
  const std::string where = line > 0 ? fmt::format("{}:{}", file_, line) : file_;
  return Status(code_,
                fmt::format("{}: {}: {}", where, path_.empty() ? "(top level)" : path_, message));
}

Status TomlSection::CheckNoUnknownKeys() const {
  return CheckKnownKeys(table_, known_, file_, path_, code_);
}

Status CheckKnownKeys(const toml::table& table, const std::set<std::string, std::less<>>& known,
                      std::string_view file, std::string_view path, StatusCode code) {
  for (const auto& [key, value] : table) {
    if (known.count(key.str()) == 0) {
      const auto line = key.source().begin.line;
      const std::string where = line > 0 ? fmt::format("{}:{}", file, line) : std::string(file);
      const std::string full =
          path.empty() ? std::string(key.str()) : fmt::format("{}.{}", path, key.str());
      return Status(code, fmt::format("{}: {}: unknown setting (known: {})", where, full,
                                      fmt::join(known, ", ")));
    }
  }
  return Status::Ok();
}

}  // namespace nara
