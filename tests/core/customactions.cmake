# Suites of custom actions: drafts, versions, secrets, npm dependencies.
authdeck_add_test(tst_dependencyinstaller SOURCES TestDependencyInstaller.cpp LIBS core)
authdeck_add_test(tst_customactionservice SOURCES TestCustomActionService.cpp LIBS core)
authdeck_add_test(tst_customactionsecrets SOURCES TestCustomActionSecrets.cpp LIBS core)
authdeck_add_test(tst_customactionversions SOURCES TestCustomActionVersions.cpp LIBS core)
authdeck_add_test(tst_customactionflow SOURCES TestCustomActionFlow.cpp LIBS core)
