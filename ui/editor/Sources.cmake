# The code editor and its companions (highlighting, find, diff), used by the custom action pages.
target_sources(ui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/CodeEditor.cpp ${CMAKE_CURRENT_LIST_DIR}/CodeEditor.h
    ${CMAKE_CURRENT_LIST_DIR}/ConsoleView.cpp ${CMAKE_CURRENT_LIST_DIR}/ConsoleView.h
    ${CMAKE_CURRENT_LIST_DIR}/Diagnostic.h
    ${CMAKE_CURRENT_LIST_DIR}/DiffTextView.cpp ${CMAKE_CURRENT_LIST_DIR}/DiffTextView.h
    ${CMAKE_CURRENT_LIST_DIR}/DiffView.cpp ${CMAKE_CURRENT_LIST_DIR}/DiffView.h
    ${CMAKE_CURRENT_LIST_DIR}/EditorColors.cpp ${CMAKE_CURRENT_LIST_DIR}/EditorColors.h
    ${CMAKE_CURRENT_LIST_DIR}/FindBar.cpp ${CMAKE_CURRENT_LIST_DIR}/FindBar.h
    ${CMAKE_CURRENT_LIST_DIR}/JavaScriptHighlighter.cpp ${CMAKE_CURRENT_LIST_DIR}/JavaScriptHighlighter.h
    ${CMAKE_CURRENT_LIST_DIR}/LineNumberArea.cpp ${CMAKE_CURRENT_LIST_DIR}/LineNumberArea.h
)
