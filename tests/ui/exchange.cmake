# File > Export Tenant and File > Import Tenant: the dialogs on real widgets, and the File menu's actions
# on the real main window.
authdeck_add_test(tst_ui_importdialog SOURCES TestImportDialog.cpp LIBS ui authdeck_ui_test_helpers)
authdeck_add_test(tst_ui_exportdialog SOURCES TestExportDialog.cpp LIBS ui)
authdeck_add_test(tst_ui_tenantexchangeactions SOURCES TestTenantExchangeActions.cpp LIBS ui)
authdeck_add_test(tst_ui_importchangemodel SOURCES TestImportChangeModel.cpp LIBS ui)
