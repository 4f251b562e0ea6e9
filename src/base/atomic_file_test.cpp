#include "base/atomic_file.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/file.hpp"

namespace nara {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("nara-atomic-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  std::string Read(const std::string& name) const { return *ReadFile(Path(name)); }
  // The files in the folder: a failed write must leave no temporary file behind.
  size_t FileCount() const {
    return static_cast<size_t>(std::distance(fs::directory_iterator(dir_), {}));
  }
  fs::path dir_;
};

TEST_F(AtomicFileTest, ReplacesTheFileWhenEverythingWasWritten) {
  ASSERT_TRUE(WriteFileAtomically(Path("a.csv"), "old\n").ok());
  ASSERT_TRUE(WriteFileAtomically(Path("a.csv"), "new\n").ok());
  EXPECT_EQ(Read("a.csv"), "new\n");
  EXPECT_EQ(FileCount(), 1u);
}

TEST_F(AtomicFileTest, AFailedWriterLeavesThePreviousFileAndNoTemporary) {
  ASSERT_TRUE(WriteFileAtomically(Path("t.xlsx"), "previous").ok());
  const Status status =
      WriteThroughTemporary(Path("t.xlsx"), "the table", [](const std::string& temporary) {
        std::ofstream(temporary) << "half";
        return IoError(temporary + ": cannot write the workbook: disk full");
      });
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  // The message names the target, not the temporary file.
  EXPECT_THAT(status.message(), HasSubstr(Path("t.xlsx") + ": cannot write the workbook"));
  EXPECT_THAT(status.message(), HasSubstr("unchanged"));
  EXPECT_EQ(status.message().find(".tmp-"), std::string::npos) << status.message();
  EXPECT_EQ(Read("t.xlsx"), "previous");
  EXPECT_EQ(FileCount(), 1u);
}

TEST_F(AtomicFileTest, AnAbandonedFileChangesNothing) {
  ASSERT_TRUE(WriteFileAtomically(Path("b.csv"), "kept").ok());
  {
    auto file = AtomicFile::Create(Path("b.csv"));
    ASSERT_TRUE(file.ok());
    std::fputs("never committed", file->file());
  }
  EXPECT_EQ(Read("b.csv"), "kept");
  EXPECT_EQ(FileCount(), 1u);
}

TEST_F(AtomicFileTest, AnOutputSetRenamesNothingUntilEveryFileIsWritten) {
  ASSERT_TRUE(WriteFileAtomically(Path("summary.csv"), "old summary").ok());
  ASSERT_TRUE(WriteFileAtomically(Path("basis.csv"), "old basis").ok());
  {
    OutputSet outputs;
    ASSERT_TRUE(outputs.Add(Path("summary.csv"), "new summary").ok());
    const Status failed = outputs.AddThroughTemporary(
        Path("basis.csv"), "basis.csv",
        [](const std::string&) { return IoError("cannot write: No space left on device"); });
    ASSERT_FALSE(failed.ok());
    // The run stops here: the set goes without CommitAll.
  }
  EXPECT_EQ(Read("summary.csv"), "old summary");
  EXPECT_EQ(Read("basis.csv"), "old basis");
  EXPECT_EQ(FileCount(), 2u);

  OutputSet outputs;
  ASSERT_TRUE(outputs.Add(Path("summary.csv"), "new summary").ok());
  ASSERT_TRUE(outputs.Add(Path("basis.csv"), "new basis").ok());
  EXPECT_EQ(Read("summary.csv"), "old summary");  // not before CommitAll
  ASSERT_TRUE(outputs.CommitAll().ok());
  EXPECT_EQ(Read("summary.csv"), "new summary");
  EXPECT_EQ(Read("basis.csv"), "new basis");
  EXPECT_EQ(FileCount(), 2u);
}

// A path writer that says it succeeded but whose own writes found no room (libxlsxwriter does
// not check its temporary files' writes): the errno tells, and the previous file stays.
TEST_F(AtomicFileTest, APathWriterThatLeftANoRoomErrnoFails) {
  ASSERT_TRUE(WriteFileAtomically(Path("w.xlsx"), "previous").ok());
  const Status status =
      WriteThroughTemporary(Path("w.xlsx"), "the workbook", [](const std::string& temporary) {
        std::ofstream(temporary) << "cut";
        errno = EFBIG;
        return Status::Ok();
      });
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_THAT(status.message(), HasSubstr(Path("w.xlsx") + ": cannot write the workbook: File too large"));
  EXPECT_EQ(Read("w.xlsx"), "previous");
  EXPECT_EQ(FileCount(), 1u);
  // A zip that is not whole (here: a local header and nothing else) is refused too.
  const Status zip =
      WriteThroughTemporary(Path("w.xlsx"), "the workbook", [](const std::string& temporary) {
        std::ofstream(temporary, std::ios::binary) << std::string("PK\x03\x04", 4) << "cut";
        return Status::Ok();
      });
  EXPECT_THAT(zip.message(), HasSubstr(Path("w.xlsx") + ": cannot write the workbook: it came "
                                                         "out incomplete (too short for a zip"));
  EXPECT_EQ(Read("w.xlsx"), "previous");
  EXPECT_EQ(FileCount(), 1u);
}

// Key, users and store files: 0600 whatever the umask; outputs: 0666 under the umask.
TEST_F(AtomicFileTest, AnOwnerOnlyFileIsMadePrivateUnderAnyUmask) {
  const mode_t previous = ::umask(022);
  ASSERT_TRUE(WriteFileAtomically(Path("users.json"), "{}", "the users file",
                                  FileAccess::kOwnerOnly).ok());
  ASSERT_TRUE(WriteFileAtomically(Path("table.csv"), "a\n").ok());
  ::umask(previous);
  EXPECT_EQ(fs::status(Path("users.json")).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_EQ(fs::status(Path("table.csv")).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                fs::perms::others_read);
}

TEST_F(AtomicFileTest, AFolderThatDoesNotExistIsAClearError) {
  const Status status = WriteFileAtomically(Path("no/such/folder/x.csv"), "x", "the table");
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_THAT(status.message(), HasSubstr("x.csv: cannot write the table: No such file"));
}

}  // namespace
}  // namespace nara
