// Wall-time of the phases of a run, printed to standard error when NARA_TIMINGS=1 (a developer
// aid for profiling; users never see it).
#pragma once

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace nara {

// Prints "timing: <phase> <seconds> s" when destroyed (or at Lap) if NARA_TIMINGS is "1".
class PhaseTimer {
 public:
  explicit PhaseTimer(const char* phase) : phase_(phase), start_(Clock::now()) {}
  ~PhaseTimer() { Lap(nullptr); }
  PhaseTimer(const PhaseTimer&) = delete;
  PhaseTimer& operator=(const PhaseTimer&) = delete;

  // Prints the time since the last lap (or the start) under `next`'s predecessor and starts
  // timing `next` (nullptr: stop).
  void Lap(const char* next) {
    if (phase_ == nullptr) return;
    const auto now = Clock::now();
    if (Enabled()) {
      std::fprintf(stderr, "timing: %s %.3f s\n", phase_,
                   std::chrono::duration<double>(now - start_).count());
    }
    phase_ = next;
    start_ = now;
  }

  static bool Enabled() {
    static const bool enabled = [] {
      const char* value = std::getenv("NARA_TIMINGS");
      return value != nullptr && std::strcmp(value, "1") == 0;
    }();
    return enabled;
  }

 private:
  using Clock = std::chrono::steady_clock;
  const char* phase_;
  Clock::time_point start_;
};

}  // namespace nara
