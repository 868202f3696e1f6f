# Suites of the MFA pages, on the real main window.
# Phone Message: the factor, its delivery note, Save and the unsaved-changes prompt.
authdeck_add_test(tst_ui_mfaphonemessage SOURCES TestMfaPhoneMessage.cpp MfaPageFixture.cpp MfaPageFixture.h LIBS ui authdeck_ui_test_helpers)
# The message templates of the Phone Message page: live preview, SMS stats, rules, Reset to default.
authdeck_add_test(tst_ui_mfatemplates SOURCES TestMfaTemplates.cpp MfaPageFixture.cpp MfaPageFixture.h LIBS ui authdeck_ui_test_helpers)
# Require Multi-factor Auth: Always with its confirmation, and the Getting Started steps 4 and 5.
authdeck_add_test(tst_ui_mfapolicy SOURCES TestMfaPolicy.cpp MfaPageFixture.cpp MfaPageFixture.h LIBS ui authdeck_ui_test_helpers)
# Send test message through the Send Phone Message flow to the sandbox and the Test phone.
authdeck_add_test(tst_ui_mfasendtest SOURCES TestMfaSendTest.cpp MfaPageFixture.cpp MfaPageFixture.h LIBS ui authdeck_ui_test_helpers)
