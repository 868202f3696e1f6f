#pragma once

#include "core/model/User.h"

#include <QAbstractTableModel>

class UserStore;

/**
 * @brief The users of the tenant's database connection as a table (email, created, last login, MFA,
 *        status), sorted by email and kept in step with UserStore's signals.
 *
 * The MFA column shows the enrolled phone masked (LogStore::maskPhone); a full number is never shown.
 */
class UserListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        EmailColumn,
        CreatedColumn,
        LastLoginColumn,
        MfaColumn,
        StatusColumn,
        ColumnCount
    };
    enum class Role
    {
        UserId = Qt::UserRole,
        Blocked,
        Enrolled,
    };

    explicit UserListModel(UserStore &store, QObject *parent = nullptr);

    /// Reloads every row from the store; returns the error text if it failed.
    QString reload();
    /// The row of @p id, or -1.
    int rowOf(const QString &id) const;
    /// The user at @p row as last read from the store.
    const User &user(int row) const { return m_users.at(row); }

    /// "+1******3232 · enrolled 2024-05-01" for an enrolled user, "Not enrolled" otherwise.
    static QString mfaText(const User &user);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void addUser(const QString &id);
    void changeUser(const QString &id);
    void removeUser(const QString &id);
    void insertSorted(const User &user);
    QString statusText(const User &user) const;

    UserStore &m_store;
    QList<User> m_users;
};
