// Loading the region of a county from the reference municipality list.
#include "synth/region.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <string_view>

namespace nara::synth {
namespace {

constexpr std::array<const char*, 3> kAreas = {"norra", "mellersta", "södra"};

// SCB county code -> the region's own name.
std::string RegionName(const std::string& county) {
  static constexpr std::array<std::array<const char*, 2>, 21> kNames = {{
      {"01", "Region Stockholm"},         {"03", "Region Uppsala"},
      {"04", "Region Sörmland"},          {"05", "Region Östergötland"},
      {"06", "Region Jönköpings län"},    {"07", "Region Kronoberg"},
      {"08", "Region Kalmar län"},        {"09", "Region Gotland"},
      {"10", "Region Blekinge"},          {"12", "Region Skåne"},
      {"13", "Region Halland"},           {"14", "Västra Götalandsregionen"},
      {"17", "Region Värmland"},          {"18", "Region Örebro län"},
      {"19", "Region Västmanland"},       {"20", "Region Dalarna"},
      {"21", "Region Gävleborg"},         {"22", "Region Västernorrland"},
      {"23", "Region Jämtland Härjedalen"}, {"24", "Region Västerbotten"},
      {"25", "Region Norrbotten"},
  }};
  for (const auto& [code, name] : kNames) {
    if (county == code) return name;
  }
  return "Region " + county;
}

// Kalmar län: the region's three parts, and inhabitants in thousands (SCB, about 2021).
struct KalmarMunicipality {
  const char* code;
  int area;
  double thousands;
};
constexpr std::array<KalmarMunicipality, 12> kKalmar = {{
    {"0821", 1, 5.7},  {"0834", 2, 7.2},  {"0840", 2, 15.5}, {"0860", 0, 13.9},
    {"0861", 1, 13.4}, {"0862", 2, 9.4},  {"0880", 2, 70.5}, {"0881", 2, 20.4},
    {"0882", 1, 27.0}, {"0883", 0, 36.3}, {"0884", 0, 15.5}, {"0885", 2, 10.9},
}};

// Health centre names: the seat has several, middle-sized municipalities two.
void AddHealthCenters(Region& region, OwnMunicipality& m, double largest_weight) {
  static constexpr std::array<const char*, 4> kParts = {"Centrum", "Norr", "Söder", "Öster"};
  m.first_center = static_cast<int>(region.health_centers.size());
  const double share = m.weight / largest_weight;
  m.centers = share >= 0.9 ? 4 : share >= 0.3 ? 2 : 1;
  if (m.centers == 1) {
    region.health_centers.push_back({"VC " + m.name});
    return;
  }
  for (int i = 0; i < m.centers; ++i) {
    region.health_centers.push_back(
        {fmt::format("VC {} {}", m.name, kParts[static_cast<size_t>(i)])});
  }
}

}  // namespace

Result<Region> LoadRegion(const std::string& reference_dir, const std::string& county) {
  const std::string path = (std::filesystem::path(reference_dir) / "municipalities.csv").string();
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError(fmt::format("{}: cannot read the municipality list", path));
  Region region;
  region.county = county;
  region.name = RegionName(county);
  std::string line;
  std::getline(in, line);  // header: code,name,county
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const size_t first = line.find(',');
    const size_t second = line.find(',', first == std::string::npos ? first : first + 1);
    if (first == std::string::npos || second == std::string::npos) {
      return IoError(fmt::format("{}: line '{}' is not code,name,county", path, line));
    }
    const std::string code = line.substr(0, first);
    if (line.substr(second + 1) == county) {
      OwnMunicipality m;
      m.code = code;
      m.name = line.substr(first + 1, second - first - 1);
      region.municipalities.push_back(std::move(m));
    } else {
      region.other_codes.push_back(code);
    }
  }
  if (region.municipalities.empty()) {
    return UsageError(fmt::format("--county {}: no municipality has that county code", county));
  }
  std::sort(region.municipalities.begin(), region.municipalities.end(),
            [](const OwnMunicipality& a, const OwnMunicipality& b) { return a.code < b.code; });
  auto& own = region.municipalities;
  const size_t areas = std::min<size_t>(kAreas.size(), own.size());
  // Areas: Kalmar län's real parts; elsewhere thirds in code order.
  size_t seat = 0;
  for (size_t i = 0; i < own.size(); ++i) {
    auto kalmar = std::find_if(kKalmar.begin(), kKalmar.end(), [&](const KalmarMunicipality& k) {
      return own[i].code == k.code;
    });
    size_t area = i * areas / own.size();
    if (county == "08" && kalmar != kKalmar.end()) {
      area = static_cast<size_t>(kalmar->area);
      own[i].weight = kalmar->thousands;
    } else {
      const std::string_view code(own[i].code);
      const int digits = (code[2] - '0') * 10 + (code[3] - '0');
      own[i].weight = digits == 80 ? 8.0 : digits > 80 ? 2.5 : 1.0 + 0.25 * (digits % 4);
    }
    own[i].area = kAreas[area];
    own[i].hospital = static_cast<int>(area);
    if (own[i].weight > own[seat].weight) seat = i;
  }
  // Hospitals, one per area: the county hospital in the seat's area.
  region.central_hospital = own[seat].hospital;
  for (size_t area = 0; area < areas; ++area) {
    if (county == "08") {
      static constexpr std::array<std::array<const char*, 2>, 3> kKalmarHospitals = {{
          {"Västerviks sjukhus", "Västervik"},
          {"Oskarshamns sjukhus", "Oskarshamn"},
          {"Länssjukhuset i Kalmar", "Kalmar"},
      }};
      region.hospitals.push_back({kKalmarHospitals[area][0], kKalmarHospitals[area][1]});
      continue;
    }
    if (static_cast<int>(area) == region.central_hospital) {
      region.hospitals.push_back({"Länssjukhuset i " + own[seat].name, own[seat].name});
      continue;
    }
    // The largest municipality of the area hosts its hospital.
    size_t host = own.size();
    for (size_t i = 0; i < own.size(); ++i) {
      if (own[i].hospital == static_cast<int>(area) &&
          (host == own.size() || own[i].weight > own[host].weight)) {
        host = i;
      }
    }
    region.hospitals.push_back({"Sjukhuset i " + own[host].name, own[host].name});
  }
  double total = 0.0;
  for (auto& m : own) {
    AddHealthCenters(region, m, own[seat].weight);
    total += m.weight;
    region.cumulative_weight.push_back(total);
  }
  for (double& w : region.cumulative_weight) w /= total;
  return region;
}

}  // namespace nara::synth
