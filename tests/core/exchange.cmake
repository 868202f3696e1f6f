# Suites of the tenant's import and export in Auth0 Deploy CLI's formats.
authdeck_add_test(tst_yamltree SOURCES TestYamlTree.cpp LIBS core)
authdeck_add_test(tst_tenantfiles SOURCES TestTenantFiles.cpp LIBS core)
authdeck_add_test(tst_importplan SOURCES TestImportPlan.cpp ExchangeFixture.cpp ExchangeFixture.h LIBS core)
authdeck_add_test(tst_tenantimporter SOURCES TestTenantImporter.cpp ExchangeFixture.cpp ExchangeFixture.h LIBS core)
