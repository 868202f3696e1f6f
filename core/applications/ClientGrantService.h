#pragma once

#include "core/common/Result.h"
#include "core/model/ClientGrant.h"
#include "core/store/ClientGrantRepository.h"

#include <QObject>

class ApplicationService;
class Clock;
class Database;

/**
 * @brief Client grants: which machine-to-machine application may call which API, with which scopes
 *        (Applications > APIs > Machine to Machine Applications, and /api/v2/client-grants).
 *
 * Only machine-to-machine applications get grants; a scope is one word ("read:clients"); an application
 * has at most one grant per API. Each change is one transaction and one signal.
 */
class ClientGrantService : public QObject
{
    Q_OBJECT

public:
    ClientGrantService(Database &database, const ApplicationService &applications, QObject *parent = nullptr);

    Result<QList<ClientGrant>> list(const QString &clientId = {}) const;
    /// The grant of @p clientId for @p audience, if any.
    Result<std::optional<ClientGrant>> find(const QString &clientId, const QString &audience) const;
    Result<std::optional<ClientGrant>> findById(const QString &id) const;
    /// Authorizes @p clientId to call @p audience with @p scopes; Invalid for another kind of application or
    /// a malformed scope, Conflict when it already has a grant for that API.
    Result<ClientGrant> create(const QString &clientId, const QString &audience, const QStringList &scopes);
    Result<ClientGrant> updateScopes(const QString &id, const QStringList &scopes);
    Result<void> remove(const QString &id);

    /// The rule @p scopes break, or nothing: each a non-empty word of letters, digits, ':', '_', '.', '-'.
    static std::optional<QString> checkScopes(const QStringList &scopes);

    /// Another Authdeck on the tenant changed client grants: emits changedElsewhere().
    void announceChangedElsewhere() { Q_EMIT changedElsewhere(); }

Q_SIGNALS:
    /// Client grants changed in another process; what shows them reads them again (nothing to audit here).
    void changedElsewhere();
    void grantCreated(const ClientGrant &grant);
    void grantUpdated(const ClientGrant &grant);
    void grantRemoved(const QString &id);

private:
    Database &m_database;
    const ApplicationService &m_applications;
    ClientGrantRepository m_repository;
};
