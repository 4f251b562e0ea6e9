// All-or-nothing output files: a temporary file beside the target, renamed over it at the end.
#include "base/atomic_file.hpp"

#include "base/zip_check.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

namespace nara {
namespace {

Status WriteError(const std::string& path, std::string_view what, int error) {
  return IoError(fmt::format("{}: cannot write {}: {} (the previous file, if any, is unchanged)",
                             path, what, std::strerror(error)));
}

// A writer's error names the temporary file it was given: name the target instead.
Status NamingTarget(const Status& status, const std::string& temporary, const std::string& path) {
  std::string message = status.message();
  for (size_t at = message.find(temporary); at != std::string::npos;
       at = message.find(temporary, at + path.size())) {
    message.replace(at, temporary.size(), path);
  }
  return Status(status.code(), message + " (the previous file, if any, is unchanged)");
}

}  // namespace

bool IsNoRoomError(int error) {
  return error == ENOSPC || error == EFBIG || error == EDQUOT || error == EIO;
}

Result<AtomicFile> AtomicFile::Create(const std::string& path, std::string_view what,
                                      FileAccess access) {
  const std::filesystem::path target(path);
  const std::filesystem::path folder =
      target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  std::string pattern = (folder / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  const int fd = ::mkstemp(name.data());
  if (fd < 0) return WriteError(path, what, errno);
  // mkstemp makes the file 0600, which a private file keeps; outputs get the usual mode under
  // the umask, as a plain fopen would have made them.
  if (access == FileAccess::kShared) {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd, 0666 & ~mask);
  }
  std::FILE* file = ::fdopen(fd, "wb");
  if (file == nullptr) {
    const int error = errno;
    ::close(fd);
    ::unlink(name.data());
    return WriteError(path, what, error);
  }
  return AtomicFile(path, std::string(name.data()), std::string(what), file);
}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : path_(std::move(other.path_)), temporary_(std::move(other.temporary_)),
      what_(std::move(other.what_)), file_(other.file_), done_(other.done_) {
  other.file_ = nullptr;
  other.done_ = true;
}

AtomicFile::~AtomicFile() {
  if (file_ != nullptr) std::fclose(file_);
  if (!done_) ::unlink(temporary_.c_str());
}

void AtomicFile::CloseForPathWriter() {
  if (file_ != nullptr) std::fclose(file_);
  file_ = nullptr;
}

Status AtomicFile::Commit() {
  int error = 0;
  if (file_ != nullptr) {
    if (std::ferror(file_)) error = errno != 0 ? errno : EIO;
    if (std::fflush(file_) != 0 && error == 0) error = errno;
    if (error == 0 && ::fsync(::fileno(file_)) != 0 && errno != EINVAL) error = errno;
    if (std::fclose(file_) != 0 && error == 0) error = errno;
    file_ = nullptr;
  }
  if (error == 0 && std::rename(temporary_.c_str(), path_.c_str()) != 0) error = errno;
  if (error != 0) {
    ::unlink(temporary_.c_str());
    done_ = true;
    return WriteError(path_, what_, error);
  }
  done_ = true;
  return Status::Ok();
}

Status OutputSet::Add(const std::string& path, std::string_view bytes, std::string_view what,
                      FileAccess access) {
  NARA_ASSIGN_OR_RETURN(auto out, AtomicFile::Create(path, what, access));
  if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), out.file()) != bytes.size()) {
    const int error = errno;
    return WriteError(path, what, error != 0 ? error : EIO);
  }
  // Flushed now, so that a full disk shows here, before any file is renamed.
  if (std::fflush(out.file()) != 0) return WriteError(path, what, errno);
  files_.push_back(std::move(out));
  return Status::Ok();
}

Status OutputSet::AddThroughTemporary(
    const std::string& path, std::string_view what,
    const std::function<Status(const std::string& temporary)>& write) {
  NARA_ASSIGN_OR_RETURN(auto out, AtomicFile::Create(path, what));
  out.CloseForPathWriter();
  errno = 0;
  const Status written = write(out.temporary_path());
  const int write_errno = errno;
  if (!written.ok()) return NamingTarget(written, out.temporary_path(), path);
  // A writer may not check every write of its own temporary files (libxlsxwriter does not):
  // a write that failed for lack of room leaves its errno, which nothing else sets.
  if (IsNoRoomError(write_errno)) return WriteError(path, what, write_errno);
  // A zip (an XLSX workbook) is read back: a sheet cut in the writer's temporary file would
  // otherwise be zipped whole-looking (base/zip_check.hpp).
  if (LooksLikeZip(out.temporary_path())) {
    if (Status whole = CheckZipFile(out.temporary_path()); !whole.ok()) {
      std::string reason = whole.message();
      const std::string prefix = out.temporary_path() + ": not a complete zip file: ";
      if (reason.rfind(prefix, 0) == 0) reason.erase(0, prefix.size());
      return IoError(fmt::format(
          "{}: cannot write {}: it came out incomplete ({}); is the disk or the temporary "
          "folder full, or a file size limit (ulimit -f) set? (the previous file, if any, is "
          "unchanged)",
          path, what, reason));
    }
  }
  files_.push_back(std::move(out));
  return Status::Ok();
}

Status OutputSet::CommitAll() {
  for (AtomicFile& file : files_) NARA_RETURN_IF_ERROR(file.Commit());
  files_.clear();
  return Status::Ok();
}

// The one-file forms: an OutputSet of one.
Status WriteFileAtomically(const std::string& path, std::string_view bytes,
                           std::string_view what, FileAccess access) {
  OutputSet outputs;
  NARA_RETURN_IF_ERROR(outputs.Add(path, bytes, what, access));
  return outputs.CommitAll();
}

Status WriteThroughTemporary(const std::string& path, std::string_view what,
                             const std::function<Status(const std::string& temporary)>& write) {
  OutputSet outputs;
  NARA_RETURN_IF_ERROR(outputs.AddThroughTemporary(path, what, write));
  return outputs.CommitAll();
}

}  // namespace nara
