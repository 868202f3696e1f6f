#include "ClientGrantRepository.h"

#include "core/store/Database.h"
#include "core/store/SqlValue.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

namespace {

const QString kSelect
    = QStringLiteral("SELECT id, client_id, audience, scope, created_at FROM client_grants");

ClientGrant fromRow(const QSqlQuery &query)
{
    ClientGrant grant;
    grant.id = query.value(0).toString();
    grant.clientId = query.value(1).toString();
    grant.audience = query.value(2).toString();
    for (const QJsonValue &scope : QJsonDocument::fromJson(query.value(3).toString().toUtf8()).array())
        grant.scopes.append(scope.toString());
    grant.createdAt = SqlValue::timeFrom(query.value(4));
    return grant;
}

QString scopeText(const QStringList &scopes)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(scopes)).toJson(QJsonDocument::Compact));
}

} // namespace

ClientGrantRepository::ClientGrantRepository(Database &database)
    : m_database(database)
{ }

Result<QList<ClientGrant>> ClientGrantRepository::list(const QString &clientId) const
{
    QSqlQuery query = m_database.prepare(
        kSelect + (clientId.isEmpty() ? QString() : QStringLiteral(" WHERE client_id = ?"))
        + QStringLiteral(" ORDER BY created_at, id"));
    if (!clientId.isEmpty())
        query.addBindValue(clientId);
    if (!query.exec())
        return Database::storageError(tr("read the client grants"), query);
    QList<ClientGrant> grants;
    while (query.next())
        grants.append(fromRow(query));
    return grants;
}

Result<std::optional<ClientGrant>> ClientGrantRepository::find(const QString &clientId,
                                                               const QString &audience) const
{
    QSqlQuery query = m_database.prepare(kSelect + QStringLiteral(" WHERE client_id = ? AND audience = ?"));
    query.addBindValue(clientId);
    query.addBindValue(audience);
    if (!query.exec())
        return Database::storageError(tr("read a client grant"), query);
    if (!query.next())
        return std::optional<ClientGrant>();
    return std::optional<ClientGrant>(fromRow(query));
}

Result<std::optional<ClientGrant>> ClientGrantRepository::findById(const QString &id) const
{
    QSqlQuery query = m_database.prepare(kSelect + QStringLiteral(" WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec())
        return Database::storageError(tr("read a client grant"), query);
    if (!query.next())
        return std::optional<ClientGrant>();
    return std::optional<ClientGrant>(fromRow(query));
}

Result<void> ClientGrantRepository::insert(const ClientGrant &grant)
{
    if (auto existing = find(grant.clientId, grant.audience); existing && existing.value())
        return Error(Error::Kind::Conflict,
                     tr("The application already has a grant for %1.").arg(grant.audience));
    QSqlQuery query = m_database.prepare(QStringLiteral(
        "INSERT INTO client_grants (id, client_id, audience, scope, created_at) VALUES (?, ?, ?, ?, ?)"));
    query.addBindValue(grant.id);
    query.addBindValue(grant.clientId);
    query.addBindValue(grant.audience);
    query.addBindValue(scopeText(grant.scopes));
    query.addBindValue(SqlValue::time(grant.createdAt));
    if (!query.exec())
        return Database::storageError(tr("save the client grant"), query);
    return {};
}

Result<void> ClientGrantRepository::updateScopes(const QString &id, const QStringList &scopes)
{
    QSqlQuery query = m_database.prepare(QStringLiteral("UPDATE client_grants SET scope = ? WHERE id = ?"));
    query.addBindValue(scopeText(scopes));
    query.addBindValue(id);
    if (!query.exec())
        return Database::storageError(tr("save the client grant"), query);
    if (query.numRowsAffected() == 0)
        return Error(Error::Kind::NotFound, tr("The client grant %1 does not exist.").arg(id));
    return {};
}

Result<void> ClientGrantRepository::remove(const QString &id)
{
    QSqlQuery query = m_database.prepare(QStringLiteral("DELETE FROM client_grants WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec())
        return Database::storageError(tr("delete the client grant"), query);
    if (query.numRowsAffected() == 0)
        return Error(Error::Kind::NotFound, tr("The client grant %1 does not exist.").arg(id));
    return {};
}
