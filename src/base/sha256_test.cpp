// SHA-256 and the extract fingerprint.
#include "base/sha256.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace nara {
namespace {

namespace fs = std::filesystem;
using namespace std::string_literals;

TEST(Sha256Test, KnownDigests) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  Sha256 streamed;
  streamed.Update("a");
  streamed.Update("bc");
  EXPECT_EQ(streamed.HexDigest(), Sha256Hex("abc"));
}

class FingerprintTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("nara_fingerprint_" + std::to_string(getpid()));
    fs::remove_all(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  fs::path Make(const std::string& name) {
    const fs::path dir = root_ / name;
    fs::create_directories(dir / "sub");
    std::ofstream(dir / "b.csv") << "x,y\n";
    std::ofstream(dir / "a.toml") << "region = 1\n";
    std::ofstream(dir / "sub" / "c.csv") << "z\n";
    return dir;
  }
  fs::path root_;
};

TEST_F(FingerprintTest, IsTheDocumentedConstruction) {
  const fs::path dir = Make("x");
  auto sum = ExtractFingerprint(dir.string());
  ASSERT_TRUE(sum.ok()) << sum.status().message();
  EXPECT_EQ(*sum, Sha256Hex("a.toml\0"s + "11\0"s + "region = 1\n" + "b.csv\0"s + "4\0"s +
                            "x,y\n" + "sub/c.csv\0"s + "2\0"s + "z\n"));
  auto file = FileSha256((dir / "b.csv").string());
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(*file, Sha256Hex("x,y\n"));
}

TEST_F(FingerprintTest, DependsOnNamesAndContentsNotOnWhereTheFolderLies) {
  const fs::path a = Make("a");
  const fs::path b = Make("b");
  EXPECT_EQ(*ExtractFingerprint(a.string()), *ExtractFingerprint(b.string()));
  std::ofstream(b / "b.csv") << "x,z\n";
  EXPECT_NE(*ExtractFingerprint(a.string()), *ExtractFingerprint(b.string()));
  auto missing = ExtractFingerprint((root_ / "none").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kIoError);
}

TEST(ConfigFingerprintTest, BytesOfTheFileOrTheDefaultsMarker) {
  EXPECT_EQ(ConfigFingerprint("[suppression]\nmin_count = 5\n", true),
            Sha256Hex("[suppression]\nmin_count = 5\n"));
  EXPECT_EQ(ConfigFingerprint("", false), Sha256Hex("(defaults)"));
  EXPECT_NE(ConfigFingerprint("", true), ConfigFingerprint("", false));
}

}  // namespace
}  // namespace nara
