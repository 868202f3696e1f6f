#include "IntegrationRepository.h"

#include "core/store/Database.h"
#include "core/store/SqlValue.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QVariant>

namespace {

const QString kColumns = QStringLiteral("id, catalog_id, name, trigger_id, configuration, secrets_set, "
                                        "use_sandbox, created_at, updated_at, revision");

QString compact(const QJsonDocument &document)
{
    return QString::fromUtf8(document.toJson(QJsonDocument::Compact));
}

QString configurationToJson(const QHash<QString, QString> &configuration)
{
    QJsonObject object;
    for (auto it = configuration.cbegin(); it != configuration.cend(); ++it)
        object.insert(it.key(), it.value());
    return compact(QJsonDocument(object));
}

QHash<QString, QString> configurationFromJson(const QString &text)
{
    QHash<QString, QString> configuration;
    const QJsonObject object = QJsonDocument::fromJson(text.toUtf8()).object();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        configuration.insert(it.key(), it.value().toString());
    return configuration;
}

Integration fromRow(const QSqlQuery &query)
{
    Integration integration;
    integration.id = query.value(0).toString();
    integration.catalogId = query.value(1).toString();
    integration.name = query.value(2).toString();
    integration.trigger = query.value(3).toString();
    integration.configuration = configurationFromJson(query.value(4).toString());
    integration.secretsSet = SqlValue::listFrom(query.value(5));
    integration.useSandbox = query.value(6).toInt() != 0;
    integration.createdAt = SqlValue::timeFrom(query.value(7));
    integration.updatedAt = SqlValue::timeFrom(query.value(8));
    integration.revision = query.value(9).toInt();
    return integration;
}

} // namespace

IntegrationRepository::IntegrationRepository(Database &database)
    : m_database(database)
{ }

Result<QList<Integration>> IntegrationRepository::list() const
{
    Database::Statement query = m_database.statement(
        QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM integrations ORDER BY lower(name), id"));
    query->setForwardOnly(true);
    if (!query->exec())
        return Database::storageError(IntegrationRepository::tr("list the integrations"), *query);
    QList<Integration> list;
    while (query->next())
        list.append(fromRow(*query));
    return list;
}

Result<Integration> IntegrationRepository::find(const QString &id) const
{
    Database::Statement query = m_database.statement(QStringLiteral("SELECT ") + kColumns
                                                     + QStringLiteral(" FROM integrations WHERE id = ?"));
    query->addBindValue(id);
    if (!query->exec())
        return Database::storageError(IntegrationRepository::tr("read the integration"), *query);
    if (!query->next())
        return Error(Error::Kind::NotFound,
                     IntegrationRepository::tr("The integration is no longer installed."));
    return fromRow(*query);
}

Result<std::optional<Integration>> IntegrationRepository::findByCatalogId(const QString &catalogId) const
{
    Database::Statement query = m_database.statement(
        QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM integrations WHERE catalog_id = ?"));
    query->addBindValue(catalogId);
    if (!query->exec())
        return Database::storageError(IntegrationRepository::tr("look for an installed integration"), *query);
    if (!query->next())
        return std::optional<Integration>();
    return std::optional<Integration>(fromRow(*query));
}

Result<void> IntegrationRepository::insert(const Integration &integration)
{
    QSqlQuery query = m_database.prepare(QStringLiteral("INSERT INTO integrations (") + kColumns
                                         + QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(integration.id);
    query.addBindValue(integration.catalogId);
    query.addBindValue(SqlValue::text(integration.name));
    query.addBindValue(integration.trigger);
    query.addBindValue(configurationToJson(integration.configuration));
    query.addBindValue(compact(QJsonDocument(QJsonArray::fromStringList(integration.secretsSet))));
    query.addBindValue(integration.useSandbox ? 1 : 0);
    query.addBindValue(SqlValue::time(integration.createdAt));
    query.addBindValue(SqlValue::time(integration.updatedAt));
    query.addBindValue(integration.revision);
    if (!query.exec())
        return Database::storageError(IntegrationRepository::tr("save the new integration"), query);
    return {};
}

Result<void> IntegrationRepository::update(const Integration &integration)
{
    QSqlQuery query = m_database.prepare(QStringLiteral(
        "UPDATE integrations SET name = ?, configuration = ?, secrets_set = ?, use_sandbox = ?, "
        "updated_at = ?, revision = revision + 1 WHERE id = ? AND revision = ?"));
    query.addBindValue(SqlValue::text(integration.name));
    query.addBindValue(configurationToJson(integration.configuration));
    query.addBindValue(compact(QJsonDocument(QJsonArray::fromStringList(integration.secretsSet))));
    query.addBindValue(integration.useSandbox ? 1 : 0);
    query.addBindValue(SqlValue::time(integration.updatedAt));
    query.addBindValue(integration.id);
    query.addBindValue(integration.revision);
    if (!query.exec())
        return Database::storageError(IntegrationRepository::tr("save the integration"), query);
    if (query.numRowsAffected() == 1)
        return {};
    if (auto current = find(integration.id); !current)
        return Error(Error::Kind::NotFound,
                     IntegrationRepository::tr("The integration was uninstalled elsewhere."));
    return Error(Error::Kind::Conflict,
                 IntegrationRepository::tr("The integration was changed elsewhere since you opened it."));
}

Result<void> IntegrationRepository::remove(const QString &id)
{
    QSqlQuery query = m_database.prepare(QStringLiteral("DELETE FROM integrations WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec())
        return Database::storageError(IntegrationRepository::tr("uninstall the integration"), query);
    if (query.numRowsAffected() == 0)
        return Error(Error::Kind::NotFound,
                     IntegrationRepository::tr("The integration is no longer installed."));
    return {};
}
