# Suites of the login server, over real HTTP on a loopback port.
authdeck_add_test(tst_loginserver SOURCES TestLoginServer.cpp LoginServerFixture.cpp LoginServerFixture.h LIBS core)
authdeck_add_test(tst_loginservergrants SOURCES TestLoginServerGrants.cpp LoginServerFixture.cpp LoginServerFixture.h LIBS core)
authdeck_add_test(tst_managementapi SOURCES TestManagementApi.cpp LoginServerFixture.cpp LoginServerFixture.h LIBS core)
authdeck_add_test(tst_managementapiguardian SOURCES TestManagementApiGuardian.cpp LoginServerFixture.cpp LoginServerFixture.h LIBS core)
authdeck_add_test(tst_loginservertls SOURCES TestLoginServerTls.cpp LIBS core)
authdeck_add_test(tst_ratelimiter SOURCES TestRateLimiter.cpp LIBS core)
authdeck_add_test(tst_managementapiusers SOURCES TestManagementApiUsers.cpp LoginServerFixture.cpp LoginServerFixture.h LIBS core)
authdeck_add_test(tst_managementapitenant SOURCES TestManagementApiTenant.cpp LoginServerFixture.cpp LoginServerFixture.h LIBS core)
