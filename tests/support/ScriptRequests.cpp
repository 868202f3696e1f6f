#include "ScriptRequests.h"

#include "core/runtime/ActionTriggers.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>

QString phoneHandler(const QString &body)
{
    return QStringLiteral("exports.onExecuteSendPhoneMessage = async (event, api) => {\n%1\n};\n").arg(body);
}

ScriptRequest phoneRequest(const QString &code)
{
    ScriptRequest request;
    request.triggerId = QStringLiteral("send-phone-message");
    request.fileName = QStringLiteral("Send with fetch.js");
    request.code = code;
    request.event = ActionTriggers::sampleEvent(request.triggerId);
    return request;
}

ScriptRequest phoneHandlerRequest(const QString &body, int timeoutMs)
{
    ScriptRequest request;
    request.triggerId = QStringLiteral("send-phone-message");
    request.code = phoneHandler(body);
    request.timeoutMs = timeoutMs;
    return request;
}

QJsonValue jsonValue(const char *text)
{
    return QJsonDocument::fromJson(QByteArray("[") + text + "]").array().first();
}
