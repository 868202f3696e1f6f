# What a screen reader gets: every page and dialog's accessibility tree (names, no duplicates, no line
# breaks) as the screenshot renderer opens them; the search fields' buttons; the sidebar's sections and
# entries, chosen through the accessibility tree.
authdeck_add_test(tst_ui_accessibilitytree SOURCES TestAccessibilityTree.cpp LIBS ui)
authdeck_add_test(tst_ui_searchfield SOURCES TestSearchField.cpp LIBS ui authdeck_ui_test_helpers)
authdeck_add_test(tst_ui_sidebar SOURCES TestSidebar.cpp LIBS ui)
