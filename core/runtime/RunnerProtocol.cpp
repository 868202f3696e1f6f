#include "RunnerProtocol.h"

#include "core/runtime/ActionTriggers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace {

using Status = ScriptOutcome::Status;

/// The statuses a result may carry; the others are decided by the app.
bool isRunnerStatus(Status status)
{
    switch (status) {
    case Status::Succeeded:
    case Status::Threw:
    case Status::TimedOut:
    case Status::OutOfMemory:
    case Status::WorkerCrashed:
    case Status::SyntaxError:
    case Status::Cancelled:
        return true;
    case Status::NodeMissing:
    case Status::BadReply:
    case Status::Refused:
        return false;
    }
    return false;
}

ScriptOutcome badReply(const QString &problem)
{
    return ScriptOutcome::failure(
        Status::BadReply, QStringLiteral("The Node.js worker sent an unreadable result: %1").arg(problem));
}

bool isStringOrMissing(const QJsonObject &object, QLatin1String key)
{
    return !object.contains(key) || object.value(key).isString();
}

bool isNumberOrMissing(const QJsonObject &object, QLatin1String key)
{
    return !object.contains(key) || object.value(key).isDouble();
}

} // namespace

QJsonObject RunnerProtocol::runRequest(
    int id, const ScriptRequest &request, const QString &fileName, int timeoutMs, int memoryLimitMb)
{
    return QJsonObject {
        {QStringLiteral("type"), QStringLiteral("run")},
        {QStringLiteral("id"), id},
        {QStringLiteral("actionId"), request.actionId},
        {QStringLiteral("fileName"), fileName},
        {QStringLiteral("handler"), ActionTriggers::handlerName(request.triggerId)},
        {QStringLiteral("api"), QJsonArray::fromStringList(ActionTriggers::apiMethods(request.triggerId))},
        {QStringLiteral("code"), request.code},
        {QStringLiteral("event"), request.event},
        {QStringLiteral("secrets"), request.secrets},
        {QStringLiteral("configuration"), request.configuration},
        {QStringLiteral("modulesDir"), request.modulesDir},
        {QStringLiteral("timeoutMs"), timeoutMs},
        {QStringLiteral("memoryLimitMb"), memoryLimitMb},
    };
}

QJsonObject RunnerProtocol::checkRequest(int id, const QString &code, const QString &fileName)
{
    return QJsonObject {
        {QStringLiteral("type"), QStringLiteral("check")},
        {QStringLiteral("id"), id},
        {QStringLiteral("code"), code},
        {QStringLiteral("fileName"), fileName},
    };
}

QJsonObject RunnerProtocol::cancelRequest(int id)
{
    return QJsonObject {{QStringLiteral("type"), QStringLiteral("cancel")}, {QStringLiteral("id"), id}};
}

QByteArray RunnerProtocol::toLine(const QJsonObject &message)
{
    return QJsonDocument(message).toJson(QJsonDocument::Compact) + '\n';
}

Result<QJsonObject> RunnerProtocol::parseLine(const QByteArray &line)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError)
        return Error(Error::Kind::Invalid, QStringLiteral("not JSON (%1)").arg(error.errorString()));
    if (!document.isObject())
        return Error(Error::Kind::Invalid, QStringLiteral("not a JSON object"));
    const QJsonObject message = document.object();
    if (!message.value(QLatin1String("type")).isString())
        return Error(Error::Kind::Invalid, QStringLiteral("a message without a type"));
    return message;
}

ScriptOutcome RunnerProtocol::outcomeFromResult(const QJsonObject &result)
{
    ScriptOutcome outcome;
    const QString statusName = result.value(QLatin1String("status")).toString();
    if (!ScriptOutcome::statusFromName(statusName, &outcome.status) || !isRunnerStatus(outcome.status))
        return badReply(QStringLiteral("unknown status \"%1\"").arg(statusName));
    for (const QLatin1String key : {QLatin1String("error"), QLatin1String("stack")}) {
        if (!isStringOrMissing(result, key))
            return badReply(QStringLiteral("%1 is not text").arg(key));
    }
    for (const QLatin1String key :
         {QLatin1String("line"), QLatin1String("column"), QLatin1String("durationMs")}) {
        if (!isNumberOrMissing(result, key))
            return badReply(QStringLiteral("%1 is not a number").arg(key));
    }
    const QJsonValue commands = result.value(QLatin1String("commands"));
    const QJsonValue console = result.value(QLatin1String("console"));
    if (!(commands.isUndefined() || commands.isArray()) || !(console.isUndefined() || console.isArray()))
        return badReply(QStringLiteral("commands or console is not a list"));

    outcome.error = result.value(QLatin1String("error")).toString();
    outcome.stack = result.value(QLatin1String("stack")).toString();
    outcome.line = result.value(QLatin1String("line")).toInt();
    outcome.column = result.value(QLatin1String("column")).toInt();
    outcome.durationMs = result.value(QLatin1String("durationMs")).toDouble();
    outcome.commands = commands.toArray();
    outcome.returnValue = result.value(QLatin1String("returnValue"));
    for (const QJsonValue &value : console.toArray()) {
        const QJsonObject line = value.toObject();
        if (!line.value(QLatin1String("level")).isString() || !line.value(QLatin1String("text")).isString())
            return badReply(QStringLiteral("a console line without level or text"));
        outcome.console.append({line.value(QLatin1String("level")).toString(),
                                line.value(QLatin1String("text")).toString(),
                                line.value(QLatin1String("atMs")).toDouble()});
    }
    return outcome;
}

int RunnerProtocol::nodeMajor(const QString &version)
{
    const QString major = version.section(QLatin1Char('.'), 0, 0);
    bool ok = false;
    const int value = (major.startsWith(QLatin1Char('v')) ? major.mid(1) : major).toInt(&ok);
    return ok ? value : 0;
}
