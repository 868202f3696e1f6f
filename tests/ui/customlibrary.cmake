# Custom actions in the Library (list, Create Action) and in the flow editor's Custom tab.
authdeck_add_test(tst_ui_customactionlistmodel SOURCES TestCustomActionListModel.cpp LIBS ui)
authdeck_add_test(tst_ui_librarycustom SOURCES TestLibraryCustom.cpp LIBS ui authdeck_ui_test_helpers)
authdeck_add_test(tst_ui_flowcustomactions SOURCES TestFlowCustomActions.cpp FlowEditorFixture.cpp FlowEditorFixture.h LIBS ui authdeck_ui_test_helpers)
