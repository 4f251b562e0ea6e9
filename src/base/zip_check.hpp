// Reading back a zip file just written (an XLSX workbook): is every member whole?
#pragma once

#include <string>

#include "base/status.hpp"

namespace nara {

// Checks the zip file at `path` as a reader would open it: the end-of-central-directory record
// and the central directory are there, every member's data inflates to its recorded size and
// CRC-32, and every XML member (`*.xml`, `*.rels`) ends with the closing tag of its root element.
// The last catches what the zip's checksums cannot: libxlsxwriter writes each sheet to a
// temporary file first and zips it without checking that file's writes, so a full disk or a
// file size limit cuts the sheet and the zip holds the cut sheet under a correct CRC (issue 17,
// item 8). Zip64 records are read. kIoError "PATH: not a complete zip file: REASON" (the member
// named when one is cut), kIoError naming the file when it cannot be read.
Status CheckZipFile(const std::string& path);

// Whether the file at `path` starts as a zip file does (a local file header).
bool LooksLikeZip(const std::string& path);

}  // namespace nara
