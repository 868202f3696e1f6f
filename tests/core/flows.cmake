# Suites of the flows room.
authdeck_add_test(tst_flowdraft SOURCES TestFlowDraft.cpp LIBS core)
authdeck_add_test(tst_flowdraftrefusals SOURCES TestFlowDraftRefusals.cpp LIBS core)
authdeck_add_test(tst_flowdraftactions SOURCES TestFlowDraftActions.cpp LIBS core)
authdeck_add_test(tst_flowservice SOURCES TestFlowService.cpp LIBS core)
