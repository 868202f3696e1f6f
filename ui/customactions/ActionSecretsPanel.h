#pragma once

#include "core/actions/CustomActionJob.h"
#include "core/model/CustomAction.h"
#include "ui/common/MessageBar.h"

#include <QPointer>
#include <QWidget>

class CustomActionService;
class QLabel;
class QPushButton;
class QTreeWidget;

/**
 * @brief The Secrets section of the action editor's sidebar: the names of the action's secrets with when
 *        each was set, Add Secret, Replace value and Remove.
 *
 * Values are write-only, as in Auth0: they are typed in a SecretDialog, handed to
 * CustomActionService::setSecret() and never shown again. One change runs at a time; meanwhile the buttons
 * are disabled. Outcomes are reported with message().
 */
class ActionSecretsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ActionSecretsPanel(CustomActionService &service, QWidget *parent = nullptr);

    /// Shows the secrets of @p action (its id is the one changes go to).
    void setAction(const CustomAction &action);

    /// Opens the Add Secret dialog.
    void addSecret();
    /// Opens the dialog that replaces the value of the selected secret.
    void replaceSelected();
    /// Asks, then removes the selected secret.
    void removeSelected();

Q_SIGNALS:
    /// What happened, for the page's message bar.
    void message(const QString &text, MessageBar::Level level);

private:
    QString selectedName() const;
    void run(CustomActionJob *job, const QString &success);
    void updateButtons();

    CustomActionService &m_service;
    CustomAction m_action;
    QTreeWidget *m_list;
    QLabel *m_empty;
    QLabel *m_progress;
    QPushButton *m_add;
    QPushButton *m_replace;
    QPushButton *m_remove;
    QPointer<CustomActionJob> m_job;
};
