# Sources of the flows room: triggers, bindings, the flow service and the editing draft.
target_sources(core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/ActionRef.cpp ${CMAKE_CURRENT_LIST_DIR}/ActionRef.h
    ${CMAKE_CURRENT_LIST_DIR}/Binding.cpp ${CMAKE_CURRENT_LIST_DIR}/Binding.h
    ${CMAKE_CURRENT_LIST_DIR}/CustomActionStep.cpp ${CMAKE_CURRENT_LIST_DIR}/CustomActionStep.h
    ${CMAKE_CURRENT_LIST_DIR}/FlowDraft.cpp ${CMAKE_CURRENT_LIST_DIR}/FlowDraft.h
    ${CMAKE_CURRENT_LIST_DIR}/FlowService.cpp ${CMAKE_CURRENT_LIST_DIR}/FlowService.h
    ${CMAKE_CURRENT_LIST_DIR}/PostLoginFlow.cpp ${CMAKE_CURRENT_LIST_DIR}/PostLoginFlow.h
    ${CMAKE_CURRENT_LIST_DIR}/Trigger.cpp ${CMAKE_CURRENT_LIST_DIR}/Trigger.h
    ${CMAKE_CURRENT_LIST_DIR}/../store/FlowRepository.cpp ${CMAKE_CURRENT_LIST_DIR}/../store/FlowRepository.h
)
