# The Try your login window, by clicks against the local Plivo sandbox.
authdeck_add_test(tst_ui_trylogin SOURCES TestTryLogin.cpp LIBS ui authdeck_ui_test_helpers)
authdeck_add_test(tst_ui_trylogin_refusals SOURCES TestTryLoginRefusals.cpp LIBS ui)
authdeck_add_test(tst_ui_trylogin_accessibility SOURCES TestTryLoginAccessibility.cpp LIBS ui)
