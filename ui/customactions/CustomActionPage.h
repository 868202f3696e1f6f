#pragma once

#include "core/actions/CustomActionJob.h"
#include "core/model/CustomAction.h"
#include "ui/common/Shortcut.h"
#include "ui/shell/Page.h"

#include <QPointer>

class ActionCodeArea;
class ActionDependenciesPanel;
class ActionSecretsPanel;
class ActionTestPanel;
class CustomActionService;
class MessageBar;
class QLabel;
class QPushButton;
class QTabWidget;
class StatusPill;
class Tenant;

/**
 * @brief A custom action in Auth0's action editor: its code with syntax checking as it is typed, Save
 *        Draft, Deploy, Version History and Delete, and a sidebar with its Secrets, Dependencies and Test.
 *
 * The draft is the code and the npm dependencies: Save Draft (Ctrl+S) stores them without changing what
 * runs; Deploy saves them and makes them the next version, which the flows run. Secrets are saved at once
 * by their own panel. Leaving with unsaved edits asks first. A draft saved elsewhere meanwhile makes Save
 * refuse (a conflict) and offers Reload.
 */
class CustomActionPage : public Page
{
    Q_OBJECT

public:
    CustomActionPage(Tenant &tenant, QWidget *parent = nullptr);

    /// Opens custom action @p argument (its id); empty keeps the one open, with its edits.
    void open(const QString &argument) override;
    bool confirmLeave() override;

    /// The id of the action shown; empty when none is.
    QString actionId() const { return m_action.id; }
    /// Whether the code or the dependencies differ from the saved draft.
    bool isDirty() const;

    /// Saves the code and dependencies as the draft; false (with the reason shown) when refused.
    bool saveDraft();
    /// Saves the draft when it changed, then deploys it as the next version.
    void deploy();
    /// Opens the version history, with the editor's code as the draft to compare with.
    void showVersionHistory();
    /// Asks, then deletes the action and goes back to the Library.
    void confirmDelete();

    /// The keys of the editor: the page's own (Save Draft) and its find bar's.
    static QList<Shortcut> shortcuts();

private:
    /// Shows @p action, replacing the editor's text and the dependencies.
    void load(const CustomAction &action);
    /// Shows the stored draft again, dropping the edits.
    void reload();
    void showMissing(const QString &message);
    void onActionChanged(const QString &id);
    void onActionRemoved(const QString &id);
    void showConflict(const QString &message);
    void updateState();
    /// The icons in the colours of the current look.
    void updateIcons();

    Tenant &m_tenant;
    CustomActionService &m_service;
    CustomAction m_action; ///< as last read from the store
    QLabel *m_title;
    StatusPill *m_status;
    QLabel *m_trigger;
    MessageBar *m_message;
    QPushButton *m_history;
    QPushButton *m_delete;
    QPushButton *m_save;
    QPushButton *m_deploy;
    ActionCodeArea *m_code;
    QTabWidget *m_side;
    ActionSecretsPanel *m_secrets;
    ActionDependenciesPanel *m_dependencies;
    ActionTestPanel *m_test;
    QPointer<CustomActionJob> m_deployJob;
    QPointer<CustomActionJob> m_removeJob;
    bool m_runtimeMark = false; ///< the editor marks where the last test run threw
};
