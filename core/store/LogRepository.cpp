#include "LogRepository.h"

#include "core/store/Database.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

namespace {

QString toText(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

/// The date terms of @p filter (from, to, and the page's before* cursor), as WHERE terms and their values.
void addDateBounds(const LogFilter &filter, QStringList &where, QVariantList &values)
{
    if (filter.from.isValid()) {
        where.append(QStringLiteral("date >= ?"));
        values.append(toText(filter.from));
    }
    if (filter.to.isValid()) {
        where.append(QStringLiteral("date < ?"));
        values.append(toText(filter.to));
    }
    if (filter.beforeDate.isValid()) {
        where.append(QStringLiteral("(date, log_id) < (?, ?)"));
        values.append(toText(filter.beforeDate));
        values.append(filter.beforeLogId);
    }
}

QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

const QString kSelect
    = QStringLiteral("SELECT log_id, type, description, date, client_id, client_name, user_id, "
                     "user_name, ip, user_agent, details FROM logs");

/// The event of a row of kSelect.
LogEvent fromRow(const QSqlQuery &query)
{
    LogEvent event;
    event.logId = query.value(0).toString();
    event.type = query.value(1).toString();
    event.description = query.value(2).toString();
    event.date = QDateTime::fromString(query.value(3).toString(), Qt::ISODateWithMs);
    event.clientId = query.value(4).toString();
    event.clientName = query.value(5).toString();
    event.userId = query.value(6).toString();
    event.userName = query.value(7).toString();
    event.ip = query.value(8).toString();
    event.userAgent = query.value(9).toString();
    event.details = QJsonDocument::fromJson(query.value(10).toString().toUtf8()).object();
    return event;
}

/// The type and user id terms of @p filter, as WHERE terms and their values.
void addExactTerms(const LogFilter &filter, QStringList &where, QVariantList &values)
{
    if (!filter.type.isEmpty()) {
        where.append(QStringLiteral("type = ?"));
        values.append(filter.type);
    }
    if (!filter.userId.isEmpty()) {
        where.append(QStringLiteral("user_id = ?"));
        values.append(filter.userId);
    }
}

} // namespace

LogRepository::LogRepository(Database &database)
    : m_database(database)
{ }

namespace {

const QString kInsert
    = QStringLiteral("INSERT INTO logs (log_id, type, description, date, client_id, client_name, "
                     "user_id, user_name, ip, user_agent, details) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

void bindEvent(QSqlQuery &query, const LogEvent &event)
{
    query.addBindValue(event.logId);
    query.addBindValue(event.type);
    query.addBindValue(text(event.description));
    query.addBindValue(toText(event.date));
    query.addBindValue(text(event.clientId));
    query.addBindValue(text(event.clientName));
    query.addBindValue(text(event.userId));
    query.addBindValue(text(event.userName));
    query.addBindValue(text(event.ip));
    query.addBindValue(text(event.userAgent));
    query.addBindValue(QString::fromUtf8(QJsonDocument(event.details).toJson(QJsonDocument::Compact)));
}

} // namespace

Result<void> LogRepository::insert(const LogEvent &event)
{
    Database::Statement query = m_database.statement(kInsert);
    bindEvent(*query, event);
    if (!query->exec())
        return Database::storageError(LogRepository::tr("record the log event"), *query);
    return {};
}

Result<void> LogRepository::insertMany(int count, const std::function<LogEvent(int)> &make)
{
    return m_database.transaction([&]() -> Result<void> {
        QSqlQuery query = m_database.prepare(kInsert);
        for (int i = 0; i < count; ++i) {
            bindEvent(query, make(i));
            if (!query.exec())
                return Database::storageError(LogRepository::tr("record the log events"), query);
        }
        return {};
    });
}

Result<bool> LogRepository::fewUserMatches(const QString &low, const QString &high) const
{
    const SqlDialect &dialect = m_database.dialect();
    const auto matches = [&dialect](const QString &column, const QString &index) {
        return QStringLiteral("(SELECT count(*) FROM (SELECT 1 FROM logs%1 WHERE %2 LIMIT ?) AS hits)")
            .arg(dialect.indexedBy(index), dialect.caselessRange(column, true));
    };
    QSqlQuery count = m_database.prepare(
        QStringLiteral("SELECT ") + matches(QStringLiteral("user_name"), QStringLiteral("logs_by_user_name"))
        + QStringLiteral(" + ") + matches(QStringLiteral("user_id"), QStringLiteral("logs_by_user_id")));
    for (int column = 0; column < 2; ++column) {
        count.addBindValue(low);
        count.addBindValue(high);
        count.addBindValue(kIndexedMatchesAtMost + 1);
    }
    if (!count.exec() || !count.next())
        return Database::storageError(LogRepository::tr("read the logs"), count);
    return count.value(0).toInt() <= kIndexedMatchesAtMost;
}

Result<QList<LogEvent>> LogRepository::select(const LogFilter &filter) const
{
    LogFilter unbounded = filter;
    unbounded.examineAtMost = 0;
    auto read = page(unbounded);
    if (!read)
        return read.error();
    return read.value().events;
}

Result<std::optional<std::pair<QString, QString>>> LogRepository::walkBound(const LogFilter &filter,
                                                                            int count) const
{
    QStringList where;
    QVariantList values;
    addDateBounds(filter, where, values);
    QString sql = QStringLiteral("SELECT date, log_id FROM logs")
        + m_database.dialect().indexedBy(QStringLiteral("logs_by_date"));
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY date DESC, log_id DESC LIMIT 1 OFFSET ?");
    values.append(qMax(0, count - 1));
    QSqlQuery query = m_database.prepare(sql);
    for (const QVariant &value : std::as_const(values))
        query.addBindValue(value);
    if (!query.exec())
        return Database::storageError(LogRepository::tr("read the logs"), query);
    if (!query.next())
        return std::optional<std::pair<QString, QString>>();
    return std::optional(std::pair(query.value(0).toString(), query.value(1).toString()));
}

Result<LogPageRead> LogRepository::page(const LogFilter &filter) const
{
    QStringList where;
    QVariantList values;
    bool walks = false;
    addExactTerms(filter, where, values);
    if (const QString user = filter.userText.trimmed(); !user.isEmpty()) {
        // "Starts with, any case" is a range of the case-insensitive indexes. Few matches: take them from
        // those indexes and sort them. Many: walk the list's order and keep the matching ones, read from the
        // date index itself (kept off the user indexes).
        const QString high = user + QString::fromUcs4(U"\U0010FFFF");
        auto few = fewUserMatches(user, high);
        if (!few)
            return few.error();
        walks = !few.value();
        const SqlDialect &dialect = m_database.dialect();
        const QString name = QStringLiteral("user_name");
        const QString id = QStringLiteral("user_id");
        const QString row = dialect.rowId(QStringLiteral("log_id"));
        where.append(few.value()
                         ? QStringLiteral("%1 IN (SELECT %1 FROM logs%2 WHERE %3 UNION SELECT %1 FROM logs%4 "
                                          "WHERE %5)")
                               .arg(row,
                                    dialect.indexedBy(QStringLiteral("logs_by_user_name")),
                                    dialect.caselessRange(name, true),
                                    dialect.indexedBy(QStringLiteral("logs_by_user_id")),
                                    dialect.caselessRange(id, true))
                         : QStringLiteral("((%1) OR (%2))")
                               .arg(dialect.caselessRange(name, false), dialect.caselessRange(id, false)));
        values << user << high << user << high;
    }
    addDateBounds(filter, where, values);
    // A bounded walk: no further than the examineAtMost-th event of the list's order.
    std::optional<std::pair<QString, QString>> bound;
    if (walks && filter.examineAtMost > 0) {
        auto found = walkBound(filter, filter.examineAtMost);
        if (!found)
            return found.error();
        bound = found.value();
        if (bound) {
            where.append(QStringLiteral("(date, log_id) >= (?, ?)"));
            values << bound->first << bound->second;
        }
    }
    QString sql = kSelect;
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY date DESC, log_id DESC LIMIT ? OFFSET ?");
    values.append(qMax(0, filter.limit));
    values.append(qMax(0, filter.offset));

    QSqlQuery query = m_database.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    query.setForwardOnly(true);
    if (!query.exec())
        return Database::storageError(LogRepository::tr("read the logs"), query);
    LogPageRead read;
    QList<LogEvent> &events = read.events;
    while (query.next())
        events.append(fromRow(query));
    const bool full = events.size() >= filter.limit;
    if (full) {
        read.resumeBeforeDate = events.constLast().date;
        read.resumeBeforeLogId = events.constLast().logId;
    } else if (bound) {
        read.resumeBeforeDate = QDateTime::fromString(bound->first, Qt::ISODateWithMs);
        read.resumeBeforeLogId = bound->second;
    }
    read.atEnd = !full && !bound;
    return read;
}

Result<LogEvent> LogRepository::find(const QString &logId) const
{
    QSqlQuery query = m_database.prepare(kSelect + QStringLiteral(" WHERE log_id = ?"));
    query.addBindValue(logId);
    if (!query.exec())
        return Database::storageError(LogRepository::tr("read the log event"), query);
    if (!query.next())
        return Error(Error::Kind::NotFound, LogRepository::tr("The log event does not exist."));
    return fromRow(query);
}

Result<int> LogRepository::count(const LogFilter &filter, int atMost) const
{
    QStringList where;
    QVariantList values;
    addExactTerms(filter, where, values);
    LogFilter dates;
    dates.from = filter.from;
    dates.to = filter.to;
    addDateBounds(dates, where, values);
    QString sql = QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM logs");
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" LIMIT ?) AS hits");
    values.append(qMax(0, atMost));
    QSqlQuery query = m_database.prepare(sql);
    for (const QVariant &value : std::as_const(values))
        query.addBindValue(value);
    if (!query.exec() || !query.next())
        return Database::storageError(LogRepository::tr("count the log events"), query);
    return query.value(0).toInt();
}

Result<QStringList> LogRepository::types() const
{
    // Distinct types by seeking the type index once per type, not by reading every event.
    QSqlQuery query = m_database.prepare(
        QStringLiteral("WITH RECURSIVE stored(type) AS (SELECT min(type) FROM logs UNION ALL "
                       "SELECT (SELECT min(type) FROM logs WHERE type > stored.type) FROM stored "
                       "WHERE stored.type IS NOT NULL) SELECT type FROM stored WHERE type IS NOT NULL"));
    query.setForwardOnly(true);
    if (!query.exec())
        return Database::storageError(LogRepository::tr("read the log event types"), query);
    QStringList types;
    while (query.next())
        types.append(query.value(0).toString());
    return types;
}

Result<int> LogRepository::removeOlderThan(const QDateTime &before)
{
    QSqlQuery query = m_database.prepare(QStringLiteral("DELETE FROM logs WHERE date < ?"));
    query.addBindValue(toText(before));
    if (!query.exec())
        return Database::storageError(LogRepository::tr("prune the logs"), query);
    return query.numRowsAffected();
}
