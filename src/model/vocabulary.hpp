// The words a reader sees for Nära's codes: unit types, sexes, age groups, period types and care
// types, in Swedish (the default) and English. One table, used by the workbooks, the downloads
// and the report, so a word is the same wherever it appears (the dashboard's web/src/i18n.ts
// holds the same words; vocabulary_test.cpp checks that the two agree).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>

namespace nara::model {

enum class Language { kSwedish, kEnglish };

// "municipality" -> "Kommun" / "Municipality". An unknown id is returned as it is.
std::string_view UnitTypeWord(std::string_view unit_type, Language language);
// "all" -> "Alla", "M" -> "Män", "F" -> "Kvinnor".
std::string_view SexWord(std::string_view sex, Language language);
// "all" -> "Alla åldrar", "0-17" -> "0–17 år", "80+" -> "80 år och äldre".
std::string AgeGroupWord(std::string_view age_group, Language language);
// "half_year" -> "Halvår", "rolling_12" -> "Rullande 12 månader", "range" -> "Månadsintervall".
std::string_view PeriodTypeWord(std::string_view period_type, Language language);
// "somatic" -> "Somatisk vård", "psychiatric" -> "Psykiatrisk vård".
std::string_view CareTypeWord(std::string_view care_type, Language language);

// The names of units whose ids are codes: municipality "0880" -> "Kalmar", county "08" ->
// "Kalmar län", the region's county code -> the region's name. Units named in the extract
// (hospitals, clinics, health centres, areas) are their own names and are not listed.
class UnitNames {
 public:
  void Add(std::string unit_type, std::string unit, std::string name);
  // The name, or an empty view when the unit has none listed.
  std::string_view Find(std::string_view unit_type, const std::string& unit) const;

 private:
  std::map<std::pair<std::string, std::string>, std::string, std::less<>> names_;
};

}  // namespace nara::model
