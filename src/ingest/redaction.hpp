// Removes anything shaped like an identity number from text bound for a file, log or message.
#pragma once

#include <string>
#include <string_view>

namespace nara::ingest {

// Replaces every run that looks like a personnummer, samordningsnummer or interim number
// (6 or 8 digits, an optional '-' or '+', then 4 characters of which the last three are
// digits) with "[personnummer]". Used as a last line of defence on everything ingest writes
// that came from input text (rejected rows, quoted values in messages), whether or not the
// value sat in the patient column.
std::string RedactIdentityNumbers(std::string_view text);

// `"value"` for messages: quoted, cut to 40 characters, and redacted.
std::string QuoteForMessage(std::string_view value);

}  // namespace nara::ingest
