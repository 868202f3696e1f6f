# File > Open Tenant and File > Open Recent: the dialog on real widgets (Test connection against a closed
# port and the test PostgreSQL server), and the actions on the real main window.
authdeck_add_test(tst_ui_opentenantdialog SOURCES TestOpenTenantDialog.cpp LIBS ui)
authdeck_add_test(tst_ui_tenantopenactions SOURCES TestTenantOpenActions.cpp LIBS ui)
