// Encoding detection and Windows-1252 → UTF-8 transcoding for the CSV reader.
#include "base/text_encoding.hpp"

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace nara {
namespace {

constexpr uint64_t kHighBits = 0x8080808080808080ULL;

// Code points of the Windows-1252 bytes 0x80-0x9F; U+FFFD where cp1252 defines nothing.
constexpr char32_t kCp1252High[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80-87
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,  // 88-8F
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90-97
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,  // 98-9F
};

// True when the 8 bytes at `p` are all ASCII.
inline bool AllAscii8(const unsigned char* p) {
  uint64_t word;
  std::memcpy(&word, p, sizeof word);
  return (word & kHighBits) == 0;
}

inline bool IsContinuation(unsigned char byte) { return (byte & 0xC0U) == 0x80U; }

// Writes `code_point` (< U+10000 here) as UTF-8 at `out`; returns the byte after it.
inline char* AppendUtf8(char32_t code_point, char* out) {
  if (code_point < 0x80) {
    *out++ = static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    *out++ = static_cast<char>(0xC0U | (code_point >> 6));
    *out++ = static_cast<char>(0x80U | (code_point & 0x3FU));
  } else {
    *out++ = static_cast<char>(0xE0U | (code_point >> 12));
    *out++ = static_cast<char>(0x80U | ((code_point >> 6) & 0x3FU));
    *out++ = static_cast<char>(0x80U | (code_point & 0x3FU));
  }
  return out;
}

inline char32_t Cp1252CodePoint(unsigned char byte) {
  return byte < 0xA0U ? kCp1252High[byte - 0x80U] : static_cast<char32_t>(byte);
}

// Bytes of the UTF-8 form of Windows-1252 `bytes`: ASCII stays 1 byte, A0-FF become 2, the
// cp1252 specials 2 or 3. Lets large files be allocated exactly once.
size_t Windows1252Utf8Size(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const unsigned char* const end = p + bytes.size();
  size_t size = 0;
  while (p < end) {
    if (end - p >= 8 && AllAscii8(p)) {
      size += 8;
      p += 8;
      continue;
    }
    const unsigned char byte = *p++;
    size += byte < 0x80U ? 1U : Cp1252CodePoint(byte) < 0x800 ? 2U : 3U;
  }
  return size;
}

// Length of the well-formed UTF-8 sequence at `p` (non-ASCII lead byte), or 0 when it is not
// one. The allowed range of the second byte rules out overlong forms, surrogates and code
// points above U+10FFFF (Unicode table 3-7).
size_t SequenceLength(const unsigned char* p, const unsigned char* end) {
  const unsigned char lead = *p;
  size_t length;
  unsigned char low = 0x80U;
  unsigned char high = 0xBFU;
  if (lead >= 0xC2U && lead <= 0xDFU) {
    length = 2;
  } else if (lead >= 0xE0U && lead <= 0xEFU) {
    length = 3;
    if (lead == 0xE0U) low = 0xA0U;
    if (lead == 0xEDU) high = 0x9FU;
  } else if (lead >= 0xF0U && lead <= 0xF4U) {
    length = 4;
    if (lead == 0xF0U) low = 0x90U;
    if (lead == 0xF4U) high = 0x8FU;
  } else {
    return 0;  // a continuation byte, C0/C1 (overlong) or F5-FF
  }
  if (static_cast<size_t>(end - p) < length) return 0;
  if (p[1] < low || p[1] > high) return 0;
  for (size_t i = 2; i < length; ++i) {
    if (!IsContinuation(p[i])) return 0;
  }
  return length;
}

}  // namespace

size_t FirstInvalidUtf8(std::string_view bytes) {
  const auto* const begin = reinterpret_cast<const unsigned char*>(bytes.data());
  const unsigned char* const end = begin + bytes.size();
  const unsigned char* p = begin;
  while (p < end) {
    // Exports are mostly ASCII: skip it a word at a time.
    while (end - p >= 8 && AllAscii8(p)) p += 8;
    if (p == end) break;
    if (*p < 0x80U) {
      ++p;
      continue;
    }
    const size_t length = SequenceLength(p, end);
    if (length == 0) break;
    p += length;
  }
  return static_cast<size_t>(p - begin);
}

bool HasUtf8Sequence(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const unsigned char* const end = p + bytes.size();
  while (p < end) {
    while (end - p >= 8 && AllAscii8(p)) p += 8;
    if (p == end) break;
    if (*p < 0x80U) {
      ++p;
      continue;
    }
    if (SequenceLength(p, end) > 0) return true;
    ++p;
  }
  return false;
}

bool IsValidUtf8(std::string_view bytes) { return FirstInvalidUtf8(bytes) == bytes.size(); }

std::string ReplaceInvalidUtf8(std::string_view bytes) {
  size_t valid = FirstInvalidUtf8(bytes);
  if (valid == bytes.size()) return std::string(bytes);
  std::string out;
  out.reserve(bytes.size() + 16);
  while (valid < bytes.size()) {
    out.append(bytes.substr(0, valid));
    out.append("\uFFFD");
    // One replacement per byte that cannot start a sequence.
    bytes.remove_prefix(valid + 1);
    valid = FirstInvalidUtf8(bytes);
  }
  out.append(bytes);
  return out;
}

TextEncoding DetectEncoding(std::string_view bytes) {
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") return TextEncoding::kUtf8WithBom;
  return IsValidUtf8(bytes) ? TextEncoding::kUtf8 : TextEncoding::kWindows1252;
}

std::string Windows1252ToUtf8(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const unsigned char* const end = p + bytes.size();
  std::string out(Windows1252Utf8Size(bytes), '\0');
  char* o = out.data();
  while (p < end) {
    while (end - p >= 8 && AllAscii8(p)) {
      std::memcpy(o, p, 8);
      o += 8;
      p += 8;
    }
    if (p == end) break;
    const unsigned char byte = *p++;
    if (byte < 0x80U) {
      *o++ = static_cast<char>(byte);
    } else {
      o = AppendUtf8(Cp1252CodePoint(byte), o);
    }
  }
  assert(o == out.data() + out.size());
  return out;
}

void Windows1252ToUtf8InPlace(std::string& text) {
  const size_t in_size = text.size();
  const size_t out_size = Windows1252Utf8Size(text);
  if (out_size == in_size) return;  // pure ASCII
  text.resize(out_size);
  // Back to front: the write position never falls behind the read position, and once they
  // meet, everything before is ASCII and already in place.
  auto* base = reinterpret_cast<unsigned char*>(text.data());
  unsigned char* in = base + in_size;
  unsigned char* out = base + out_size;
  while (out != in) {
    if (in - base >= 8 && AllAscii8(in - 8)) {
      uint64_t word;
      std::memcpy(&word, in - 8, 8);  // load before store: the ranges may overlap
      in -= 8;
      out -= 8;
      std::memcpy(out, &word, 8);
      continue;
    }
    const unsigned char byte = *--in;
    if (byte < 0x80U) {
      *--out = byte;
      continue;
    }
    char encoded[3];
    const auto length = static_cast<size_t>(AppendUtf8(Cp1252CodePoint(byte), encoded) - encoded);
    out -= length;
    std::memcpy(out, encoded, length);
  }
}

const char* EncodingName(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::kUtf8:
      return "UTF-8";
    case TextEncoding::kUtf8WithBom:
      return "UTF-8 (BOM)";
    case TextEncoding::kWindows1252:
      return "Windows-1252";
  }
  return "UTF-8";
}

}  // namespace nara
