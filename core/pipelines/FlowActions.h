#pragma once

#include "core/pipelines/CustomActionStep.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

class ActionRuntime;
class CustomActionService;
class IntegrationService;
class SmsGateway;
class SmsSend;
struct Binding;

/**
 * @brief What a flow's steps run: a bound custom action on Node.js, or an installed integration natively.
 *
 * Shared by the Send Phone Message pipeline and the Login flow, so that both find, name and start an
 * action the same way. Holds references only; every service given must outlive it.
 */
class FlowActions
{
    Q_DECLARE_TR_FUNCTIONS(FlowActions)

public:
    FlowActions(IntegrationService &integrations,
                CustomActionService &customActions,
                ActionRuntime &runtime,
                SmsGateway &sms);

    /// The current name of @p binding's action; the binding's display name when the action is gone.
    QString nameOf(const Binding &binding) const;

    /**
     * @brief Starts the deployed version of custom action @p actionId (shown as @p name) for @p triggerId.
     *
     * The step is owned by @p parent and reports once through @p done (see CustomActionStep).
     */
    void runCustomAction(const QString &actionId,
                         const QString &name,
                         const QString &triggerId,
                         const QJsonObject &event,
                         QObject *parent,
                         CustomActionStep::Done done) const;

    /**
     * @brief Hands @p text for @p recipient to integration @p integrationId (shown as @p name), looked
     *        up now: the integration may have changed while earlier actions ran.
     *
     * Refused, with @p error saying why and null returned: an integration that is gone, one of another
     * trigger than @p triggerId, one that cannot send phone messages, one lacking a required secret.
     */
    SmsSend *sendSms(const QString &integrationId,
                     const QString &name,
                     const QString &triggerId,
                     const QString &recipient,
                     const QString &text,
                     QString &error) const;

private:
    IntegrationService &m_integrations;
    CustomActionService &m_customActions;
    ActionRuntime &m_runtime;
    SmsGateway &m_sms;
};
