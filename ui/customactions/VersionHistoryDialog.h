#pragma once

#include "core/model/CustomAction.h"

#include <QDialog>
#include <QList>

class CodeEditor;
class CustomActionService;
class DiffView;
class QLabel;
class QPushButton;
class QTabWidget;
class QTreeWidget;

/**
 * @brief The versions of a custom action, newest first: each one's code (read-only), how it differs from
 *        the draft, and Roll back to this version (Auth0's POST versions/{id}/deploy).
 *
 * Rolling back asks first, with the choice to replace the draft with the version's code too; then
 * CustomActionService::rollback() runs and the dialog closes with rolledBack(). A refusal stays in the
 * dialog, under the list.
 */
class VersionHistoryDialog : public QDialog
{
    Q_OBJECT

public:
    /**
     * @param draft the code the editor holds, compared with each version
     * @param unsavedEdits whether @p draft has edits that replacing the draft would lose
     */
    VersionHistoryDialog(CustomActionService &service,
                         const CustomAction &action,
                         const QString &draft,
                         bool unsavedEdits,
                         QWidget *parent = nullptr);

    /// The versions listed, newest first.
    const QList<CustomActionVersion> &versions() const { return m_versions; }
    /// Selects version @p number; false when it is not listed.
    bool selectVersion(int number);
    /// The number of the selected version, 0 when none is.
    int selectedNumber() const;

    /// Asks, then rolls back to the selected version.
    void rollbackSelected();

Q_SIGNALS:
    /// Version @p number is the deployed one now; @p draftReplaced when the draft became its code.
    void rolledBack(int number, bool draftReplaced);

private:
    void load();
    void showSelected();
    void rollback(int number, bool replaceDraft);

    CustomActionService &m_service;
    CustomAction m_action;
    QString m_draft;
    bool m_unsavedEdits;
    QList<CustomActionVersion> m_versions;
    QTreeWidget *m_list;
    QLabel *m_empty;
    QLabel *m_error;
    QLabel *m_details;
    QTabWidget *m_tabs;
    CodeEditor *m_code;
    DiffView *m_diff;
    QPushButton *m_rollback;
};
