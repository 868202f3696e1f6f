#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

/**
 * @brief One tenant log event (Auth0's log record), with its log-schemas field names in toJson().
 *
 * type is an Auth0 event code ("s", "fp", "gd_send_sms", …). Phone numbers in description and details
 * are masked; a password, a one-time code or a secret is never part of an event.
 */
struct LogEvent
{
    QString logId;
    QString type;
    QString description;
    QDateTime date;
    QString clientId;
    QString clientName;
    QString userId;
    QString userName;
    QString ip;
    QString userAgent;
    QJsonObject details;

    /// The record as Auth0's GET /api/v2/logs/{id} returns it.
    QJsonObject toJson() const;
};

/// Which log events to read.
struct LogFilter
{
    QString type; ///< empty for every type
    QString userId; ///< empty for every user
    QString userText; ///< the start of the user name or of the user id, in any case; empty for every user
    QDateTime from; ///< inclusive; invalid for no lower bound
    QDateTime to; ///< exclusive; invalid for no upper bound
    int limit = 100;
    /// With beforeLogId: only the events after this one in the list's order (newest first); a page's last.
    QDateTime beforeDate;
    QString beforeLogId;
};
