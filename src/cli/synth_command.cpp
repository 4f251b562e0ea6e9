// `nara synth OUTDIR --stays N [--seed S]`: a deterministic synthetic extract.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "cli/commands.hpp"
#include "cli/main.hpp"
#include "synth/generator.hpp"

namespace nara::cli {
namespace {

struct SynthCommandOptions {
  std::string out_dir;
  int64_t stays = 10000;
  uint64_t seed = 1;
  std::string county = "08";
  std::string from = "2020-01-01";
  std::string to = "2022-12-31";
  std::string dialect = "canonical";
  bool inject_faults = false;
};

Result<int> RunSynth(const SynthCommandOptions& options) {
  synth::SynthOptions synth = synth::DefaultOptions();
  synth.out_dir = options.out_dir;
  synth.stays = options.stays;
  synth.seed = options.seed;
  synth.county = options.county;
  auto from = ParseDate(options.from);
  auto to = ParseDate(options.to);
  if (!from || !to || *to < *from) {
    return UsageError(fmt::format("--from {} / --to {}: expected two dates YYYY-MM-DD, from <= to",
                                  options.from, options.to));
  }
  synth.coverage_from = *from;
  synth.coverage_to = *to;
  synth.dialect = options.dialect == "register" ? synth::Dialect::kRegister
                                                : synth::Dialect::kCanonical;
  synth.inject_faults = options.inject_faults;
  synth.reference_dir = (std::filesystem::path(DataDir()) / "reference").string();
  const auto started = std::chrono::steady_clock::now();
  NARA_RETURN_IF_ERROR(synth::Generate(synth));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("Wrote a synthetic extract of %lld stays (seed %llu, %s dialect) to %s in %.1f s\n",
              static_cast<long long>(options.stays),
              static_cast<unsigned long long>(options.seed), options.dialect.c_str(),
              options.out_dir.c_str(), seconds);
  return kExitOk;
}

}  // namespace

Command AddSynthCommand(CLI::App& root) {
  auto options = std::make_shared<SynthCommandOptions>();
  CLI::App* app = root.add_subcommand(
      "synth", "Write a synthetic extract for demos, tests and benchmarks (no real patients)");
  app->add_option("OUTDIR", options->out_dir, "Folder to write")->required();
  app->add_option("--stays", options->stays, "Number of stays")->check(CLI::Range(1LL, 200000000LL));
  app->add_option("--seed", options->seed, "Random seed: the same seed gives the same files");
  app->add_option("--county", options->county, "SCB county code of the region (default 08)");
  app->add_option("--from", options->from, "Coverage start (default 2020-01-01)");
  app->add_option("--to", options->to, "Coverage end (default 2022-12-31)");
  app->add_option("--dialect", options->dialect,
                  "canonical (contract names, ',', UTF-8) or register (PAR names, ';', "
                  "Windows-1252, YYYYMMDD)")
      ->check(CLI::IsMember({"canonical", "register"}));
  app->add_flag("--inject-faults", options->inject_faults,
                "Add known bad rows to every table and list them in faults.csv");
  return {app, [options] { return RunSynth(*options); }};
}

}  // namespace nara::cli
