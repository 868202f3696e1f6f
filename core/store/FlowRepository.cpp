#include "FlowRepository.h"

#include "core/store/Database.h"
#include "core/store/SqlValue.h"

#include <QObject>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

FlowRepository::FlowRepository(Database &database)
    : m_database(database)
{ }

Result<QList<Binding>> FlowRepository::bindings(const QString &triggerId) const
{
    Database::Statement query = m_database.statement(
        QStringLiteral("SELECT kind, action_id, display_name, version FROM flow_bindings "
                       "WHERE trigger_id = ? ORDER BY position"));
    query->setForwardOnly(true);
    query->addBindValue(triggerId);
    if (!query->exec())
        return Database::storageError(FlowRepository::tr("read the flow"), *query);
    QList<Binding> list;
    while (query->next()) {
        Binding binding;
        binding.kind = Binding::kindFromName(query->value(0).toString());
        binding.actionId = query->value(1).toString();
        binding.displayName = query->value(2).toString();
        binding.version = query->value(3).toInt();
        list.append(binding);
    }
    return list;
}

Result<QHash<QString, int>> FlowRepository::counts() const
{
    QSqlQuery query = m_database.prepare(
        QStringLiteral("SELECT trigger_id, count(*) FROM flow_bindings GROUP BY trigger_id"));
    query.setForwardOnly(true);
    if (!query.exec())
        return Database::storageError(FlowRepository::tr("count the actions of the flows"), query);
    QHash<QString, int> counts;
    while (query.next())
        counts.insert(query.value(0).toString(), query.value(1).toInt());
    return counts;
}

Result<QStringList> FlowRepository::triggersBinding(const QString &actionId) const
{
    QSqlQuery query = m_database.prepare(QStringLiteral(
        "SELECT DISTINCT trigger_id FROM flow_bindings WHERE action_id = ? ORDER BY trigger_id"));
    query.setForwardOnly(true);
    query.addBindValue(actionId);
    if (!query.exec())
        return Database::storageError(FlowRepository::tr("find the flows of an action"), query);
    QStringList triggers;
    while (query.next())
        triggers.append(query.value(0).toString());
    return triggers;
}

Result<void> FlowRepository::replace(const QString &triggerId, const QList<Binding> &bindings)
{
    QSqlQuery clear = m_database.prepare(QStringLiteral("DELETE FROM flow_bindings WHERE trigger_id = ?"));
    clear.addBindValue(triggerId);
    if (!clear.exec())
        return Database::storageError(FlowRepository::tr("clear the flow"), clear);

    QSqlQuery insert = m_database.prepare(QStringLiteral(
        "INSERT INTO flow_bindings (trigger_id, position, kind, action_id, display_name, version) "
        "VALUES (?, ?, ?, ?, ?, ?)"));
    for (int position = 0; position < bindings.size(); ++position) {
        const Binding &binding = bindings.at(position);
        insert.bindValue(0, triggerId);
        insert.bindValue(1, position);
        insert.bindValue(2, Binding::kindName(binding.kind));
        insert.bindValue(3, binding.actionId);
        insert.bindValue(4, SqlValue::text(binding.displayName));
        insert.bindValue(5, binding.version);
        if (!insert.exec())
            return Database::storageError(FlowRepository::tr("save the flow"), insert);
    }
    return {};
}

Result<QStringList> FlowRepository::removeAction(const QString &actionId)
{
    auto triggers = triggersBinding(actionId);
    if (!triggers)
        return triggers;
    for (const QString &triggerId : triggers.value()) {
        auto current = bindings(triggerId);
        if (!current)
            return current.error();
        QList<Binding> kept = current.takeValue();
        kept.erase(std::remove_if(kept.begin(),
                                  kept.end(),
                                  [&](const Binding &binding) { return binding.actionId == actionId; }),
                   kept.end());
        if (auto written = replace(triggerId, kept); !written)
            return written.error();
    }
    return triggers;
}
