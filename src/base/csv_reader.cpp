// CSV reading: encoding detection, transcoding, delimiter detection and RFC 4180 parsing.
#include "base/csv_reader.hpp"

#include <fmt/format.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace nara {
namespace {

bool IsValidUtf8(std::string_view bytes) {
  size_t i = 0;
  const size_t n = bytes.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t length;
    uint32_t min;
    if ((c & 0xE0) == 0xC0) {
      length = 2;
      min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      length = 3;
      min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      length = 4;
      min = 0x10000;
    } else {
      return false;
    }
    if (i + length > n) return false;
    uint32_t code = c & (0x7F >> length);
    for (size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(bytes[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += length;
  }
  return true;
}

void AppendUtf8(uint32_t code, std::string& out) {
  if (code < 0x80) {
    out.push_back(static_cast<char>(code));
  } else if (code < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code >> 6)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xE0 | (code >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  }
}

// Unicode code points of Windows-1252 bytes 0x80-0x9F (0xFFFD where undefined).
constexpr uint32_t kCp1252High[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsBlank(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsBlank(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace

TextEncoding DetectEncoding(std::string_view bytes) {
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") return TextEncoding::kUtf8WithBom;
  return IsValidUtf8(bytes) ? TextEncoding::kUtf8 : TextEncoding::kWindows1252;
}

std::string Windows1252ToUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (char byte : bytes) {
    const auto c = static_cast<unsigned char>(byte);
    if (c < 0x80) {
      out.push_back(byte);
    } else if (c < 0xA0) {
      AppendUtf8(kCp1252High[c - 0x80], out);
    } else {
      AppendUtf8(c, out);
    }
  }
  return out;
}

const char* EncodingName(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::kUtf8: return "UTF-8";
    case TextEncoding::kUtf8WithBom: return "UTF-8 (BOM)";
    case TextEncoding::kWindows1252: return "Windows-1252";
  }
  return "";
}

Result<CsvReader> CsvReader::Open(std::string bytes, std::string file_name) {
  CsvReader reader;
  reader.file_name_ = std::move(file_name);
  if (std::memchr(bytes.data(), '\0', bytes.size()) != nullptr) {
    return InvalidInput(fmt::format("{}: not a text file (it contains NUL bytes); export the "
                                    "table as CSV",
                                    reader.file_name_));
  }
  reader.encoding_ = DetectEncoding(bytes);
  switch (reader.encoding_) {
    case TextEncoding::kUtf8: reader.text_ = std::move(bytes); break;
    case TextEncoding::kUtf8WithBom: reader.text_ = bytes.substr(3); break;
    case TextEncoding::kWindows1252: reader.text_ = Windows1252ToUtf8(bytes); break;
  }
  // Skip leading blank lines, then detect the delimiter on the header line.
  const std::string& text = reader.text_;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    if (!Trim(std::string_view(text).substr(pos, end - pos)).empty() &&
        Trim(std::string_view(text).substr(pos, end - pos)) != "\r") {
      break;
    }
    pos = end + 1;
    ++reader.line_;
  }
  if (pos >= text.size()) {
    return InvalidInput(fmt::format("{}: the file is empty; a header line naming the columns is "
                                    "required",
                                    reader.file_name_));
  }
  int commas = 0, semicolons = 0;
  bool quoted = false;
  for (size_t i = pos; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') break;
    if (c == ',') ++commas;
    if (c == ';') ++semicolons;
  }
  reader.delimiter_ = semicolons > commas ? ';' : ',';
  reader.pos_ = pos;
  CsvRecord header;
  reader.ParseRecord(header);
  if (!header.error.empty()) {
    return InvalidInput(fmt::format("{}:{}: the header line cannot be read: {}",
                                    reader.file_name_, header.line, header.error));
  }
  for (auto field : header.fields) reader.header_.emplace_back(Trim(field));
  return reader;
}

Result<CsvReader> CsvReader::OpenFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError(fmt::format("{}: cannot open the file", path));
  std::string bytes;
  in.seekg(0, std::ios::end);
  const auto size = in.tellg();
  in.seekg(0, std::ios::beg);
  if (size > 0) {
    bytes.resize(static_cast<size_t>(size));
    in.read(bytes.data(), size);
  }
  if (!in && size > 0) return IoError(fmt::format("{}: could not read the whole file", path));
  return Open(std::move(bytes), std::filesystem::path(path).filename().string());
}

bool CsvReader::Next(CsvRecord& record) {
  // Skip blank lines (empty, blanks only, or a lone CR).
  while (pos_ < text_.size()) {
    size_t i = pos_;
    while (i < text_.size() && (IsBlank(text_[i]) || text_[i] == '\r')) ++i;
    if (i < text_.size() && text_[i] != '\n') break;
    ++blank_lines_;
    ++line_;
    pos_ = i + 1;
  }
  if (pos_ >= text_.size()) {
    // Trailing blank lines after the last record are not counted as blank lines in the data.
    return false;
  }
  ParseRecord(record);
  return true;
}

void CsvReader::ParseRecord(CsvRecord& record) {
  record.fields.clear();
  record.error.clear();
  record.line = line_;
  unescaped_.clear();
  const size_t n = text_.size();
  const char* data = text_.data();
  size_t pos = pos_;
  while (true) {
    // One field.
    size_t start = pos;
    while (pos < n && IsBlank(data[pos])) ++pos;
    if (pos < n && data[pos] == '"') {
      ++pos;
      const size_t content = pos;
      bool doubled = false;
      while (true) {
        const char* quote = static_cast<const char*>(std::memchr(data + pos, '"', n - pos));
        // Count line breaks inside the quoted field.
        const size_t stop = quote == nullptr ? n : static_cast<size_t>(quote - data);
        for (size_t k = pos; k < stop; ++k) {
          if (data[k] == '\n') ++line_;
        }
        if (quote == nullptr) {
          record.error = "unterminated quote: a quoted field runs to the end of the file";
          record.fields.emplace_back(data + content, n - content);
          pos_ = n;
          return;
        }
        pos = stop + 1;
        if (pos < n && data[pos] == '"') {
          doubled = true;
          ++pos;
          continue;
        }
        break;
      }
      std::string_view field(data + content, pos - 1 - content);
      if (doubled) {
        std::string& copy = unescaped_.emplace_back();
        copy.reserve(field.size());
        for (size_t k = 0; k < field.size(); ++k) {
          copy.push_back(field[k]);
          if (field[k] == '"') ++k;  // "" -> "
        }
        field = copy;
      }
      record.fields.push_back(field);
      while (pos < n && IsBlank(data[pos])) ++pos;
      if (pos < n && data[pos] != delimiter_ && data[pos] != '\n' &&
          !(data[pos] == '\r' && (pos + 1 == n || data[pos + 1] == '\n'))) {
        record.error = "text after closing quote";
        // Skip to the end of this line.
        while (pos < n && data[pos] != '\n') ++pos;
        if (pos < n) ++pos;
        ++line_;
        pos_ = pos;
        return;
      }
    } else {
      pos = start;
      while (pos < n && data[pos] != delimiter_ && data[pos] != '\n') ++pos;
      size_t end = pos;
      if (end > start && pos < n + 1 && data[end - 1] == '\r' && (pos == n || data[pos] == '\n')) {
        --end;  // CRLF
      }
      record.fields.push_back(Trim(std::string_view(data + start, end - start)));
    }
    if (pos < n && data[pos] == delimiter_) {
      ++pos;
      continue;
    }
    // End of record: skip CR LF.
    if (pos < n && data[pos] == '\r') ++pos;
    if (pos < n && data[pos] == '\n') ++pos;
    ++line_;
    pos_ = pos;
    return;
  }
}

}  // namespace nara
