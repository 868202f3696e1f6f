#include "IntegrationService.h"

#include "core/actions/IntegrationInputs.h"
#include "core/actions/SecretChanges.h"
#include "core/secrets/SecretStore.h"
#include "core/store/Database.h"

#include <QLoggingCategory>
#include <QUuid>

#include <algorithm>
#include <memory>

Q_LOGGING_CATEGORY(lcIntegrations, "authdeck.integrations")

namespace {

/// The secret changes to make: each given secret of @p entry, in the order of its inputs.
QList<SecretChanges::Change> secretWrites(const CatalogEntry &entry,
                                          const QHash<QString, QByteArray> &secrets,
                                          const std::function<QString(const QString &)> &keyOf)
{
    QList<SecretChanges::Change> changes;
    const auto given = IntegrationInputs::givenSecrets(entry, secrets);
    for (const auto &[key, value] : given)
        changes.append({keyOf(key), value, key});
    return changes;
}

QStringList sortedKeys(QStringList keys)
{
    keys.removeDuplicates();
    std::sort(keys.begin(), keys.end());
    return keys;
}

/// An admin's sentence for a secret store step that failed; @p entry (may be null) names the input.
Error secretError(const SecretChanges::Failure &failure, const CatalogEntry *entry)
{
    if (failure.inTenant)
        return Error(Error::Kind::Unavailable, failure.errorString);
    const QString inputKey = failure.key.section(QLatin1Char('/'), -1);
    const IntegrationInput *input = entry ? entry->input(inputKey) : nullptr;
    const QString name = input ? input->label : inputKey;
    QString message;
    switch (failure.operation) {
    case SecretJob::Operation::Read:
        message = IntegrationService::tr("The secret store could not read the current %1: %2");
        break;
    case SecretJob::Operation::Write:
        message = IntegrationService::tr("The secret store could not save the %1: %2");
        break;
    case SecretJob::Operation::Remove:
        message = IntegrationService::tr("The secret store could not remove the %1: %2");
        break;
    }
    message = message.arg(name, failure.errorString)
        + IntegrationService::tr(" Nothing was changed; try again when the keyring answers.");
    const bool timedOut = failure.status == SecretJob::Status::TimedOut;
    return Error(timedOut ? Error::Kind::Timeout : Error::Kind::Unavailable, message);
}

/**
 * @brief The end of every operation: applies @p changes to the secret store, then runs @p save in a
 *        transaction; when either fails, undoes the secret changes and fails @p job.
 *
 * On success calls @p announce, then @p finish without an error; otherwise @p finish with the error,
 * once the secrets are back as they were.
 */
void commit(IntegrationJob *job,
            Database &database,
            SecretStore &store,
            const QString &integrationId,
            const std::optional<CatalogEntry> &entry,
            const QList<SecretChanges::Change> &changes,
            SecretChanges::Previous previous,
            const std::function<Result<void>()> &save,
            const std::function<void()> &announce,
            const std::function<void(IntegrationJob *, const std::optional<Error> &)> &finish)
{
    auto *secrets = new SecretChanges(store,
                                      database,
                                      {QLatin1String(IntegrationService::SecretOwnerKind), integrationId},
                                      changes,
                                      previous,
                                      job);
    secrets->apply([=, &database](const std::optional<SecretChanges::Failure> &failure) {
        if (failure)
            return finish(job, secretError(*failure, entry ? &*entry : nullptr));
        const Result<void> saved = database.transaction([&]() -> Result<void> {
            if (const Result<void> written = save(); !written)
                return written;
            return secrets->settle();
        });
        if (!saved)
            return secrets->undo([=] { finish(job, saved.error()); });
        announce();
        finish(job, std::nullopt);
    });
}

} // namespace

IntegrationService::IntegrationService(
    Database &database, SecretStore &secrets, QString tenantId, IntegrationCatalog catalog, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_repository(database)
    , m_flowBindings(database)
    , m_secrets(secrets)
    , m_tenantId(std::move(tenantId))
    , m_catalog(std::move(catalog))
{ }

QString
IntegrationService::secretKey(const QString &tenantId, const QString &integrationId, const QString &inputKey)
{
    return QStringLiteral("tenant/%1/integrations/%2/%3").arg(tenantId, integrationId, inputKey);
}

QString IntegrationService::secretKey(const QString &integrationId, const QString &inputKey) const
{
    return secretKey(m_tenantId, integrationId, inputKey);
}

QHash<QString, QString> IntegrationService::validate(const CatalogEntry &entry,
                                                     const QHash<QString, QString> &configuration,
                                                     const QHash<QString, QByteArray> &secrets,
                                                     bool useSandbox,
                                                     bool secretsAlreadySet)
{
    QStringList secretsSet;
    if (secretsAlreadySet) {
        for (const IntegrationInput &input : entry.inputs) {
            if (input.isSecret())
                secretsSet.append(input.key);
        }
    }
    return validate(entry, configuration, secrets, useSandbox, secretsSet);
}

QHash<QString, QString> IntegrationService::validate(const CatalogEntry &entry,
                                                     const QHash<QString, QString> &configuration,
                                                     const QHash<QString, QByteArray> &secrets,
                                                     bool useSandbox,
                                                     const QStringList &secretsSet)
{
    return IntegrationInputs::validate(entry, configuration, secrets, useSandbox, secretsSet);
}

QString IntegrationService::summary(const CatalogEntry &entry, const QHash<QString, QString> &problems)
{
    return IntegrationInputs::summary(entry, problems);
}

Result<QList<Integration>> IntegrationService::list() const
{
    return m_repository.list();
}

Result<Integration> IntegrationService::find(const QString &id) const
{
    return m_repository.find(id);
}

Result<std::optional<Integration>> IntegrationService::findByCatalogId(const QString &catalogId) const
{
    return m_repository.findByCatalogId(catalogId);
}

IntegrationJob *IntegrationService::install(const QString &catalogId,
                                            const QHash<QString, QString> &configuration,
                                            const QHash<QString, QByteArray> &secrets,
                                            bool useSandbox)
{
    auto *job = new IntegrationJob(IntegrationJob::Operation::Install, this);
    enqueue(job, [=] { runInstall(job, catalogId, configuration, secrets, useSandbox); });
    return job;
}

IntegrationJob *IntegrationService::reconfigure(const Integration &edited,
                                                const QHash<QString, QByteArray> &newSecrets)
{
    auto *job = new IntegrationJob(IntegrationJob::Operation::Reconfigure, this);
    enqueue(job, [=] { runReconfigure(job, edited, newSecrets); });
    return job;
}

IntegrationJob *IntegrationService::uninstall(const QString &id)
{
    auto *job = new IntegrationJob(IntegrationJob::Operation::Uninstall, this);
    enqueue(job, [=] { runUninstall(job, id); });
    return job;
}

void IntegrationService::enqueue(IntegrationJob *job, std::function<void()> start)
{
    connect(job, &IntegrationJob::finished, this, [this] {
        m_running = false;
        startNext();
    });
    m_waiting.append(std::move(start));
    if (!m_running)
        startNext();
}

void IntegrationService::startNext()
{
    if (m_running || m_waiting.isEmpty())
        return;
    m_running = true;
    m_waiting.takeFirst()();
}

void IntegrationService::runInstall(IntegrationJob *job,
                                    const QString &catalogId,
                                    const QHash<QString, QString> &configuration,
                                    const QHash<QString, QByteArray> &secrets,
                                    bool useSandbox)
{
    const CatalogEntry *entry = m_catalog.find(catalogId);
    if (!entry) {
        job->fail(Error(Error::Kind::NotFound, tr("The catalog has no integration “%1”.").arg(catalogId)));
        return;
    }
    if (auto problems = validate(*entry, configuration, secrets, useSandbox); !problems.isEmpty()) {
        job->fail(Error(Error::Kind::Invalid, summary(*entry, problems)), problems);
        return;
    }
    auto existing = m_repository.findByCatalogId(catalogId);
    if (!existing || existing.value()) {
        job->fail(existing
                      ? Error(Error::Kind::Conflict,
                              tr("%1 is already installed: change its settings instead.").arg(entry->name))
                      : existing.error());
        return;
    }

    Integration integration;
    integration.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    integration.catalogId = entry->id;
    integration.name = entry->name;
    integration.trigger = entry->trigger;
    integration.configuration = IntegrationInputs::normalizedConfiguration(*entry, configuration);
    integration.useSandbox = useSandbox;
    integration.createdAt = integration.updatedAt = QDateTime::currentDateTimeUtc();
    integration.revision = 1;
    const auto changes = secretWrites(*entry, secrets, [&](const QString &key) {
        integration.secretsSet.append(key);
        return secretKey(integration.id, key);
    });
    integration.secretsSet = sortedKeys(integration.secretsSet);

    commit(
        job,
        m_database,
        m_secrets,
        integration.id,
        *entry,
        changes,
        SecretChanges::Previous::Absent,
        [this, integration] { return m_repository.insert(integration); },
        [this, integration] { Q_EMIT integrationInstalled(integration); },
        [integration](IntegrationJob *done, const std::optional<Error> &error) {
            error ? done->fail(*error) : done->succeed(integration);
        });
}

void IntegrationService::runReconfigure(IntegrationJob *job,
                                        const Integration &edited,
                                        const QHash<QString, QByteArray> &newSecrets)
{
    auto stored = m_repository.find(edited.id);
    if (!stored) {
        job->fail(stored.error());
        return;
    }
    Integration integration = stored.takeValue();
    if (integration.revision != edited.revision) {
        job->fail(Error(Error::Kind::Conflict,
                        tr("%1 was changed elsewhere since you opened it.").arg(integration.name)));
        return;
    }
    const CatalogEntry *entry = m_catalog.find(integration.catalogId);
    if (!entry) {
        job->fail(
            Error(Error::Kind::NotFound,
                  tr("%1 is no longer in the catalog: it can only be uninstalled.").arg(integration.name)));
        return;
    }
    const auto problems
        = validate(*entry, edited.configuration, newSecrets, edited.useSandbox, integration.secretsSet);
    if (!problems.isEmpty()) {
        job->fail(Error(Error::Kind::Invalid, summary(*entry, problems)), problems);
        return;
    }

    integration.revision = edited.revision; // the same; the save checks it again
    integration.configuration = IntegrationInputs::normalizedConfiguration(*entry, edited.configuration);
    integration.useSandbox = edited.useSandbox;
    integration.updatedAt = QDateTime::currentDateTimeUtc();
    const auto changes = secretWrites(*entry, newSecrets, [&](const QString &key) {
        integration.secretsSet.append(key);
        return secretKey(integration.id, key);
    });
    integration.secretsSet = sortedKeys(integration.secretsSet);
    Integration saved = integration;
    ++saved.revision;

    commit(
        job,
        m_database,
        m_secrets,
        integration.id,
        *entry,
        changes,
        SecretChanges::Previous::Read,
        [this, integration] { return m_repository.update(integration); },
        [this, saved] { Q_EMIT integrationUpdated(saved); },
        [saved](IntegrationJob *done, const std::optional<Error> &error) {
            error ? done->fail(*error) : done->succeed(saved);
        });
}

void IntegrationService::runUninstall(IntegrationJob *job, const QString &id)
{
    auto stored = m_repository.find(id);
    if (!stored) {
        job->fail(stored.error());
        return;
    }
    const Integration integration = stored.takeValue();
    QList<SecretChanges::Change> changes;
    for (const QString &key : integration.secretsSet)
        changes.append({secretKey(id, key), std::nullopt, key});
    const CatalogEntry *entry = m_catalog.find(integration.catalogId);
    const auto flowsChanged = std::make_shared<QStringList>();

    commit(
        job,
        m_database,
        m_secrets,
        id,
        entry ? std::optional<CatalogEntry>(*entry) : std::nullopt,
        changes,
        SecretChanges::Previous::Read,
        [this, id, flowsChanged]() -> Result<void> {
            auto unbound = m_flowBindings.removeAction(id);
            if (!unbound)
                return unbound.error();
            *flowsChanged = unbound.takeValue();
            return m_repository.remove(id);
        },
        [this, id, flowsChanged] { Q_EMIT integrationRemoved(id, *flowsChanged); },
        [integration](IntegrationJob *done, const std::optional<Error> &error) {
            error ? done->fail(*error) : done->succeed(integration);
        });
}

SecretJob *IntegrationService::readSecret(const QString &integrationId, const QString &key)
{
    return m_secrets.read(secretKey(integrationId, key));
}

int IntegrationService::bindingCount(const QString &integrationId) const
{
    const auto flows = m_flowBindings.triggersBinding(integrationId);
    if (!flows) {
        qCWarning(lcIntegrations) << "cannot count the flows of an integration:" << flows.error().message();
        return 0;
    }
    return int(flows.value().size());
}
