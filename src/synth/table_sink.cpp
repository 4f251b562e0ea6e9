// Buffered table writing with optional Windows-1252 and CRLF.
#include "synth/table_sink.hpp"

#include <fmt/format.h>

namespace nara::synth {

TableSink::~TableSink() {
  if (file_ != nullptr) std::fclose(file_);
}

Status TableSink::Open(const std::string& path, bool windows1252, bool crlf) {
  path_ = path;
  windows1252_ = windows1252;
  crlf_ = crlf;
  file_ = std::fopen(path.c_str(), "wb");
  if (file_ == nullptr) return IoError(fmt::format("{}: cannot write the file", path));
  buffer_.reserve(1 << 20);
  return Status::Ok();
}

Status TableSink::EndRow() {
  ++line_;
  if (buffer_.size() >= (1 << 20)) return Flush();
  return Status::Ok();
}

Status TableSink::Flush() {
  const std::string* out = &buffer_;
  if (windows1252_ || crlf_) {
    converted_.clear();
    for (size_t i = 0; i < buffer_.size(); ++i) {
      const auto c = static_cast<unsigned char>(buffer_[i]);
      if (crlf_ && c == '\n') {
        converted_ += "\r\n";
      } else if (windows1252_ && c == 0xC3 && i + 1 < buffer_.size()) {
        // U+00C0..U+00FF (å ä ö Å Ä Ö é...) is one byte in Windows-1252.
        converted_.push_back(static_cast<char>(static_cast<unsigned char>(buffer_[i + 1]) + 0x40));
        ++i;
      } else {
        converted_.push_back(static_cast<char>(c));
      }
    }
    out = &converted_;
  }
  if (!out->empty() && std::fwrite(out->data(), 1, out->size(), file_) != out->size()) {
    return IoError(fmt::format("{}: could not write (disk full?)", path_));
  }
  buffer_.clear();
  return Status::Ok();
}

Status TableSink::Close() {
  NARA_RETURN_IF_ERROR(Flush());
  if (file_ != nullptr && std::fclose(file_) != 0) {
    file_ = nullptr;
    return IoError(fmt::format("{}: could not close the file", path_));
  }
  file_ = nullptr;
  return Status::Ok();
}

}  // namespace nara::synth
