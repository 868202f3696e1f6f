#pragma once

#include "core/common/Result.h"
#include "core/model/LogEvent.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>

#include <functional>
#include <optional>
#include <utility>

class Database;

/**
 * @brief The SQL for log events (table logs). Stores what it is given; LogStore masks and completes.
 */
class LogRepository
{
    Q_DECLARE_TR_FUNCTIONS(LogRepository)

public:
    explicit LogRepository(Database &database);

    Result<void> insert(const LogEvent &event);
    /**
     * @brief Inserts @p count events made by @p make (called with 0 … count-1) as they are, in one
     *        transaction with one prepared statement: all or none. For bulk loads such as the benchmarks.
     */
    Result<void> insertMany(int count, const std::function<LogEvent(int)> &make);
    /**
     * @brief The events matching @p filter, newest first (date, then log id), from the indexes of
     *        migration 10: a page costs about the same at 1,000 events and at 1,000,000.
     */
    Result<QList<LogEvent>> select(const LogFilter &filter) const;
    /**
     * @brief Like select(), and says where the next page starts. A user filter with many matches walks
     *        the list's order; with LogFilter::examineAtMost it stops after that many events, so a read
     *        costs at most that whatever the filter.
     */
    Result<LogPageRead> page(const LogFilter &filter) const;
    /// The event with @p logId; NotFound when there is none.
    Result<LogEvent> find(const QString &logId) const;
    /**
     * @brief How many events match @p filter's type, user id and dates (its page bounds and user text
     *        aside), counting no further than @p atMost: read from the indexes, so it costs at most that.
     */
    Result<int> count(const LogFilter &filter, int atMost) const;
    /// The types of the events stored, sorted.
    Result<QStringList> types() const;
    /// The most events a user filter takes from the user indexes and sorts; beyond it walks the dates.
    static constexpr int kIndexedMatchesAtMost = 2000;
    /// Removes the events dated before @p before; returns how many.
    Result<int> removeOlderThan(const QDateTime &before);

private:
    /// Whether at most kIndexedMatchesAtMost events have a user name or id in [@p low, @p high) (NOCASE).
    Result<bool> fewUserMatches(const QString &low, const QString &high) const;
    /// The @p count-th event of @p filter's dates in the list's order (its before* cursor included), or
    /// nothing when fewer are left. The walk of page() goes no further.
    Result<std::optional<std::pair<QString, QString>>> walkBound(const LogFilter &filter, int count) const;

    Database &m_database;
};
