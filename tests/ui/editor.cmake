# The code editor widgets: typing and the gutter, syntax colours, find, diff and the console.
authdeck_add_test(tst_ui_codeeditor SOURCES TestCodeEditor.cpp LIBS ui)
authdeck_add_test(tst_ui_javascripthighlighter SOURCES TestJavaScriptHighlighter.cpp LIBS ui)
authdeck_add_test(tst_ui_findbar SOURCES TestFindBar.cpp LIBS ui)
authdeck_add_test(tst_ui_diffview SOURCES TestDiffView.cpp LIBS ui)
authdeck_add_test(tst_ui_consoleview SOURCES TestConsoleView.cpp LIBS ui)
