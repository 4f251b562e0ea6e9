#!/usr/bin/env bash
# Sets up Nära on a fresh Debian 12 machine: installs every dependency from Debian's packages
# (and npm for the JavaScript parts), builds the dashboard and the release binary and runs `nara demo`.
#   scripts/setup.sh              everything
#   scripts/setup.sh --deps-only  only the dependencies (used by scripts/test.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  build-essential cmake ninja-build pkg-config ccache git
  libfmt-dev libspdlog-dev libcli11-dev nlohmann-json3-dev libtomlplusplus-dev
  libsqlite3-dev libssl-dev libcpp-httplib-dev libxlsxwriter-dev zlib1g-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang-16 libclang-rt-16-dev
  unzip chromium
  libreoffice-calc-nogui poppler-utils  # the settlement workbooks opened in LibreOffice (tests)
)

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  missing+=(nodejs npm)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The DuckDB peer used by the differential test and the benchmarks.
if [ -f bench/peer/package-lock.json ]; then
  (cd bench/peer && npm ci --no-audit --no-fund --loglevel=error)
fi
# playwright-core for the headless-Chromium test of the HTML report (uses /usr/bin/chromium).
if [ -f tests/browser/package-lock.json ]; then
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
fi

# The dashboard (web/dist, served by `nara serve`) and the browser tests' playwright-core.
if [ -f web/package-lock.json ]; then
  (cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)
fi

if [ "${1:-}" = "--deps-only" ]; then
  exit 0
fi

cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"
echo
./build/release/app/nara/nara demo --out demo
