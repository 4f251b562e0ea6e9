// Workbooks opened in a real spreadsheet program for the end-to-end tests: LibreOffice headless
// converts an XLSX to CSV (every sheet, cells as shown in a Swedish locale) or PDF.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace nara::e2e {

using Rows = std::vector<std::vector<std::string>>;

// A CSV as LibreOffice writes it (fields quoted when they hold a comma or a quote).
Rows ParseCsv(const std::string& text);

// The text of one member of a zip file (unzip -p); empty when it cannot be read.
std::string Unzip(const std::string& zip, const std::string& member);

// Whether soffice (LibreOffice) is on the PATH (scripts/setup.sh installs libreoffice-calc-nogui).
bool HaveSoffice();

// Converts `xlsx` with LibreOffice in a Swedish locale: to CSV of every sheet
// (`<stem>-<sheet>.csv`, cells as shown) when `to` is "csv", or to PDF when it is "pdf". The
// locale is set in a fresh profile (ooSetupSystemLocale sv-SE), not by LANG: the machine may have
// no sv_SE locale, and a LANG it lacks breaks the non-ASCII sheet names in the CSV file names.
// Returns the exit status.
int Convert(const std::filesystem::path& xlsx, const std::filesystem::path& out_dir,
            const std::string& to);

}  // namespace nara::e2e
