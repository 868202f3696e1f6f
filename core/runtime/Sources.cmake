# Sources of the runtime room: custom actions on a persistent Node.js worker.
# The runner script itself lives in resources/runtime (runner.js, action-thread.js, compile.js, triggers.json).
target_sources(core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/ActionRuntime.cpp ${CMAKE_CURRENT_LIST_DIR}/ActionRuntime.h
    ${CMAKE_CURRENT_LIST_DIR}/ActionTriggers.cpp ${CMAKE_CURRENT_LIST_DIR}/ActionTriggers.h
    ${CMAKE_CURRENT_LIST_DIR}/NodeWorker.cpp ${CMAKE_CURRENT_LIST_DIR}/NodeWorker.h
    ${CMAKE_CURRENT_LIST_DIR}/RunnerProtocol.cpp ${CMAKE_CURRENT_LIST_DIR}/RunnerProtocol.h
    ${CMAKE_CURRENT_LIST_DIR}/ScriptJob.cpp ${CMAKE_CURRENT_LIST_DIR}/ScriptJob.h
    ${CMAKE_CURRENT_LIST_DIR}/ScriptOutcome.cpp ${CMAKE_CURRENT_LIST_DIR}/ScriptOutcome.h
    ${CMAKE_CURRENT_LIST_DIR}/ScriptRequest.h
)
