#pragma once

#include "core/plivo/PlivoTypes.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <map>
#include <memory>
#include <optional>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;
class QTcpServer;

/**
 * @brief A local Plivo that speaks the wire format, for tests, benchmarks and the "no account" mode.
 *
 * Listens on the loopback interface only and answers, like api.plivo.com:
 * - POST /v1/Account/{id}/Message/ (send; "<" separates several destinations) and GET .../Message/ (list),
 * - GET /v1/Account/{id}/Message/{uuid}/ (the message detail record),
 * - GET /v1/Account/{id}/ (the account),
 * - GET /v1/Account/{id}/Number/ (the numbers, paginated with limit (1-20) and offset, meta.next relative).
 *
 * Every request needs HTTP Basic authentication with credentials(); a wrong or missing one gets 401
 * {"error": ...} without api_id, as Plivo answers. Sends are validated as Plivo does (400 with
 * {"api_id","error"}), answered 202, stored, and moved queued -> sent -> delivered by timers. Bodies are
 * shaped like the Plivo SDK fixtures. A failure mode makes every request fail in one chosen way.
 */
class PlivoSandbox : public QObject
{
    Q_OBJECT

public:
    struct Message
    {
        QString uuid;
        QString from; ///< E.164
        QString to; ///< E.164
        QString text;
        QString state; ///< queued, sent, then the delivery outcome (delivered by default)
        QDateTime time;
        int units = 1;
        QString errorCode; ///< empty until final; "000" when delivered
    };

    enum class FailureMode
    {
        None,
        Unauthorized, ///< 401 {"error"} without api_id
        BadRequest, ///< 400 {"api_id","error": the given text}
        GeoBlocked, ///< 403 on sends only (other requests answer normally)
        RateLimited, ///< 429
        ServerError, ///< 500
        SlowReply, ///< the normal answer, after setSlowReplyMs() (a send is stored at once)
        DropConnection, ///< the socket is closed without an answer (nothing is stored)
        NotJson, ///< 200 (202 for a send) with an HTML page
    };
    Q_ENUM(FailureMode)

    /// Auth ID "MASANDBOX0AUTHDECK01" with the fixed token "authdeck-sandbox-token".
    static PlivoCredentials credentials();
    /// "+14155550100": the sandbox account's first SMS-enabled number.
    static QString senderNumber();

    explicit PlivoSandbox(QObject *parent = nullptr);
    ~PlivoSandbox() override;

    /// Listens on 127.0.0.1:@p port (0 = any free port); false, with errorString(), when it cannot.
    bool start(quint16 port = 0);
    /// Stops listening and drops pending answers and state timers; messages are kept.
    void stop();
    bool isRunning() const;
    quint16 port() const { return m_port; }
    /// http://127.0.0.1:<port>, for PlivoClient::setBaseUrl(); empty when not running.
    QUrl baseUrl() const;
    QString errorString() const { return m_errorString; }

    /// Makes requests fail as @p mode says; @p errorText replaces the default error text (400, 403).
    /// Resets the failure count to "every request".
    void setFailureMode(FailureMode mode, const QString &errorText = {});
    FailureMode failureMode() const { return m_failureMode; }
    /// Only the next @p requests requests fail; then the mode goes back to None. -1 = every request.
    void setFailureCount(int requests);

    /// When a new message turns sent and when it reaches its outcome, in ms after it was queued.
    void setStateDelays(int sentAfterMs, int deliveredAfterMs);
    /// The final state of new messages (default "delivered" with "000"), e.g. "undelivered" with "80".
    void setDeliveryOutcome(const QString &finalState, const QString &errorCode);
    /// How late SlowReply answers (default 15000 ms).
    void setSlowReplyMs(int ms);

    /// The account's numbers, E.164 or digits (default +14155550100 and +14155550101); all SMS-enabled.
    void setNumbers(const QStringList &numbers);
    /// The account's numbers in E.164.
    QStringList numbers() const;

    /// The stored messages, newest first.
    QList<Message> messages() const;
    void clear();

    /// Requests received since start (every attempt counts, including failed ones).
    int requestCount() const { return m_requestCount; }
    /// The headers of the last request, names as sent.
    QList<QPair<QByteArray, QByteArray>> lastRequestHeaders() const { return m_lastHeaders; }
    /// One header of the last request (case-insensitive name); empty when absent.
    QByteArray lastRequestHeader(const QByteArray &name) const;
    /// "POST /v1/Account/.../Message/" with the query, if any.
    QString lastRequestLine() const { return m_lastRequestLine; }
    QByteArray lastRequestBody() const { return m_lastBody; }

Q_SIGNALS:
    void messageReceived(const PlivoSandbox::Message &message);
    void messageStateChanged(const PlivoSandbox::Message &message);

private:
    enum class Endpoint
    {
        SendMessage,
        ListMessages,
        GetMessage,
        GetAccount,
        ListNumbers,
    };
    struct Answer
    {
        int status = 200;
        QByteArray body;
        QByteArray contentType = QByteArrayLiteral("application/json");
        bool drop = false;
    };
    struct PendingAnswer;

    void addRoutes();
    bool listen(quint16 port);
    void handle(Endpoint endpoint,
                const QString &authId,
                const QString &uuid,
                const QHttpServerRequest &request,
                QHttpServerResponder &&responder);
    void respond(QHttpServerResponder &responder, const Answer &answer);
    void respondLater(QHttpServerResponder &&responder, const Answer &answer, int delayMs);
    Answer answerFor(Endpoint endpoint, const QString &uuid, const QHttpServerRequest &request);
    std::optional<Answer> failureAnswer(Endpoint endpoint);
    std::optional<Answer> authFailure(const QString &authId, const QHttpServerRequest &request) const;
    Answer sendMessage(const QByteArray &body);
    Answer listMessages(const QHttpServerRequest &request) const;
    Answer getMessage(const QString &uuid) const;
    Answer getAccount() const;
    Answer listNumbers(const QHttpServerRequest &request) const;
    void store(const Message &message);
    void advance(const QString &uuid, const QString &state, const QString &errorCode, quint64 generation);

    QHttpServer *m_server = nullptr;
    quint16 m_port = 0;
    QString m_errorString;
    FailureMode m_failureMode = FailureMode::None;
    QString m_failureText;
    int m_failuresLeft = -1;
    int m_sentAfterMs = 300;
    int m_deliveredAfterMs = 1200;
    QString m_finalState = QStringLiteral("delivered");
    QString m_finalErrorCode = QStringLiteral("000");
    int m_slowReplyMs = 15000;
    QStringList m_numbers; ///< digits
    QHash<QString, Message> m_messages;
    QStringList m_order; ///< uuids, oldest first
    quint64 m_generation = 0; ///< bumped by stop() and clear(): older state timers do nothing
    quint64 m_nextPending = 0;
    std::map<quint64, std::unique_ptr<PendingAnswer>> m_pending;
    int m_requestCount = 0;
    QList<QPair<QByteArray, QByteArray>> m_lastHeaders;
    QString m_lastRequestLine;
    QByteArray m_lastBody;
};

Q_DECLARE_METATYPE(PlivoSandbox::Message)
