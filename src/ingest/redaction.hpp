// The one gate for text bound for a file, log or message: anything shaped like an identity
// number is removed, and long text is cut.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace nara::ingest {

// True when `text` holds a run that looks like a personnummer, samordningsnummer or interim
// number, as exports write them: 10 or 12 digits in a row, or 6 or 8 digits, a separator
// (blanks, no-break and other Unicode spaces, and at most one '-', '+' or Unicode dash among
// them: `400627 - 0807`, `19400627 0807`) and then 4 characters of which the last three are
// digits (the first may be an interim letter); not glued to further digits.
bool ContainsIdentityNumber(std::string_view text);

// Replaces every such run with "[personnummer]". Used on everything ingest writes that came
// from input text (rejected rows and messages, through RejectLog::Add; unknown column names;
// quoted values), whether or not the value sat in the patient column.
std::string RedactIdentityNumbers(std::string_view text);

// RedactIdentityNumbers(text), cut to `max_bytes` (at a UTF-8 character boundary) with "..."
// when longer: for names and values echoed in reports and messages.
std::string RedactAndShorten(std::string_view text, size_t max_bytes);

// `"value"` for messages: quoted, redacted and cut to 40 bytes.
std::string QuoteForMessage(std::string_view value);

}  // namespace nara::ingest
