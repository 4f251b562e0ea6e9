// `nara deltas --store F --from ID --to ID [--indicator I] [--unit-type T] [--unit U]`: what
// changed between two stored extracts, as CSV on standard output (docs/store.md#deltas).
#include <fmt/format.h>

#include <cstdio>

#include "cli/commands.hpp"
#include "cli/main.hpp"
#include "store/store.hpp"

namespace nara::cli {
namespace {

struct DeltasOptions {
  std::string store_path;
  store::DeltaQuery query;
};

std::string Cell(const std::optional<int64_t>& value) {
  return value ? std::to_string(*value) : std::string();
}

Result<int> RunDeltas(const DeltasOptions& options) {
  NARA_ASSIGN_OR_RETURN(auto store, store::Store::Open(options.store_path, /*read_only=*/true));
  for (int64_t id : {options.query.from_id, options.query.to_id}) {
    NARA_ASSIGN_OR_RETURN(auto info, (store)->Extract(id));
    if (!info.has_value()) {
      return NotFound(fmt::format("no extract {} in {} (see 'nara serve' /api/extracts)", id,
                                  options.store_path));
    }
  }
  NARA_ASSIGN_OR_RETURN(auto rows, (store)->Deltas(options.query));
  std::printf(
      "indicator,period,unit_type,unit,sex,age_group,old_numerator,old_denominator,"
      "new_numerator,new_denominator,change\n");
  for (const auto& row : rows) {
    std::printf("%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", row.indicator.c_str(), row.period.c_str(),
                row.unit_type.c_str(), row.unit.c_str(), row.sex.c_str(), row.age_group.c_str(),
                Cell(row.old_numerator).c_str(), Cell(row.old_denominator).c_str(),
                Cell(row.new_numerator).c_str(), Cell(row.new_denominator).c_str(),
                row.change.c_str());
  }
  std::fprintf(stderr, "nara deltas: %zu changed cells\n", rows.size());
  return kExitOk;
}

}  // namespace

Command AddDeltasCommand(CLI::App& root) {
  auto options = std::make_shared<DeltasOptions>();
  CLI::App* app = root.add_subcommand(
      "deltas", "What changed between two extracts in the store, by indicator and unit (CSV)");
  app->add_option("--store", options->store_path, "The store file")->required();
  app->add_option("--from", options->query.from_id, "The older extract's id")->required();
  app->add_option("--to", options->query.to_id, "The newer extract's id")->required();
  app->add_option("--indicator", options->query.indicator, "Only this indicator");
  app->add_option("--unit-type", options->query.unit_type, "Only this unit type");
  app->add_option("--unit", options->query.unit, "Only this unit");
  return {app, [options] { return RunDeltas(*options); }};
}

}  // namespace nara::cli
