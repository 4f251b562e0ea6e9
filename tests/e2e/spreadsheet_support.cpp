#include "e2e/spreadsheet_support.hpp"

#include <cstdio>
#include <cstdlib>

#include "e2e/e2e_support.hpp"

namespace nara::e2e {

namespace fs = std::filesystem;

// A CSV as LibreOffice writes it (fields quoted when they hold a comma or a quote).
Rows ParseCsv(const std::string& text) {
  Rows rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
    } else if (c == '\n') {
      row.push_back(field);
      field.clear();
      rows.push_back(row);
      row.clear();
    } else if (c != '\r') {
      field += c;
    }
  }
  if (!field.empty() || !row.empty()) {
    row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

// The text of one member of a zip file (unzip -p).
std::string Unzip(const std::string& zip, const std::string& member) {
  const std::string command = "unzip -p '" + zip + "' '" + member + "'";
  FILE* pipe = popen(command.c_str(), "r");
  std::string out;
  if (pipe == nullptr) return out;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  pclose(pipe);
  return out;
}

bool HaveSoffice() { return std::system("command -v soffice >/dev/null 2>&1") == 0; }

// Converts `xlsx` with LibreOffice in a Swedish locale: to CSV of every sheet
// (`<stem>-<sheet>.csv`, cells as shown) or to PDF. The locale is set in a fresh profile
// (ooSetupSystemLocale sv-SE), not by LANG: the machine may have no sv_SE locale, and a LANG it
// lacks breaks the non-ASCII sheet names in the CSV file names. Returns the exit status.
int Convert(const fs::path& xlsx, const fs::path& out_dir, const std::string& to) {
  const fs::path profile = out_dir / "lo-profile";
  fs::create_directories(profile / "user");
  WriteFile(profile / "user" / "registrymodifications.xcu",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<oor:items xmlns:oor=\"http://openoffice.org/2001/registry\" "
            "xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" "
            "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
            "<item oor:path=\"/org.openoffice.Setup/L10N\"><prop oor:name=\"ooSetupSystemLocale\" "
            "oor:op=\"fuse\"><value>sv-SE</value></prop></item>\n"
            "</oor:items>\n");
  const std::string filter =
      to == "pdf" ? "pdf"
                  : "'csv:Text - txt - csv (StarCalc):44,34,76,1,,1053,false,true,true,false,"
                    "false,-1'";
  const std::string command = "cd '" + out_dir.string() +
                              "' && LANG=C.UTF-8 LC_ALL=C.UTF-8 timeout 300 soffice "
                              "-env:UserInstallation=file://" +
                              profile.string() + " --headless --convert-to " + filter +
                              " --outdir '" + out_dir.string() + "' '" + xlsx.string() +
                              "' >/dev/null 2>&1";
  return std::system(command.c_str());
}

}  // namespace nara::e2e
