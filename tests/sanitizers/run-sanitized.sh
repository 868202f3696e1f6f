#!/usr/bin/env bash
# Runs the suites of a build configured with -DAUTHDECK_SANITIZE=ON (the core and login-server Qt Test suites,
# authdeck-cli's checks and, with -DAUTHDECK_FUZZ=ON, the fuzz run, label fuzz) under AddressSanitizer,
# UndefinedBehaviorSanitizer and LeakSanitizer, in packaging/run-tests.sh's environment (keyring, D-Bus,
# PostgreSQL). The browser end-to-end suite and the crash-safety kill loop (which checks files, not memory) are left
# out. Extra arguments go to ctest (e.g. -R tst_jwt).
# Usage: run-sanitized.sh BUILD [CTEST ARGS...]
set -euo pipefail
build=${1:?usage: run-sanitized.sh BUILD [CTEST ARGS...]}
shift
here=$(cd "$(dirname "$0")" && pwd)
source "$here/sanitizer-env.sh"
exec bash "$here/../../packaging/run-tests.sh" "$build" -LE "e2e|crash" "$@"
