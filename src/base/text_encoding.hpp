// Text encodings of the extracts (data contract §1.1): detection and Windows-1252 → UTF-8.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace nara {

// The encodings an extract's CSV file may come in. Latin-1 (ISO 8859-1) is read as
// Windows-1252, which agrees with it on every printable character.
enum class TextEncoding { kUtf8, kUtf8WithBom, kWindows1252 };

// Returns kUtf8WithBom when `bytes` start with the UTF-8 byte-order mark (EF BB BF); else kUtf8
// when they are valid UTF-8 (which includes pure ASCII and empty input); else kWindows1252,
// the encoding Swedish Excel and older EHR exports write.
TextEncoding DetectEncoding(std::string_view bytes);

// True when `bytes` are well-formed UTF-8: no overlong forms, no surrogates (U+D800-U+DFFF),
// nothing above U+10FFFF, no truncated sequence at the end.
bool IsValidUtf8(std::string_view bytes);

// Offset of the first byte of `bytes` that does not start a well-formed UTF-8 sequence, or
// bytes.size() when they are all valid UTF-8.
size_t FirstInvalidUtf8(std::string_view bytes);

// True when `bytes` hold at least one well-formed multi-byte UTF-8 sequence (a character
// outside ASCII written as UTF-8). A Windows-1252 text almost never does: its letters are
// single high bytes, which UTF-8 never has alone. So a text that is not valid UTF-8 but holds
// such a sequence mixes encodings.
bool HasUtf8Sequence(std::string_view bytes);

// `bytes` with every byte that does not start a well-formed UTF-8 sequence replaced by U+FFFD
// (a file that declares UTF-8 with a BOM but holds some stray Latin-1 bytes). Returns the
// bytes unchanged when they are valid.
std::string ReplaceInvalidUtf8(std::string_view bytes);

// Converts Windows-1252 bytes to UTF-8. 0x00-0x7F stay, 0xA0-0xFF become U+00A0-U+00FF
// (å ä ö Å Ä Ö é ...), 0x80-0x9F follow the cp1252 table (0x80 = €); the five bytes undefined
// there (0x81, 0x8D, 0x8F, 0x90, 0x9D) become U+FFFD. Never fails.
std::string Windows1252ToUtf8(std::string_view bytes);

// The same conversion done inside `text`, which then holds UTF-8. Needs no second buffer when
// text.capacity() covers the grown size (CsvReader::OpenFile reserves room for it), which
// matters for files of hundreds of megabytes.
void Windows1252ToUtf8InPlace(std::string& text);

// "UTF-8", "UTF-8 (BOM)" or "Windows-1252", for the ingest report.
const char* EncodingName(TextEncoding encoding);

}  // namespace nara
