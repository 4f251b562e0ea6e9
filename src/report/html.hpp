// Small pieces of HTML writing shared by the report's sections.
#pragma once

#include <string>
#include <string_view>

namespace nara::report {

// Text with &, <, >, " and ' escaped for element content and attribute values.
std::string Escape(std::string_view text);

// A value in the chosen language: `sv` when swedish, else `en`.
inline const char* Tr(bool swedish, const char* sv, const char* en) { return swedish ? sv : en; }

}  // namespace nara::report
