# File > Open Tenant and File > Open Recent: the dialog on real widgets (Test connection against a closed
# port and the test PostgreSQL server), the actions on the real main window, and the password prompt.
authdeck_add_test(tst_ui_opentenantdialog SOURCES TestOpenTenantDialog.cpp LIBS ui)
authdeck_add_test(tst_ui_tenantopenactions SOURCES TestTenantOpenActions.cpp LIBS ui)
authdeck_add_test(tst_ui_passwordprompt SOURCES TestPasswordPrompt.cpp LIBS ui authdeck_ui_test_helpers)
