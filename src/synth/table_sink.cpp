// Buffered table writing with optional Windows-1252 and CRLF.
#include "synth/table_sink.hpp"

#include <fmt/format.h>

namespace nara::synth {
namespace {

constexpr size_t kChunk = 1 << 20;

}  // namespace

TableSink::~TableSink() {
  if (file_ != nullptr) std::fclose(file_);
}

Status TableSink::Open(const std::string& path, bool windows1252, bool crlf) {
  path_ = path;
  windows1252_ = windows1252;
  crlf_ = crlf;
  lines_ = 0;
  bytes_ = 0;
  file_ = std::fopen(path.c_str(), "wb");
  if (file_ == nullptr) return IoError(fmt::format("{}: cannot write the file", path));
  buffer_.reserve(kChunk + (64 << 10));
  return Status::Ok();
}

Status TableSink::EndRow() {
  ++lines_;
  if (buffer_.size() >= kChunk) return Flush();
  return Status::Ok();
}

Status TableSink::Flush() {
  if (file_ == nullptr) return IoError(fmt::format("{}: the file is not open", path_));
  const std::string* out = &buffer_;
  if (windows1252_ || crlf_) {
    converted_.clear();
    converted_.reserve(buffer_.size() + buffer_.size() / 16);
    const size_t size = buffer_.size();
    for (size_t i = 0; i < size; ++i) {
      const auto c = static_cast<unsigned char>(buffer_[i]);
      if (c == '\n' && crlf_) {
        converted_ += "\r\n";
      } else if (windows1252_ && (c == 0xC2 || c == 0xC3) && i + 1 < size) {
        // UTF-8 of U+0080..U+00FF: Windows-1252 (as Latin-1) has the code point as one byte.
        const auto next = static_cast<unsigned char>(buffer_[++i]);
        converted_.push_back(static_cast<char>(c == 0xC3 ? next + 0x40 : next));
      } else {
        converted_.push_back(static_cast<char>(c));
      }
    }
    out = &converted_;
  }
  if (!out->empty() && std::fwrite(out->data(), 1, out->size(), file_) != out->size()) {
    return IoError(fmt::format("{}: could not write the file (disk full?)", path_));
  }
  bytes_ += static_cast<int64_t>(out->size());
  buffer_.clear();
  return Status::Ok();
}

Status TableSink::Close() {
  NARA_RETURN_IF_ERROR(Flush());
  const int result = std::fclose(file_);
  file_ = nullptr;
  if (result != 0) return IoError(fmt::format("{}: could not write the file (disk full?)", path_));
  return Status::Ok();
}

}  // namespace nara::synth
