# Suites of the mfa room: templates, the MFA service, the Send Phone Message pipeline and executions.
authdeck_add_test(tst_mfatemplates SOURCES TestMessageTemplates.cpp LIBS core)
authdeck_add_test(tst_mfaservice SOURCES TestMfaService.cpp LIBS core)
authdeck_add_test(tst_mfapipeline SOURCES TestPhoneMessagePipeline.cpp LIBS core)
authdeck_add_test(tst_executionrepository SOURCES TestExecutionRepository.cpp LIBS core)
authdeck_add_test(tst_executionfailures SOURCES TestExecutionFailures.cpp LIBS core)
