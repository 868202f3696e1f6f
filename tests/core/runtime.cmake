# Suites of the runtime room: the Node.js worker that runs custom actions.
authdeck_add_test(tst_actionruntime SOURCES TestActionRuntime.cpp LIBS core)
authdeck_add_test(tst_actionruntimefailures SOURCES TestActionRuntimeFailures.cpp LIBS core)
authdeck_add_test(tst_actionruntimecheck SOURCES TestActionRuntimeCheck.cpp LIBS core)
authdeck_add_test(tst_scriptjob SOURCES TestScriptJob.cpp LIBS core)
authdeck_add_test(tst_actiontriggers SOURCES TestActionTriggers.cpp LIBS core)
authdeck_add_test(tst_runnerprotocol SOURCES TestRunnerProtocol.cpp LIBS core)
authdeck_add_test(tst_actionruntimeapi SOURCES TestActionRuntimeApi.cpp LIBS core)
