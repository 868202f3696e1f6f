#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

/// What one action of a flow run did.
struct ActionRunResult
{
    int index = 0; ///< its position in the flow, from 0
    QString actionName; ///< the action's name (the binding's display name when the action is gone)
    QDateTime startedAt;
    QDateTime endedAt; ///< when it was accepted or failed
    bool succeeded = false;
    QString error; ///< why it failed, in words; empty when it succeeded
    QString messageUuid; ///< the SMS it handed to Plivo, if any
    QString deliveryState; ///< that SMS's last known state ("queued", "sent", "delivered", …)
    QString actionId; ///< the integration (or custom action) id
    /// What a custom action wrote with console.*, one line each ("warn: text"); not recorded.
    QStringList console;
};

/**
 * @brief One run of a trigger's flow (Auth0's actions/executions object).
 *
 * status is "final" when every action succeeded, "partial" when at least one succeeded before one
 * failed, and "failed" when none succeeded (nothing bound, an invalid request, or the first action
 * failed). A flow stops at its first failure, so results end with the action that failed.
 */
struct Execution
{
    QString id; ///< a UUID without braces
    QString triggerId; ///< e.g. "send-phone-message"
    QDateTime createdAt;
    QString status;
    QString error; ///< the first failure, in words; empty for "final"
    QList<ActionRunResult> results;
    /// The event as recorded: no secrets, and for send-phone-message without message_options.code and
    /// message_options.text (they carry the one-time code).
    QJsonObject event;

    bool succeeded() const { return status == QLatin1String("final"); }
};

Q_DECLARE_METATYPE(ActionRunResult)
Q_DECLARE_METATYPE(Execution)
