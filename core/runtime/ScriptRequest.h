#pragma once

#include <QJsonObject>
#include <QString>

/**
 * @brief What to run: one custom action's code, the trigger it runs for and the event it receives.
 *
 * Handed to ActionRuntime::run(). The secrets travel to the Node.js worker over its pipe only; the runtime
 * never logs them and never writes them to disk.
 */
struct ScriptRequest
{
    /// Scopes api.cache: runs of the same action id share one cache. Empty for a one-off run, whose cache
    /// starts empty and is dropped afterwards.
    QString actionId;
    /// Shown in stack traces, e.g. "Send with fetch.js"; sanitized (ActionRuntime::sanitizedFileName()),
    /// "action.js" when empty.
    QString fileName;
    /// The trigger id, "send-phone-message", "post-login", ...; see ActionTriggers::runnable().
    QString triggerId;
    /// The module source (CommonJS, exports.onExecute...).
    QString code;
    /// The trigger's event WITHOUT secrets and configuration.
    QJsonObject event;
    /// name -> string; the action reads them as event.secrets, inside the worker only.
    QJsonObject secrets;
    /// name -> string; the action reads them as event.configuration.
    QJsonObject configuration;
    /// A node_modules folder that require() resolves from (npm dependencies); empty = built-ins only.
    QString modulesDir;
    /// How long the handler may run; 0 = ActionRuntime::defaultTimeoutMs().
    int timeoutMs = 0;
};
