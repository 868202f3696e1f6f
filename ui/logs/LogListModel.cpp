#include "LogListModel.h"

#include "core/logs/LogStore.h"

#include <QJsonDocument>
#include <QScopedValueRollback>

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
    , m_filler(
          {[this] { return readOn(); }, [this] { return int(m_events.size()); }, [this] { return m_atEnd; }})
{
    connect(&store, &LogStore::recorded, this, &LogListModel::insertEvent);
    connect(&m_filler, &PageFiller::fillingChanged, this, &LogListModel::searchingChanged);
    connect(&m_filler, &PageFiller::failed, this, &LogListModel::failed);
}

QString LogListModel::reload()
{
    auto types = m_store.types();
    if (types && types.value() != m_types) {
        m_types = types.value();
        Q_EMIT typesChanged();
    }
    setFilter(m_filter);
    return types ? QString() : types.error().message();
}

void LogListModel::setFilter(const LogFilter &filter)
{
    // Every read runs from the event loop (PageFiller), the first one too: a view that lays the empty list
    // out finds a read under way and starts none of its own, and the keystroke that asked returns at once.
    {
        const QScopedValueRollback<bool> busy(m_busy, true);
        beginResetModel();
        m_filter = filter;
        m_filter.beforeDate = {};
        m_filter.beforeLogId.clear();
        m_events.clear();
        m_lookedThroughDate = {};
        m_lookedThroughLogId.clear();
        m_atEnd = false;
        endResetModel();
    }
    m_filler.fillLater(kPageSize);
}

Result<QList<LogEvent>> LogListModel::readPage()
{
    LogFilter page = m_filter;
    page.limit = m_filler.wanted() > 0 ? m_filler.wanted() : kPageSize;
    page.beforeDate = m_lookedThroughDate;
    page.beforeLogId = m_lookedThroughLogId;
    page.examineAtMost = m_examineAtMost;
    auto read = m_store.page(page);
    if (!read) {
        m_atEnd = true; // no endless retries from the view: reload() tries again
        return read.error();
    }
    m_lookedThroughDate = read.value().resumeBeforeDate;
    m_lookedThroughLogId = read.value().resumeBeforeLogId;
    m_atEnd = read.value().atEnd;
    return read.value().events;
}

QString LogListModel::readOn()
{
    const QScopedValueRollback<bool> busy(m_busy, true);
    auto events = readPage();
    if (!events)
        return events.error().message();
    if (events.value().isEmpty())
        return {};
    const int first = int(m_events.size());
    beginInsertRows({}, first, first + int(events.value().size()) - 1);
    m_events.append(events.value());
    endInsertRows();
    return {};
}

bool LogListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && !m_busy && !m_filler.isFilling();
}

void LogListModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        m_filler.fillNow(kPageSize);
}

bool LogListModel::lookedAt(const LogEvent &event) const
{
    if (m_atEnd)
        return true;
    if (!m_lookedThroughDate.isValid())
        return false;
    LogEvent lookedThrough;
    lookedThrough.date = m_lookedThroughDate;
    lookedThrough.logId = m_lookedThroughLogId;
    return !newerThan(lookedThrough, event); // the list's own order
}

int LogListModel::fetchThrough(const QString &logId)
{
    // Read now, read after read, rather than from the event loop: the caller selects the event next.
    m_filler.stop();
    int row = rowOf(logId);
    while (row < 0 && !m_atEnd && !m_busy) {
        if (const QString error = readOn(); !error.isEmpty()) {
            Q_EMIT failed(error);
            return -1;
        }
        row = rowOf(logId);
    }
    return row;
}

int LogListModel::rowOf(const QString &logId) const
{
    for (int i = 0; i < m_events.size(); ++i) {
        if (m_events.at(i).logId == logId)
            return i;
    }
    return -1;
}

QString LogListModel::prettyJson(const LogEvent &event)
{
    return LogStore::maskPhonesIn(
        QString::fromUtf8(QJsonDocument(event.toJson()).toJson(QJsonDocument::Indented)));
}

void LogListModel::insertEvent(const LogEvent &event)
{
    if (!m_types.contains(event.type)) {
        m_types.insert(std::lower_bound(m_types.begin(), m_types.end(), event.type), event.type);
        Q_EMIT typesChanged();
    }
    if (!LogStore::matches(m_filter, event) || rowOf(event.logId) >= 0)
        return;
    const auto at = std::lower_bound(m_events.cbegin(), m_events.cend(), event, newerThan);
    const int row = int(at - m_events.cbegin());
    // Past the events looked at, the event comes with a later read.
    if (!lookedAt(event))
        return;
    const QScopedValueRollback<bool> busy(m_busy, true);
    beginInsertRows({}, row, row);
    m_events.insert(row, event);
    endInsertRows();
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
        case ApplicationColumn:
            return LogStore::maskPhonesIn(event.clientName.isEmpty() ? event.clientId : event.clientName);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == UserColumn && !event.userId.isEmpty())
            return event.userId;
        if (index.column() == ApplicationColumn && !event.clientId.isEmpty())
            return event.clientId;
        return LogStore::maskPhonesIn(event.description);
    case int(Role::LogId):
        return event.logId;
    case int(Role::Type):
        return event.type;
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
    case ApplicationColumn:
        return tr("Application");
    }
    return {};
}
