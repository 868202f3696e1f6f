# AUTHDECK_SANITIZE and AUTHDECK_FUZZ: instrumentation for every target that links authdeck_settings (all of
# core, app, ui and the tests), on compile and link. One clang build folder can have both:
#   cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ \
#         -DAUTHDECK_SANITIZE=ON -DAUTHDECK_FUZZ=ON -DAUTHDECK_BUILD_GUI=OFF
# tests/sanitizers/README.md says how its suites and tests/fuzz's targets run.

if(AUTHDECK_SANITIZE OR AUTHDECK_FUZZ)
    # Optimised a little (ASan's own advice) with line tables only: stack traces keep file:line, and the
    # objects stay small enough to link a hundred test executables quickly.
    target_compile_options(authdeck_settings INTERFACE -O1 -gline-tables-only -fno-omit-frame-pointer)
endif()

if(AUTHDECK_SANITIZE)
    set(sanitizers -fsanitize=address,undefined -fno-sanitize-recover=all)
    target_compile_options(authdeck_settings INTERFACE ${sanitizers})
    target_link_options(authdeck_settings INTERFACE ${sanitizers})
endif()

if(AUTHDECK_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        message(FATAL_ERROR "AUTHDECK_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++")
    endif()
    # Coverage for libFuzzer in every layer; only the targets in tests/fuzz link libFuzzer itself
    # (-fsanitize=fuzzer). The other executables get the coverage hooks from the sanitizers' runtime.
    if(NOT AUTHDECK_SANITIZE)
        message(FATAL_ERROR "AUTHDECK_FUZZ needs AUTHDECK_SANITIZE=ON (its runtime serves the coverage hooks)")
    endif()
    target_compile_options(authdeck_settings INTERFACE -fsanitize=fuzzer-no-link)
endif()
