#include "FlowService.h"

#include "core/actions/CustomActionService.h"
#include "core/actions/IntegrationService.h"
#include "core/flows/Trigger.h"
#include "core/store/Database.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcFlows, "authdeck.flows")

namespace {

QString triggerLabel(const QString &triggerId)
{
    const Trigger *trigger = Triggers::find(triggerId);
    return trigger ? trigger->label : triggerId;
}

QString bindingName(const Binding &binding)
{
    return binding.displayName.isEmpty() ? FlowService::tr("This action") : binding.displayName;
}

} // namespace

FlowService::FlowService(Database &database,
                         IntegrationService &integrations,
                         CustomActionService &customActions,
                         QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_integrations(integrations)
    , m_customActions(customActions)
    , m_repository(database)
{
    connect(&integrations, &IntegrationService::integrationRemoved, this, &FlowService::onActionRemoved);
    connect(&customActions, &CustomActionService::actionRemoved, this, &FlowService::onActionRemoved);
}

Result<QList<Binding>> FlowService::bindings(const QString &triggerId) const
{
    return m_repository.bindings(triggerId);
}

Result<QHash<QString, int>> FlowService::counts() const
{
    auto stored = m_repository.counts();
    if (!stored)
        return stored;
    QHash<QString, int> counts = stored.takeValue();
    for (const Trigger &trigger : Triggers::all())
        counts.insert(trigger.id, counts.value(trigger.id, 0));
    return counts;
}

QList<ActionRef> FlowService::availableActions(const QString &triggerId) const
{
    const auto installed = m_integrations.list();
    if (!installed) {
        qCWarning(lcFlows) << "cannot list the integrations:" << installed.error().message();
        return {};
    }
    QList<ActionRef> actions;
    for (const Integration &integration : installed.value()) {
        if (integration.trigger == triggerId)
            actions.append(refFor(integration));
    }
    const auto custom = m_customActions.list(triggerId);
    if (!custom) {
        qCWarning(lcFlows) << "cannot list the custom actions:" << custom.error().message();
        return actions;
    }
    for (const CustomAction &action : custom.value()) {
        if (action.isDeployed())
            actions.append(refFor(action));
    }
    return actions;
}

ActionRef FlowService::describe(const QString &triggerId, const Binding &binding) const
{
    ActionRef ref;
    ref.kind = binding.kind;
    ref.actionId = binding.actionId;
    ref.name = bindingName(binding);
    ref.triggerId = triggerId;
    ref.complete = false;
    ref.available = false;
    if (binding.kind == Binding::Kind::Custom)
        return describeCustom(triggerId, binding);
    ref.subtitle = tr("Integration");
    const auto found = m_integrations.find(binding.actionId);
    if (!found) {
        ref.problem = found.error().kind() == Error::Kind::NotFound
            ? tr("%1 was uninstalled: remove it from the flow.").arg(ref.name)
            : found.error().message();
        return ref;
    }
    ActionRef current = refFor(found.value());
    if (found.value().trigger != triggerId) {
        current.available = false;
        current.complete = false;
        current.problem = tr("%1 runs in the %2 flow, not in %3.")
                              .arg(current.name, triggerLabel(current.triggerId), triggerLabel(triggerId));
    }
    return current;
}

std::optional<QString> FlowService::checkInsert(const QString &triggerId,
                                                const QList<Binding> &current,
                                                const Binding &binding) const
{
    if (!Triggers::find(triggerId))
        return tr("There is no trigger “%1”.").arg(triggerId);
    const QString name = bindingName(binding);
    if (binding.kind == Binding::Kind::Custom) {
        if (auto refused = checkCustom(triggerId, binding))
            return refused;
    } else if (auto refused = checkIntegration(triggerId, binding)) {
        return refused;
    }
    for (const Binding &other : current) {
        if (other.sameAction(binding))
            return tr("%1 is already in the %2 flow.").arg(name, triggerLabel(triggerId));
    }
    return std::nullopt;
}

std::optional<QString> FlowService::checkIntegration(const QString &triggerId, const Binding &binding) const
{
    const QString name = bindingName(binding);
    const auto found = m_integrations.find(binding.actionId);
    if (!found) {
        return found.error().kind() == Error::Kind::NotFound
            ? tr("%1 is not installed: install it from the Library first.").arg(name)
            : found.error().message();
    }
    const Integration &integration = found.value();
    if (integration.trigger != triggerId)
        return tr("%1 runs in the %2 flow; it cannot be added to %3.")
            .arg(integration.name, triggerLabel(integration.trigger), triggerLabel(triggerId));
    return std::nullopt;
}

std::optional<QString> FlowService::checkCustom(const QString &triggerId, const Binding &binding) const
{
    const QString name = bindingName(binding);
    const auto found = m_customActions.find(binding.actionId);
    if (!found) {
        return found.error().kind() == Error::Kind::NotFound
            ? tr("%1 does not exist any more: it was deleted from the Library.").arg(name)
            : found.error().message();
    }
    const CustomAction &action = found.value();
    if (!action.isDeployed())
        return tr("%1 was never deployed: deploy it in the Library first.").arg(action.name);
    if (action.triggerId != triggerId)
        return tr("%1 runs in the %2 flow; it cannot be added to %3.")
            .arg(action.name, triggerLabel(action.triggerId), triggerLabel(triggerId));
    return std::nullopt;
}

ActionRef FlowService::describeCustom(const QString &triggerId, const Binding &binding) const
{
    ActionRef ref;
    ref.kind = Binding::Kind::Custom;
    ref.actionId = binding.actionId;
    ref.name = bindingName(binding);
    ref.triggerId = triggerId;
    ref.subtitle = tr("Custom action");
    ref.complete = false;
    ref.available = false;
    if (auto refused = checkCustom(triggerId, binding)) {
        if (const auto found = m_customActions.find(binding.actionId))
            ref.name = found.value().name;
        ref.problem = *refused;
        return ref;
    }
    return refFor(m_customActions.find(binding.actionId).value());
}

ActionRef FlowService::refFor(const CustomAction &action) const
{
    ActionRef ref;
    ref.kind = Binding::Kind::Custom;
    ref.actionId = action.id;
    ref.name = action.name;
    ref.triggerId = action.triggerId;
    ref.version = action.deployedVersion;
    ref.subtitle = action.allChangesDeployed
        ? tr("Custom action · v%1").arg(action.deployedVersion)
        : tr("Custom action · v%1 (draft not deployed)").arg(action.deployedVersion);
    return ref;
}

Result<void> FlowService::apply(const QString &triggerId, const QList<Binding> &bindings)
{
    if (!Triggers::find(triggerId))
        return Error(Error::Kind::Invalid, tr("There is no trigger “%1”.").arg(triggerId));
    for (int i = 0; i < bindings.size(); ++i) {
        if (auto refused = checkInsert(triggerId, bindings.mid(0, i), bindings.at(i)))
            return Error(Error::Kind::Invalid, *refused);
    }
    // Custom bindings record the version deployed when the flow was applied (the flow always runs the
    // action's current deployed version; the number tells which one that was then).
    QList<Binding> stamped = bindings;
    for (Binding &binding : stamped) {
        if (binding.kind == Binding::Kind::Custom) {
            if (const auto found = m_customActions.find(binding.actionId))
                binding.version = found.value().deployedVersion;
        }
    }
    if (auto written = m_database.transaction([&] { return m_repository.replace(triggerId, stamped); });
        !written)
        return written;
    Q_EMIT flowApplied(triggerId);
    return {};
}

int FlowService::bindingCount(const QString &actionId) const
{
    const auto triggers = m_repository.triggersBinding(actionId);
    if (!triggers) {
        qCWarning(lcFlows) << "cannot count the flows of an action:" << triggers.error().message();
        return 0;
    }
    return int(triggers.value().size());
}

void FlowService::onActionRemoved(const QString &, const QStringList &flowsChanged)
{
    for (const QString &triggerId : flowsChanged)
        Q_EMIT flowApplied(triggerId);
}

ActionRef FlowService::refFor(const Integration &integration) const
{
    ActionRef ref;
    ref.kind = Binding::Kind::Integration;
    ref.actionId = integration.id;
    ref.name = integration.name;
    ref.triggerId = integration.trigger;
    const CatalogEntry *entry = m_integrations.catalog().find(integration.catalogId);
    ref.subtitle = tr("Integration · %1").arg(entry ? entry->publisher : integration.name);
    if (!entry) {
        ref.complete = false;
        ref.problem = tr("%1 is no longer in the catalog: it cannot be configured, only uninstalled.")
                          .arg(integration.name);
        return ref;
    }
    const auto problems = IntegrationService::validate(
        *entry, integration.configuration, {}, integration.useSandbox, integration.secretsSet);
    if (!problems.isEmpty()) {
        ref.complete = false;
        ref.problem = tr("%1 needs configuring: %2")
                          .arg(integration.name, IntegrationService::summary(*entry, problems));
    }
    return ref;
}
