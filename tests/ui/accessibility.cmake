# What a screen reader gets.
# The search fields: a decorative magnifier, and a named clear button that clears.
authdeck_add_test(tst_ui_searchfield SOURCES TestSearchField.cpp LIBS ui authdeck_ui_test_helpers)
# The sidebar: section headers apart from entries; an entry selected through the accessibility tree opens.
authdeck_add_test(tst_ui_sidebar SOURCES TestSidebar.cpp LIBS ui)
