// A SIGBUS handler for mapped extract files: a clear message and exit 3.
#include "base/truncation_guard.hpp"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <mutex>

namespace nara {
namespace {

constexpr int kSlots = 64;
constexpr size_t kMessageBytes = 320;

// One guarded mapping. `end` is written last on register and cleared first on unregister, so
// the handler never reads a half-written message.
struct Slot {
  std::atomic<bool> taken{false};
  std::atomic<uintptr_t> begin{0};
  std::atomic<uintptr_t> end{0};
  char message[kMessageBytes] = {};
  size_t length = 0;
};

Slot g_slots[kSlots];
struct sigaction g_previous {};
std::once_flag g_installed;

void OnSigbus(int signal, siginfo_t* info, void* context) {
  const auto address = reinterpret_cast<uintptr_t>(info != nullptr ? info->si_addr : nullptr);
  for (Slot& slot : g_slots) {
    const uintptr_t end = slot.end.load(std::memory_order_acquire);
    if (end != 0 && address >= slot.begin.load(std::memory_order_relaxed) && address < end) {
      (void)!::write(STDERR_FILENO, slot.message, slot.length);
      ::_exit(3);
    }
  }
  // Not ours: hand it to whoever had SIGBUS before.
  if ((g_previous.sa_flags & SA_SIGINFO) != 0 && g_previous.sa_sigaction != nullptr) {
    g_previous.sa_sigaction(signal, info, context);
    return;
  }
  if (g_previous.sa_handler != SIG_DFL && g_previous.sa_handler != SIG_IGN &&
      g_previous.sa_handler != nullptr) {
    g_previous.sa_handler(signal);
    return;
  }
  // The default action: restore it and return, so that the fault happens again and kills.
  struct sigaction default_action {};
  default_action.sa_handler = SIG_DFL;
  sigemptyset(&default_action.sa_mask);
  ::sigaction(SIGBUS, &default_action, nullptr);
}

void Install() {
  struct sigaction action {};
  action.sa_sigaction = OnSigbus;
  action.sa_flags = SA_SIGINFO;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGBUS, &action, &g_previous);
}

}  // namespace

int GuardMapping(const void* begin, size_t size, std::string_view file_name) {
  std::call_once(g_installed, Install);
  for (int i = 0; i < kSlots; ++i) {
    Slot& slot = g_slots[i];
    bool expected = false;
    if (!slot.taken.compare_exchange_strong(expected, true)) continue;
    constexpr std::string_view kPrefix = "nara: ";
    constexpr std::string_view kSuffix =
        ": the file was truncated or rewritten while it was read, so rows are missing; deliver "
        "the extract whole, then run again\n";
    const std::string_view name = file_name.substr(
        0, std::min(file_name.size(), kMessageBytes - kPrefix.size() - kSuffix.size()));
    char* out = slot.message;
    out = std::copy(kPrefix.begin(), kPrefix.end(), out);
    out = std::copy(name.begin(), name.end(), out);
    out = std::copy(kSuffix.begin(), kSuffix.end(), out);
    slot.length = static_cast<size_t>(out - slot.message);
    slot.begin.store(reinterpret_cast<uintptr_t>(begin), std::memory_order_relaxed);
    slot.end.store(reinterpret_cast<uintptr_t>(begin) + size, std::memory_order_release);
    return i;
  }
  return -1;
}

void UnguardMapping(int slot) {
  if (slot < 0 || slot >= kSlots) return;
  g_slots[slot].end.store(0, std::memory_order_release);
  g_slots[slot].taken.store(false, std::memory_order_release);
}

}  // namespace nara
