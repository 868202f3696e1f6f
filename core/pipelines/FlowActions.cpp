#include "FlowActions.h"

#include "core/actions/CustomActionService.h"
#include "core/actions/IntegrationService.h"
#include "core/actions/PlivoIntegration.h"
#include "core/delivery/SmsGateway.h"
#include "core/flows/Trigger.h"
#include "core/model/Binding.h"

FlowActions::FlowActions(IntegrationService &integrations,
                         CustomActionService &customActions,
                         ActionRuntime &runtime,
                         SmsGateway &sms)
    : m_integrations(integrations)
    , m_customActions(customActions)
    , m_runtime(runtime)
    , m_sms(sms)
{ }

QString FlowActions::nameOf(const Binding &binding) const
{
    if (binding.kind == Binding::Kind::Custom) {
        if (const auto found = m_customActions.find(binding.actionId))
            return found.value().name;
    } else if (const auto found = m_integrations.find(binding.actionId)) {
        return found.value().name;
    }
    return binding.displayName.isEmpty() ? tr("Unnamed action") : binding.displayName;
}

void FlowActions::runCustomAction(const QString &actionId,
                                  const QString &name,
                                  const QString &triggerId,
                                  const QJsonObject &event,
                                  QObject *parent,
                                  CustomActionStep::Done done) const
{
    CustomActionStep::start(
        m_customActions, m_runtime, actionId, name, triggerId, event, parent, std::move(done));
}

SmsSend *FlowActions::sendSms(const QString &integrationId,
                              const QString &name,
                              const QString &triggerId,
                              const QString &recipient,
                              const QString &text,
                              QString &error) const
{
    const auto found = m_integrations.find(integrationId);
    if (!found) {
        error = found.error().kind() == Error::Kind::NotFound
            ? tr("%1 is no longer installed: remove it from the flow.").arg(name)
            : found.error().message();
        return nullptr;
    }
    const Integration &integration = found.value();
    if (integration.trigger != triggerId) {
        const Trigger *trigger = Triggers::find(triggerId);
        error = tr("%1 does not run in the %2 flow.")
                    .arg(integration.name, trigger ? trigger->label : triggerId);
        return nullptr;
    }
    const CatalogEntry *entry = m_integrations.catalog().find(integration.catalogId);
    if (integration.catalogId != PlivoIntegration::CatalogId || !entry) {
        error = tr("%1 cannot run in this version: only Plivo sends phone messages.").arg(integration.name);
        return nullptr;
    }
    if (!integration.useSandbox) {
        for (const IntegrationInput &input : entry->inputs) {
            if (input.isSecret() && input.required && !integration.secretsSet.contains(input.key)) {
                error = tr("%1 lacks its secret %2 (%3): set it in the Library.")
                            .arg(integration.name, input.label, input.key);
                return nullptr;
            }
        }
    }
    return m_sms.send(integration, recipient, text, triggerId);
}
