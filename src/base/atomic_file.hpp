// Writing an output file all or nothing: a reader (or the next run) finds the previous file or
// the whole new one, never a part of it, also when the disk fills or the run fails half-way.
#pragma once

#include <cstdio>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.hpp"

namespace nara {

// Who may read the new file: everyone the umask allows (0666 under it, as a plain fopen would
// make it), or its owner only (0600: key, users and store files, whatever the umask).
enum class FileAccess { kShared, kOwnerOnly };

// A file being written beside its target: the bytes go to a temporary file in the target's
// folder (`.NAME.tmp-XXXXXX`, so the rename cannot cross file systems), and Commit() flushes,
// syncs and closes it and renames it over the target. Until Commit() succeeds the target is
// untouched; a failed or abandoned write removes the temporary file.
//
//   NARA_ASSIGN_OR_RETURN(auto out, AtomicFile::Create(path, "the indicator table"));
//   NARA_RETURN_IF_ERROR(WriteTableCsv(table, out.file(), path));
//   NARA_RETURN_IF_ERROR(out.Commit());
class AtomicFile {
 public:
  // kIoError "PATH: cannot write WHAT: REASON" when the temporary file cannot be made.
  static Result<AtomicFile> Create(const std::string& path, std::string_view what = "the file",
                                   FileAccess access = FileAccess::kShared);
  AtomicFile(AtomicFile&& other) noexcept;
  AtomicFile& operator=(AtomicFile&&) = delete;
  AtomicFile(const AtomicFile&) = delete;
  ~AtomicFile();

  // The open temporary file, for stdio writers.
  std::FILE* file() { return file_; }
  // Its path, for writers that open the file themselves (libxlsxwriter): they may write it
  // after closing file() with CloseForPathWriter().
  const std::string& temporary_path() const { return temporary_; }
  void CloseForPathWriter();
  // Makes the new bytes the target. kIoError naming the target and the reason (a full disk:
  // "No space left on device", a file size limit: "File too large") when a write, the flush,
  // the sync, the close or the rename failed; the target is then unchanged.
  Status Commit();

 private:
  AtomicFile(std::string path, std::string temporary, std::string what, std::FILE* file)
      : path_(std::move(path)), temporary_(std::move(temporary)), what_(std::move(what)),
        file_(file) {}
  std::string path_;
  std::string temporary_;
  std::string what_;
  std::FILE* file_ = nullptr;
  bool done_ = false;
};

// ENOSPC, EFBIG (a file size limit, ulimit -f), EDQUOT or EIO: a write that found no room.
bool IsNoRoomError(int error);

// `bytes` written to `path` through an AtomicFile.
Status WriteFileAtomically(const std::string& path, std::string_view bytes,
                           std::string_view what = "the file",
                           FileAccess access = FileAccess::kShared);

// For writers that only take a path (libxlsxwriter's workbook_new): `write` writes the whole
// file at the temporary path it is given, and only when it succeeds is the file renamed over
// `path`. It fails (kIoError naming `path`) also when the writer says it succeeded but left a
// full disk's or file size limit's errno (IsNoRoomError), or wrote a zip that is not whole
// (CheckZipFile: an XLSX workbook with a cut sheet).
Status WriteThroughTemporary(const std::string& path, std::string_view what,
                             const std::function<Status(const std::string& temporary)>& write);

// The files of one run (summary, basis, workbooks, run.json): each is written to its temporary
// file first, and only when every one was written are they all renamed over their targets, so a
// failed run leaves the previous run's files as they were (not half of them replaced).
class OutputSet {
 public:
  Status Add(const std::string& path, std::string_view bytes, std::string_view what = "the file",
             FileAccess access = FileAccess::kShared);
  Status AddThroughTemporary(const std::string& path, std::string_view what,
                             const std::function<Status(const std::string& temporary)>& write);
  // Renames every file over its target, in the order added.
  Status CommitAll();

 private:
  std::vector<AtomicFile> files_;
};

}  // namespace nara
