#include "model/vocabulary.hpp"

#include <array>

namespace nara::model {
namespace {

struct Word {
  std::string_view id;
  std::string_view sv;
  std::string_view en;
};

template <size_t N>
std::string_view Lookup(const std::array<Word, N>& words, std::string_view id,
                        Language language) {
  for (const Word& word : words) {
    if (word.id == id) return language == Language::kSwedish ? word.sv : word.en;
  }
  return id;
}

constexpr std::array<Word, 7> kUnitTypes = {{
    {"region", "Region", "Region"},
    {"county", "Län", "County"},
    {"area", "Område", "Area"},
    {"municipality", "Kommun", "Municipality"},
    {"hospital", "Sjukhus", "Hospital"},
    {"clinic", "Klinik", "Clinic"},
    {"health_center", "Vårdcentral", "Health centre"},
}};

constexpr std::array<Word, 3> kSexes = {{
    {"all", "Alla", "All"},
    {"M", "Män", "Men"},
    {"F", "Kvinnor", "Women"},
}};

constexpr std::array<Word, 7> kPeriodTypes = {{
    {"month", "Månad", "Month"},
    {"quarter", "Kvartal", "Quarter"},
    {"tertial", "Tertial", "Tertial"},
    {"half_year", "Halvår", "Half year"},
    {"year", "År", "Year"},
    {"rolling_12", "Rullande 12 månader", "Rolling 12 months"},
    {"range", "Månadsintervall", "Range of months"},
}};

constexpr std::array<Word, 2> kCareTypes = {{
    {"somatic", "Somatisk vård", "Somatic care"},
    {"psychiatric", "Psykiatrisk vård", "Psychiatric care"},
}};

}  // namespace

std::string_view UnitTypeWord(std::string_view unit_type, Language language) {
  return Lookup(kUnitTypes, unit_type, language);
}

std::string_view SexWord(std::string_view sex, Language language) {
  return Lookup(kSexes, sex, language);
}

std::string AgeGroupWord(std::string_view age_group, Language language) {
  const bool sv = language == Language::kSwedish;
  if (age_group == "all") return sv ? "Alla åldrar" : "All ages";
  std::string text(age_group);
  if (!text.empty() && text.back() == '+') {
    text.pop_back();
    return text + (sv ? " år och äldre" : " years and over");
  }
  const size_t dash = text.find('-');
  if (dash != std::string::npos) text.replace(dash, 1, "–");  // an en dash between the ages
  return text + (sv ? " år" : " years");
}

std::string_view PeriodTypeWord(std::string_view period_type, Language language) {
  return Lookup(kPeriodTypes, period_type, language);
}

std::string_view CareTypeWord(std::string_view care_type, Language language) {
  return Lookup(kCareTypes, care_type, language);
}

void UnitNames::Add(std::string unit_type, std::string unit, std::string name) {
  names_[{std::move(unit_type), std::move(unit)}] = std::move(name);
}

std::string_view UnitNames::Find(std::string_view unit_type, const std::string& unit) const {
  const auto it = names_.find(std::pair<std::string, std::string>(std::string(unit_type), unit));
  return it == names_.end() ? std::string_view() : std::string_view(it->second);
}

}  // namespace nara::model
