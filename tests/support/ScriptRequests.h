#pragma once

#include "core/runtime/ScriptRequest.h"

#include <QJsonValue>
#include <QString>

/// A send-phone-message action whose handler body is @p body.
QString phoneHandler(const QString &body);

/// A send-phone-message run of @p code as "Send with fetch.js", with the trigger's sample event.
ScriptRequest phoneRequest(const QString &code);

/// A send-phone-message run of phoneHandler(@p body), with no event; @p timeoutMs 0 is the runtime's default.
ScriptRequest phoneHandlerRequest(const QString &body, int timeoutMs = 0);

/// The JSON value written as @p text, which may also be a bare string, number, true, false or null.
QJsonValue jsonValue(const char *text);
