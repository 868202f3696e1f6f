#pragma once

#include "core/common/Result.h"
#include "core/model/Binding.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QStringList>

class Database;

/**
 * @brief The SQL for the flows of the triggers (table flow_bindings). Callers validate and open the
 *        transactions; this class only reads and writes rows, on the Database's one connection.
 */
class FlowRepository
{
    Q_DECLARE_TR_FUNCTIONS(FlowRepository)

public:
    explicit FlowRepository(Database &database);

    /// The bindings of @p triggerId by position (execution order).
    Result<QList<Binding>> bindings(const QString &triggerId) const;
    /// The number of bindings of each trigger that has any.
    Result<QHash<QString, int>> counts() const;
    /// The triggers whose flows bind action @p actionId, sorted.
    Result<QStringList> triggersBinding(const QString &actionId) const;

    /**
     * @brief Replaces the flow of @p triggerId with @p bindings (positions 0, 1, …).
     *
     * Several statements: run it inside Database::transaction() so that a failure leaves nothing half
     * written.
     */
    Result<void> replace(const QString &triggerId, const QList<Binding> &bindings);
    /**
     * @brief Removes action @p actionId from every flow, keeping the others in their order.
     * @return the triggers whose flows changed, sorted. Run it inside a transaction, like replace().
     */
    Result<QStringList> removeAction(const QString &actionId);

private:
    Database &m_database;
};
