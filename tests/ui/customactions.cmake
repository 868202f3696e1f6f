# The custom action page: edit, check, save, deploy, test, secrets, dependencies, versions and rollback.
# Every suite is named tst_ui_customaction*, so that `ctest -R customaction` runs them all.
set(AUTHDECK_CUSTOMACTION_FIXTURE CustomActionFixture.cpp CustomActionFixture.h)
authdeck_add_test(tst_ui_customactionpage SOURCES TestCustomActionPage.cpp ${AUTHDECK_CUSTOMACTION_FIXTURE} LIBS ui authdeck_ui_test_helpers)
authdeck_add_test(tst_ui_customactionsecrets SOURCES TestActionSecretsPanel.cpp ${AUTHDECK_CUSTOMACTION_FIXTURE} LIBS ui authdeck_ui_test_helpers)
authdeck_add_test(tst_ui_customactiondependencies SOURCES TestActionDependenciesPanel.cpp ${AUTHDECK_CUSTOMACTION_FIXTURE} LIBS ui authdeck_ui_test_helpers)
authdeck_add_test(tst_ui_customactiontest SOURCES TestActionTestPanel.cpp ${AUTHDECK_CUSTOMACTION_FIXTURE} LIBS ui authdeck_ui_test_helpers)
authdeck_add_test(tst_ui_customactionversions SOURCES TestVersionHistory.cpp ${AUTHDECK_CUSTOMACTION_FIXTURE} LIBS ui authdeck_ui_test_helpers)
