#!/usr/bin/env bash
# Installs what Authdeck needs to build, run and test on Debian 12 (bookworm).
# Idempotent: only packages that are missing are installed. Never installs dbus-x11
# (it makes QtKeychain autolaunch a keyring prompt that hangs a headless session).
set -euo pipefail

PKGS=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev libqt6sql6-sqlite libqt6sql6-psql qt6-httpserver-dev qt6-websockets-dev qt6-svg-dev
    qtkeychain-qt6-dev libphonenumber-dev libsodium-dev libssl-dev libxkbcommon-dev
    libyaml-cpp-dev
    fonts-inter fonts-dejavu-core
    nodejs
    # The build renders the icon's PNG sizes (rsvg-convert) and the man pages from --help (help2man).
    librsvg2-bin help2man
)
if [[ "${1:-}" == "--test" ]]; then
    # chromium: the browser end-to-end suite (tests/e2e) drives Debian's /usr/bin/chromium.
    PKGS+=(xvfb xauth dbus gnome-keyring libsecret-tools imagemagick x11-utils python3 chromium)
    # package_deb (tests/package): dpkg-shlibdeps and file for CPack, lintian, the desktop entry and
    # AppStream validators, man to render the man pages.
    PKGS+=(dpkg-dev file lintian desktop-file-utils appstream man-db)
    # The store suites run a second time on a throwaway PostgreSQL cluster (run-tests.sh starts it).
    PKGS+=(postgresql)
    # The sanitizer and fuzz build (tests/sanitizers, tests/fuzz): clang, its ASan/UBSan/libFuzzer runtimes,
    # and llvm-symbolizer for the reports' stack traces.
    PKGS+=(clang libclang-rt-14-dev llvm)
fi

missing=()
for p in "${PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# Custom actions need npm for their dependencies. Debian's nodejs ships it as its own package; NodeSource's
# nodejs already includes it (and conflicts with Debian's npm), so it is only added when the command is absent.
if ! command -v npm >/dev/null 2>&1; then
    missing+=(npm)
fi

if ((${#missing[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
        echo "Missing packages: ${missing[*]}" >&2
        echo "Run this script as root (or with sudo) to install them." >&2
        exit 1
    fi
    echo "Installing: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The browser end-to-end suite's npm packages (pinned in tests/e2e/package-lock.json), installed with the
# machine's own Node.js and npm. Runs again only when the lockfile is newer than the installed tree
# (npm writes node_modules/.package-lock.json on every install).
if [[ "${1:-}" == "--test" ]]; then
    e2e="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/e2e"
    if [[ ! -f "$e2e/node_modules/.package-lock.json" || "$e2e/package-lock.json" -nt "$e2e/node_modules/.package-lock.json" ]]; then
        echo "Installing the e2e suite's npm packages in $e2e"
        (cd "$e2e" && npm ci --no-audit --no-fund)
    fi
fi
