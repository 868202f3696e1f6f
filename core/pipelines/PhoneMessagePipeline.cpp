#include "PhoneMessagePipeline.h"

#include "core/flows/FlowService.h"
#include "core/flows/Trigger.h"
#include "core/logs/LogStore.h"
#include "core/mfa/MessageTemplates.h"
#include "core/mfa/MfaService.h"
#include "core/phone/PhoneNumber.h"
#include "core/pipelines/FlowActions.h"
#include "core/settings/TenantSettings.h"

#include <QUuid>

namespace {

const QString kTrigger = Triggers::SendPhoneMessage;
const QString kEnrollment = QStringLiteral("enrollment");
const QString kSecondFactor = QStringLiteral("second-factor-authentication");
const QString kMessageOptions = QStringLiteral("message_options");

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

PhoneMessagePipeline::PhoneMessagePipeline(Database &database,
                                           const TenantSettings &settings,
                                           MfaService &mfa,
                                           FlowService &flows,
                                           const FlowActions &actions,
                                           LogStore &logs,
                                           QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_mfa(mfa)
    , m_flows(flows)
    , m_actions(actions)
    , m_logs(logs)
    , m_executions(database)
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
    const PhoneFactorSettings factor = m_mfa.phoneFactor();
    MessageTemplates::Values values;
    values.code = request.code;
    values.friendlyName = m_settings.friendlyName();
    values.locale = localeOf(request.request);
    const QString text = MessageTemplates::render(
        request.purpose == kEnrollment ? factor.enrollmentTemplate : factor.verificationTemplate, values);
    const QJsonObject event = buildEvent(request, text, m_settings.tenantId());

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
    const auto bindings = m_flows.bindings(kTrigger);
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
    event.type = LogCodes::ActionFailed;
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
    discardResult(m_logs.record(event), "LogStore counts and announces a failed record itself");
}

PipelineRun::Step PhoneMessagePipeline::stepFor(const Binding &binding,
                                                const QString &recipient,
                                                const QString &text,
                                                const QJsonObject &event)
{
    PipelineRun::Step step;
    step.actionId = binding.actionId;
    step.actionName = m_actions.nameOf(binding);
    const QString id = binding.actionId;
    const QString name = step.actionName;
    if (binding.kind == Binding::Kind::Custom) {
        step.start = [this, id, name, event](PipelineRun *run) {
            m_actions.runCustomAction(
                id, name, kTrigger, event, run, [run](const QString &error, const ScriptOutcome &outcome) {
                    run->endCustomAction(error, outcome);
                });
        };
        return step;
    }
    step.start = [this, id, name, recipient, text](PipelineRun *run) {
        QString error;
        SmsSend *send = m_actions.sendSms(id, name, kTrigger, recipient, text, error);
        run->followSend(send, error);
    };
    return step;
}
