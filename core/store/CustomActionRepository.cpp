#include "CustomActionRepository.h"

#include "core/store/Database.h"
#include "core/store/SqlValue.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QVariant>

namespace {

// The draft compared with the deployed version gives all_changes_deployed (false when none is deployed).
const QString kSelect = QStringLiteral(
    "SELECT a.id, a.name, a.trigger_id, a.trigger_version, a.runtime, a.code, a.dependencies, a.secrets, "
    "a.deployed_version, a.created_at, a.updated_at, a.revision, "
    "CASE WHEN v.code = a.code AND v.dependencies = a.dependencies AND v.runtime = a.runtime "
    "THEN 1 ELSE 0 END "
    "FROM custom_actions a LEFT JOIN custom_action_versions v "
    "ON v.action_id = a.id AND v.number = a.deployed_version");

const QString kVersionColumns
    = QStringLiteral("v.action_id, v.number, v.code, v.dependencies, v.runtime, v.created_at, "
                     "CASE WHEN a.deployed_version = v.number THEN 1 ELSE 0 END");

QString compact(const QJsonArray &array)
{
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QString dependenciesToJson(const QList<ActionDependency> &dependencies)
{
    QJsonArray array;
    for (const ActionDependency &dependency : dependencies)
        array.append(QJsonObject {{QStringLiteral("name"), dependency.name},
                                  {QStringLiteral("version"), dependency.version}});
    return compact(array);
}

QList<ActionDependency> dependenciesFromJson(const QVariant &value)
{
    QList<ActionDependency> dependencies;
    const QJsonArray array = QJsonDocument::fromJson(value.toString().toUtf8()).array();
    for (const QJsonValue &item : array) {
        const QJsonObject object = item.toObject();
        dependencies.append({object.value(QStringLiteral("name")).toString(),
                             object.value(QStringLiteral("version")).toString()});
    }
    return dependencies;
}

QString secretsToJson(const QList<ActionSecret> &secrets)
{
    QJsonArray array;
    for (const ActionSecret &secret : secrets)
        array.append(QJsonObject {{QStringLiteral("name"), secret.name},
                                  {QStringLiteral("updated_at"), SqlValue::time(secret.updatedAt)}});
    return compact(array);
}

QList<ActionSecret> secretsFromJson(const QVariant &value)
{
    QList<ActionSecret> secrets;
    const QJsonArray array = QJsonDocument::fromJson(value.toString().toUtf8()).array();
    for (const QJsonValue &item : array) {
        const QJsonObject object = item.toObject();
        secrets.append({object.value(QStringLiteral("name")).toString(),
                        SqlValue::timeFrom(object.value(QStringLiteral("updated_at")).toString())});
    }
    return secrets;
}

CustomAction actionFromRow(const QSqlQuery &query)
{
    CustomAction action;
    action.id = query.value(0).toString();
    action.name = query.value(1).toString();
    action.triggerId = query.value(2).toString();
    action.triggerVersion = query.value(3).toString();
    action.runtime = query.value(4).toString();
    action.code = query.value(5).toString();
    action.dependencies = dependenciesFromJson(query.value(6));
    action.secrets = secretsFromJson(query.value(7));
    action.deployedVersion = query.value(8).toInt();
    action.createdAt = SqlValue::timeFrom(query.value(9));
    action.updatedAt = SqlValue::timeFrom(query.value(10));
    action.revision = query.value(11).toInt();
    action.allChangesDeployed = query.value(12).toInt() != 0;
    return action;
}

CustomActionVersion versionFromRow(const QSqlQuery &query)
{
    CustomActionVersion version;
    version.actionId = query.value(0).toString();
    version.number = query.value(1).toInt();
    version.code = query.value(2).toString();
    version.dependencies = dependenciesFromJson(query.value(3));
    version.runtime = query.value(4).toString();
    version.createdAt = SqlValue::timeFrom(query.value(5));
    version.deployed = query.value(6).toInt() != 0;
    return version;
}

Error actionGone()
{
    return Error(Error::Kind::NotFound, CustomActionRepository::tr("The action no longer exists."));
}

} // namespace

CustomActionRepository::CustomActionRepository(Database &database)
    : m_database(database)
{ }

Result<QList<CustomAction>> CustomActionRepository::list(const QString &triggerId) const
{
    const QString where = triggerId.isEmpty() ? QString() : QStringLiteral(" WHERE a.trigger_id = ?");
    QSqlQuery query = m_database.prepare(kSelect + where + QStringLiteral(" ORDER BY a.name_key, a.id"));
    if (!triggerId.isEmpty())
        query.addBindValue(triggerId);
    query.setForwardOnly(true);
    if (!query.exec())
        return Database::storageError(CustomActionRepository::tr("list the custom actions"), query);
    QList<CustomAction> list;
    while (query.next())
        list.append(actionFromRow(query));
    return list;
}

Result<CustomAction> CustomActionRepository::find(const QString &id) const
{
    QSqlQuery query = m_database.prepare(kSelect + QStringLiteral(" WHERE a.id = ?"));
    query.addBindValue(id);
    if (!query.exec())
        return Database::storageError(CustomActionRepository::tr("read the custom action"), query);
    if (!query.next())
        return actionGone();
    return actionFromRow(query);
}

Result<bool> CustomActionRepository::nameTaken(const QString &name, const QString &exceptId) const
{
    QSqlQuery query = m_database.prepare(
        QStringLiteral("SELECT count(*) FROM custom_actions WHERE name_key = ? AND id != ?"));
    query.addBindValue(name.toLower());
    query.addBindValue(SqlValue::text(exceptId));
    if (!query.exec() || !query.next())
        return Database::storageError(CustomActionRepository::tr("look for an action of the same name"),
                                      query);
    return query.value(0).toInt() > 0;
}

Result<void> CustomActionRepository::insert(const CustomAction &action)
{
    QSqlQuery query = m_database.prepare(QStringLiteral(
        "INSERT INTO custom_actions (id, name, name_key, trigger_id, trigger_version, runtime, code, "
        "dependencies, secrets, created_at, updated_at, revision, deployed_version) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(action.id);
    query.addBindValue(SqlValue::text(action.name));
    query.addBindValue(SqlValue::text(action.name.toLower()));
    query.addBindValue(SqlValue::text(action.triggerId));
    query.addBindValue(SqlValue::text(action.triggerVersion));
    query.addBindValue(SqlValue::text(action.runtime));
    query.addBindValue(SqlValue::text(action.code));
    query.addBindValue(dependenciesToJson(action.dependencies));
    query.addBindValue(secretsToJson(action.secrets));
    query.addBindValue(SqlValue::time(action.createdAt));
    query.addBindValue(SqlValue::time(action.updatedAt));
    query.addBindValue(action.revision);
    query.addBindValue(action.deployedVersion);
    if (!query.exec())
        return Database::storageError(CustomActionRepository::tr("save the new custom action"), query);
    return {};
}

Result<void> CustomActionRepository::updateDraft(const CustomAction &action)
{
    QSqlQuery query = m_database.prepare(QStringLiteral(
        "UPDATE custom_actions SET name = ?, name_key = ?, runtime = ?, code = ?, dependencies = ?, "
        "updated_at = ?, revision = revision + 1 WHERE id = ? AND revision = ?"));
    query.addBindValue(SqlValue::text(action.name));
    query.addBindValue(SqlValue::text(action.name.toLower()));
    query.addBindValue(SqlValue::text(action.runtime));
    query.addBindValue(SqlValue::text(action.code));
    query.addBindValue(dependenciesToJson(action.dependencies));
    query.addBindValue(SqlValue::time(action.updatedAt));
    query.addBindValue(action.id);
    query.addBindValue(action.revision);
    if (!query.exec())
        return Database::storageError(CustomActionRepository::tr("save the custom action"), query);
    if (query.numRowsAffected() == 1)
        return {};
    if (auto current = find(action.id); !current)
        return current.error();
    return Error(Error::Kind::Conflict,
                 CustomActionRepository::tr("The action %1 was changed elsewhere since you opened it.")
                     .arg(action.name));
}

Result<void> CustomActionRepository::updateSecrets(const QString &id,
                                                   const QList<ActionSecret> &secrets,
                                                   const QDateTime &updatedAt)
{
    QSqlQuery query = m_database.prepare(
        QStringLiteral("UPDATE custom_actions SET secrets = ?, updated_at = ? WHERE id = ?"));
    query.addBindValue(secretsToJson(secrets));
    query.addBindValue(SqlValue::time(updatedAt));
    query.addBindValue(id);
    if (!query.exec())
        return Database::storageError(CustomActionRepository::tr("save the secrets of the custom action"),
                                      query);
    if (query.numRowsAffected() == 0)
        return actionGone();
    return {};
}

Result<void> CustomActionRepository::remove(const QString &id)
{
    QSqlQuery query = m_database.prepare(QStringLiteral("DELETE FROM custom_actions WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec())
        return Database::storageError(CustomActionRepository::tr("delete the custom action"), query);
    if (query.numRowsAffected() == 0)
        return actionGone();
    return {};
}

Result<QList<CustomActionVersion>> CustomActionRepository::versions(const QString &actionId) const
{
    QSqlQuery query
        = m_database.prepare(QStringLiteral("SELECT ") + kVersionColumns
                             + QStringLiteral(" FROM custom_action_versions v JOIN custom_actions a "
                                              "ON a.id = v.action_id WHERE v.action_id = ? "
                                              "ORDER BY v.number DESC"));
    query.addBindValue(actionId);
    query.setForwardOnly(true);
    if (!query.exec())
        return Database::storageError(CustomActionRepository::tr("list the versions of the custom action"),
                                      query);
    QList<CustomActionVersion> list;
    while (query.next())
        list.append(versionFromRow(query));
    return list;
}

Result<CustomActionVersion> CustomActionRepository::version(const QString &actionId, int number) const
{
    QSqlQuery query
        = m_database.prepare(QStringLiteral("SELECT ") + kVersionColumns
                             + QStringLiteral(" FROM custom_action_versions v JOIN custom_actions a "
                                              "ON a.id = v.action_id WHERE v.action_id = ? "
                                              "AND v.number = ?"));
    query.addBindValue(actionId);
    query.addBindValue(number);
    if (!query.exec())
        return Database::storageError(CustomActionRepository::tr("read the version of the custom action"),
                                      query);
    if (!query.next())
        return Error(Error::Kind::NotFound,
                     CustomActionRepository::tr("The action has no version %1.").arg(number));
    return versionFromRow(query);
}

Result<int> CustomActionRepository::latestNumber(const QString &actionId) const
{
    QSqlQuery query = m_database.prepare(
        QStringLiteral("SELECT coalesce(max(number), 0) FROM custom_action_versions WHERE action_id = ?"));
    query.addBindValue(actionId);
    if (!query.exec() || !query.next())
        return Database::storageError(CustomActionRepository::tr("number the new version"), query);
    return query.value(0).toInt();
}

Result<void> CustomActionRepository::insertVersion(const CustomActionVersion &version)
{
    QSqlQuery query = m_database.prepare(
        QStringLiteral("INSERT INTO custom_action_versions (action_id, number, code, dependencies, runtime, "
                       "created_at) VALUES (?, ?, ?, ?, ?, ?)"));
    query.addBindValue(version.actionId);
    query.addBindValue(version.number);
    query.addBindValue(SqlValue::text(version.code));
    query.addBindValue(dependenciesToJson(version.dependencies));
    query.addBindValue(SqlValue::text(version.runtime));
    query.addBindValue(SqlValue::time(version.createdAt));
    if (!query.exec())
        return Database::storageError(CustomActionRepository::tr("save the new version"), query);
    return {};
}

Result<void>
CustomActionRepository::setDeployedVersion(const QString &actionId, int number, const QDateTime &updatedAt)
{
    QSqlQuery query = m_database.prepare(
        QStringLiteral("UPDATE custom_actions SET deployed_version = ?, updated_at = ? WHERE id = ?"));
    query.addBindValue(number);
    query.addBindValue(SqlValue::time(updatedAt));
    query.addBindValue(actionId);
    if (!query.exec())
        return Database::storageError(CustomActionRepository::tr("deploy the version"), query);
    if (query.numRowsAffected() == 0)
        return actionGone();
    return {};
}
