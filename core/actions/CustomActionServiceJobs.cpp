// The asynchronous side of CustomActionService: secrets, removal, deploys and test runs.
#include "core/actions/CustomActionService.h"
#include "core/actions/DependencyInstaller.h"
#include "core/actions/SecretChanges.h"
#include "core/runtime/ActionRuntime.h"
#include "core/secrets/SecretStore.h"
#include "core/store/Database.h"

#include <algorithm>

namespace {

/// Reads several secrets one after another, then hands their values over and deletes itself.
class SecretReader : public QObject
{
public:
    using Done = std::function<void(Result<QHash<QString, QByteArray>>)>;

    SecretReader(SecretStore &store, QList<QPair<QString, QString>> keys, Done done, QObject *parent)
        : QObject(parent)
        , m_store(store)
        , m_keys(std::move(keys))
        , m_done(std::move(done))
    { }

    /// Reads the next key, or reports; @p done may be called from here when there is nothing to read.
    void step()
    {
        if (m_next == m_keys.size())
            return report(m_values);
        const auto &[name, key] = m_keys.at(m_next);
        connect(m_store.read(key), &SecretJob::finished, this, [this, name = name](SecretJob *read) {
            if (read->succeeded()) {
                m_values.insert(name, read->value());
                ++m_next;
                return step();
            }
            if (read->status() == SecretJob::Status::NotFound)
                return report(
                    Error(Error::Kind::NotFound,
                          CustomActionService::tr("The secret %1 is no longer in the secret store (%2): "
                                                  "set it again.")
                              .arg(name, m_store.backendName())));
            report(Error(read->status() == SecretJob::Status::TimedOut ? Error::Kind::Timeout
                                                                       : Error::Kind::Unavailable,
                         CustomActionService::tr("The secret store could not read the secret %1: %2")
                             .arg(name, read->errorString())));
        });
    }

private:
    void report(Result<QHash<QString, QByteArray>> result)
    {
        m_values.clear();
        deleteLater();
        m_done(std::move(result));
    }

    SecretStore &m_store;
    QList<QPair<QString, QString>> m_keys; ///< secret name, store key
    Done m_done;
    QHash<QString, QByteArray> m_values;
    int m_next = 0;
};

/// An admin's sentence for a secret store step that failed.
Error secretError(const SecretChanges::Failure &failure)
{
    if (failure.inTenant)
        return Error(Error::Kind::Unavailable, failure.errorString);
    const QString name = failure.key.section(QLatin1Char('/'), -1);
    const QString message = failure.operation == SecretJob::Operation::Remove
        ? CustomActionService::tr("The secret store could not remove the secret %1: %2")
        : CustomActionService::tr("The secret store could not save the secret %1: %2");
    const bool timedOut = failure.status == SecretJob::Status::TimedOut;
    return Error(timedOut ? Error::Kind::Timeout : Error::Kind::Unavailable,
                 message.arg(name, failure.errorString)
                     + CustomActionService::tr(" Nothing was changed; try again when the keyring answers."));
}

/// "Line N: message" for a syntax error found by ActionRuntime::check().
QString syntaxErrorMessage(const ScriptOutcome &outcome)
{
    QString message = outcome.error;
    if (message.startsWith(QLatin1String("SyntaxError: ")))
        message = message.mid(int(qstrlen("SyntaxError: ")));
    return outcome.line > 0 ? CustomActionService::tr("Line %1: %2").arg(outcome.line).arg(message) : message;
}

} // namespace

void CustomActionService::enqueue(CustomActionJob *job, std::function<void()> start)
{
    connect(job, &CustomActionJob::finished, this, [this] {
        m_running = false;
        startNext();
    });
    m_waiting.append(std::move(start));
    if (!m_running)
        startNext();
}

void CustomActionService::startNext()
{
    if (m_running || m_waiting.isEmpty())
        return;
    m_running = true;
    m_waiting.takeFirst()();
}

CustomActionJob *
CustomActionService::setSecret(const QString &id, const QString &name, const QByteArray &value)
{
    auto *job = new CustomActionJob(CustomActionJob::Operation::SetSecret, this);
    enqueue(job, [=] { runSecretChange(job, id, {name, value}); });
    return job;
}

CustomActionJob *CustomActionService::removeSecret(const QString &id, const QString &name)
{
    auto *job = new CustomActionJob(CustomActionJob::Operation::RemoveSecret, this);
    enqueue(job, [=] { runSecretChange(job, id, {name, std::nullopt}); });
    return job;
}

void CustomActionService::runSecretChange(CustomActionJob *job, const QString &id, const SecretChange &change)
{
    auto stored = m_repository.find(id);
    if (!stored)
        return job->fail(stored.error());
    if (change.value) {
        if (const QString problem = secretNameProblem(change.name); !problem.isEmpty())
            return job->fail(Error(Error::Kind::Invalid, problem));
        if (change.value->isEmpty())
            return job->fail(Error(Error::Kind::Invalid, tr("Give the secret %1 a value.").arg(change.name)));
    } else if (!stored.value().secretNames().contains(change.name)) {
        return job->fail(Error(Error::Kind::NotFound,
                               tr("%1 has no secret named %2.").arg(stored.value().name, change.name)));
    }

    auto *secrets = new SecretChanges(m_secrets,
                                      m_database,
                                      {QLatin1String(SecretOwnerKind), id},
                                      {{secretKey(id, change.name), change.value, change.name}},
                                      SecretChanges::Previous::Read,
                                      job);
    secrets->apply([=](const std::optional<SecretChanges::Failure> &failure) {
        if (failure)
            return job->fail(secretError(*failure));
        CustomAction saved;
        const Result<void> written = m_database.transaction([&]() -> Result<void> {
            auto current = m_repository.find(id);
            if (!current)
                return current.error();
            saved = current.takeValue();
            saved.updatedAt = QDateTime::currentDateTimeUtc();
            saved.secrets.erase(
                std::remove_if(saved.secrets.begin(),
                               saved.secrets.end(),
                               [&](const ActionSecret &secret) { return secret.name == change.name; }),
                saved.secrets.end());
            if (change.value)
                saved.secrets.append({change.name, saved.updatedAt});
            std::sort(saved.secrets.begin(),
                      saved.secrets.end(),
                      [](const ActionSecret &a, const ActionSecret &b) { return a.name < b.name; });
            if (const Result<void> written = m_repository.updateSecrets(id, saved.secrets, saved.updatedAt);
                !written)
                return written;
            return secrets->settle();
        });
        if (!written)
            return secrets->undo([=] { job->fail(written.error()); });
        Q_EMIT actionChanged(id);
        job->succeed(saved);
    });
}

CustomActionJob *CustomActionService::readSecrets(const QString &id)
{
    auto *job = new CustomActionJob(CustomActionJob::Operation::ReadSecrets, this);
    auto stored = m_repository.find(id);
    if (!stored) {
        job->fail(stored.error());
        return job;
    }
    const CustomAction action = stored.takeValue();
    readSecretValues(job, id, action.secretNames(), [job, action](Result<QHash<QString, QByteArray>> values) {
        if (!values)
            return job->fail(values.error());
        job->setSecretValues(values.value());
        job->succeed(action);
    });
    return job;
}

void CustomActionService::readSecretValues(QObject *context,
                                           const QString &actionId,
                                           const QStringList &names,
                                           std::function<void(Result<QHash<QString, QByteArray>>)> done)
{
    QList<QPair<QString, QString>> keys;
    for (const QString &name : names)
        keys.append({name, secretKey(actionId, name)});
    (new SecretReader(m_secrets, keys, std::move(done), context))->step();
}

CustomActionJob *CustomActionService::remove(const QString &id)
{
    auto *job = new CustomActionJob(CustomActionJob::Operation::Remove, this);
    enqueue(job, [=] { runRemove(job, id); });
    return job;
}

void CustomActionService::runRemove(CustomActionJob *job, const QString &id)
{
    auto stored = m_repository.find(id);
    if (!stored)
        return job->fail(stored.error());
    const CustomAction action = stored.takeValue();
    QList<SecretChanges::Change> changes;
    for (const QString &name : action.secretNames())
        changes.append({secretKey(id, name), std::nullopt, name});

    auto *secrets = new SecretChanges(m_secrets,
                                      m_database,
                                      {QLatin1String(SecretOwnerKind), id},
                                      changes,
                                      SecretChanges::Previous::Read,
                                      job);
    secrets->apply([=](const std::optional<SecretChanges::Failure> &failure) {
        if (failure)
            return job->fail(secretError(*failure));
        QStringList flowsChanged;
        const Result<void> removed = m_database.transaction([&]() -> Result<void> {
            auto unbound = m_flowBindings.removeAction(id);
            if (!unbound)
                return unbound.error();
            flowsChanged = unbound.takeValue();
            if (const Result<void> removed = m_repository.remove(id); !removed)
                return removed;
            return secrets->settle();
        });
        if (!removed)
            return secrets->undo([=] { job->fail(removed.error()); });
        Q_EMIT actionRemoved(id, flowsChanged);
        job->succeed(action);
    });
}

CustomActionJob *CustomActionService::deploy(const QString &id)
{
    auto *job = new CustomActionJob(CustomActionJob::Operation::Deploy, this);
    auto stored = m_repository.find(id);
    if (!stored)
        job->fail(stored.error());
    else
        runDeploy(job, stored.takeValue());
    return job;
}

void CustomActionService::runDeploy(CustomActionJob *job, const CustomAction &action)
{
    if (const QString problem = DependencyInstaller::problem(action.dependencies); !problem.isEmpty())
        return job->fail(Error(Error::Kind::Invalid, problem));
    ScriptJob *check = m_runtime.check(action.code, action.name + QStringLiteral(".js"));
    connect(check, &ScriptJob::finished, job, [=](const ScriptOutcome &outcome) {
        if (outcome.status == ScriptOutcome::Status::SyntaxError)
            return job->fail(Error(Error::Kind::Invalid, syntaxErrorMessage(outcome)));
        if (!outcome.succeeded())
            return job->fail(
                Error(Error::Kind::Unavailable, tr("The code could not be checked: %1").arg(outcome.error)));
        DependencyInstallJob *install = m_installer->install(action.dependencies);
        connect(install, &DependencyInstallJob::finished, job, [=](DependencyInstallJob *installed) {
            if (!installed->succeeded())
                return job->fail(*installed->error());
            writeVersion(job, action);
        });
    });
}

void CustomActionService::writeVersion(CustomActionJob *job, const CustomAction &action)
{
    CustomActionVersion version;
    version.actionId = action.id;
    version.code = action.code;
    version.dependencies = action.dependencies;
    version.runtime = action.runtime;
    version.createdAt = QDateTime::currentDateTimeUtc();
    const Result<void> saved = m_database.transaction([&]() -> Result<void> {
        auto latest = m_repository.latestNumber(action.id);
        if (!latest)
            return latest.error();
        version.number = latest.value() + 1;
        if (auto inserted = m_repository.insertVersion(version); !inserted)
            return inserted;
        // Fails with NotFound when the action was removed meanwhile, which rolls the version back too.
        return m_repository.setDeployedVersion(action.id, version.number, version.createdAt);
    });
    if (!saved)
        return job->fail(saved.error());
    version.deployed = true;
    job->setVersion(version);
    const auto current = m_repository.find(action.id);
    Q_EMIT versionDeployed(action.id, version.number);
    Q_EMIT actionChanged(action.id);
    job->succeed(current ? current.value() : action);
}

CustomActionJob *CustomActionService::test(const QString &id, const QString &code, const QJsonObject &event)
{
    auto *job = new CustomActionJob(CustomActionJob::Operation::Test, this);
    auto stored = m_repository.find(id);
    if (!stored)
        job->fail(stored.error());
    else
        runTest(job, stored.takeValue(), code, event);
    return job;
}

CustomActionJob *CustomActionService::test(const QString &id,
                                           const QString &code,
                                           const QList<ActionDependency> &dependencies,
                                           const QJsonObject &event)
{
    auto *job = new CustomActionJob(CustomActionJob::Operation::Test, this);
    auto stored = m_repository.find(id);
    if (!stored) {
        job->fail(stored.error());
        return job;
    }
    if (const QString problem = DependencyInstaller::problem(dependencies); !problem.isEmpty()) {
        job->fail(Error(Error::Kind::Invalid, problem));
        return job;
    }
    CustomAction action = stored.takeValue();
    action.dependencies = dependencies;
    runTest(job, action, code, event);
    return job;
}

void CustomActionService::runTest(CustomActionJob *job,
                                  const CustomAction &action,
                                  const QString &code,
                                  const QJsonObject &event)
{
    readSecretValues(job, action.id, action.secretNames(), [=](Result<QHash<QString, QByteArray>> values) {
        if (!values)
            return job->fail(values.error());
        QJsonObject secrets;
        for (auto it = values.value().cbegin(); it != values.value().cend(); ++it)
            secrets.insert(it.key(), QString::fromUtf8(it.value()));
        DependencyInstallJob *install = m_installer->install(action.dependencies);
        connect(install, &DependencyInstallJob::finished, job, [=](DependencyInstallJob *installed) {
            if (!installed->succeeded())
                return job->fail(*installed->error());
            ScriptRequest request;
            request.actionId = action.id;
            request.fileName = action.name + QStringLiteral(".js");
            request.triggerId = action.triggerId;
            request.code = code;
            request.event = event;
            request.secrets = secrets;
            request.modulesDir = installed->modulesDir();
            connect(m_runtime.run(request),
                    &ScriptJob::finished,
                    job,
                    [job, action](const ScriptOutcome &outcome) {
                        job->setOutcome(outcome);
                        job->succeed(action);
                    });
        });
    });
}
