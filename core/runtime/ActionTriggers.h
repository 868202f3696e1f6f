#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

/**
 * @brief The triggers custom actions can be written for and run locally, read from the data file
 *        resources/runtime/triggers.json (":/authdeck/runtime/triggers.json").
 *
 * For each runnable trigger the file gives its label, version, handler name, the skeleton code Auth0 starts
 * an action with, a sample event for the Test panel and the api methods the runner offers. Unknown ids give
 * empty values.
 */
class ActionTriggers
{
public:
    /// The trigger ids that can run, in display order: "post-login", "credentials-exchange",
    /// "pre-user-registration", "post-user-registration", "post-change-password", "send-phone-message".
    static QStringList runnable();
    static bool isRunnable(const QString &id);

    /// The exported function the runner calls, e.g. "onExecuteSendPhoneMessage".
    static QString handlerName(const QString &id);
    /// The trigger version, e.g. "v3" for post-login, "v2" for the others.
    static QString version(const QString &id);
    /// The name shown for the trigger, e.g. "Send Phone Message", "Login / Post Login".
    static QString label(const QString &id);
    /// The code a new action starts with: the doc comment listing event and api, and the empty handler.
    static QString skeleton(const QString &id);
    /// A realistic event for the Test panel, without secrets and configuration.
    static QJsonObject sampleEvent(const QString &id);
    /// The api methods an action can call, as dotted paths ("access.deny", "cache.get", ...).
    static QStringList apiMethods(const QString &id);

    /// The Node.js runtimes an action may choose: "node18", "node22".
    static QStringList runtimes();
    /// "node18".
    static QString defaultRuntime();
};
