# Suites of the plivo room.
authdeck_add_test(tst_smstext SOURCES TestSmsText.cpp LIBS core)
authdeck_add_test(tst_plivoparsing SOURCES TestPlivoParsing.cpp LIBS core)
authdeck_add_test(tst_plivosandbox SOURCES TestPlivoSandbox.cpp LIBS core)
authdeck_add_test(tst_plivosandboxmodes SOURCES TestPlivoSandboxModes.cpp LIBS core)
authdeck_add_test(tst_plivoclient SOURCES TestPlivoClient.cpp LIBS core)
authdeck_add_test(tst_plivoclientfailures SOURCES TestPlivoClientFailures.cpp LIBS core)
authdeck_add_test(tst_deliverytracker SOURCES TestDeliveryTracker.cpp LIBS core)
authdeck_add_test(tst_smsmessagerepository SOURCES TestSmsMessageRepository.cpp LIBS core)
