#!/usr/bin/env bash
# Runs the whole test suite from a build folder inside a private environment: temporary XDG folders,
# one Xvfb display, a private D-Bus session and an unlocked gnome-keyring, so that QtKeychain, real
# drag and drop and screenshots work on a machine with no display and no keyring (such as CI).
set -euo pipefail

build=${1:-build}
shift || true

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -m 700 "$tmp/run"
export XDG_RUNTIME_DIR="$tmp/run" XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache" \
       XDG_CONFIG_HOME="$tmp/config" HOME="$tmp/home"
mkdir -p "$HOME"
unset DISPLAY DBUS_SESSION_BUS_ADDRESS

xvfb-run -a -s "-screen 0 1440x900x24" dbus-run-session -- bash -c '
    printf %s authdeck-ci | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    ctest --test-dir "$0" --output-on-failure --timeout 300 "$@"
' "$build" "$@"
