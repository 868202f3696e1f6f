# The sanitizers' options for a build configured with -DAUTHDECK_SANITIZE=ON, sourced by run-sanitized.sh and
# tests/fuzz/run-fuzz.sh: stop at the first report with a stack trace, look for leaks at exit, and leave out
# only the third-party libraries' own leaks listed (each with its reason) in lsan.supp.
sanitizers_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1:detect_stack_use_after_return=0:strict_string_checks=0:check_initialization_order=1:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:report_error_type=1:${UBSAN_OPTIONS:-}"
export LSAN_OPTIONS="suppressions=$sanitizers_dir/lsan.supp:print_suppressions=0:${LSAN_OPTIONS:-}"
