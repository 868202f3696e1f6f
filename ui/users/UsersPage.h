#pragma once

#include "ui/shell/Page.h"

class MessageBar;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTreeView;
class Tenant;
class UserListModel;

/**
 * @brief User Management > Users: the list with search by email as you type, Create User, and per
 *        user Block/Unblock, Reset MFA and Delete (the last two after a confirmation).
 */
class UsersPage : public Page
{
    Q_OBJECT

public:
    UsersPage(Tenant &tenant, QWidget *parent = nullptr);

    /// "create" opens the Create User dialog at once.
    void open(const QString &argument) override;

    UserListModel *model() const { return m_model; }
    QSortFilterProxyModel *filter() const { return m_filter; }

    /// The id of the selected user; empty when none is selected.
    QString selectedUserId() const;
    /// Selects the user @p id in the list (clearing the search if it hides them); false when not listed.
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
    void updateActions();
    void updateEmptyState();

    Tenant &m_tenant;
    UserListModel *m_model;
    QSortFilterProxyModel *m_filter;
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
