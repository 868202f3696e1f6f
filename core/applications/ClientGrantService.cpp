#include "ClientGrantService.h"

#include "core/applications/ApplicationService.h"
#include "core/common/Random.h"
#include "core/store/Database.h"

#include <QRegularExpression>

ClientGrantService::ClientGrantService(Database &database,
                                       const ApplicationService &applications,
                                       QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_applications(applications)
    , m_repository(database)
{ }

Result<QList<ClientGrant>> ClientGrantService::list(const QString &clientId) const
{
    return m_repository.list(clientId);
}

Result<std::optional<ClientGrant>> ClientGrantService::find(const QString &clientId,
                                                            const QString &audience) const
{
    return m_repository.find(clientId, audience);
}

Result<std::optional<ClientGrant>> ClientGrantService::findById(const QString &id) const
{
    return m_repository.findById(id);
}

std::optional<QString> ClientGrantService::checkScopes(const QStringList &scopes)
{
    static const QRegularExpression word(QStringLiteral("^[A-Za-z0-9:_.-]{1,100}$"));
    for (const QString &scope : scopes) {
        if (!word.match(scope).hasMatch())
            return tr("\"%1\" is not a scope: a scope is one word such as read:clients.").arg(scope);
    }
    if (scopes.size() != QSet<QString>(scopes.cbegin(), scopes.cend()).size())
        return tr("A scope is listed twice.");
    return std::nullopt;
}

Result<ClientGrant>
ClientGrantService::create(const QString &clientId, const QString &audience, const QStringList &scopes)
{
    auto application = m_applications.find(clientId);
    if (!application)
        return application.error();
    if (application.value().type != ApplicationType::MachineToMachine)
        return Error(
            Error::Kind::Invalid,
            tr("Only machine-to-machine applications can be authorized to call an API; %1 is not one.")
                .arg(application.value().name));
    if (audience.trimmed().isEmpty())
        return Error(Error::Kind::Invalid, tr("A client grant needs the identifier of the API (audience)."));
    if (auto problem = checkScopes(scopes))
        return Error(Error::Kind::Invalid, *problem);
    ClientGrant grant {QStringLiteral("cgr_") + Random::alphanumeric(16),
                       clientId,
                       audience,
                       scopes,
                       QDateTime::currentDateTimeUtc()};
    if (auto inserted = m_database.transaction([&] { return m_repository.insert(grant); }); !inserted)
        return inserted.error();
    Q_EMIT grantCreated(grant);
    return grant;
}

Result<ClientGrant> ClientGrantService::updateScopes(const QString &id, const QStringList &scopes)
{
    if (auto problem = checkScopes(scopes))
        return Error(Error::Kind::Invalid, *problem);
    auto found = m_repository.findById(id);
    if (!found)
        return found.error();
    if (!found.value())
        return Error(Error::Kind::NotFound, tr("The client grant %1 does not exist.").arg(id));
    if (auto updated = m_database.transaction([&] { return m_repository.updateScopes(id, scopes); });
        !updated)
        return updated.error();
    ClientGrant grant = *found.value();
    grant.scopes = scopes;
    Q_EMIT grantUpdated(grant);
    return grant;
}

Result<void> ClientGrantService::remove(const QString &id)
{
    if (auto removed = m_database.transaction([&] { return m_repository.remove(id); }); !removed)
        return removed;
    Q_EMIT grantRemoved(id);
    return {};
}
