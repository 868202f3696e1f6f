#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QLatin1String>
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

/// Auth0's log event codes that Authdeck writes (auth0/auth0-log-schemas), one definition each.
namespace LogCodes {
inline constexpr QLatin1String SuccessfulLogin {"s"};
inline constexpr QLatin1String FailedLogin {"f"}; ///< not covered by fp or fu (e.g. a Login flow's deny)
inline constexpr QLatin1String WrongPassword {"fp"};
inline constexpr QLatin1String WrongUser {"fu"}; ///< unknown email, or a blocked user
inline constexpr QLatin1String SuccessfulSignup {"ss"};
inline constexpr QLatin1String FailedSignup {"fs"};
inline constexpr QLatin1String TooManyLogins {"limit_wc"}; ///< the account is locked after wrong passwords
inline constexpr QLatin1String ManagementApiWrite {"sapi"};
inline constexpr QLatin1String ActionFailed {"actions_execution_failed"};
inline constexpr QLatin1String MfaEnrollStarted {"gd_start_enroll"};
inline constexpr QLatin1String MfaEnrolled {"gd_enrollment_complete"};
inline constexpr QLatin1String MfaAuthStarted {"gd_start_auth"};
inline constexpr QLatin1String MfaSmsSent {"gd_send_sms"};
inline constexpr QLatin1String MfaSmsFailed {"gd_send_sms_failure"};
inline constexpr QLatin1String MfaAuthSucceeded {"gd_auth_succeed"};
inline constexpr QLatin1String MfaAuthFailed {"gd_auth_failed"};
inline constexpr QLatin1String MfaTooManyCodes {"gd_otp_rate_limit_exceed"};
inline constexpr QLatin1String SuccessfulCodeExchange {"seacft"};
inline constexpr QLatin1String FailedCodeExchange {"feacft"};
inline constexpr QLatin1String SuccessfulRefreshExchange {"sertft"};
inline constexpr QLatin1String FailedRefreshExchange {"fertft"};
inline constexpr QLatin1String SuccessfulClientCredentialsExchange {"seccft"};
inline constexpr QLatin1String FailedClientCredentialsExchange {"feccft"};
inline constexpr QLatin1String SuccessfulSilentAuth {"ssa"};
inline constexpr QLatin1String FailedSilentAuth {"fsa"};
inline constexpr QLatin1String SuccessfulLogout {"slo"};
} // namespace LogCodes

/// Which log events to read.
struct LogFilter
{
    QString type; ///< empty for every type
    QString userId; ///< empty for every user
    QString userText; ///< the start of the user name or of the user id, in any case; empty for every user
    QDateTime from; ///< inclusive; invalid for no lower bound
    QDateTime to; ///< exclusive; invalid for no upper bound
    int limit = 100;
    /// How many matching events to pass over before the page (Auth0's page * per_page).
    int offset = 0;
    /// With beforeLogId: only the events after this one in the list's order (newest first); a page's last.
    QDateTime beforeDate;
    QString beforeLogId;
    /// Above 0: a user filter that walks the list looks at no more events than this, and may stop before
    /// it has @c limit matches (LogPageRead says where to go on). 0: no bound.
    int examineAtMost = 0;
};

/// What a read of a page of log events found, and where the next page starts.
struct LogPageRead
{
    QList<LogEvent> events;
    /// With resumeBeforeLogId: every event of the list's order down to this one has been looked at; the
    /// next page is LogFilter::beforeDate/beforeLogId set to them.
    QDateTime resumeBeforeDate;
    QString resumeBeforeLogId;
    /// Whether no event is left past the resume point.
    bool atEnd = false;
};
