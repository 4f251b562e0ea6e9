// The PAR form and patient-keyed coordination made from synth's canonical output.
#include "e2e/input_forms_support.hpp"

#include <gtest/gtest.h>

#include <map>
#include <sstream>

namespace nara::e2e {

std::vector<std::string> SplitLine(const std::string& line, char delimiter) {
  std::vector<std::string> fields;
  std::string field;
  std::stringstream stream(line);
  while (std::getline(stream, field, delimiter)) fields.push_back(field);
  if (!line.empty() && line.back() == delimiter) fields.emplace_back();
  return fields;
}

std::string ToWindows1252(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if ((c == 0xC2 || c == 0xC3) && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[++i]);
      out.push_back(static_cast<char>(((c & 0x03) << 6) | (next & 0x3F)));
    } else {
      ADD_FAILURE() << "not a Latin-1 letter in " << text;
    }
  }
  return out;
}

std::string ToParForm(const std::string& canonical) {
  std::istringstream in(canonical);
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> header = SplitLine(line, ',');
  std::map<std::string, size_t> at;
  for (size_t i = 0; i < header.size(); ++i) at[header[i]] = i;
  for (const char* name : {"patient", "sex", "age", "municipality", "hospital", "specialty",
                           "admitted_at", "discharged_at", "admission_kind", "admitted_from",
                           "discharged_to", "main_diagnosis", "other_diagnoses"}) {
    EXPECT_TRUE(at.count(name)) << name;
  }
  const std::map<std::string, std::string> place = {{"other_hospital", "1"},
                                                    {"special_housing", "2"},
                                                    {"home", "3"},
                                                    {"deceased", "4"},
                                                    {"", ""}};
  auto date = [](const std::string& text) {  // "2021-03-01 08:00" -> "20210301"
    if (text.empty()) return std::string();
    return text.substr(0, 4) + text.substr(5, 2) + text.substr(8, 2);
  };
  std::string out =
      "LopNr;AR;KON;ALDER;LAN;KOMMUN;SJUKHUS;MVO;INDATUM;UTDATUM;PVARD;INSATT;UTSATT;HDIA;DIA1;"
      "DIA2;DIA3\r\n";
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const std::vector<std::string> f = SplitLine(line, ',');
    EXPECT_EQ(f.size(), header.size()) << line;
    if (f.size() != header.size()) continue;
    const std::string& sex = f[at["sex"]];
    const std::string& municipality = f[at["municipality"]];
    EXPECT_EQ(municipality.size(), 4u) << line;
    const std::string& kind = f[at["admission_kind"]];
    EXPECT_TRUE(kind == "acute" || kind == "planned") << line;
    EXPECT_TRUE(place.count(f[at["admitted_from"]]) && place.count(f[at["discharged_to"]]))
        << line;
    std::vector<std::string> other = SplitLine(f[at["other_diagnoses"]], ' ');
    other.resize(3);
    const std::vector<std::string> row = {
        f[at["patient"]],
        f[at["admitted_at"]].substr(0, 4),
        sex == "M" ? "1" : sex == "F" ? "2" : sex,
        f[at["age"]],
        municipality.substr(0, 2),
        municipality.substr(2, 2),
        f[at["hospital"]],
        f[at["specialty"]],
        date(f[at["admitted_at"]]),
        date(f[at["discharged_at"]]),
        kind == "acute" ? "2" : "1",
        place.at(f[at["admitted_from"]]),
        place.at(f[at["discharged_to"]]),
        f[at["main_diagnosis"]],
        other[0],
        other[1],
        other[2]};
    for (size_t i = 0; i < row.size(); ++i) out += (i ? ";" : "") + row[i];
    out += "\r\n";
  }
  return ToWindows1252(out);
}

std::string CoordinationByPatient(const std::string& episodes, const std::string& coordination) {
  std::istringstream stays(episodes);
  std::string line;
  std::getline(stays, line);
  const std::vector<std::string> header = SplitLine(line, ',');
  size_t id = header.size(), patient = header.size();
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == "episode_id") id = i;
    if (header[i] == "patient") patient = i;
  }
  EXPECT_LT(id, header.size());
  EXPECT_LT(patient, header.size());
  std::map<std::string, std::string> patient_of;
  while (std::getline(stays, line)) {
    const auto f = SplitLine(line, ',');
    if (f.size() == header.size()) patient_of[f[id]] = f[patient];
  }
  std::istringstream events(coordination);
  std::getline(events, line);
  EXPECT_EQ(line, "episode_id,event,at");
  std::string out = "Personnummer;Händelse;Tidpunkt\n";
  while (std::getline(events, line)) {
    const auto f = SplitLine(line, ',');
    if (f.size() != 3) continue;
    const auto found = patient_of.find(f[0]);
    EXPECT_NE(found, patient_of.end()) << line;
    if (found == patient_of.end()) continue;
    out += found->second + ";" + f[1] + ";" + f[2] + "\n";
  }
  return out;
}

std::string RenameColumn(const std::string& csv, const std::string& from, const std::string& to) {
  const size_t end = csv.find('\n');
  std::vector<std::string> header = SplitLine(csv.substr(0, end), ',');
  std::string line;
  bool renamed = false;
  for (auto& name : header) {
    if (name == from) {
      name = to;
      renamed = true;
    }
    line += (line.empty() ? "" : ",") + name;
  }
  EXPECT_TRUE(renamed) << from;
  return line + csv.substr(end);
}

}  // namespace nara::e2e
