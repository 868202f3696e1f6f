# Suites of the actions room.
authdeck_add_test(tst_phonenumber SOURCES TestPhoneNumber.cpp LIBS core)
authdeck_add_test(tst_integrationcatalog SOURCES TestIntegrationCatalog.cpp LIBS core)
authdeck_add_test(tst_integrationservice SOURCES TestIntegrationService.cpp LIBS core)
authdeck_add_test(tst_integrationsafety SOURCES TestIntegrationSafety.cpp LIBS core)
