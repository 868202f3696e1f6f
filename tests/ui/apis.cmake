# Applications > APIs: the system API's page and its Machine to Machine Applications (client grants), on the
# real main window; its list model; and the client grant editor the application's APIs tab shares.
authdeck_add_test(tst_ui_apispage SOURCES TestApisPage.cpp LIBS ui authdeck_ui_test_helpers Qt6::Sql)
authdeck_add_test(tst_ui_apiclientlistmodel SOURCES TestApiClientListModel.cpp LIBS ui)
# A change through the Management API over HTTP shows on the open page at once.
authdeck_add_test(tst_ui_managementapilive SOURCES TestManagementApiLive.cpp LIBS ui authdeck_test_support Qt6::Network)
