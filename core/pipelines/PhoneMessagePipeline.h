#pragma once

#include "core/pipelines/PipelineRun.h"
#include "core/store/ExecutionRepository.h"

#include <QJsonObject>
#include <QObject>
#include <QString>

class Database;
class FlowActions;
class FlowService;
class LogStore;
class MfaService;
class TenantSettings;
struct Binding;

/// What the login server asks the Send Phone Message flow to deliver.
struct PhoneMessageRequest
{
    QString purpose; ///< "enrollment" or "second-factor-authentication" (message_options.action)
    QString recipient; ///< the phone number in E.164
    QString code; ///< the one-time code
    QJsonObject user; ///< event.user: user_id, name, email, phone_number, …
    QJsonObject client; ///< event.client: {client_id, name, metadata}; left out of the event when empty
    QJsonObject request; ///< event.request: {ip, language, user_agent, hostname, method, geoip?}
};

Q_DECLARE_METATYPE(PhoneMessageRequest)

/**
 * @brief Runs the Send Phone Message flow (Auth0's send-phone-message trigger, v2) for one code.
 */
class PhoneMessagePipeline : public QObject
{
    Q_OBJECT

public:
    /**
     * @param database where the executions are recorded
     * @param settings the tenant's id and friendly name, for the event and the templates
     * @param mfa the Phone Message factor's templates
     * @param flows the Send Phone Message flow's bindings
     * @param actions starts each bound action
     * @param logs where failed actions are logged
     *
     * None is owned; all must outlive the pipeline.
     */
    PhoneMessagePipeline(Database &database,
                         const TenantSettings &settings,
                         MfaService &mfa,
                         FlowService &flows,
                         const FlowActions &actions,
                         LogStore &logs,
                         QObject *parent = nullptr);
    ~PhoneMessagePipeline() override;

    /**
     * @brief Sends @p request's code through the applied Send Phone Message flow. Never blocks.
     *
     * Renders the template of the purpose (MfaService::phoneFactor(): enrollment, or verification for
     * "second-factor-authentication") with the code, the tenant's friendly name, "sms" and the locale of
     * request.language ("en" when absent); builds the event as buildEvent(); then runs the applied
     * bindings in order and stops at the first failure:
     * - an integration runs natively: Plivo sends message_options.text to message_options.recipient through
     *   SmsGateway::send() (the sandbox for the local test phone);
     * - a custom action runs its deployed version on Node.js (CustomActionStep) with the event, its secrets
     *   and configuration; a throw stops the flow.
     *
     * Each action that fails is logged as actions_execution_failed with its error.
     *
     * Failures say what went wrong: an invalid request, no action bound, an action that is gone, an
     * integration lacking a secret (named), Plivo's own message when it refuses. The execution is recorded
     * in executions() without the code and the text.
     */
    PipelineRun *send(const PhoneMessageRequest &request);

    /**
     * @brief The send-phone-message event: message_options {action, code, message_type "sms", recipient,
     *        text}, user, client (when given), request and tenant {id: @p tenantId}.
     *
     * Secrets and configuration are given to each action separately and are not part of it.
     */
    static QJsonObject
    buildEvent(const PhoneMessageRequest &request, const QString &text, const QString &tenantId);

    /// @p event without what must not be kept (message_options.code and .text), and with the phone numbers
    /// masked (message_options.recipient, user.phone_number).
    static QJsonObject recordableEvent(const QJsonObject &event);

    /// Where the runs are recorded.
    ExecutionRepository &executions() { return m_executions; }

private:
    /// Why @p request cannot be sent, in words; empty when it can.
    static QString problemWith(const PhoneMessageRequest &request);
    PipelineRun::Step
    stepFor(const Binding &binding, const QString &recipient, const QString &text, const QJsonObject &event);
    /// Logs actions_execution_failed for @p result of @p execution.
    void logFailure(const Execution &execution, const ActionRunResult &result);

    const TenantSettings &m_settings;
    MfaService &m_mfa;
    FlowService &m_flows;
    const FlowActions &m_actions;
    LogStore &m_logs;
    ExecutionRepository m_executions;
};
