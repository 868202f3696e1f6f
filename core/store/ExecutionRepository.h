#pragma once

#include "core/common/Result.h"
#include "core/model/Execution.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>

#include <optional>

class Database;

/**
 * @brief The SQL for recorded flow runs (tables executions and execution_results), kept for the logs and
 *        the try-login timeline.
 *
 * Stores what it is given: callers leave secrets, one-time codes and message texts out of
 * Execution::event (PhoneMessagePipeline does).
 */
class ExecutionRepository
{
    Q_DECLARE_TR_FUNCTIONS(ExecutionRepository)

public:
    explicit ExecutionRepository(Database &database);

    /// Records @p execution with its results in one transaction; Conflict when its id is already recorded.
    Result<void> record(const Execution &execution);
    /// The execution with id @p id and its results in order; nothing when there is none.
    Result<std::optional<Execution>> find(const QString &id) const;
    /// The @p limit most recently created executions, newest first, with their results.
    Result<QList<Execution>> recent(int limit) const;

    /// Sets the delivery state of the SMS of result @p index of execution @p id; NotFound when there is
    /// no such result.
    Result<void> updateDeliveryState(const QString &id, int index, const QString &state);
    /// Removes the executions created before @p before (Auth0 keeps them 10 days); returns how many.
    Result<int> removeOlderThan(const QDateTime &before);

private:
    Result<QList<ActionRunResult>> resultsOf(const QString &id) const;
    Result<QList<Execution>> select(const QString &where, const QVariantList &values) const;

    Database &m_database;
};
