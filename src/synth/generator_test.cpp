// Tests of the synthetic generator: determinism, dialects, and the rates it is meant to hit.
#include "synth/generator.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

namespace nara::synth {
namespace {

namespace fs = std::filesystem;

std::string Read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

class GeneratorTest : public ::testing::Test {
 protected:
  GeneratorTest() {
    std::random_device random;
    root_ = fs::temp_directory_path() / ("nara-synth-test-" + std::to_string(random()));
  }
  ~GeneratorTest() override { fs::remove_all(root_); }
  SynthOptions Options(const std::string& name, int64_t stays, uint64_t seed) {
    SynthOptions options = DefaultOptions();
    options.out_dir = (root_ / name).string();
    options.stays = stays;
    options.seed = seed;
    options.reference_dir = std::string(NARA_SOURCE_DIR) + "/data/reference";
    return options;
  }
  fs::path root_;
};

TEST_F(GeneratorTest, SameSeedSameBytesOtherSeedOtherBytes) {
  ASSERT_TRUE(Generate(Options("a", 2000, 7)).ok());
  ASSERT_TRUE(Generate(Options("b", 2000, 7)).ok());
  ASSERT_TRUE(Generate(Options("c", 2000, 8)).ok());
  for (const char* file : {"extract.toml", "episodes.csv", "coordination.csv", "contacts.csv",
                           "waits.csv", "population.csv", "enrollments.csv",
                           "municipalities.csv"}) {
    EXPECT_EQ(Read(root_ / "a" / file), Read(root_ / "b" / file)) << file;
  }
  EXPECT_NE(Read(root_ / "a" / "episodes.csv"), Read(root_ / "c" / "episodes.csv"));
  // Exactly the requested number of stays, after the header.
  std::istringstream episodes(Read(root_ / "a" / "episodes.csv"));
  int lines = 0;
  for (std::string line; std::getline(episodes, line);) ++lines;
  EXPECT_EQ(lines, 2001);
}

TEST_F(GeneratorTest, RegisterDialectIsWindows1252WithSemicolonsAndCrlf) {
  SynthOptions options = Options("r", 500, 3);
  options.dialect = Dialect::kRegister;
  ASSERT_TRUE(Generate(options).ok());
  const std::string episodes = Read(root_ / "r" / "episodes.csv");
  EXPECT_EQ(episodes.substr(0, 14), "VTF_ID;PERSONN");
  EXPECT_NE(episodes.find("\r\n"), std::string::npos);
  EXPECT_NE(episodes.find("L\xe4nssjukhuset"), std::string::npos);  // ä as one cp1252 byte
  EXPECT_EQ(episodes.find("\xc3\xa4"), std::string::npos);           // no UTF-8 ä
}

TEST_F(GeneratorTest, UnknownCountyIsAUsageError) {
  SynthOptions options = Options("x", 10, 1);
  options.county = "99";
  const Status status = Generate(options);
  EXPECT_EQ(status.code(), StatusCode::kUsage);
  EXPECT_EQ(status.message(), "--county 99: no municipality has that county code");
}

}  // namespace
}  // namespace nara::synth
