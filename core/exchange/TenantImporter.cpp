#include "TenantImporter.h"

#include "core/actions/CustomActionService.h"
#include "core/actions/IntegrationService.h"
#include "core/applications/ApplicationService.h"
#include "core/applications/ClientJson.h"
#include "core/exchange/ImportRules.h"
#include "core/exchange/ImportSecrets.h"
#include "core/flows/FlowService.h"
#include "core/mfa/MfaService.h"
#include "core/store/Database.h"
#include "core/tenant/Tenant.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTimer>

#include <memory>
#include <utility>

struct TenantImporter::Held
{
    std::unique_ptr<Database::HeldTransaction> transaction;
};

namespace {

QList<ResourceChange> changesOf(const ImportPlan &plan, const QString &type, ResourceChange::Kind kind)
{
    QList<ResourceChange> found;
    for (const ResourceChange &change : plan.changes())
        if (change.type == type && change.kind == kind)
            found.append(change);
    return found;
}

Result<Application> applicationNamed(ApplicationService &applications,
                                     const QHash<QString, QString> &clientIds,
                                     const QString &name)
{
    if (!clientIds.contains(name))
        return Error(Error::Kind::NotFound, QObject::tr("No application is named %1").arg(name));
    return applications.find(clientIds.value(name));
}

Result<CustomAction> actionNamed(CustomActionService &actions, const QString &name)
{
    auto all = actions.list();
    if (!all)
        return all.error();
    for (const CustomAction &action : all.value())
        if (action.name == name)
            return action;
    return Error(Error::Kind::NotFound, QObject::tr("No action is named %1").arg(name));
}

QList<ActionDependency> dependenciesOf(const QJsonObject &record)
{
    QList<ActionDependency> dependencies;
    for (const QJsonValue &item : record.value(QLatin1String("dependencies")).toArray())
        dependencies.append({item.toObject().value(QLatin1String("name")).toString().trimmed(),
                             item.toObject().value(QLatin1String("version")).toString().trimmed()});
    return dependencies;
}

} // namespace

TenantImporter::TenantImporter(Tenant &tenant, QObject *parent)
    : QObject(parent)
    , m_tenant(tenant)
    , m_secrets(new ImportSecrets(tenant, this))
{ }

TenantImporter::~TenantImporter() = default;

void TenantImporter::apply(const ImportPlan &plan)
{
    Q_ASSERT(!m_running);
    m_running = true;
    auto summaries = m_tenant.applications().list();
    const Result<void> noted = summaries ? m_secrets->note(plan) : Result<void>(summaries.error());
    auto held = noted ? m_tenant.database().hold() : noted.error();
    if (!held) {
        // Answered from the event loop, as every other outcome.
        const QString error = held.error().message();
        QTimer::singleShot(0, this, [this, error] { fail(error); });
        return;
    }
    m_held = std::make_unique<Held>(Held {held.takeValue()});
    // The applications the plan changes or deletes, by name: read once, not once per change.
    m_clientIds.clear();
    for (const ApplicationSummary &summary : summaries.value())
        m_clientIds.insert(summary.name, summary.clientId);
    m_steps = QList<Step> {[this] { keepSecrets(); }} + clientSteps(plan) + actionSteps(plan)
        + flowSteps(plan) + guardianSteps(plan) + secretSteps(plan) + deleteSteps(plan);
    QTimer::singleShot(0, this, &TenantImporter::next);
}

void TenantImporter::next()
{
    // Runs the steps one after another until one waits for a job; every 10 ms the event loop gets a turn
    // (the window stays responsive during a 10,000-application import).
    m_waiting = false;
    QElapsedTimer slice;
    slice.start();
    while (m_running && !m_waiting && !m_steps.isEmpty()) {
        if (slice.elapsed() >= 10) {
            QTimer::singleShot(0, this, &TenantImporter::next);
            return;
        }
        const Step step = m_steps.takeFirst();
        step();
    }
    if (!m_running || m_waiting)
        return;
    auto committed = m_held->transaction->commit();
    m_held.reset();
    if (!committed)
        return fail(committed.error().message());
    m_secrets->forget();
    m_running = false;
    Q_EMIT finished({});
}

void TenantImporter::keepSecrets()
{
    m_waiting = true;
    m_secrets->keepPrevious([this](const Result<void> &kept) {
        if (!kept)
            return fail(kept.error().message());
        next();
    });
}

void TenantImporter::fail(const QString &error)
{
    m_steps.clear();
    if (m_held) {
        m_held->transaction->rollback();
        m_held.reset();
    }
    // Finished once the keyring is as it was: whoever reads it next finds the old values.
    m_secrets->restore([this, error] {
        m_running = false;
        Q_EMIT finished(error);
    });
}

TenantImporter::Step TenantImporter::sync(const QString &doing, std::function<Result<void>()> work)
{
    return [this, doing, work] {
        Q_EMIT progress(doing);
        if (auto done = work(); !done)
            fail(tr("%1: %2").arg(doing, done.error().message()));
    };
}

void TenantImporter::await(CustomActionJob *job, const QString &doing)
{
    m_waiting = true;
    connect(job, &CustomActionJob::finished, this, [this, doing](CustomActionJob *done) {
        if (!done->succeeded())
            return fail(tr("%1: %2").arg(doing, done->error()->message()));
        next();
    });
}

QList<TenantImporter::Step> TenantImporter::clientSteps(const ImportPlan &plan)
{
    QList<Step> steps;
    // By name once: a scan of the file per change made a 10,000-application import quadratic.
    const QJsonObject wanted = ImportRules::byName(plan.wanted().value(QLatin1String("clients")).toArray());
    ApplicationService &applications = m_tenant.applications();
    for (const ResourceChange &change :
         changesOf(plan, QStringLiteral("clients"), ResourceChange::Kind::Create)) {
        const QJsonObject record = wanted.value(change.name).toObject();
        steps.append(
            sync(tr("Creating application %1").arg(change.name), [&applications, record]() -> Result<void> {
                const auto draft = ClientJson::draft(record);
                if (const auto *problem = std::get_if<QString>(&draft))
                    return Error(Error::Kind::Invalid, *problem);
                const Application &wantedApp = std::get<Application>(draft);
                auto created
                    = applications.create({wantedApp.name, wantedApp.type, {}, wantedApp.description});
                if (!created)
                    return created.error();
                Application application = created.value();
                static_cast<void>(ClientJson::apply(record, application)); // checked by the draft
                if (auto saved = applications.update(application); !saved)
                    return saved.error();
                return {};
            }));
    }
    for (const ResourceChange &change :
         changesOf(plan, QStringLiteral("clients"), ResourceChange::Kind::Change)) {
        const QJsonObject record = wanted.value(change.name).toObject();
        steps.append(sync(tr("Updating application %1").arg(change.name),
                          [this, &applications, record, change]() -> Result<void> {
                              auto application = applicationNamed(applications, m_clientIds, change.name);
                              if (!application)
                                  return application.error();
                              Application edited = application.value();
                              if (const QString problem = ClientJson::apply(record, edited);
                                  !problem.isEmpty())
                                  return Error(Error::Kind::Invalid, problem);
                              if (auto saved = applications.update(edited); !saved)
                                  return saved.error();
                              return {};
                          }));
    }
    return steps;
}

QList<TenantImporter::Step> TenantImporter::actionSteps(const ImportPlan &plan)
{
    QList<Step> steps;
    const QJsonObject wanted = ImportRules::byName(plan.wanted().value(QLatin1String("actions")).toArray());
    CustomActionService &actions = m_tenant.customActions();
    for (const ResourceChange &change : plan.changes()) {
        if (change.type != QLatin1String("actions") || change.kind == ResourceChange::Kind::Delete)
            continue;
        const QJsonObject record = wanted.value(change.name).toObject();
        const bool creating = change.kind == ResourceChange::Kind::Create;
        const QString name = change.name;
        steps.append(
            sync(creating ? tr("Creating action %1").arg(name) : tr("Saving action %1").arg(name),
                 [this, &actions, record, creating, name]() -> Result<void> {
                     if (creating) {
                         const QString trigger = ImportRules::triggerOf(record);
                         auto created = actions.create(name,
                                                       trigger,
                                                       record.value(QLatin1String("runtime")).toString(),
                                                       m_secrets->newActionId(name));
                         if (!created)
                             return created.error();
                     }
                     auto action = actionNamed(actions, name);
                     if (!action)
                         return action.error();
                     const QString code = record.contains(QLatin1String("code"))
                         ? record.value(QLatin1String("code")).toString()
                         : action.value().code;
                     const QList<ActionDependency> dependencies
                         = record.contains(QLatin1String("dependencies")) ? dependenciesOf(record)
                                                                          : action.value().dependencies;
                     if (code == action.value().code && dependencies == action.value().dependencies)
                         return {};
                     if (auto saved
                         = actions.saveDraft(action.value().id, code, dependencies, action.value().revision);
                         !saved)
                         return saved.error();
                     return {};
                 }));
        if (!record.value(QLatin1String("deployed")).toBool())
            continue;
        steps.append([this, &actions, name] {
            auto action = actionNamed(actions, name);
            if (!action)
                return fail(tr("Deploying action %1: %2").arg(name, action.error().message()));
            if (action.value().isDeployed() && action.value().allChangesDeployed)
                return;
            Q_EMIT progress(tr("Deploying action %1").arg(name));
            await(actions.deploy(action.value().id), tr("Deploying action %1").arg(name));
        });
    }
    return steps;
}

QList<TenantImporter::Step> TenantImporter::flowSteps(const ImportPlan &plan)
{
    QList<Step> steps;
    const QJsonObject triggers = plan.wanted().value(QLatin1String("triggers")).toObject();
    for (const ResourceChange &change :
         changesOf(plan, QStringLiteral("triggers"), ResourceChange::Kind::Change)) {
        const QJsonArray listed = triggers.value(change.name).toArray();
        const QString trigger = change.name;
        steps.append(sync(tr("Applying the %1 flow").arg(trigger), [this, listed, trigger]() -> Result<void> {
            auto integrations = m_tenant.integrations().list();
            if (!integrations)
                return integrations.error();
            QList<Binding> bindings;
            for (const QJsonValue &item : listed) {
                const QString name = item.toObject().value(QLatin1String("action_name")).toString();
                Binding binding;
                binding.displayName = item.toObject().value(QLatin1String("display_name")).toString(name);
                if (auto action = actionNamed(m_tenant.customActions(), name)) {
                    binding.kind = Binding::Kind::Custom;
                    binding.actionId = action.value().id;
                    binding.version = action.value().deployedVersion;
                } else {
                    for (const Integration &integration : integrations.value())
                        if (integration.name == name)
                            binding.actionId = integration.id;
                    if (binding.actionId.isEmpty())
                        return Error(Error::Kind::NotFound,
                                     tr("No action or integration is named %1").arg(name));
                }
                bindings.append(binding);
            }
            return m_tenant.flows().apply(trigger, bindings);
        }));
    }
    return steps;
}

QList<TenantImporter::Step> TenantImporter::guardianSteps(const ImportPlan &plan)
{
    QList<Step> steps;
    MfaService &mfa = m_tenant.mfa();
    if (const std::optional<PhoneFactorSettings> phone = plan.phoneFactor())
        steps.append(sync(tr("Saving the Phone Message factor"),
                          [&mfa, phone] { return mfa.savePhoneFactor(*phone); }));
    if (const std::optional<MfaPolicy> policy = plan.policy())
        steps.append(sync(tr("Setting the MFA policy"), [&mfa, policy] { return mfa.setPolicy(*policy); }));
    return steps;
}

QList<TenantImporter::Step> TenantImporter::secretSteps(const ImportPlan &plan)
{
    QList<Step> steps;
    for (const ImportSecrets::Planned &secret : ImportSecrets::planned(plan)) {
        steps.append([this, secret] {
            const QString doing = tr("Setting secret %1 of action %2").arg(secret.name, secret.action);
            auto action = actionNamed(m_tenant.customActions(), secret.action);
            if (!action)
                return fail(tr("%1: %2").arg(doing, action.error().message()));
            Q_EMIT progress(doing);
            await(m_tenant.customActions().setSecret(action.value().id, secret.name, secret.value), doing);
        });
    }
    return steps;
}

QList<TenantImporter::Step> TenantImporter::deleteSteps(const ImportPlan &plan)
{
    QList<Step> steps;
    for (const ResourceChange &change :
         changesOf(plan, QStringLiteral("clients"), ResourceChange::Kind::Delete)) {
        const QString name = change.name;
        steps.append(sync(tr("Deleting application %1").arg(name), [this, name]() -> Result<void> {
            auto application = applicationNamed(m_tenant.applications(), m_clientIds, name);
            if (!application)
                return application.error();
            return m_tenant.applications().remove(application.value().clientId);
        }));
    }
    for (const ResourceChange &change :
         changesOf(plan, QStringLiteral("actions"), ResourceChange::Kind::Delete)) {
        const QString name = change.name;
        steps.append([this, name] {
            const QString doing = tr("Deleting action %1").arg(name);
            auto action = actionNamed(m_tenant.customActions(), name);
            if (!action)
                return fail(tr("%1: %2").arg(doing, action.error().message()));
            Q_EMIT progress(doing);
            await(m_tenant.customActions().remove(action.value().id), doing);
        });
    }
    return steps;
}
