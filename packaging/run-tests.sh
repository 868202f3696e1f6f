#!/usr/bin/env bash
# Runs the whole test suite from a build folder inside a private environment: temporary XDG folders,
# one Xvfb display, a private D-Bus session and an unlocked gnome-keyring, so that QtKeychain, real
# drag and drop and screenshots work on a machine with no display and no keyring (such as CI).
set -euo pipefail

build=${1:-build}
shift || true

tmp=$(mktemp -d)
pg_stop=()
cleanup() {
    if ((${#pg_stop[@]})); then "${pg_stop[@]}" >/dev/null 2>&1 || true; fi
    rm -rf "$tmp"
}
trap cleanup EXIT
mkdir -m 700 "$tmp/run"
export XDG_RUNTIME_DIR="$tmp/run" XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache" \
       XDG_CONFIG_HOME="$tmp/config" HOME="$tmp/home"
mkdir -p "$HOME"
unset DISPLAY DBUS_SESSION_BUS_ADDRESS

# A throwaway PostgreSQL cluster for the store suites' PostgreSQL rows (AUTHDECK_TEST_POSTGRES), with Debian's
# server binaries (packaging/install-deps.sh --test): trust auth, 127.0.0.1 on a free port, its socket in the
# temporary folder, fsync off. The server refuses to run as root, so as root (CI) it runs as nobody.
# An AUTHDECK_TEST_POSTGRES set by the caller is used as it is.
pg_bin=/usr/lib/postgresql/15/bin
if [[ -z "${AUTHDECK_TEST_POSTGRES:-}" && -x "$pg_bin/initdb" ]]; then
    pg_dir=$(mktemp -d)   # outside $tmp (mode 700) so that nobody can reach it
    as_owner=()
    if [[ $(id -u) -eq 0 ]]; then
        chown nobody "$pg_dir"
        as_owner=(runuser -u nobody --)
    fi
    # On exit: stop the server (if it runs) and remove its folder.
    pg_stop=(bash -c '"$@"; rm -rf "$0"' "$pg_dir" "${as_owner[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop)
    pg_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    "${as_owner[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U authdeck --auth=trust --no-locale -E UTF8 \
        >"$pg_dir/initdb.log" 2>&1 || { cat "$pg_dir/initdb.log" >&2; exit 1; }
    "${as_owner[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w start \
        -o "-c listen_addresses=127.0.0.1 -p $pg_port -c unix_socket_directories=$pg_dir -c fsync=off \
            -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null \
        || { cat "$pg_dir/server.log" >&2; exit 1; }
    export AUTHDECK_TEST_POSTGRES="postgresql://authdeck@127.0.0.1:$pg_port/postgres"
    echo "PostgreSQL for the store suites: $AUTHDECK_TEST_POSTGRES"
fi

# `run-tests.sh BUILD --exec COMMAND...` runs COMMAND in the same environment instead of ctest (a benchmark
# that needs the keyring and PostgreSQL, such as tests/bench/bench_login_servers).
xvfb-run -a -s "-screen 0 1440x900x24" dbus-run-session -- bash -c '
    printf %s authdeck-ci | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    if [[ "${1:-}" == --exec ]]; then
        shift
        exec "$@"
    fi
    ctest --test-dir "$0" --output-on-failure --timeout 300 --parallel "$(nproc)" "$@"
' "$build" "$@"
