#pragma once

#include "core/plivo/PlivoResult.h"

#include <QByteArray>
#include <QJsonArray>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

/**
 * @brief One Plivo request in flight, made by PlivoClient.
 *
 * The call starts on the next turn of the event loop, so a caller can always connect to finished()
 * after receiving it. finished() is emitted exactly once, then the call deletes itself (deleteLater()).
 * Every attempt has a timeout; an answer 429 is retried with exponential backoff a bounded number of
 * times, and nothing else is ever retried. A call still running when its PlivoClient is destroyed is
 * aborted without finished().
 */
class PlivoCall : public QObject
{
    Q_OBJECT

public:
    /// A number list stops with BadReply after this many pages (20 numbers each).
    static constexpr int MaxNumberPages = 100;

    ~PlivoCall() override;

    bool isFinished() const { return m_finished; }
    /// The outcome; only meaningful once isFinished().
    const PlivoResult &result() const { return m_result; }
    /// The attempt under way or last made, from 1 (each 429 retry adds one; a new page starts again at 1).
    int attempt() const { return m_attempt; }
    PlivoResult::Operation operation() const { return m_operation; }

    /// Aborts the request and finishes with Cancelled at once (finished() is emitted inside this call).
    void cancel();

Q_SIGNALS:
    /// Emitted exactly once; the call deleteLater()s itself afterwards.
    void finished(const PlivoResult &result);
    /**
     * @brief Plivo answered 429 and attempt @p attempt starts in @p delayMs milliseconds.
     * @param rateLimited the 429 answer that caused the retry
     */
    void retrying(int attempt, const PlivoResult &rateLimited, int delayMs);

private:
    friend class PlivoClient;

    /// Everything a call needs, filled in by PlivoClient.
    struct Setup
    {
        PlivoResult::Operation operation = PlivoResult::Operation::GetAccount;
        QNetworkRequest request; ///< URL and headers, including Authorization
        QByteArray verb; ///< "GET" or "POST"
        QByteArray body; ///< JSON for POST
        QUrl baseUrl; ///< pages of a list must stay on this origin
        int timeoutMs = 0;
        int maxRetries = 0;
        int initialBackoffMs = 0;
        /// When set, the call finishes with this result without sending anything.
        std::optional<PlivoResult> refused;
    };

    PlivoCall(QNetworkAccessManager &network, Setup setup, QObject *parent);

    void start();
    void sendAttempt();
    void onReplyFinished();
    void onTimeout();
    /// Follows meta.next of a number list page; returns false when there is no next page.
    bool followNextPage(const PlivoResult &page);
    void finish(const PlivoResult &result);
    void dropReply();
    PlivoResult transportFailure(int networkError, const QString &errorText) const;

    QNetworkAccessManager &m_network;
    Setup m_setup;
    PlivoResult::Operation m_operation;
    QPointer<QNetworkReply> m_reply;
    QTimer m_timeout;
    QTimer m_backoff;
    int m_attempt = 0;
    int m_pages = 0;
    bool m_requestSent = false;
    bool m_finished = false;
    QJsonArray m_objects;
    PlivoResult m_result;
};
