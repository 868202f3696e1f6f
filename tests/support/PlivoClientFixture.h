#pragma once

// What the Plivo client suites share: a running sandbox and a client pointed at it for each test, and
// a way to run a call to its end.

#include "core/plivo/PlivoCall.h"
#include "core/plivo/PlivoClient.h"
#include "core/plivo/PlivoSandbox.h"

#include <QByteArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QString>

#include <memory>

Q_DECLARE_METATYPE(PlivoResult::Status)
Q_DECLARE_METATYPE(PlivoSandbox::FailureMode)

/// The shared fixture; a suite derives from it next to QObject and calls setUp() and tearDown().
class PlivoClientFixture
{
protected:
    using Status = PlivoResult::Status;
    using Mode = PlivoSandbox::FailureMode;

    /// What a call reported, kept after it has deleted itself.
    struct Outcome
    {
        int finishedCount = 0;
        PlivoResult result;
        QList<int> retryAttempts;
        QList<int> retryDelays;
        int lastAttempt = 0;
        qint64 elapsedMs = 0;
    };

    /// The number messages go to.
    static inline const QString kDestination = QStringLiteral("+14155550199");
    /// The text messages carry.
    static inline const QString kText = QStringLiteral("Your Authdeck code is 481516");

    /// @p result as "Status: message", for QVERIFY2 (a temporary: a char * leaked whenever the check passed).
    static QByteArray describe(const PlivoResult &result);

    /// Starts the sandbox and points a fast-retrying client at it; fails the test when it cannot.
    void setUp();
    /// Drops the client and the sandbox and the pooled connections.
    void tearDown();

    /// Waits up to @p timeoutMs for @p call to finish, then lets stray events run; what it reported.
    Outcome run(PlivoCall *call, int timeoutMs = 10000);

    /// The network access manager the client uses.
    QNetworkAccessManager m_network;
    /// The sandbox of the running test.
    std::unique_ptr<PlivoSandbox> m_sandbox;
    /// The client under test, pointed at m_sandbox.
    std::unique_ptr<PlivoClient> m_client;
};
