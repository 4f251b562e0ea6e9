// A small deterministic PRNG and distributions: the same seed gives the same numbers on every
// platform (std:: distributions differ between standard libraries).
#pragma once

#include <cmath>
#include <cstdint>

namespace nara::synth {

// splitmix64 (Steele, Lea, Flood 2014): tiny, fast, good enough for synthetic data.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1).
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  // Uniform integer in [lo, hi].
  int Between(int lo, int hi) {
    return lo + static_cast<int>(Next() % static_cast<uint64_t>(hi - lo + 1));
  }
  bool Chance(double p) { return Uniform() < p; }
  // Geometric number of extra days with the given mean (0, 1, 2, ...).
  int Geometric(double mean) {
    const double p = 1.0 / (1.0 + mean);
    return static_cast<int>(std::floor(std::log(1.0 - Uniform()) / std::log(1.0 - p)));
  }

 private:
  uint64_t state_;
};

}  // namespace nara::synth
