#pragma once

// What the Plivo sandbox suites share: a running sandbox for each test and raw HTTP exchanges with it.

#include "core/plivo/PlivoSandbox.h"

#include <QByteArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QString>

#include <memory>

Q_DECLARE_METATYPE(PlivoSandbox::FailureMode)

/// The shared fixture; a suite derives from it next to QObject and calls setUp() and tearDown().
class PlivoSandboxFixture
{
protected:
    /// What one raw HTTP exchange with the sandbox gave.
    struct Exchange
    {
        bool finished = false;
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        int status = 0;
        QByteArray contentType;
        QByteArray body;
        QJsonObject json;
        qint64 elapsedMs = 0;
    };

    /// The Basic authorization header value for @p authId and @p token.
    static QByteArray basic(const QString &authId, const QString &token);
    /// The path of the sandbox account.
    static QString account();
    /// The JSON body of a send to @p dst; a null @p src or @p dst is left out.
    static QByteArray sendBody(const QString &dst,
                               const QString &text = QStringLiteral("Your code is 123456"),
                               const QString &src = PlivoSandbox::senderNumber());

    /// Starts the sandbox with short state delays; fails the test when it cannot.
    void setUp();
    /// Stops the sandbox and drops pooled connections.
    void tearDown();

    /// Sends @p verb to @p pathAndQuery on the sandbox and waits for the reply.
    Exchange exchange(const QByteArray &verb,
                      const QString &pathAndQuery,
                      const QByteArray &body = {},
                      const QByteArray &authorization
                      = basic(PlivoSandbox::credentials().authId, PlivoSandbox::credentials().authToken));

    /// The network access manager the exchanges go through.
    QNetworkAccessManager m_network;
    /// The sandbox of the running test.
    std::unique_ptr<PlivoSandbox> m_sandbox;
};
