#pragma once

#include "core/common/Result.h"
#include "core/logs/LogEvent.h"

#include <QList>

#include <functional>

class Database;

/**
 * @brief The SQL for log events (table logs). Stores what it is given; LogStore masks and completes.
 */
class LogRepository
{
public:
    explicit LogRepository(Database &database);

    Result<void> insert(const LogEvent &event);
    /**
     * @brief Inserts @p count events made by @p make (called with 0 … count-1) as they are, in one
     *        transaction with one prepared statement: all or none. For bulk loads such as the benchmarks.
     */
    Result<void> insertMany(int count, const std::function<LogEvent(int)> &make);
    /// The events matching @p filter, newest first.
    Result<QList<LogEvent>> select(const LogFilter &filter) const;
    /// Removes the events dated before @p before; returns how many.
    Result<int> removeOlderThan(const QDateTime &before);

private:
    Database &m_database;
};
