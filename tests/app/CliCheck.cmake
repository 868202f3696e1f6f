# What the authdeck-cli script tests share (include()d by them): a fresh ${WORK} folder, cli() to run
# ${CLI} expecting an exit code, and expect() to look for a pattern in what it printed.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})

# Runs authdeck-cli with ARGN; fails unless it exits with expected_code; out_var gets stdout and stderr.
function(cli expected_code out_var)
    execute_process(COMMAND ${CLI} ${ARGN} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT code EQUAL expected_code)
        message(FATAL_ERROR "authdeck-cli ${ARGN}: exit ${code}, expected ${expected_code}\n${out}\n${err}")
    endif()
    set(${out_var} "${out}${err}" PARENT_SCOPE)
endfunction()

function(expect text pattern)
    if(NOT text MATCHES "${pattern}")
        message(FATAL_ERROR "Expected /${pattern}/ in:\n${text}")
    endif()
endfunction()
