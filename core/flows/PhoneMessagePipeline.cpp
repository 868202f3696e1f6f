#include "PhoneMessagePipeline.h"

#include "core/actions/CustomActionService.h"
#include "core/actions/IntegrationService.h"
#include "core/delivery/SmsGateway.h"
#include "core/flows/CustomActionStep.h"
#include "core/flows/FlowService.h"
#include "core/logs/LogStore.h"
#include "core/mfa/MessageTemplates.h"
#include "core/mfa/MfaService.h"
#include "core/phone/PhoneNumber.h"
#include "core/tenant/Tenant.h"
#include "core/tenant/TenantSettings.h"

#include <QUuid>

namespace {

const QString kTrigger = QStringLiteral("send-phone-message");
const QString kEnrollment = QStringLiteral("enrollment");
const QString kSecondFactor = QStringLiteral("second-factor-authentication");
const QString kMessageOptions = QStringLiteral("message_options");
const QString kPlivo = QStringLiteral("plivo");

/// The locale of request.language ("fr-FR,fr;q=0.9" gives "fr-FR"); "en" when there is none.
QString localeOf(const QJsonObject &request)
{
    const QString language = request.value(QStringLiteral("language"))
                                 .toString()
                                 .section(QLatin1Char(','), 0, 0)
                                 .section(QLatin1Char(';'), 0, 0);
    return language.trimmed().isEmpty() ? QStringLiteral("en") : language.trimmed();
}

/// Masks the phone number at @p key of @p object, if there is one: the record does not need it in full.
void maskNumberIn(QJsonObject &object, const QString &key)
{
    const QString number = object.value(key).toString();
    if (!number.isEmpty())
        object.insert(key, PhoneNumber::masked(number));
}

} // namespace

PhoneMessagePipeline::PhoneMessagePipeline(Tenant &tenant, QObject *parent)
    : QObject(parent)
    , m_tenant(tenant)
    , m_executions(tenant.database())
{ }

PhoneMessagePipeline::~PhoneMessagePipeline()
{
    // Runs still going hold a reference to m_executions: they go first.
    qDeleteAll(findChildren<PipelineRun *>(QString(), Qt::FindDirectChildrenOnly));
}

QJsonObject PhoneMessagePipeline::buildEvent(const PhoneMessageRequest &request,
                                             const QString &text,
                                             const QString &tenantId)
{
    const QJsonObject options {{QStringLiteral("action"), request.purpose},
                               {QStringLiteral("code"), request.code},
                               {QStringLiteral("message_type"), QStringLiteral("sms")},
                               {QStringLiteral("recipient"), request.recipient},
                               {QStringLiteral("text"), text}};
    QJsonObject event {{kMessageOptions, options},
                       {QStringLiteral("request"), request.request},
                       {QStringLiteral("tenant"), QJsonObject {{QStringLiteral("id"), tenantId}}},
                       {QStringLiteral("user"), request.user}};
    if (!request.client.isEmpty())
        event.insert(QStringLiteral("client"), request.client);
    return event;
}

QJsonObject PhoneMessagePipeline::recordableEvent(const QJsonObject &event)
{
    QJsonObject kept = event;
    QJsonObject options = kept.value(kMessageOptions).toObject();
    options.remove(QStringLiteral("code"));
    options.remove(QStringLiteral("text"));
    maskNumberIn(options, QStringLiteral("recipient"));
    kept.insert(kMessageOptions, options);
    if (kept.contains(QStringLiteral("user"))) {
        QJsonObject user = kept.value(QStringLiteral("user")).toObject();
        maskNumberIn(user, QStringLiteral("phone_number"));
        kept.insert(QStringLiteral("user"), user);
    }
    kept.remove(QStringLiteral("secrets"));
    kept.remove(QStringLiteral("configuration"));
    return kept;
}

QString PhoneMessagePipeline::problemWith(const PhoneMessageRequest &request)
{
    if (request.purpose != kEnrollment && request.purpose != kSecondFactor)
        return tr("The purpose of a phone message must be “%1” or “%2”, not “%3”.")
            .arg(kEnrollment, kSecondFactor, request.purpose);
    if (request.code.trimmed().isEmpty())
        return tr("There is no code to send.");
    if (!request.recipient.startsWith(QLatin1Char('+')))
        return tr("The recipient “%1” is not in E.164 format (a plus sign and the country code).")
            .arg(request.recipient);
    if (const auto number = PhoneNumber::toE164(request.recipient); !number)
        return tr("The recipient is not a phone number: %1").arg(number.error().message());
    return {};
}

PipelineRun *PhoneMessagePipeline::send(const PhoneMessageRequest &request)
{
    const PhoneFactorSettings factor = m_tenant.mfa().phoneFactor();
    MessageTemplates::Values values;
    values.code = request.code;
    values.friendlyName = m_tenant.settings().friendlyName();
    values.locale = localeOf(request.request);
    const QString text = MessageTemplates::render(
        request.purpose == kEnrollment ? factor.enrollmentTemplate : factor.verificationTemplate, values);
    const QJsonObject event = buildEvent(request, text, m_tenant.id());

    Execution execution;
    execution.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    execution.triggerId = kTrigger;
    execution.createdAt = QDateTime::currentDateTimeUtc();
    execution.event = recordableEvent(event);
    auto *run = new PipelineRun(m_executions, execution, event, this);

    if (const QString problem = problemWith(request); !problem.isEmpty()) {
        run->start({}, problem);
        return run;
    }
    const auto bindings = m_tenant.flows().bindings(kTrigger);
    if (!bindings) {
        run->start({}, bindings.error().message());
        return run;
    }
    if (bindings.value().isEmpty()) {
        run->start({}, tr("No action is bound in the Send Phone Message flow: codes cannot be sent."));
        return run;
    }
    QList<PipelineRun::Step> steps;
    for (const Binding &binding : bindings.value())
        steps.append(stepFor(binding, request.recipient, text, event));
    connect(run, &PipelineRun::actionFinished, this, [this, run](const ActionRunResult &result) {
        if (!result.succeeded)
            logFailure(run->execution(), result);
    });
    run->start(steps);
    return run;
}

void PhoneMessagePipeline::logFailure(const Execution &execution, const ActionRunResult &result)
{
    LogEvent event;
    event.type = QStringLiteral("actions_execution_failed");
    event.description = tr("%1 failed: %2").arg(result.actionName, result.error);
    event.clientId = execution.event.value(QStringLiteral("client"))
                         .toObject()
                         .value(QStringLiteral("client_id"))
                         .toString();
    const QJsonObject user = execution.event.value(QStringLiteral("user")).toObject();
    event.userId = user.value(QStringLiteral("user_id")).toString();
    event.userName = user.value(QStringLiteral("email")).toString();
    event.details = {{QStringLiteral("action_id"), result.actionId},
                     {QStringLiteral("action_name"), result.actionName},
                     {QStringLiteral("trigger_id"), execution.triggerId},
                     {QStringLiteral("execution_id"), execution.id},
                     {QStringLiteral("action_error"), result.error}};
    m_tenant.logs().record(event);
}

PipelineRun::Step PhoneMessagePipeline::stepFor(const Binding &binding,
                                                const QString &recipient,
                                                const QString &text,
                                                const QJsonObject &event)
{
    PipelineRun::Step step;
    step.actionId = binding.actionId;
    step.actionName = binding.displayName.isEmpty() ? tr("Unnamed action") : binding.displayName;
    if (binding.kind == Binding::Kind::Custom) {
        if (const auto found = m_tenant.customActions().find(binding.actionId))
            step.actionName = found.value().name;
        const QString id = binding.actionId;
        const QString name = step.actionName;
        step.start = [this, id, name, event](PipelineRun *run) {
            CustomActionStep::start(m_tenant,
                                    id,
                                    name,
                                    kTrigger,
                                    event,
                                    run,
                                    [run](const QString &error, const ScriptOutcome &outcome) {
                                        run->endCustomAction(error, outcome);
                                    });
        };
        return step;
    }
    if (const auto found = m_tenant.integrations().find(binding.actionId))
        step.actionName = found.value().name;

    // Looked up again when the step runs: the integration may change while earlier actions run.
    const QString id = binding.actionId;
    const QString name = step.actionName;
    step.start = [this, id, name, recipient, text](PipelineRun *run) {
        QString error;
        SmsSend *send = startIntegration(id, name, recipient, text, error);
        run->followSend(send, error);
    };
    return step;
}

SmsSend *PhoneMessagePipeline::startIntegration(
    const QString &id, const QString &name, const QString &recipient, const QString &text, QString &error)
{
    {
        IntegrationService &integrations = m_tenant.integrations();
        const auto found = integrations.find(id);
        if (!found) {
            error = found.error().kind() == Error::Kind::NotFound
                ? tr("%1 is no longer installed: remove it from the flow.").arg(name)
                : found.error().message();
            return nullptr;
        }
        const Integration &integration = found.value();
        if (integration.trigger != kTrigger) {
            error = tr("%1 does not run in the Send Phone Message flow.").arg(integration.name);
            return nullptr;
        }
        const CatalogEntry *entry = integrations.catalog().find(integration.catalogId);
        if (integration.catalogId != kPlivo || !entry) {
            error
                = tr("%1 cannot run in this version: only Plivo sends phone messages.").arg(integration.name);
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
        return m_tenant.sms().send(integration, recipient, text, kTrigger);
    }
}
