# Suites of User Management > Users and Monitoring > Logs.
# Users: the list model, Create User, search, Block/Unblock, Reset MFA and Delete with their confirmations.
authdeck_add_test(tst_ui_users SOURCES TestUsersPage.cpp LIBS ui authdeck_ui_test_helpers)
# Logs: live events, the type/user/date filters, the JSON detail pane and masked phone numbers.
authdeck_add_test(tst_ui_logs SOURCES TestLogsPage.cpp LIBS ui authdeck_ui_test_helpers)
# A log event that cannot be written: the main window says so, Logs counts the events lost.
authdeck_add_test(tst_ui_logfailures SOURCES TestLogFailures.cpp LIBS ui authdeck_ui_test_helpers)
# Users and Logs beyond a page: the lists read as they scroll, every event and user can be reached, the
# search and filters run in the store; Logs in the real main window keeps the window's width and fits.
authdeck_add_test(tst_ui_usersscale SOURCES TestUsersPageScale.cpp LIBS ui authdeck_ui_test_helpers)
authdeck_add_test(tst_ui_logsscale SOURCES TestLogsPageScale.cpp LIBS ui authdeck_ui_test_helpers)
