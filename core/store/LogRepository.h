#pragma once

#include "core/common/Result.h"
#include "core/model/LogEvent.h"

#include <QList>

class Database;

/**
 * @brief The SQL for log events (table logs). Stores what it is given; LogStore masks and completes.
 */
class LogRepository
{
public:
    explicit LogRepository(Database &database);

    Result<void> insert(const LogEvent &event);
    /// The events matching @p filter, newest first.
    Result<QList<LogEvent>> select(const LogFilter &filter) const;
    /// Removes the events dated before @p before; returns how many.
    Result<int> removeOlderThan(const QDateTime &before);

private:
    Database &m_database;
};
