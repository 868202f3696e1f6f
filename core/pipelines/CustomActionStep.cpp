#include "CustomActionStep.h"

#include "core/actions/CustomActionService.h"
#include "core/actions/DependencyInstaller.h"
#include "core/runtime/ActionRuntime.h"

CustomActionStep::CustomActionStep(CustomActionService &actions,
                                   ActionRuntime &runtime,
                                   QString actionId,
                                   QString name,
                                   QObject *parent,
                                   Done done)
    : QObject(parent)
    , m_actions(actions)
    , m_runtime(runtime)
    , m_actionId(std::move(actionId))
    , m_name(std::move(name))
    , m_done(std::move(done))
{ }

void CustomActionStep::start(CustomActionService &actions,
                             ActionRuntime &runtime,
                             const QString &actionId,
                             const QString &name,
                             const QString &triggerId,
                             const QJsonObject &event,
                             QObject *parent,
                             Done done)
{
    auto *step = new CustomActionStep(actions, runtime, actionId, name, parent, std::move(done));
    step->run(triggerId, event);
}

void CustomActionStep::run(const QString &triggerId, const QJsonObject &event)
{
    const auto deployed = m_actions.deployedVersion(m_actionId);
    if (!deployed) {
        return finish(deployed.error().kind() == Error::Kind::NotFound
                          ? tr("%1 has no deployed version (deleted, or never deployed): deploy it in the "
                               "Library or remove it from the flow.")
                                .arg(m_name)
                          : deployed.error().message());
    }
    // Filled in as the steps go: the version and the event now, the secrets and the modules next.
    m_request.actionId = m_actionId;
    m_request.fileName = m_name;
    m_request.triggerId = triggerId;
    m_request.code = deployed.value().code;
    m_request.event = event;
    m_dependencies = deployed.value().dependencies;
    connect(
        m_actions.readSecrets(m_actionId), &CustomActionJob::finished, this, &CustomActionStep::secretsRead);
}

void CustomActionStep::secretsRead(CustomActionJob *job)
{
    if (!job->succeeded())
        return finish(job->error()->message());
    const QHash<QString, QByteArray> &stored = job->secretValues();
    for (auto it = stored.cbegin(); it != stored.cend(); ++it)
        m_request.secrets.insert(it.key(), QString::fromUtf8(it.value()));
    DependencyInstallJob *install = m_actions.dependencyInstaller().install(m_dependencies);
    connect(install, &DependencyInstallJob::finished, this, &CustomActionStep::dependenciesInstalled);
}

void CustomActionStep::dependenciesInstalled(DependencyInstallJob *job)
{
    if (!job->succeeded())
        return finish(tr("Its npm dependencies could not be installed: %1").arg(job->error()->message()));
    m_request.modulesDir = job->modulesDir();
    ScriptJob *run = m_runtime.run(m_request);
    run->setParent(this);
    connect(run, &ScriptJob::finished, this, [this](const ScriptOutcome &outcome) {
        finish(outcome.succeeded() ? QString() : outcome.error, outcome);
    });
}

void CustomActionStep::finish(const QString &error, const ScriptOutcome &outcome)
{
    const Done done = std::move(m_done);
    deleteLater();
    if (done)
        done(error, outcome);
}
