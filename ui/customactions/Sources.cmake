# The custom action pages: the code editor page with its Secrets, Dependencies and Test panels, and the
# version history.
target_sources(ui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/ActionCodeArea.cpp ${CMAKE_CURRENT_LIST_DIR}/ActionCodeArea.h
    ${CMAKE_CURRENT_LIST_DIR}/ActionDependenciesPanel.cpp ${CMAKE_CURRENT_LIST_DIR}/ActionDependenciesPanel.h
    ${CMAKE_CURRENT_LIST_DIR}/ActionLook.cpp ${CMAKE_CURRENT_LIST_DIR}/ActionLook.h
    ${CMAKE_CURRENT_LIST_DIR}/ActionSecretsPanel.cpp ${CMAKE_CURRENT_LIST_DIR}/ActionSecretsPanel.h
    ${CMAKE_CURRENT_LIST_DIR}/ActionTestPanel.cpp ${CMAKE_CURRENT_LIST_DIR}/ActionTestPanel.h
    ${CMAKE_CURRENT_LIST_DIR}/CustomActionPage.cpp ${CMAKE_CURRENT_LIST_DIR}/CustomActionPage.h
    ${CMAKE_CURRENT_LIST_DIR}/SecretDialog.cpp ${CMAKE_CURRENT_LIST_DIR}/SecretDialog.h
    ${CMAKE_CURRENT_LIST_DIR}/StatusPill.cpp ${CMAKE_CURRENT_LIST_DIR}/StatusPill.h
    ${CMAKE_CURRENT_LIST_DIR}/SyntaxChecker.cpp ${CMAKE_CURRENT_LIST_DIR}/SyntaxChecker.h
    ${CMAKE_CURRENT_LIST_DIR}/VersionHistoryDialog.cpp ${CMAKE_CURRENT_LIST_DIR}/VersionHistoryDialog.h
)
# The icons of the sidebar's tabs and the toolbar, beside Authdeck's own so that Theme::icon() finds them.
qt_add_resources(ui "customaction_icons"
    PREFIX "/authdeck/icons"
    BASE ${CMAKE_CURRENT_LIST_DIR}/icons
    FILES
        ${CMAKE_CURRENT_LIST_DIR}/icons/deploy.svg
        ${CMAKE_CURRENT_LIST_DIR}/icons/history.svg
        ${CMAKE_CURRENT_LIST_DIR}/icons/npm-package.svg
        ${CMAKE_CURRENT_LIST_DIR}/icons/run-test.svg
        ${CMAKE_CURRENT_LIST_DIR}/icons/secret-key.svg
)
