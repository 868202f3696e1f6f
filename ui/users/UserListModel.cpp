#include "UserListModel.h"

#include "core/login/UserStore.h"
#include "core/logs/LogStore.h"

#include <QLocale>
#include <QScopedValueRollback>

#include <algorithm>

namespace {

bool lessThan(const User &a, const User &b)
{
    return UserStore::sortKey(a) < UserStore::sortKey(b);
}

QString dateText(const QDateTime &date)
{
    return date.isValid() ? date.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString();
}

} // namespace

UserListModel::UserListModel(UserStore &store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
    , m_filler(
          {[this] { return readOn(); }, [this] { return int(m_users.size()); }, [this] { return m_atEnd; }})
{
    connect(&store, &UserStore::userAdded, this, &UserListModel::addUser);
    connect(&store, &UserStore::userChanged, this, &UserListModel::changeUser);
    connect(&store, &UserStore::userRemoved, this, &UserListModel::removeUser);
    // Another admin on the tenant (or a sign-up on another server): read the list again, with its search.
    connect(&store, &UserStore::changedElsewhere, this, &UserListModel::reload);
    connect(&m_filler, &PageFiller::fillingChanged, this, &UserListModel::searchingChanged);
    connect(&m_filler, &PageFiller::failed, this, &UserListModel::failed);
}

void UserListModel::reload()
{
    // Every read runs from the event loop (PageFiller), the first one too: a view that lays the empty list
    // out finds a read under way and starts none of its own, and the keystroke that asked returns at once.
    {
        const QScopedValueRollback<bool> busy(m_busy, true);
        beginResetModel();
        m_users.clear();
        m_lookedThrough.clear();
        m_atEnd = false;
        endResetModel();
    }
    m_filler.fillLater(kPageSize);
}

void UserListModel::setSearch(const QString &search)
{
    m_search = search.trimmed();
    reload();
}

Result<QList<User>> UserListModel::readPage(const QString &through)
{
    UserPage request;
    request.search = m_search;
    request.after = m_lookedThrough;
    request.through = through;
    request.limit = m_filler.wanted() > 0 ? m_filler.wanted() : kPageSize;
    request.examineAtMost = m_examineAtMost;
    auto page = m_store.page(request);
    if (!page) {
        m_atEnd = true; // no endless retries from the view: reload() tries again
        return page.error();
    }
    m_lookedThrough = page.value().resumeAfter;
    if (through.isEmpty())
        m_atEnd = page.value().atEnd;
    return page.value().users;
}

QString UserListModel::readOn(const QString &through)
{
    const QScopedValueRollback<bool> busy(m_busy, true);
    auto page = readPage(through);
    if (!page)
        return page.error().message();
    const QList<User> &users = page.value();
    if (users.isEmpty())
        return {};
    const int first = int(m_users.size());
    beginInsertRows({}, first, first + int(users.size()) - 1);
    m_users.append(users);
    endInsertRows();
    return {};
}

bool UserListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && !m_busy && !m_filler.isFilling();
}

void UserListModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        m_filler.fillNow(kPageSize);
}

int UserListModel::rowOf(const QString &id) const
{
    for (int i = 0; i < m_users.size(); ++i) {
        if (m_users.at(i).id == id)
            return i;
    }
    return -1;
}

int UserListModel::fetchThrough(const QString &id)
{
    if (const int row = rowOf(id); row >= 0 || m_atEnd)
        return row;
    auto found = m_store.find(id);
    if (!found || !UserStore::matches(found.value(), m_search))
        return -1;
    if (const QString error = readOn(UserStore::sortKey(found.value())); !error.isEmpty())
        Q_EMIT failed(error);
    return rowOf(id);
}

bool UserListModel::belongsHere(const User &user) const
{
    if (!UserStore::matches(user, m_search))
        return false;
    if (m_atEnd)
        return true;
    return !m_lookedThrough.isEmpty() && UserStore::sortKey(user) <= m_lookedThrough;
}

QString UserListModel::mfaText(const User &user)
{
    if (!user.isEnrolled())
        return tr("Not enrolled");
    const QString phone = LogStore::maskPhone(user.phoneNumber);
    if (!user.phoneEnrolledAt.isValid())
        return phone;
    return tr("%1 · enrolled %2")
        .arg(phone, user.phoneEnrolledAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd")));
}

QString UserListModel::statusText(const User &user) const
{
    if (user.blocked)
        return tr("Blocked");
    if (m_store.isLocked(user))
        return tr("Locked");
    return tr("Active");
}

void UserListModel::insertSorted(const User &user)
{
    const auto at = std::lower_bound(m_users.cbegin(), m_users.cend(), user, lessThan);
    const int row = int(at - m_users.cbegin());
    const QScopedValueRollback<bool> busy(m_busy, true);
    beginInsertRows({}, row, row);
    m_users.insert(row, user);
    endInsertRows();
}

void UserListModel::addUser(const QString &id)
{
    if (rowOf(id) >= 0)
        return;
    auto found = m_store.find(id);
    if (found && belongsHere(found.value()))
        insertSorted(found.value());
}

void UserListModel::changeUser(const QString &id)
{
    auto found = m_store.find(id);
    if (!found || !belongsHere(found.value())) {
        removeUser(id);
        return;
    }
    const User &user = found.value();
    const int row = rowOf(id);
    if (row < 0) {
        insertSorted(user);
        return;
    }
    const bool staysInPlace = (row == 0 || !lessThan(user, m_users.at(row - 1)))
        && (row == m_users.size() - 1 || !lessThan(m_users.at(row + 1), user));
    if (staysInPlace) {
        m_users[row] = user;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    removeUser(id);
    insertSorted(user);
}

void UserListModel::removeUser(const QString &id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    const QScopedValueRollback<bool> busy(m_busy, true);
    beginRemoveRows({}, row, row);
    m_users.removeAt(row);
    endRemoveRows();
}

int UserListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_users.size());
}

int UserListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UserListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const User &user = m_users.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case EmailColumn:
            return user.email;
        case CreatedColumn:
            return dateText(user.createdAt);
        case LastLoginColumn:
            return user.lastLogin.isValid() ? dateText(user.lastLogin) : tr("Never");
        case MfaColumn:
            return mfaText(user);
        case StatusColumn:
            return statusText(user);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == EmailColumn)
            return user.id;
        break;
    case int(Role::UserId):
        return user.id;
    case int(Role::Blocked):
        return user.blocked;
    case int(Role::Enrolled):
        return user.isEnrolled();
    }
    return {};
}

QVariant UserListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case EmailColumn:
        return tr("Email");
    case CreatedColumn:
        return tr("Created");
    case LastLoginColumn:
        return tr("Last login");
    case MfaColumn:
        return tr("MFA");
    case StatusColumn:
        return tr("Status");
    }
    return {};
}
