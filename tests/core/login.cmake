# Suites of the login room: passwords, users, one-time codes, logs and login transactions.
authdeck_add_test(tst_passwordhasher SOURCES TestPasswordHasher.cpp LIBS core)
authdeck_add_test(tst_userstore SOURCES TestUserStore.cpp LIBS core)
authdeck_add_test(tst_otpcodes SOURCES TestOtpCodes.cpp LIBS core)
authdeck_add_test(tst_logstore SOURCES TestLogStore.cpp LIBS core)
authdeck_add_test(tst_logintransaction SOURCES TestLoginTransaction.cpp TenantTables.cpp TenantTables.h MigrationTestHelpers.cpp MigrationTestHelpers.h LIBS core)
authdeck_add_test(tst_loginrefusals SOURCES TestLoginRefusals.cpp LIBS core)
authdeck_add_test(tst_demoseeder SOURCES TestDemoSeeder.cpp LIBS core)
# Kills a seeding process (itself, run as a child) at random moments: bounded to 24 runs.
authdeck_add_test(tst_demoseederkill SOURCES TestDemoSeederKill.cpp LIBS core)
authdeck_add_test(tst_auditlog SOURCES TestAuditLog.cpp LIBS core)
authdeck_add_test(tst_postloginflow SOURCES TestPostLoginFlow.cpp LIBS core)
