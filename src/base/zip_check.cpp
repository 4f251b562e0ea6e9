// The zip read-back check: central directory, each member inflated and checked, XML closed.
#include "base/zip_check.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <vector>

namespace nara {
namespace {

constexpr uint32_t kLocalHeader = 0x04034b50;
constexpr uint32_t kCentralHeader = 0x02014b50;
constexpr uint32_t kEndOfCentralDirectory = 0x06054b50;
constexpr uint32_t kZip64Locator = 0x07064b50;
constexpr uint32_t kZip64End = 0x06064b50;

// The bytes of a read-only mapped file.
class MappedFile {
 public:
  ~MappedFile() {
    if (data_ != nullptr) ::munmap(const_cast<unsigned char*>(data_), size_);
  }
  Status Open(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return IoError(fmt::format("{}: cannot read: {}", path, std::strerror(errno)));
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
      const int error = errno;
      ::close(fd);
      return IoError(fmt::format("{}: cannot read: {}", path, std::strerror(error)));
    }
    size_ = static_cast<size_t>(info.st_size);
    if (size_ > 0) {
      void* mapped = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
      if (mapped == MAP_FAILED) {
        const int error = errno;
        ::close(fd);
        return IoError(fmt::format("{}: cannot read: {}", path, std::strerror(error)));
      }
      data_ = static_cast<const unsigned char*>(mapped);
    }
    ::close(fd);
    return Status::Ok();
  }
  const unsigned char* data() const { return data_; }
  size_t size() const { return size_; }

 private:
  const unsigned char* data_ = nullptr;
  size_t size_ = 0;
};

uint64_t Little(const unsigned char* at, int bytes) {
  uint64_t value = 0;
  for (int i = bytes - 1; i >= 0; --i) value = (value << 8) | at[i];
  return value;
}

// One member as the central directory records it.
struct Member {
  std::string name;
  uint16_t method = 0;
  uint32_t crc = 0;
  uint64_t compressed = 0, uncompressed = 0, local_offset = 0;
};

// The root element's name of an XML text beginning with `head`, or empty.
std::string RootName(std::string_view head) {
  size_t at = 0;
  while (true) {
    at = head.find('<', at);
    if (at == std::string_view::npos || at + 1 >= head.size()) return {};
    const char next = head[at + 1];
    if (next != '?' && next != '!') break;
    at = head.find('>', at);
    if (at == std::string_view::npos) return {};
  }
  size_t end = at + 1;
  while (end < head.size() && head[end] != ' ' && head[end] != '>' && head[end] != '/' &&
         head[end] != '\r' && head[end] != '\n' && head[end] != '\t') {
    ++end;
  }
  return std::string(head.substr(at + 1, end - at - 1));
}

// Whether an XML text with this head and tail is closed: it ends with "</root>", or its root
// element is empty ("<root .../>") and the text ends there.
bool XmlClosed(std::string_view head, std::string_view tail) {
  while (!tail.empty() && std::strchr(" \r\n\t", tail.back()) != nullptr) tail.remove_suffix(1);
  const std::string root = RootName(head);
  if (root.empty()) return false;
  const std::string closing = "</" + root + ">";
  if (tail.size() >= closing.size() && tail.substr(tail.size() - closing.size()) == closing) {
    return true;
  }
  // An empty root element ("<Types .../>"): the last tag is the root's own start tag.
  if (tail.size() < 2 || tail.substr(tail.size() - 2) != "/>") return false;
  const size_t last = tail.rfind('<');
  if (last == std::string_view::npos) return false;
  const std::string_view tag = tail.substr(last + 1);
  return tag.size() > root.size() && tag.substr(0, root.size()) == root &&
         std::strchr(" \t\r\n/", tag[root.size()]) != nullptr;
}

bool IsXml(const std::string& name) {
  const auto ends = [&](std::string_view suffix) {
    return name.size() >= suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends(".xml") || ends(".rels");
}

// Inflates (or copies) one member's data, checking size and CRC; keeps its head and tail for
// the XML check. The reason it is not whole, or nothing.
std::optional<std::string> CheckMember(const Member& member, const unsigned char* data,
                                       std::string& head, std::string& tail) {
  constexpr size_t kHead = 1024, kTail = 256;
  uLong crc = crc32(0L, Z_NULL, 0);
  uint64_t produced = 0;
  const auto take = [&](const unsigned char* bytes, size_t count) {
    crc = crc32_z(crc, bytes, count);
    produced += count;
    if (head.size() < kHead) {
      head.append(reinterpret_cast<const char*>(bytes), std::min(count, kHead - head.size()));
    }
    tail.append(reinterpret_cast<const char*>(bytes), count);
    if (tail.size() > 2 * kTail) tail.erase(0, tail.size() - kTail);
  };
  if (member.method == 0) {
    take(data, member.compressed);
  } else if (member.method == 8) {
    z_stream stream{};
    if (inflateInit2(&stream, -MAX_WBITS) != Z_OK) return "cannot start inflating";
    unsigned char out[65536];
    uint64_t left = member.compressed;
    const unsigned char* in = data;
    int result = Z_OK;
    while (result != Z_STREAM_END) {
      if (stream.avail_in == 0 && left > 0) {
        const uInt chunk = static_cast<uInt>(std::min<uint64_t>(left, 1u << 30));
        stream.next_in = const_cast<Bytef*>(in);
        stream.avail_in = chunk;
        in += chunk;
        left -= chunk;
      }
      stream.next_out = out;
      stream.avail_out = sizeof(out);
      result = inflate(&stream, Z_NO_FLUSH);
      take(out, sizeof(out) - stream.avail_out);
      if (result == Z_STREAM_END) break;
      if (result != Z_OK && !(result == Z_BUF_ERROR && (stream.avail_in > 0 || left > 0))) {
        inflateEnd(&stream);
        return result == Z_BUF_ERROR ? std::string("its compressed data ends early")
                                     : "its compressed data is damaged";
      }
    }
    inflateEnd(&stream);
  } else {
    return fmt::format("compression method {} (not stored or deflated)", member.method);
  }
  if (produced != member.uncompressed) {
    return fmt::format("{} bytes instead of {}", produced, member.uncompressed);
  }
  if (crc != member.crc) return std::string("its CRC-32 does not match");
  return std::nullopt;
}

// The members listed by the central directory, or the reason it cannot be read.
std::optional<std::string> ReadDirectory(const unsigned char* data, size_t size,
                                         std::vector<Member>& members) {
  if (size < 22) return std::string("too short for a zip file");
  size_t end = std::string::npos;
  const size_t lowest = size > 22 + 65535 ? size - 22 - 65535 : 0;
  for (size_t at = size - 22 + 1; at-- > lowest;) {
    if (Little(data + at, 4) == kEndOfCentralDirectory) {
      end = at;
      break;
    }
  }
  if (end == std::string::npos) return std::string("no end of central directory (cut short?)");
  uint64_t entries = Little(data + end + 10, 2);
  uint64_t directory_size = Little(data + end + 12, 4);
  uint64_t directory_offset = Little(data + end + 16, 4);
  if (end >= 20 && Little(data + end - 20, 4) == kZip64Locator) {
    const uint64_t record = Little(data + end - 20 + 8, 8);
    if (record + 56 > size || Little(data + record, 4) != kZip64End) {
      return std::string("a damaged zip64 end of central directory");
    }
    entries = Little(data + record + 32, 8);
    directory_size = Little(data + record + 40, 8);
    directory_offset = Little(data + record + 48, 8);
  }
  if (directory_offset > size || directory_size > size - directory_offset) {
    return std::string("the central directory lies outside the file (cut short?)");
  }
  size_t at = directory_offset;
  const size_t directory_end = directory_offset + directory_size;
  for (uint64_t i = 0; i < entries; ++i) {
    if (at + 46 > directory_end || Little(data + at, 4) != kCentralHeader) {
      return std::string("a damaged central directory");
    }
    Member member;
    member.method = static_cast<uint16_t>(Little(data + at + 10, 2));
    member.crc = static_cast<uint32_t>(Little(data + at + 16, 4));
    member.compressed = Little(data + at + 20, 4);
    member.uncompressed = Little(data + at + 24, 4);
    const size_t name_length = Little(data + at + 28, 2);
    const size_t extra_length = Little(data + at + 30, 2);
    const size_t comment_length = Little(data + at + 32, 2);
    member.local_offset = Little(data + at + 42, 4);
    if (at + 46 + name_length + extra_length + comment_length > directory_end) {
      return std::string("a damaged central directory");
    }
    member.name.assign(reinterpret_cast<const char*>(data + at + 46), name_length);
    // Zip64: the sizes and offset saturated at 0xFFFFFFFF are in the extra field 0x0001.
    const unsigned char* extra = data + at + 46 + name_length;
    for (size_t e = 0; e + 4 <= extra_length;) {
      const uint64_t id = Little(extra + e, 2), length = Little(extra + e + 2, 2);
      if (e + 4 + length > extra_length) break;
      if (id == 1) {
        size_t field = e + 4;
        for (uint64_t* value : {&member.uncompressed, &member.compressed, &member.local_offset}) {
          if (*value == 0xFFFFFFFFu && field + 8 <= e + 4 + length) {
            *value = Little(extra + field, 8);
            field += 8;
          }
        }
      }
      e += 4 + length;
    }
    members.push_back(std::move(member));
    at += 46 + name_length + extra_length + comment_length;
  }
  return std::nullopt;
}

}  // namespace

bool LooksLikeZip(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  unsigned char head[4] = {};
  const bool zip = ::read(fd, head, 4) == 4 && Little(head, 4) == kLocalHeader;
  ::close(fd);
  return zip;
}

Status CheckZipFile(const std::string& path) {
  MappedFile file;
  NARA_RETURN_IF_ERROR(file.Open(path));
  const unsigned char* data = file.data();
  const size_t size = file.size();
  const auto incomplete = [&](const std::string& reason) {
    return IoError(fmt::format("{}: not a complete zip file: {}", path, reason));
  };
  std::vector<Member> members;
  if (auto reason = ReadDirectory(data, size, members)) return incomplete(*reason);
  for (const Member& member : members) {
    if (member.local_offset > size || size - member.local_offset < 30 ||
        Little(data + member.local_offset, 4) != kLocalHeader) {
      return incomplete(fmt::format("member {}: no local header", member.name));
    }
    const unsigned char* local = data + member.local_offset;
    const uint64_t start = member.local_offset + 30 + Little(local + 26, 2) + Little(local + 28, 2);
    if (start > size || member.compressed > size - start) {
      return incomplete(fmt::format("member {}: its data lies past the end", member.name));
    }
    std::string head, tail;
    if (auto reason = CheckMember(member, data + start, head, tail)) {
      return incomplete(fmt::format("member {}: {}", member.name, *reason));
    }
    if (IsXml(member.name) && !XmlClosed(head, tail)) {
      return incomplete(fmt::format("member {}: the XML is cut (its root element is not closed)",
                                    member.name));
    }
  }
  return Status::Ok();
}

}  // namespace nara
