#pragma once

#include "ui/shell/Page.h"

class MessageBar;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTreeView;
class Tenant;
class UserListModel;

/**
 * @brief User Management > Users: the list with search by email as you type, Create User, and per
 *        user Block/Unblock, Reset MFA and Delete (the last two after a confirmation).
 *
 * The list reads a page of users at a time as it scrolls, and the search runs in the store, so the page
 * opens and answers a keystroke within a frame at 100,000 users.
 */
class UsersPage : public Page
{
    Q_OBJECT

public:
    UsersPage(Tenant &tenant, QWidget *parent = nullptr);

    /// "create" opens the Create User dialog at once.
    void open(const QString &argument) override;

    UserListModel *model() const { return m_model; }

    /// The id of the selected user; empty when none is selected.
    QString selectedUserId() const;
    /// Selects the user @p id in the list, reading on to them and clearing the search if it hides them;
    /// false when there is no such user.
    bool selectUser(const QString &id);

    /// Opens the Create User dialog; on success, selects the new user.
    void createUser();
    /// Blocks the selected user, or unblocks them when blocked.
    void toggleBlock();
    /// Asks, then removes the selected user's phone enrollment: their next login enrolls again.
    void resetMfa();
    /// Asks, then deletes the selected user.
    void deleteUser();

private:
    void showError(const QString &error);
    void updateActions();
    void updateEmptyState();

    Tenant &m_tenant;
    UserListModel *m_model;
    MessageBar *m_message;
    QLineEdit *m_search;
    QPushButton *m_block;
    QPushButton *m_resetMfa;
    QPushButton *m_delete;
    QStackedWidget *m_body;
    QTreeView *m_view;
    QLabel *m_empty;
    bool m_loaded = false;
};
