#pragma once

#include "core/common/Result.h"
#include "core/model/ClientGrant.h"

#include <QCoreApplication>
#include <QList>

#include <optional>

class Database;

/// The client_grants table: one row per application and API.
class ClientGrantRepository
{
    Q_DECLARE_TR_FUNCTIONS(ClientGrantRepository)

public:
    explicit ClientGrantRepository(Database &database);

    /// Every grant, or those of @p clientId when given, oldest first.
    Result<QList<ClientGrant>> list(const QString &clientId = {}) const;
    Result<std::optional<ClientGrant>> find(const QString &clientId, const QString &audience) const;
    Result<std::optional<ClientGrant>> findById(const QString &id) const;
    /// Inserts @p grant; a Conflict when the application already has a grant for that API.
    Result<void> insert(const ClientGrant &grant);
    Result<void> updateScopes(const QString &id, const QStringList &scopes);
    Result<void> remove(const QString &id);

private:
    Database &m_database;
};
