#pragma once

#include "core/common/Result.h"
#include "core/model/User.h"
#include "ui/common/PageFiller.h"

#include <QAbstractTableModel>

class UserStore;

/**
 * @brief The users of the tenant's database connection as a table (email, created, last login, MFA,
 *        status), sorted by email, read a page at a time as the view scrolls (canFetchMore/fetchMore),
 *        searched in the store, and kept in step with UserStore's signals.
 *
 * The rows held are always the matches among the users looked at so far, in email order, so a user the
 * store adds or changes goes in when it sorts among them and comes with a later page otherwise. A search
 * that walks the emails looks at no more than examineAtMost() users per read and goes on from the event
 * loop until the page is full, so no keystroke blocks the window for long whatever the matches. The
 * MFA column shows the enrolled phone masked (LogStore::maskPhone); a full number is never shown.
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

    /// How many users one fetch reads. A list view reads twice after every reset (the page read inside
    /// it, then QTreeView's own fetch when it lays the rows out), so two pages fill a tall window.
    static constexpr int kPageSize = 50;
    /// How many users one read of a walking search looks at, at most (about 6 ms at 100,000 users).
    static constexpr int kExamineAtMost = 20000;

    explicit UserListModel(UserStore &store, QObject *parent = nullptr);

    /// Reads the search again from its first page, from the event loop (failed() says when a read fails).
    void reload();
    /// Shows the users whose email contains @p search (any case), read as reload() reads.
    void setSearch(const QString &search);
    QString search() const { return m_search; }
    /// The row of @p id among the rows read, or -1.
    int rowOf(const QString &id) const;
    /// Reads on until @p id is among the rows when the search lets it through; its row, or -1.
    int fetchThrough(const QString &id);
    int examineAtMost() const { return m_examineAtMost; }
    /// Sets how many users one read of a walking search looks at, at most (from the next read on).
    void setExamineAtMost(int users) { m_examineAtMost = qMax(1, users); }
    /// Whether a search is still going on from the event loop to fill the page.
    bool isSearching() const { return m_filler.isFilling(); }
    /// The user at @p row as last read from the store.
    const User &user(int row) const { return m_users.at(row); }

    /// "+1******3232 · enrolled 2024-05-01" for an enrolled user, "Not enrolled" otherwise.
    static QString mfaText(const User &user);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    /// Reading the next page failed (fetchMore() has no other way to say it).
    void failed(const QString &error);
    /// isSearching() changed.
    void searchingChanged(bool searching);

private:
    /// Reads the next page (at most what the filler wants, users), or every user up to the email key @p
    /// through, and notes how far it looked and whether it was the last.
    Result<QList<User>> readPage(const QString &through = {});
    /// Appends readPage(); the error text.
    QString readOn(const QString &through = {});
    /// Whether @p user is one of the rows held: matches the search and sorts before the next page.
    bool belongsHere(const User &user) const;
    void addUser(const QString &id);
    void changeUser(const QString &id);
    void removeUser(const QString &id);
    void insertSorted(const User &user);
    QString statusText(const User &user) const;

    UserStore &m_store;
    QString m_search;
    QList<User> m_users;
    QString m_lookedThrough; ///< the lower-case email up to which every user has been looked at
    int m_examineAtMost = kExamineAtMost;
    PageFiller m_filler; ///< reads the page from the event loop
    bool m_busy = false; ///< reading or changing: no fetch nested in the model's own change
    bool m_atEnd = true; ///< nothing to read before reload(), or every user of the search is held
};
