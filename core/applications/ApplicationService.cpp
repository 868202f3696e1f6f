#include "ApplicationService.h"

#include "core/common/ProcessIdentity.h"
#include "core/common/Random.h"
#include "core/secrets/SecretStore.h"
#include "core/store/Database.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcApplications, "authdeck.applications")

namespace {

ApplicationSummary summaryOf(const Application &app)
{
    return {app.clientId, app.name, app.type};
}

} // namespace

bool ApplicationValidation::isValid() const
{
    return name.isEmpty() && description.isEmpty() && callbacks.isEmpty() && logoutUrls.isEmpty()
        && webOrigins.isEmpty();
}

QString ApplicationValidation::summary() const
{
    if (!name.isEmpty())
        return name;
    if (!description.isEmpty())
        return description;
    const int bad = callbacks.size() + logoutUrls.size() + webOrigins.size();
    if (bad > 0)
        return bad == 1
            ? ApplicationService::tr("One URL breaks a rule; it is marked with its reason.")
            : ApplicationService::tr("%1 URLs break a rule; each is marked with its reason.").arg(bad);
    return {};
}

ApplicationService::ApplicationService(Database &database,
                                       SecretStore &secrets,
                                       QString tenantId,
                                       QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_repository(database)
    , m_journal(database)
    , m_secrets(secrets)
    , m_tenantId(std::move(tenantId))
{ }

QString ApplicationService::checkName(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return tr("The name is required.");
    if (trimmed.size() > MaxNameLength)
        return tr("The name can have at most %1 characters (it has %2).")
            .arg(MaxNameLength)
            .arg(trimmed.size());
    if (trimmed.contains(QLatin1Char('<')) || trimmed.contains(QLatin1Char('>')))
        return tr("The name cannot contain < or >.");
    return {};
}

QString ApplicationService::checkDescription(const QString &description)
{
    if (description.size() > MaxDescriptionLength)
        return tr("The description can have at most %1 characters (it has %2).")
            .arg(MaxDescriptionLength)
            .arg(description.size());
    return {};
}

ApplicationValidation ApplicationService::validate(const Application &app)
{
    const bool custom = allowsCustomSchemes(app.type);
    ApplicationValidation result;
    result.name = checkName(app.name);
    result.description = checkDescription(app.description);
    result.callbacks = UrlRules::checkAll(app.callbacks, UrlRules::Kind::Callback, custom);
    result.logoutUrls = UrlRules::checkAll(app.logoutUrls, UrlRules::Kind::Logout, custom);
    result.webOrigins = UrlRules::checkAll(app.webOrigins, UrlRules::Kind::WebOrigin);
    return result;
}

Result<QList<ApplicationSummary>> ApplicationService::list() const
{
    return m_repository.summaries();
}

Result<Application> ApplicationService::find(const QString &clientId) const
{
    return m_repository.find(clientId);
}

Result<QList<Application>> ApplicationService::page(int offset, int limit) const
{
    return m_repository.page(offset, limit);
}

Result<int> ApplicationService::count() const
{
    return m_repository.count();
}

Result<std::optional<ApplicationSummary>> ApplicationService::firstOfType(ApplicationType type,
                                                                          bool withUrls) const
{
    return m_repository.firstOfType(type, withUrls);
}

Result<Application> ApplicationService::create(const NewApplication &request)
{
    const ApplicationTypeInfo &info = ApplicationTypeInfo::of(request.type);
    Application app;
    app.clientId = Random::alphanumeric(ClientIdLength);
    app.name = request.name.trimmed();
    app.description = request.description;
    app.type = request.type;
    app.technology = info.technologies.contains(request.technology) ? request.technology : QString();
    app.grantTypes = info.defaultGrantTypes;
    app.tokenEndpointAuthMethod = info.tokenEndpointAuthMethod;
    app.createdAt = app.updatedAt = QDateTime::currentDateTimeUtc();
    app.revision = 1;

    if (const ApplicationValidation problems = validate(app); !problems.isValid())
        return Error(Error::Kind::Invalid, problems.summary());
    if (auto inserted = m_database.transaction([&]() -> Result<void> {
            if (auto written = m_repository.insert(app); !written || !info.confidential)
                return written;
            return changeSecretOnCommit(app.clientId, SecretJournalEntry::Operation::Write);
        });
        !inserted)
        return inserted.error();

    Q_EMIT applicationCreated(summaryOf(app));
    return app;
}

Result<Application> ApplicationService::update(const Application &edited)
{
    Application app = edited;
    app.name = app.name.trimmed();
    if (const ApplicationValidation problems = validate(app); !problems.isValid())
        return Error(Error::Kind::Invalid, problems.summary());

    auto stored = m_repository.find(app.clientId);
    if (!stored)
        return stored.error();
    const bool typeChanged = stored.value().type != app.type;
    if (typeChanged) {
        const ApplicationTypeInfo &info = app.typeInfo();
        app.grantTypes = info.defaultGrantTypes;
        app.tokenEndpointAuthMethod = info.tokenEndpointAuthMethod;
        if (!info.technologies.contains(app.technology))
            app.technology.clear();
    }
    app.updatedAt = QDateTime::currentDateTimeUtc();
    const bool wasConfidential = stored.value().typeInfo().confidential;
    const bool gainsSecret = typeChanged && app.typeInfo().confidential && !wasConfidential;
    const bool losesSecret = typeChanged && !app.typeInfo().confidential && wasConfidential;
    if (auto written = m_database.transaction([&]() -> Result<void> {
            if (auto updated = m_repository.update(app); !updated || !(gainsSecret || losesSecret))
                return updated;
            return changeSecretOnCommit(app.clientId,
                                        gainsSecret ? SecretJournalEntry::Operation::Write
                                                    : SecretJournalEntry::Operation::Remove);
        });
        !written)
        return written.error();
    ++app.revision;

    Q_EMIT applicationUpdated(summaryOf(app));
    return app;
}

Result<void> ApplicationService::remove(const QString &clientId)
{
    if (auto removed = m_database.transaction([&]() -> Result<void> {
            if (auto gone = m_repository.remove(clientId); !gone)
                return gone;
            return changeSecretOnCommit(clientId, SecretJournalEntry::Operation::Remove);
        });
        !removed)
        return removed;
    Q_EMIT applicationRemoved(clientId);
    return {};
}

SecretJob *ApplicationService::readClientSecret(const QString &clientId)
{
    return m_secrets.read(secretKey(clientId));
}

SecretJob *ApplicationService::rotateClientSecret(const QString &clientId)
{
    return writeClientSecret(clientId, {});
}

SecretJob *ApplicationService::writeClientSecret(const QString &clientId, const QString &change)
{
    SecretJob *job = m_secrets.write(secretKey(clientId), Random::urlSafe(ClientSecretLength).toLatin1());
    connect(job, &SecretJob::finished, this, [this, clientId, change](SecretJob *done) {
        if (!done->succeeded()) {
            qCWarning(lcApplications) << "could not store a client secret:" << done->errorString();
            return;
        }
        settle(clientId, change);
        Q_EMIT clientSecretRotated(clientId);
    });
    return job;
}

void ApplicationService::removeClientSecret(const QString &clientId, const QString &change)
{
    SecretJob *job = m_secrets.remove(secretKey(clientId));
    connect(job, &SecretJob::finished, this, [this, clientId, change](SecretJob *done) {
        if (!done->succeeded() && done->status() != SecretJob::Status::NotFound) {
            qCWarning(lcApplications) << "could not remove a client secret:" << done->errorString();
            return;
        }
        settle(clientId, change);
    });
}

void ApplicationService::settle(const QString &clientId, const QString &change)
{
    if (change.isEmpty())
        return;
    if (const Result<void> settled = m_journal.settle({secretKey(clientId)}, change); !settled)
        qCWarning(lcApplications) << settled.error().message();
}

Result<void> ApplicationService::changeSecretOnCommit(const QString &clientId,
                                                      SecretJournalEntry::Operation operation)
{
    const QString change = SecretJournalRepository::newChange();
    auto noted = m_journal.record({{secretKey(clientId),
                                    QLatin1String(SecretOwnerKind),
                                    clientId,
                                    QStringLiteral("client_secret"),
                                    operation,
                                    ProcessIdentity::current(),
                                    QDateTime::currentDateTimeUtc(),
                                    change}});
    if (!noted)
        return noted;
    // Not before the application is kept: an import's transaction may still take it back.
    m_database.afterCommit(this, [this, clientId, operation, change] {
        if (operation == SecretJournalEntry::Operation::Write)
            writeClientSecret(clientId, change);
        else
            removeClientSecret(clientId, change); // a public client has no secret to leak
    });
    return {};
}

QString ApplicationService::secretKey(const QString &clientId) const
{
    return SecretStore::clientSecretKey(m_tenantId, clientId);
}
