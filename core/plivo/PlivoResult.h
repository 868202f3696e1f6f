#pragma once

#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QStringList>

/**
 * @brief What came of one Plivo request: the HTTP outcome sorted into a Status, and what Plivo said.
 *
 * The classification follows the HTTP status, never the wording of Plivo's error text, which is free
 * text. fromHttp() is pure, so the parsing is tested without a network.
 */
class PlivoResult
{
public:
    enum class Status
    {
        Accepted, ///< 202: Plivo queued the request (a send)
        Ok, ///< any other 2xx
        BadCredentials, ///< 401, or an Auth ID that is not one (found before sending)
        GeoBlocked, ///< 403: geo permissions block the destination country
        NotFound, ///< 404
        Rejected, ///< 400 and any other 4xx; also a request refused before sending (see detail())
        RateLimited, ///< 429, after the retries ran out
        ServerError, ///< 5xx
        TimedOut, ///< no complete answer within the timeout
        CouldNotConnect, ///< connection refused, host not found, TLS failure, proxy failure
        ConnectionLost, ///< the connection dropped after the request left, before a complete answer
        BadReply, ///< an answer that is not the JSON expected (HTML page, 3xx, no message_uuid, ...)
        Cancelled, ///< cancel() was called
    };

    /// The request a result belongs to; it decides which answers count as BadReply.
    enum class Operation
    {
        SendSms,
        GetMessage,
        GetAccount,
        ListNumbers,
    };

    /// A Cancelled result of a GetAccount request with nothing in it.
    PlivoResult() = default;

    /**
     * @brief Classifies the HTTP answer @p httpStatus with @p body to @p operation.
     *
     * Parses api_id (optional), error, message_uuid (an array) and invalid_number. A 2xx whose body is not
     * the JSON object @p operation needs is BadReply: a send without message_uuid, a message without
     * message_uuid, an account without auth_id, a number list without objects.
     */
    static PlivoResult fromHttp(Operation operation, int httpStatus, const QByteArray &body);

    /**
     * @brief A result that has no HTTP answer: TimedOut, CouldNotConnect, ConnectionLost or Cancelled, or
     *        a request refused before sending (BadCredentials, Rejected).
     * @param detail the Qt error text or the reason, for message()
     * @param requestSent true when the request had left (decides outcomeUnknown() of a send)
     */
    static PlivoResult failure(Operation operation, Status status, const QString &detail, bool requestSent);

    Operation operation() const { return m_operation; }
    Status status() const { return m_status; }
    /// True for Accepted and Ok.
    bool succeeded() const;
    /// The HTTP status code; 0 when no answer arrived.
    int httpStatus() const { return m_httpStatus; }
    /// The api_id Plivo sent; empty when missing (real 401 answers have none).
    QString apiId() const { return m_apiId; }
    /// The "error" text Plivo sent; empty when it sent none.
    QString plivoError() const { return m_plivoError; }
    /// The message_uuid array of a send, one UUID per valid destination.
    QStringList messageUuids() const { return m_messageUuids; }
    /// The invalid_number array of a send to several destinations.
    QStringList invalidNumbers() const { return m_invalidNumbers; }
    /// The whole JSON body; empty when the answer was not a JSON object.
    QJsonObject body() const { return m_body; }
    /// The Qt error text, the reason a request was refused before sending, or what was wrong with a reply.
    QString detail() const { return m_detail; }
    /// True when the request had left for Plivo.
    bool requestSent() const { return m_requestSent; }

    /// One sentence an admin can act on, e.g. "Plivo refused the credentials (401): authentication
    /// failed. Check the Auth ID and Auth Token."
    QString message() const;

    /**
     * @brief True when a send may have reached Plivo but its outcome is unknown: it timed out, lost its
     *        connection or was cancelled after the request left, or Plivo answered 2xx with a body that
     *        could not be read. Check the Plivo logs before sending again; never retry automatically.
     */
    bool outcomeUnknown() const;

    /// The name of @p status, e.g. "TimedOut", for logs and test output.
    static QString statusName(Status status);

private:
    Operation m_operation = Operation::GetAccount;
    Status m_status = Status::Cancelled;
    int m_httpStatus = 0;
    bool m_requestSent = false;
    QString m_apiId;
    QString m_plivoError;
    QStringList m_messageUuids;
    QStringList m_invalidNumbers;
    QJsonObject m_body;
    QString m_detail;
};

Q_DECLARE_METATYPE(PlivoResult)
