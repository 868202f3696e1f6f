#pragma once

#include "core/plivo/PlivoResult.h"
#include "core/plivo/PlivoTypes.h"

#include <QObject>
#include <QString>
#include <QUrl>

class PlivoCall;
class QNetworkAccessManager;

/**
 * @brief Talks to the Plivo REST API (v1): send an SMS, read a message's state, check an account, list
 *        its SMS numbers.
 *
 * Uses the application's one QNetworkAccessManager and never a nested event loop: each method returns a
 * PlivoCall at once and reports through its finished() signal. Every request carries HTTP Basic
 * authentication, a JSON body for POST, a trailing slash on the path and the Authdeck User-Agent, and
 * has a timeout. Answers 429 are retried with exponential backoff (retrying()); nothing else is retried,
 * least of all a send whose outcome is unknown.
 */
class PlivoClient : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultTimeoutMs = 10000;
    static constexpr int DefaultMaxRateLimitRetries = 3;
    static constexpr int DefaultInitialBackoffMs = 500;

    /// @param network the shared network access manager; not owned, must outlive this client
    explicit PlivoClient(QNetworkAccessManager &network, QObject *parent = nullptr);

    /// Where the API lives; https://api.plivo.com unless changed (the sandbox gives its own).
    void setBaseUrl(const QUrl &url);
    QUrl baseUrl() const { return m_baseUrl; }

    /// How long one attempt may take, from sending to the complete answer (default 10 s).
    void setTimeoutMs(int ms);
    int timeoutMs() const { return m_timeoutMs; }

    /// How often an answer 429 is retried (default 3; 0 = never).
    void setMaxRateLimitRetries(int retries);
    int maxRateLimitRetries() const { return m_maxRetries; }

    /// The first backoff after a 429 (default 500 ms); it doubles for each further retry.
    void setInitialBackoffMs(int ms);
    int initialBackoffMs() const { return m_initialBackoffMs; }

    /// "Authdeck/<version> (Qt <runtime version>)".
    static QString userAgent();

    /**
     * @brief Sends @p text from @p src to @p dst (one number, or several separated by "<").
     *
     * Refused before sending (Rejected, or BadCredentials for a malformed Auth ID) when a destination is
     * missing or equals @p src, or SmsText::check() finds the text unsendable. On success the result is
     * Accepted with messageUuids().
     */
    PlivoCall *
    sendSms(const PlivoCredentials &credentials, const QString &src, const QString &dst, const QString &text);

    /// Reads the message detail record of @p messageUuid; parse it with PlivoMessage::fromJson(body()).
    PlivoCall *getMessage(const PlivoCredentials &credentials, const QString &messageUuid);

    /// Reads the account (the "Test connection" check); parse it with PlivoAccount::fromJson(body()).
    PlivoCall *getAccount(const PlivoCredentials &credentials);

    /// All SMS-enabled numbers (services=sms), following meta.next; result body() is
    /// {"objects":[...all pages...]}; parse it with PlivoNumber::listFromJson(body()).
    PlivoCall *listSmsNumbers(const PlivoCredentials &credentials);

private:
    PlivoCall *makeCall(const PlivoCredentials &credentials,
                        PlivoResult::Operation operation,
                        const QByteArray &verb,
                        const QString &path,
                        const QByteArray &body,
                        const QString &refusal = {});

    QNetworkAccessManager &m_network;
    QUrl m_baseUrl;
    int m_timeoutMs = DefaultTimeoutMs;
    int m_maxRetries = DefaultMaxRateLimitRetries;
    int m_initialBackoffMs = DefaultInitialBackoffMs;
};
