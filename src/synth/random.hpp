// A small deterministic PRNG and the few distributions the generator needs: the same seed gives
// the same numbers with every standard library (std:: distributions differ between them).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>

namespace nara::synth {

// xoshiro256** (Blackman and Vigna 2018) seeded through splitmix64. Not thread-safe; one per
// generator.
class Random {
 public:
  explicit Random(uint64_t seed) {
    uint64_t x = seed;
    for (uint64_t& word : state_) word = SplitMix(x);
  }

  uint64_t Next() {
    const uint64_t result = Rotate(state_[1] * 5, 7) * 9;
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = Rotate(state_[3], 45);
    return result;
  }

  // Uniform in [0, 1).
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

  // Uniform integer in [lo, hi]; lo <= hi. The modulo bias (< 2^-32 for our ranges) is harmless.
  int Between(int lo, int hi) {
    const auto span = static_cast<uint64_t>(static_cast<int64_t>(hi) - lo + 1);
    return static_cast<int>(lo + static_cast<int64_t>(Next() % span));
  }

  // Uniform index in [0, n); n > 0.
  size_t Index(size_t n) { return static_cast<size_t>(Next() % static_cast<uint64_t>(n)); }

  bool Chance(double p) { return Uniform() < p; }

  // A geometric number of failures (0, 1, 2, ...) with the given mean.
  int Geometric(double mean) {
    if (mean <= 0.0) return 0;
    const double p = 1.0 / (1.0 + mean);
    return static_cast<int>(std::floor(std::log(1.0 - Uniform()) / std::log(1.0 - p)));
  }

  // A count with the given mean: uniform on 0..n where n is 2 * mean rounded at random (up with
  // probability equal to its fraction), so the mean is exact.
  int CountWithMean(double mean) {
    if (mean <= 0.0) return 0;
    const double top = 2.0 * mean;
    const int whole = static_cast<int>(top);
    const int upper = whole + (Uniform() < top - whole ? 1 : 0);
    return Between(0, upper);
  }

 private:
  static uint64_t SplitMix(uint64_t& x) {
    uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  static uint64_t Rotate(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  uint64_t state_[4];
};

}  // namespace nara::synth
