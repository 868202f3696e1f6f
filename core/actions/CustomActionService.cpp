#include "CustomActionService.h"

#include "core/actions/DependencyInstaller.h"
#include "core/runtime/ActionTriggers.h"
#include "core/store/Database.h"

#include <QRegularExpression>
#include <QUuid>

CustomActionService::CustomActionService(
    Database &database, SecretStore &secrets, QString tenantId, ActionRuntime &runtime, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_repository(database)
    , m_flowBindings(database)
    , m_secrets(secrets)
    , m_tenantId(std::move(tenantId))
    , m_runtime(runtime)
    , m_installer(new DependencyInstaller(this))
{ }

CustomActionService::~CustomActionService() = default;

QString CustomActionService::secretKey(const QString &tenantId, const QString &actionId, const QString &name)
{
    return QStringLiteral("tenant/%1/action/%2/secret/%3").arg(tenantId, actionId, name);
}

QString CustomActionService::secretKey(const QString &actionId, const QString &name) const
{
    return secretKey(m_tenantId, actionId, name);
}

QString CustomActionService::nameProblem(const QString &name)
{
    static const QRegularExpression control(QStringLiteral("[\\x00-\\x1f\\x7f]"));
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return tr("Give the action a name.");
    if (trimmed.size() > MaxNameLength)
        return tr("The name is too long: at most %1 characters.").arg(MaxNameLength);
    if (control.match(trimmed).hasMatch())
        return tr("The name cannot contain line breaks or tabs.");
    return {};
}

QString CustomActionService::secretNameProblem(const QString &name)
{
    static const QRegularExpression rule(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    if (name.isEmpty())
        return tr("Give the secret a name.");
    if (name.size() > MaxSecretNameLength)
        return tr("The secret name is too long: at most %1 characters.").arg(MaxSecretNameLength);
    if (!rule.match(name).hasMatch())
        return tr("“%1” cannot be a secret name: use letters, digits and _, and do not start with a digit.")
            .arg(name);
    return {};
}

Result<void> CustomActionService::checkName(const QString &name, const QString &exceptId) const
{
    if (const QString problem = nameProblem(name); !problem.isEmpty())
        return Error(Error::Kind::Invalid, problem);
    auto taken = m_repository.nameTaken(name.trimmed(), exceptId);
    if (!taken)
        return taken.error();
    if (taken.value())
        return Error(Error::Kind::Invalid, tr("An action named %1 already exists.").arg(name.trimmed()));
    return {};
}

Result<CustomAction> CustomActionService::create(const QString &name,
                                                 const QString &triggerId,
                                                 const QString &runtime,
                                                 const QString &id)
{
    if (!ActionTriggers::isRunnable(triggerId))
        return Error(Error::Kind::Invalid,
                     tr("Custom actions cannot be written for the trigger “%1”.").arg(triggerId));
    const QString chosenRuntime = runtime.isEmpty() ? ActionTriggers::defaultRuntime() : runtime;
    if (!ActionTriggers::runtimes().contains(chosenRuntime))
        return Error(Error::Kind::Invalid,
                     tr("“%1” is not a runtime actions can use: choose one of %2.")
                         .arg(chosenRuntime, ActionTriggers::runtimes().join(QStringLiteral(", "))));

    CustomAction action;
    action.id = id.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : id;
    action.name = name.trimmed();
    action.triggerId = triggerId;
    action.triggerVersion = ActionTriggers::version(triggerId);
    action.runtime = chosenRuntime;
    action.code = ActionTriggers::skeleton(triggerId);
    action.createdAt = action.updatedAt = QDateTime::currentDateTimeUtc();
    action.revision = 1;
    const Result<void> saved = m_database.transaction([&]() -> Result<void> {
        if (auto checked = checkName(name, {}); !checked)
            return checked;
        return m_repository.insert(action);
    });
    if (!saved)
        return saved.error();
    Q_EMIT actionAdded(action.id);
    return action;
}

Result<QList<CustomAction>> CustomActionService::list(const QString &triggerId) const
{
    return m_repository.list(triggerId);
}

Result<CustomAction> CustomActionService::find(const QString &id) const
{
    return m_repository.find(id);
}

bool CustomActionService::isDeployed(const QString &id) const
{
    const auto action = m_repository.find(id);
    return action && action.value().isDeployed();
}

Result<CustomAction> CustomActionService::saveDraft(const QString &id,
                                                    const QString &code,
                                                    const QList<ActionDependency> &dependencies,
                                                    int expectedRevision)
{
    QList<ActionDependency> trimmed;
    for (const ActionDependency &dependency : dependencies)
        trimmed.append({dependency.name.trimmed(), dependency.version.trimmed()});
    if (const QString problem = DependencyInstaller::problem(trimmed); !problem.isEmpty())
        return Error(Error::Kind::Invalid, problem);
    auto stored = m_repository.find(id);
    if (!stored)
        return stored.error();
    CustomAction action = stored.takeValue();
    action.code = code;
    action.dependencies = trimmed;
    action.revision = expectedRevision;
    return saveDraft(action);
}

Result<CustomAction> CustomActionService::rename(const QString &id, const QString &name, int expectedRevision)
{
    auto stored = m_repository.find(id);
    if (!stored)
        return stored.error();
    CustomAction action = stored.takeValue();
    action.name = name.trimmed();
    action.revision = expectedRevision;
    return saveDraft(action);
}

Result<CustomAction> CustomActionService::saveDraft(const CustomAction &action)
{
    CustomAction edited = action;
    edited.updatedAt = QDateTime::currentDateTimeUtc();
    const Result<void> saved = m_database.transaction([&]() -> Result<void> {
        if (auto checked = checkName(edited.name, edited.id); !checked)
            return checked;
        return m_repository.updateDraft(edited);
    });
    if (!saved)
        return saved.error();
    auto stored = m_repository.find(action.id);
    if (stored)
        Q_EMIT actionChanged(action.id);
    return stored;
}

Result<QList<CustomActionVersion>> CustomActionService::versions(const QString &id) const
{
    if (auto action = m_repository.find(id); !action)
        return action.error();
    return m_repository.versions(id);
}

Result<CustomActionVersion> CustomActionService::version(const QString &id, int number) const
{
    return m_repository.version(id, number);
}

Result<CustomActionVersion> CustomActionService::deployedVersion(const QString &id) const
{
    auto action = m_repository.find(id);
    if (!action)
        return action.error();
    if (!action.value().isDeployed())
        return Error(Error::Kind::NotFound, tr("%1 has not been deployed yet.").arg(action.value().name));
    return m_repository.version(id, action.value().deployedVersion);
}

Result<CustomActionVersion> CustomActionService::rollback(const QString &id, int number, bool updateDraft)
{
    std::optional<CustomActionVersion> deployed;
    const Result<void> saved = m_database.transaction([&]() -> Result<void> {
        auto version = m_repository.version(id, number);
        if (!version)
            return version.error();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (updateDraft) {
            auto action = m_repository.find(id);
            if (!action)
                return action.error();
            CustomAction draft = action.takeValue();
            draft.code = version.value().code;
            draft.dependencies = version.value().dependencies;
            draft.runtime = version.value().runtime;
            draft.updatedAt = now;
            if (auto written = m_repository.updateDraft(draft); !written)
                return written;
        }
        if (auto pointed = m_repository.setDeployedVersion(id, number, now); !pointed)
            return pointed;
        deployed = version.takeValue();
        deployed->deployed = true;
        return {};
    });
    if (!saved)
        return saved.error();
    Q_EMIT versionDeployed(id, number);
    Q_EMIT actionChanged(id);
    return *deployed;
}
