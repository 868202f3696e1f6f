#include "LogListModel.h"

#include "core/logs/LogStore.h"

#include <QJsonDocument>

#include <algorithm>

namespace {

/// Newest first; the log id breaks ties as the store does.
bool newerThan(const LogEvent &a, const LogEvent &b)
{
    return a.date != b.date ? a.date > b.date : a.logId > b.logId;
}

} // namespace

LogListModel::LogListModel(LogStore &store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
{
    connect(&store, &LogStore::recorded, this, &LogListModel::insertEvent);
}

QString LogListModel::reload()
{
    LogFilter filter;
    filter.limit = kMaxRows;
    auto events = m_store.query(filter);
    beginResetModel();
    m_events.clear();
    if (events) {
        m_events = events.value();
        std::stable_sort(m_events.begin(), m_events.end(), newerThan);
    }
    endResetModel();
    countTypes();
    return events ? QString() : events.error().message();
}

int LogListModel::rowOf(const QString &logId) const
{
    for (int i = 0; i < m_events.size(); ++i) {
        if (m_events.at(i).logId == logId)
            return i;
    }
    return -1;
}

QStringList LogListModel::types() const
{
    QStringList list = m_typeCounts.keys();
    list.sort();
    return list;
}

QString LogListModel::prettyJson(const LogEvent &event)
{
    return LogStore::maskPhonesIn(
        QString::fromUtf8(QJsonDocument(event.toJson()).toJson(QJsonDocument::Indented)));
}

void LogListModel::countTypes()
{
    m_typeCounts.clear();
    for (const LogEvent &event : std::as_const(m_events))
        ++m_typeCounts[event.type];
    Q_EMIT typesChanged();
}

void LogListModel::insertEvent(const LogEvent &event)
{
    if (rowOf(event.logId) >= 0)
        return;
    const auto at = std::lower_bound(m_events.cbegin(), m_events.cend(), event, newerThan);
    const int row = int(at - m_events.cbegin());
    if (row >= kMaxRows)
        return;
    beginInsertRows({}, row, row);
    m_events.insert(row, event);
    endInsertRows();
    const bool newType = m_typeCounts.value(event.type) == 0;
    ++m_typeCounts[event.type];
    bool typeGone = false;
    if (m_events.size() > kMaxRows) {
        const int last = int(m_events.size()) - 1;
        const QString oldType = m_events.at(last).type;
        beginRemoveRows({}, last, last);
        m_events.removeLast();
        endRemoveRows();
        if (--m_typeCounts[oldType] == 0) {
            m_typeCounts.remove(oldType);
            typeGone = true;
        }
    }
    if (newType || typeGone)
        Q_EMIT typesChanged();
}

int LogListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int LogListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LogEvent &event = m_events.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case DateColumn:
            return event.date.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case TypeColumn:
            return tr("%1 · %2").arg(event.type, LogStore::describe(event.type));
        case UserColumn:
            return LogStore::maskPhonesIn(event.userName.isEmpty() ? event.userId : event.userName);
        case ClientColumn:
            return LogStore::maskPhonesIn(event.clientName.isEmpty() ? event.clientId : event.clientName);
        case DescriptionColumn:
            return LogStore::maskPhonesIn(event.description);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == UserColumn && !event.userId.isEmpty())
            return event.userId;
        if (index.column() == ClientColumn && !event.clientId.isEmpty())
            return event.clientId;
        break;
    case int(Role::LogId):
        return event.logId;
    case int(Role::Type):
        return event.type;
    case int(Role::UserText):
        return (event.userName + QLatin1Char(' ') + event.userId).toLower();
    case int(Role::Date):
        return event.date;
    }
    return {};
}

QVariant LogListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case DateColumn:
        return tr("Date");
    case TypeColumn:
        return tr("Type");
    case UserColumn:
        return tr("User");
    case ClientColumn:
        return tr("Client");
    case DescriptionColumn:
        return tr("Description");
    }
    return {};
}
