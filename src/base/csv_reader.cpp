// CsvReader: encoding and delimiter detection, then a single forward pass over the text.
#include "base/csv_reader.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <thread>
#include <utility>

#include "base/truncation_guard.hpp"

namespace nara {
namespace {

inline bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// Number of line feeds in [begin, end).
inline int64_t CountLineFeeds(const char* begin, const char* end) {
  return std::count(begin, end, '\n');
}

// The delimiter of the header record starting at `begin`: ',' or ';', whichever occurs more
// often outside quotes before the record's end (a line feed outside quotes); ',' on a tie.
char DetectDelimiter(const char* begin, const char* end) {
  int64_t commas = 0;
  int64_t semicolons = 0;
  bool quoted = false;
  for (const char* p = begin; p < end; ++p) {
    const char c = *p;
    if (c == '"') {
      quoted = !quoted;  // a doubled quote toggles twice
    } else if (!quoted) {
      if (c == '\n') break;
      if (c == ',') ++commas;
      if (c == ';') ++semicolons;
    }
  }
  return semicolons > commas ? ';' : ',';
}

// Copies the quoted field content [begin, end) into `out`, turning each "" into ".
void AppendUnescaped(const char* begin, const char* end, std::string& out) {
  while (begin < end) {
    const auto* quote =
        static_cast<const char*>(std::memchr(begin, '"', static_cast<size_t>(end - begin)));
    if (quote == nullptr) {
      out.append(begin, end);
      return;
    }
    out.append(begin, quote + 1);  // keeps one quote of the pair
    begin = quote + 2;
  }
}

// Faults in the pages of a fresh large buffer with one system call before it is written. On
// virtual machines a fault taken one 4 KiB page at a time can cost microseconds: reading a
// 150 MB file took 0.5 s longer than copying it. Best effort; a no-op where unsupported.
void PrefaultPages(char* data, size_t size) {
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
  constexpr size_t kWorthIt = size_t{1} << 20;
  if (size < kWorthIt) return;
  const auto page = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
  const uintptr_t first = (reinterpret_cast<uintptr_t>(data) + page - 1) & ~(page - 1);
  const uintptr_t last = (reinterpret_cast<uintptr_t>(data) + size) & ~(page - 1);
  if (last > first) {
    (void)::madvise(reinterpret_cast<void*>(first), last - first, MADV_POPULATE_WRITE);
  }
#else
  (void)data;
  (void)size;
#endif
}

std::string_view TrimBlanks(std::string_view text) {
  while (!text.empty() && IsBlank(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsBlank(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace

namespace {

// Refuses UTF-16 and binary files: kInvalidInput naming the file (and the line of a NUL byte).
Status CheckIsText(std::string_view bytes, const std::string& name) {
  // UTF-16 (Excel's "Unicode text") would otherwise pass as Windows-1252 garbage.
  if (bytes.size() >= 2 &&
      ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
    return InvalidInput(fmt::format(
        "{}: encoded as UTF-16, which cannot be read; save it as CSV in UTF-8 or Windows-1252",
        name));
  }
  if (const void* nul = std::memchr(bytes.data(), '\0', bytes.size()); nul != nullptr) {
    const int64_t line = 1 + CountLineFeeds(bytes.data(), static_cast<const char*>(nul));
    return InvalidInput(fmt::format(
        "{}:{}: contains a NUL byte, so it is not a CSV text file (UTF-16 or binary?); export "
        "it again as CSV in UTF-8 or Windows-1252",
        name, line));
  }
  return Status::Ok();
}

// How the lines of a text end, judged by its first line.
enum class LineEnds {
  kLf,     // LF or CR LF (or a single line)
  kCr,     // CR alone, and no LF anywhere: old Mac and some Excel exports
  kMixed,  // the first line ends with a lone CR but an LF comes later
};

// Looks for a CR not followed by LF (outside quotes) before the first LF. A lone CR just before
// the end of the text ends the last line, as the reader reads it.
LineEnds DetectLineEnds(std::string_view text) {
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && c == '\n') {
      return LineEnds::kLf;
    } else if (!quoted && c == '\r' && i + 1 < text.size() && text[i + 1] != '\n') {
      return text.find('\n', i) == std::string_view::npos ? LineEnds::kCr : LineEnds::kMixed;
    }
  }
  return LineEnds::kLf;
}

// What a file that is not a regular file is, for messages.
const char* FileKindName(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a plain file";
}

int64_t LineOfOffset(std::string_view text, size_t offset) {
  return 1 + CountLineFeeds(text.data(), text.data() + offset);
}

// Turns CR-only line ends into LF (line numbers then count them), or refuses a text whose line
// ends change from CR to LF, naming the file: reading it either way would run lines together.
Status NormaliseLineEnds(std::string& text, const std::string& name) {
  switch (DetectLineEnds(text)) {
    case LineEnds::kLf:
      return Status::Ok();
    case LineEnds::kCr:
      std::replace(text.begin(), text.end(), '\r', '\n');
      return Status::Ok();
    case LineEnds::kMixed:
      break;
  }
  return InvalidInput(fmt::format(
      "{}:1: the first line ends with a CR alone (old Mac line ends) but later lines end with "
      "LF: the line ends are mixed, so rows would run together; save the file again as CSV "
      "with one kind of line end",
      name));
}

// Refuses a text that is not valid UTF-8 although it holds UTF-8 (a BOM, or well-formed
// multi-byte sequences): one stray byte must not turn the whole file into Windows-1252 (every
// "ä" read as "Ã¤") or be replaced silently. Names the file and the line of the first bad byte.
Status RefuseMixedEncoding(std::string_view text, const std::string& name, bool bom) {
  const size_t bad = FirstInvalidUtf8(text);
  return InvalidInput(fmt::format(
      "{}:{}: byte 0x{:02X} is not valid UTF-8, but the file is UTF-8 elsewhere ({}): it mixes "
      "encodings; save the whole file again as UTF-8 (or as Windows-1252), or fix that line",
      name, LineOfOffset(text, bad), static_cast<unsigned char>(text[bad]),
      bom ? "it starts with a UTF-8 byte-order mark" : "it holds UTF-8 letters"));
}

}  // namespace

void CsvReader::HoldText(std::string bytes) {
  auto owned = std::make_shared<const std::string>(std::move(bytes));
  text_ = *owned;
  keep_alive_ = std::move(owned);
}

Status CsvReader::ReadHeader() {
  if (!SkipBlankLines()) {
    return InvalidInput(fmt::format(
        "{}: no header line: the file is empty or holds only blank lines; the first line must "
        "name the columns",
        file_name_));
  }
  header_line_ = line_;
  delimiter_ = DetectDelimiter(text_.data() + pos_, text_.data() + text_.size());
  CsvRecord header;
  ParseRecord(header);
  if (!header.error.empty()) {
    return InvalidInput(fmt::format(
        "{}:{}: the header is malformed ({}); the first line must name the columns, with every "
        "quote closed",
        file_name_, header.line, header.error));
  }
  header_.reserve(header.fields.size());
  for (std::string_view field : header.fields) header_.emplace_back(TrimBlanks(field));
  return Status::Ok();
}

Result<CsvReader> CsvReader::Open(std::string bytes, std::string file_name) {
  CsvReader reader;
  reader.file_name_ = std::move(file_name);
  NARA_RETURN_IF_ERROR(CheckIsText(bytes, reader.file_name_));
  // The encoding is decided once for the whole file; a file that is UTF-8 in one place and
  // not in another is refused, never re-decoded.
  reader.encoding_ = DetectEncoding(bytes);
  switch (reader.encoding_) {
    case TextEncoding::kUtf8:
      break;
    case TextEncoding::kUtf8WithBom:
      bytes.erase(0, 3);
      if (!IsValidUtf8(bytes)) return RefuseMixedEncoding(bytes, reader.file_name_, true);
      break;
    case TextEncoding::kWindows1252:
      if (HasUtf8Sequence(bytes)) return RefuseMixedEncoding(bytes, reader.file_name_, false);
      Windows1252ToUtf8InPlace(bytes);
      break;
  }
  NARA_RETURN_IF_ERROR(NormaliseLineEnds(bytes, reader.file_name_));
  reader.HoldText(std::move(bytes));
  NARA_RETURN_IF_ERROR(reader.ReadHeader());
  return reader;
}

namespace {

// A read-only private mapping of a whole file, unmapped when the last holder lets go. Guarded
// (truncation_guard.hpp): if the file is truncated while it is read, the run ends naming it.
std::shared_ptr<const void> MapFile(int fd, size_t size, const std::string& name) {
  // Not MAP_POPULATE: the pages are mapped by the threads that check the text first (in two
  // halves), not all by this one.
  void* address = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (address == MAP_FAILED) return nullptr;
  (void)::madvise(address, size, MADV_WILLNEED);
  const int guard = GuardMapping(address, size, name);
  return std::shared_ptr<const void>(address, [size, guard](const void* mapped) {
    UnguardMapping(guard);
    ::munmap(const_cast<void*>(mapped), size);
  });
}

// True when `bytes` is UTF-8 without a BOM and without a NUL byte: the common case, read as is.
// A large text is checked by two threads, each over one half; the halves meet after a line feed,
// which is never inside a UTF-8 sequence, so both halves valid means the whole is valid.
bool IsPlainUtf8Text(std::string_view bytes) {
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") return false;
  auto check = [](std::string_view part) {
    return std::memchr(part.data(), '\0', part.size()) == nullptr && IsValidUtf8(part);
  };
  constexpr size_t kTwoThreadsFrom = size_t{64} << 20;
  if (bytes.size() < kTwoThreadsFrom) return check(bytes);
  const size_t newline = bytes.find('\n', bytes.size() / 2);
  if (newline == std::string_view::npos) return check(bytes);
  bool second_ok = false;
  std::thread second([&] { second_ok = check(bytes.substr(newline + 1)); });
  const bool first_ok = check(bytes.substr(0, newline + 1));
  second.join();
  return first_ok && second_ok;
}

}  // namespace

Result<CsvReader> CsvReader::OpenFile(const std::string& path) {
  struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
  };
  // Opened without blocking, so that a FIFO cannot hang the run before it is refused.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return IoError(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    const int error = errno;
    ::close(fd);
    return IoError(fmt::format("{}: cannot open: {}", path, std::strerror(error)));
  }
  if (!S_ISREG(info.st_mode)) {
    ::close(fd);
    if (S_ISDIR(info.st_mode)) return IoError(fmt::format("{}: cannot read: a directory", path));
    return IoError(fmt::format(
        "{}: not a regular file ({}): only regular files are read, so that a device or pipe "
        "cannot hang or flood the run; copy the data into a file",
        path, FileKindName(info.st_mode)));
  }
  (void)::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  std::unique_ptr<std::FILE, FileCloser> file(::fdopen(fd, "rb"));
  if (file == nullptr) {
    ::close(fd);
    return IoError(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  }
  const std::string name = std::filesystem::path(path).filename().string();
  std::error_code size_error;
  const auto size = std::filesystem::file_size(path, size_error);
  // A large regular file in plain UTF-8 (the common case) is read where the kernel has it:
  // copying it into a fresh buffer cost a zero-filled page per 4 KiB and a copy of every byte.
  constexpr uintmax_t kMapFrom = uintmax_t{1} << 20;
  if (!size_error && size >= kMapFrom) {
    if (auto mapping = MapFile(::fileno(file.get()), static_cast<size_t>(size), name)) {
      const std::string_view bytes(static_cast<const char*>(mapping.get()),
                                   static_cast<size_t>(size));
      // CR-only line ends are rewritten, so such a file is read from a copy, as below.
      const bool plain = IsPlainUtf8Text(bytes) && DetectLineEnds(bytes) == LineEnds::kLf;
      if (!plain) NARA_RETURN_IF_ERROR(CheckIsText(bytes, name));  // the error names the line
      if (plain) {
        CsvReader reader;
        reader.file_name_ = name;
        reader.encoding_ = TextEncoding::kUtf8;
        reader.text_ = bytes;
        reader.keep_alive_ = std::move(mapping);
        NARA_RETURN_IF_ERROR(reader.ReadHeader());
        // The check above touched every page: released, so that the tables opened before they
        // are parsed are not all resident at once (the parse maps them again from the page
        // cache, a few MiB at a time, ReleaseReadPages).
        reader.mapped_ = true;
        const size_t read_to = reader.pos_;
        reader.pos_ = reader.text_.size();
        reader.ReleaseReadPages();
        reader.pos_ = read_to;
        reader.released_ = 0;
        return reader;
      }
      // Another encoding is transcoded into a string of its own, as below.
    }
  }
  std::string bytes;
  if (!size_error) {
    const auto expected = static_cast<size_t>(size);
    // Room for a Windows-1252 file to grow in place when it is transcoded to UTF-8 (each
    // Swedish letter takes one byte more); pages never written cost no memory.
    bytes.reserve(expected + expected / 8 + 64);
    PrefaultPages(bytes.data(), expected);
    bytes.resize(expected);
    bytes.resize(std::fread(bytes.data(), 1, expected, file.get()));
  }
  // The rest, if any: a file that grew since, or one whose size is unknown (a pipe).
  char buffer[1 << 16];
  size_t got;
  while ((got = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) bytes.append(buffer, got);
  if (std::ferror(file.get()) != 0) {
    return IoError(fmt::format("{}: cannot read: {}", path, std::strerror(errno)));
  }
  return Open(std::move(bytes), name);
}

bool CsvReader::SkipBlankLines() {
  const char* const begin = text_.data();
  const char* const end = begin + text_.size();
  const char* p = begin + pos_;
  while (p < end) {
    const char* q = p;
    while (q < end && (IsBlank(*q) || *q == '\r')) ++q;
    if (q < end && *q != '\n') break;  // a line with content
    ++blank_lines_;
    if (q == end) {  // blanks without a final line feed
      p = end;
      break;
    }
    ++line_;
    p = q + 1;
  }
  pos_ = static_cast<size_t>(p - begin);
  return p < end;
}

std::optional<CsvReader> CsvReader::SplitOffSecondHalf(size_t min_bytes) {
  const size_t left = text_.size() - pos_;
  if (left < min_bytes || left < 2) return std::nullopt;
  const char* const begin = text_.data() + pos_;
  const char* const end = text_.data() + text_.size();
  const auto* line_feed = static_cast<const char*>(
      std::memchr(begin + left / 2, '\n', static_cast<size_t>(end - (begin + left / 2))));
  if (line_feed == nullptr || line_feed + 1 == end) return std::nullopt;
  const char* const cut = line_feed + 1;
  if (std::memchr(begin, '"', static_cast<size_t>(cut - begin)) != nullptr) return std::nullopt;
  CsvReader second = *this;
  second.pos_ = static_cast<size_t>(cut - text_.data());
  second.released_ = second.pos_;
  second.line_ = line_ + CountLineFeeds(begin, cut);
  second.blank_lines_ = 0;
  second.scratch_.clear();
  second.scratch_fields_.clear();
  text_ = text_.substr(0, second.pos_);
  return second;
}

CsvReader CsvReader::ReaderAt(size_t offset, int64_t line) const {
  CsvReader again = *this;
  again.pos_ = std::min(offset, text_.size());
  again.released_ = again.pos_;
  again.line_ = line;
  again.blank_lines_ = 0;
  again.scratch_.clear();
  again.scratch_fields_.clear();
  return again;
}

size_t CsvReader::EstimateRecordsLeft() const {
  const size_t left = text_.size() - pos_;
  if (left == 0) return 0;
  constexpr size_t kSample = size_t{1} << 16;
  const char* begin = text_.data() + pos_;
  const size_t sample = std::min(left, kSample);
  const auto lines = static_cast<size_t>(std::count(begin, begin + sample, '\n'));
  if (lines == 0) return 1;
  const size_t per_line = std::max<size_t>(1, sample / lines);
  return left / per_line + left / per_line / 20 + 1;
}

void CsvReader::ReleaseReadPages() {
#if defined(__linux__)
  const auto page = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
  const auto base = reinterpret_cast<uintptr_t>(text_.data());
  const uintptr_t first = (base + released_ + page - 1) & ~(page - 1);
  const uintptr_t last = (base + pos_) & ~(page - 1);
  if (last > first) (void)::madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
#endif
  released_ = pos_;
}

bool CsvReader::Next(CsvRecord& record) {
  // The text behind the reader is released every few MiB (the previous record's fields are
  // no longer valid anyway).
  constexpr size_t kReleaseEvery = size_t{8} << 20;
  if (mapped_ && pos_ - released_ >= kReleaseEvery) ReleaseReadPages();
  if (!SkipBlankLines()) {
    if (mapped_) ReleaseReadPages();
    return false;
  }
  ParseRecord(record);
  return true;
}

void CsvReader::ParseRecord(CsvRecord& record) {
  const char* const begin = text_.data();
  const char* const end = begin + text_.size();
  const char delimiter = delimiter_;
  const char* p = begin + pos_;
  record.fields.clear();
  record.error.clear();
  record.line = line_;
  record.offset = pos_;
  scratch_.clear();
  scratch_fields_.clear();
  int64_t lines = 0;  // line feeds consumed: inside quoted fields and the record's end

  while (true) {
    while (p < end && IsBlank(*p)) ++p;
    if (p < end && *p == '"') {
      // Quoted field: up to the next quote that is not doubled.
      const char* const content = ++p;
      const char* close = nullptr;
      bool doubled = false;
      while (true) {
        const auto* quote =
            static_cast<const char*>(std::memchr(p, '"', static_cast<size_t>(end - p)));
        if (quote == nullptr) break;
        if (quote + 1 < end && quote[1] == '"') {
          doubled = true;
          p = quote + 2;
          continue;
        }
        close = quote;
        break;
      }
      if (close == nullptr) {
        record.error = "unterminated quote";
        break;
      }
      lines += CountLineFeeds(content, close);
      if (doubled) {
        scratch_fields_.push_back({record.fields.size(), scratch_.size(), 0});
        AppendUnescaped(content, close, scratch_);
        scratch_fields_.back().length = scratch_.size() - scratch_fields_.back().offset;
        record.fields.emplace_back();  // set below, once scratch_ no longer grows
      } else {
        record.fields.emplace_back(content, static_cast<size_t>(close - content));
      }
      p = close + 1;
      while (p < end && IsBlank(*p)) ++p;
      if (p == end) break;
      if (*p == delimiter) {
        ++p;
        continue;
      }
      if (*p == '\n') {
        ++p;
        ++lines;
        break;
      }
      if (*p == '\r' && p + 1 == end) {
        p = end;
        break;
      }
      if (*p == '\r' && p[1] == '\n') {
        p += 2;
        ++lines;
        break;
      }
      record.error = "text after closing quote";
      break;
    }
    // Unquoted field: up to the delimiter or the line feed, trimmed of blanks (leading ones are
    // already skipped) and of the CR of a CRLF.
    const char* stop = p;
    while (stop < end && *stop != delimiter && *stop != '\n') ++stop;
    const char* field_end = stop;
    if (field_end > p && field_end[-1] == '\r' && (stop == end || *stop == '\n')) --field_end;
    while (field_end > p && IsBlank(field_end[-1])) --field_end;
    record.fields.emplace_back(p, static_cast<size_t>(field_end - p));
    if (stop == end) {
      p = end;
      break;
    }
    p = stop + 1;
    if (*stop == '\n') {
      ++lines;
      break;
    }
  }

  for (const ScratchField& field : scratch_fields_) {
    record.fields[field.field_index] =
        std::string_view(scratch_.data() + field.offset, field.length);
  }
  if (!record.error.empty()) {
    // Resume at the line after the record's first line: a stray quote must not swallow the
    // rows after it (each of them is still read, and used or rejected).
    const char* const start = begin + pos_;
    const auto* line_feed =
        static_cast<const char*>(std::memchr(start, '\n', static_cast<size_t>(end - start)));
    pos_ = line_feed == nullptr ? text_.size() : static_cast<size_t>(line_feed + 1 - begin);
    line_ = record.line + 1;
    return;
  }
  pos_ = static_cast<size_t>(p - begin);
  line_ += lines;
}

}  // namespace nara
