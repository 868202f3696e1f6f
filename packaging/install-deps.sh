#!/usr/bin/env bash
# Installs what Authdeck needs to build, run and test on Debian 12 (bookworm).
# Idempotent: only packages that are missing are installed. Never installs dbus-x11
# (it makes QtKeychain autolaunch a keyring prompt that hangs a headless session).
set -euo pipefail

PKGS=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev libqt6sql6-sqlite qt6-httpserver-dev qt6-websockets-dev qt6-svg-dev
    qtkeychain-qt6-dev libphonenumber-dev libsodium-dev libssl-dev libxkbcommon-dev
    fonts-inter fonts-dejavu-core
    nodejs
)
if [[ "${1:-}" == "--test" ]]; then
    PKGS+=(xvfb xauth dbus gnome-keyring libsecret-tools imagemagick x11-utils python3)
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
