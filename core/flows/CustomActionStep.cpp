#include "CustomActionStep.h"

#include "actions/CustomActionService.h"
#include "actions/DependencyInstaller.h"
#include "runtime/ActionRuntime.h"
#include "tenant/Tenant.h"

CustomActionStep::CustomActionStep(Tenant &tenant, QString actionId, QString name, QObject *parent, Done done)
    : QObject(parent)
    , m_tenant(tenant)
    , m_actionId(std::move(actionId))
    , m_name(std::move(name))
    , m_done(std::move(done))
{ }

void CustomActionStep::start(Tenant &tenant,
                             const QString &actionId,
                             const QString &name,
                             const QString &triggerId,
                             const QJsonObject &event,
                             QObject *parent,
                             Done done)
{
    auto *step = new CustomActionStep(tenant, actionId, name, parent, std::move(done));
    step->run(triggerId, event);
}

void CustomActionStep::run(const QString &triggerId, const QJsonObject &event)
{
    CustomActionService &actions = m_tenant.customActions();
    const auto deployed = actions.deployedVersion(m_actionId);
    if (!deployed) {
        return finish(deployed.error().kind() == Error::Kind::NotFound
                          ? tr("%1 has no deployed version (deleted, or never deployed): deploy it in the "
                               "Library or remove it from the flow.")
                                .arg(m_name)
                          : deployed.error().message());
    }
    const CustomActionVersion version = deployed.value();
    CustomActionJob *secrets = actions.readSecrets(m_actionId);
    connect(
        secrets, &CustomActionJob::finished, this, [this, version, triggerId, event](CustomActionJob *read) {
            if (!read->succeeded())
                return finish(read->error()->message());
            QJsonObject values;
            const QHash<QString, QByteArray> &stored = read->secretValues();
            for (auto it = stored.cbegin(); it != stored.cend(); ++it)
                values.insert(it.key(), QString::fromUtf8(it.value()));
            DependencyInstallJob *install
                = m_tenant.customActions().dependencyInstaller().install(version.dependencies);
            connect(install, &DependencyInstallJob::finished, this, [=](DependencyInstallJob *installed) {
                if (!installed->succeeded())
                    return finish(tr("Its npm dependencies could not be installed: %1")
                                      .arg(installed->error()->message()));
                ScriptRequest request;
                request.actionId = m_actionId;
                request.fileName = m_name;
                request.triggerId = triggerId;
                request.code = version.code;
                request.event = event;
                request.secrets = values;
                request.modulesDir = installed->modulesDir();
                ScriptJob *job = m_tenant.actionRuntime().run(request);
                job->setParent(this);
                connect(job, &ScriptJob::finished, this, [this](const ScriptOutcome &outcome) {
                    finish(outcome.succeeded() ? QString() : outcome.error, outcome);
                });
            });
        });
}

void CustomActionStep::finish(const QString &error, const ScriptOutcome &outcome)
{
    const Done done = std::move(m_done);
    deleteLater();
    if (done)
        done(error, outcome);
}
