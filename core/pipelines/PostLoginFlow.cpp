#include "PostLoginFlow.h"

#include "core/flows/Trigger.h"
#include "core/logs/LogStore.h"
#include "core/pipelines/FlowActions.h"

#include <QJsonArray>

namespace {

const QString kPostLogin = Triggers::PostLogin;

} // namespace

PostLoginFlow::PostLoginFlow(const FlowActions &actions, LogStore &logs, QObject *parent)
    : QObject(parent)
    , m_actions(actions)
    , m_logs(logs)
{ }

void PostLoginFlow::run(const Result<QList<Binding>> &bindings, const QJsonObject &event)
{
    m_event = event;
    if (!bindings) {
        m_outcome.error = bindings.error().message();
    } else {
        for (const Binding &binding : bindings.value()) {
            m_ids << binding.actionId;
            m_names << m_actions.nameOf(binding);
        }
    }
    QMetaObject::invokeMethod(this, &PostLoginFlow::runNext, Qt::QueuedConnection);
}

void PostLoginFlow::runNext()
{
    if (!m_outcome.error.isEmpty() || !m_outcome.denied.isEmpty() || m_next >= m_ids.size()) {
        Q_EMIT finished(m_outcome);
        return;
    }
    const int index = m_next++;
    const QString name = m_names.at(index);
    m_actions.runCustomAction(m_ids.at(index),
                              name,
                              kPostLogin,
                              m_event,
                              this,
                              [this, index, name](const QString &error, const ScriptOutcome &outcome) {
                                  QStringList console;
                                  for (const ConsoleLine &line : outcome.console)
                                      console << line.level + QStringLiteral(": ") + line.text;
                                  apply(outcome.commands);
                                  if (!error.isEmpty()) {
                                      m_outcome.error = tr("%1 failed: %2").arg(name, error);
                                      logFailure(index, error);
                                  }
                                  Q_EMIT actionFinished(name, error, console);
                                  runNext();
                              });
}

void PostLoginFlow::logFailure(int index, const QString &error)
{
    LogEvent event;
    event.type = LogCodes::ActionFailed;
    event.description = m_outcome.error;
    const QJsonObject user = m_event.value(QStringLiteral("user")).toObject();
    event.userId = user.value(QStringLiteral("user_id")).toString();
    event.userName = user.value(QStringLiteral("email")).toString();
    const QJsonObject client = m_event.value(QStringLiteral("client")).toObject();
    event.clientId = client.value(QStringLiteral("client_id")).toString();
    event.clientName = client.value(QStringLiteral("name")).toString();
    event.details = {{QStringLiteral("action_id"), m_ids.at(index)},
                     {QStringLiteral("action_name"), m_names.at(index)},
                     {QStringLiteral("trigger_id"), kPostLogin},
                     {QStringLiteral("action_error"), error}};
    discardResult(m_logs.record(event), "LogStore counts and announces a failed record itself");
}

void PostLoginFlow::apply(const QJsonArray &commands)
{
    for (const QJsonValue &value : commands) {
        const QJsonObject command = value.toObject();
        const QString api = command.value(QStringLiteral("api")).toString();
        const QJsonArray args = command.value(QStringLiteral("args")).toArray();
        if (api == QLatin1String("access.deny")) {
            const QString reason = args.at(0).toString();
            m_outcome.denied = reason.isEmpty() ? tr("Access denied") : reason;
        } else if (api == QLatin1String("multifactor.enable")) {
            m_outcome.mfaRequired = true;
        } else if (api == QLatin1String("idToken.setCustomClaim")) {
            m_outcome.idTokenClaims.insert(args.at(0).toString(), args.at(1));
        } else if (api == QLatin1String("accessToken.setCustomClaim")) {
            m_outcome.accessTokenClaims.insert(args.at(0).toString(), args.at(1));
        } else if (!api.startsWith(QLatin1String("cache.")) && !m_outcome.ignored.contains(api)) {
            m_outcome.ignored << api;
        }
    }
}
