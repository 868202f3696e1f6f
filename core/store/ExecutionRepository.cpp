#include "ExecutionRepository.h"

#include "core/store/Database.h"
#include "core/store/SqlValue.h"

#include <QJsonDocument>
#include <QObject>
#include <QSqlQuery>
#include <QVariant>

ExecutionRepository::ExecutionRepository(Database &database)
    : m_database(database)
{ }

Result<void> ExecutionRepository::record(const Execution &execution)
{
    return m_database.transaction([&]() -> Result<void> {
        Database::Statement exists
            = m_database.statement(QStringLiteral("SELECT count(*) FROM executions WHERE id = ?"));
        exists->addBindValue(execution.id);
        if (!exists->exec() || !exists->next())
            return Database::storageError(ExecutionRepository::tr("record the execution"), *exists);
        if (exists->value(0).toInt() > 0)
            return Error(Error::Kind::Conflict,
                         ExecutionRepository::tr("The execution %1 is already recorded.").arg(execution.id));
        exists->finish();

        const QString now = SqlValue::time(QDateTime::currentDateTimeUtc());
        Database::Statement insert = m_database.statement(
            QStringLiteral("INSERT INTO executions (id, trigger_id, status, error, event, created_at, "
                           "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
        insert->addBindValue(SqlValue::text(execution.id));
        insert->addBindValue(SqlValue::text(execution.triggerId));
        insert->addBindValue(SqlValue::text(execution.status));
        insert->addBindValue(SqlValue::text(execution.error));
        insert->addBindValue(
            QString::fromUtf8(QJsonDocument(execution.event).toJson(QJsonDocument::Compact)));
        insert->addBindValue(execution.createdAt.isValid() ? SqlValue::time(execution.createdAt) : now);
        insert->addBindValue(now);
        if (!insert->exec())
            return Database::storageError(ExecutionRepository::tr("record the execution"), *insert);

        Database::Statement result = m_database.statement(QStringLiteral(
            "INSERT INTO execution_results (execution_id, position, action_id, action_name, started_at, "
            "ended_at, succeeded, error, message_uuid, delivery_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?)"));
        for (const ActionRunResult &run : execution.results) {
            result->bindValue(0, execution.id);
            result->bindValue(1, run.index);
            result->bindValue(2, SqlValue::text(run.actionId));
            result->bindValue(3, SqlValue::text(run.actionName));
            result->bindValue(4, SqlValue::time(run.startedAt));
            result->bindValue(5, SqlValue::time(run.endedAt));
            result->bindValue(6, run.succeeded ? 1 : 0);
            result->bindValue(7, SqlValue::text(run.error));
            result->bindValue(8, SqlValue::text(run.messageUuid));
            result->bindValue(9, SqlValue::text(run.deliveryState));
            if (!result->exec())
                return Database::storageError(ExecutionRepository::tr("record the results of the execution"),
                                              *result);
        }
        return {};
    });
}

Result<std::optional<Execution>> ExecutionRepository::find(const QString &id) const
{
    auto found = select(QStringLiteral("WHERE id = ?"), {id});
    if (!found)
        return found.error();
    if (found.value().isEmpty())
        return std::optional<Execution>();
    return std::optional<Execution>(found.value().constFirst());
}

Result<QList<Execution>> ExecutionRepository::recent(int limit) const
{
    return select(QStringLiteral("ORDER BY created_at DESC, id LIMIT ?"), {qMax(0, limit)});
}

Result<QList<Execution>> ExecutionRepository::select(const QString &where, const QVariantList &values) const
{
    QSqlQuery query = m_database.prepare(
        QStringLiteral("SELECT id, trigger_id, status, error, event, created_at FROM executions ") + where);
    query.setForwardOnly(true);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return Database::storageError(ExecutionRepository::tr("read the executions"), query);
    QList<Execution> executions;
    while (query.next()) {
        Execution execution;
        execution.id = query.value(0).toString();
        execution.triggerId = query.value(1).toString();
        execution.status = query.value(2).toString();
        execution.error = query.value(3).toString();
        execution.event = QJsonDocument::fromJson(query.value(4).toString().toUtf8()).object();
        execution.createdAt = SqlValue::timeFrom(query.value(5));
        executions.append(execution);
    }
    query.finish();
    for (Execution &execution : executions) {
        auto results = resultsOf(execution.id);
        if (!results)
            return results.error();
        execution.results = results.takeValue();
    }
    return executions;
}

Result<QList<ActionRunResult>> ExecutionRepository::resultsOf(const QString &id) const
{
    QSqlQuery query = m_database.prepare(
        QStringLiteral("SELECT position, action_id, action_name, started_at, ended_at, succeeded, error, "
                       "message_uuid, delivery_state FROM execution_results WHERE execution_id = ? "
                       "ORDER BY position"));
    query.setForwardOnly(true);
    query.addBindValue(id);
    if (!query.exec())
        return Database::storageError(ExecutionRepository::tr("read the results of an execution"), query);
    QList<ActionRunResult> results;
    while (query.next()) {
        ActionRunResult run;
        run.index = query.value(0).toInt();
        run.actionId = query.value(1).toString();
        run.actionName = query.value(2).toString();
        run.startedAt = SqlValue::timeFrom(query.value(3));
        run.endedAt = SqlValue::timeFrom(query.value(4));
        run.succeeded = query.value(5).toInt() != 0;
        run.error = query.value(6).toString();
        run.messageUuid = query.value(7).toString();
        run.deliveryState = query.value(8).toString();
        results.append(run);
    }
    return results;
}

Result<void> ExecutionRepository::updateDeliveryState(const QString &id, int index, const QString &state)
{
    return m_database.transaction([&]() -> Result<void> {
        Database::Statement update = m_database.statement(QStringLiteral(
            "UPDATE execution_results SET delivery_state = ? WHERE execution_id = ? AND position = ?"));
        update->addBindValue(SqlValue::text(state));
        update->addBindValue(id);
        update->addBindValue(index);
        if (!update->exec())
            return Database::storageError(ExecutionRepository::tr("record the delivery state"), *update);
        if (update->numRowsAffected() == 0)
            return Error(
                Error::Kind::NotFound,
                ExecutionRepository::tr("The execution %1 has no action %2.").arg(id).arg(index + 1));
        Database::Statement touch
            = m_database.statement(QStringLiteral("UPDATE executions SET updated_at = ? WHERE id = ?"));
        touch->addBindValue(SqlValue::time(QDateTime::currentDateTimeUtc()));
        touch->addBindValue(id);
        if (!touch->exec())
            return Database::storageError(ExecutionRepository::tr("record the delivery state"), *touch);
        return {};
    });
}

Result<int> ExecutionRepository::removeOlderThan(const QDateTime &before)
{
    int removed = 0;
    auto done = m_database.transaction([&]() -> Result<void> {
        const QString limit = SqlValue::time(before);
        QSqlQuery results
            = m_database.prepare(QStringLiteral("DELETE FROM execution_results WHERE execution_id IN "
                                                "(SELECT id FROM executions WHERE created_at < ?)"));
        results.addBindValue(limit);
        if (!results.exec())
            return Database::storageError(ExecutionRepository::tr("remove old executions"), results);
        QSqlQuery executions
            = m_database.prepare(QStringLiteral("DELETE FROM executions WHERE created_at < ?"));
        executions.addBindValue(limit);
        if (!executions.exec())
            return Database::storageError(ExecutionRepository::tr("remove old executions"), executions);
        removed = executions.numRowsAffected();
        return {};
    });
    if (!done)
        return done.error();
    return removed;
}
