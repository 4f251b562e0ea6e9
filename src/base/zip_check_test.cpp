// The zip read-back check on zips made here (stored and deflated members): whole, cut short,
// a damaged member, and an XML member whose root element is not closed.
#include "base/zip_check.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

namespace nara {
namespace {

using ::testing::HasSubstr;

void Put(std::string& out, uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) {
    out.push_back(i < 8 ? static_cast<char>((value >> (8 * i)) & 0xFF) : char{0});
  }
}

std::string RawDeflate(const std::string& text) {
  z_stream stream{};
  EXPECT_EQ(deflateInit2(&stream, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&stream, text.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

// A zip of (name, content) members, deflated when `deflated`; `crc_of` lets a test record the
// CRC of other content than the member holds.
std::string Zip(const std::vector<std::pair<std::string, std::string>>& members, bool deflated,
                const std::string* crc_of = nullptr) {
  std::string out, directory;
  for (const auto& [name, content] : members) {
    const std::string data = deflated ? RawDeflate(content) : content;
    const std::string& checked = crc_of != nullptr ? *crc_of : content;
    const uLong crc = crc32(0L, reinterpret_cast<const Bytef*>(checked.data()),
                            static_cast<uInt>(checked.size()));
    const size_t offset = out.size();
    Put(out, 0x04034b50, 4);
    Put(out, 20, 2);
    Put(out, 0, 2);
    Put(out, deflated ? 8 : 0, 2);
    Put(out, 0, 4);
    Put(out, crc, 4);
    Put(out, data.size(), 4);
    Put(out, content.size(), 4);
    Put(out, name.size(), 2);
    Put(out, 0, 2);
    out += name + data;
    Put(directory, 0x02014b50, 4);
    Put(directory, 20, 2);
    Put(directory, 20, 2);
    Put(directory, 0, 2);
    Put(directory, deflated ? 8 : 0, 2);
    Put(directory, 0, 4);
    Put(directory, crc, 4);
    Put(directory, data.size(), 4);
    Put(directory, content.size(), 4);
    Put(directory, name.size(), 2);
    Put(directory, 0, 2 * 3 + 2 + 4);  // extra, comment, disk, internal and external attributes
    Put(directory, offset, 4);
    directory += name;
  }
  const size_t directory_offset = out.size();
  out += directory;
  Put(out, 0x06054b50, 4);
  Put(out, 0, 4);
  Put(out, members.size(), 2);
  Put(out, members.size(), 2);
  Put(out, directory.size(), 4);
  Put(out, directory_offset, 4);
  Put(out, 0, 2);
  return out;
}

class ZipCheckTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& bytes) {
    const std::string path = (std::filesystem::path(::testing::TempDir()) /
                              ("nara-zip-check-" + std::to_string(::getpid()) + ".zip"))
                                 .string();
    std::ofstream(path, std::ios::binary) << bytes;
    paths_.push_back(path);
    return path;
  }
  void TearDown() override {
    for (const auto& path : paths_) std::filesystem::remove(path);
  }
  std::vector<std::string> paths_;
};

const std::string kSheet =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"x\">"
    "<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData></worksheet>";

TEST_F(ZipCheckTest, AWholeZipPassesStoredOrDeflated) {
  for (const bool deflated : {false, true}) {
    const std::string path = Write(Zip({{"xl/worksheets/sheet1.xml", kSheet},
                                        {"_rels/.rels", "<Relationships xmlns=\"r\"/>"},
                                        {"[Content_Types].xml",
                                         "<?xml version=\"1.0\"?>\n<Types xmlns=\"t\"/>\n"},
                                        {"docProps/thumbnail.bin", std::string(5000, 'b')}},
                                       deflated));
    EXPECT_TRUE(LooksLikeZip(path));
    const Status status = CheckZipFile(path);
    EXPECT_TRUE(status.ok()) << status.message();
  }
}

TEST_F(ZipCheckTest, AZipCutShortIsRefused) {
  const std::string zip = Zip({{"xl/worksheets/sheet1.xml", kSheet}}, true);
  const std::string path = Write(zip.substr(0, zip.size() - 30));
  const Status status = CheckZipFile(path);
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_THAT(status.message(), HasSubstr(path + ": not a complete zip file: no end of central"));
}

TEST_F(ZipCheckTest, ADamagedMemberIsRefusedNamingIt) {
  const std::string other = kSheet + " ";
  const std::string path = Write(Zip({{"xl/worksheets/sheet1.xml", kSheet}}, true, &other));
  EXPECT_THAT(CheckZipFile(path).message(),
              HasSubstr("member xl/worksheets/sheet1.xml: its CRC-32 does not match"));
}

// What libxlsxwriter makes of a sheet cut in its temporary file: a zip that is whole, of a cut
// sheet with a correct CRC.
TEST_F(ZipCheckTest, AnXmlMemberCutInsideItsRootElementIsRefused) {
  const std::string cut = kSheet.substr(0, kSheet.size() - 40);
  for (const bool deflated : {false, true}) {
    const std::string path =
        Write(Zip({{"_rels/.rels", "<Relationships/>"}, {"xl/worksheets/sheet2.xml", cut}},
                  deflated));
    const Status status = CheckZipFile(path);
    EXPECT_EQ(status.code(), StatusCode::kIoError);
    EXPECT_THAT(status.message(), HasSubstr("member xl/worksheets/sheet2.xml: the XML is cut"));
  }
  const std::string path = Write(Zip({{"a.xml", ""}}, false));
  EXPECT_THAT(CheckZipFile(path).message(), HasSubstr("member a.xml: the XML is cut"));
  // Cut just after an empty child element: not the root's own empty tag.
  const std::string child = Write(Zip({{"b.xml", "<?xml?><worksheet><c r=\"A1\"/>"}}, false));
  EXPECT_THAT(CheckZipFile(child).message(), HasSubstr("member b.xml: the XML is cut"));
}

TEST_F(ZipCheckTest, NotAZipIsSaidSo) {
  const std::string path = Write("plain text, not a zip at all, long enough to search");
  EXPECT_FALSE(LooksLikeZip(path));
  EXPECT_THAT(CheckZipFile(path).message(), HasSubstr("not a complete zip file"));
}

}  // namespace
}  // namespace nara
