#include "core/plivo/PlivoCall.h"
#include "core/plivo/PlivoClient.h"
#include "core/plivo/PlivoSandbox.h"
#include "tests/support/PlivoClientFixture.h"

#include <QElapsedTimer>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <memory>

class TestPlivoClientFailures : public QObject, private PlivoClientFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void httpOutcomes_data();
    void httpOutcomes();
    void sendTimesOut();
    void readTimesOut();
    void droppedSendIsNotResent();
    void droppedRead();
    void connectionRefused();
    void hostNotFound();
    void tlsFailure();
    void rateLimitRetries_data();
    void rateLimitRetries();
    void cancelInFlight();
    void cancelBeforeStart();
    void cancelDuringBackoff();
    void cancelInsideFinishedSlot();
    void numberPagesMustStayOnTheServer_data();
    void numberPagesMustStayOnTheServer();
};

void TestPlivoClientFailures::init()
{
    setUp();
}

void TestPlivoClientFailures::cleanup()
{
    tearDown();
}

void TestPlivoClientFailures::httpOutcomes_data()
{
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("send");
    QTest::addColumn<Status>("status");
    QTest::addColumn<int>("http");
    QTest::addColumn<QString>("plivoError");
    QTest::addColumn<bool>("outcomeUnknown");

    QTest::newRow("401 send") << Mode::Unauthorized << QString() << true << Status::BadCredentials << 401
                              << QStringLiteral("authentication credentials were not provided") << false;
    QTest::newRow("401 read") << Mode::Unauthorized << QString() << false << Status::BadCredentials << 401
                              << QStringLiteral("authentication credentials were not provided") << false;
    QTest::newRow("400 with text") << Mode::BadRequest << QStringLiteral("Insufficient Credit") << true
                                   << Status::Rejected << 400 << QStringLiteral("Insufficient Credit")
                                   << false;
    QTest::newRow("403 geo") << Mode::GeoBlocked << QStringLiteral("destination country barred") << true
                             << Status::GeoBlocked << 403 << QStringLiteral("destination country barred")
                             << false;
    QTest::newRow("500") << Mode::ServerError << QString() << true << Status::ServerError << 500
                         << QStringLiteral("internal server error") << false;
    QTest::newRow("html on send") << Mode::NotJson << QString() << true << Status::BadReply << 202
                                  << QString() << true;
    QTest::newRow("html on read") << Mode::NotJson << QString() << false << Status::BadReply << 200
                                  << QString() << false;
}

void TestPlivoClientFailures::httpOutcomes()
{
    QFETCH(Mode, mode);
    QFETCH(QString, text);
    QFETCH(bool, send);
    QFETCH(Status, status);
    QFETCH(int, http);
    QFETCH(QString, plivoError);
    QFETCH(bool, outcomeUnknown);

    m_sandbox->setFailureMode(mode, text);
    PlivoCall *call = send
        ? m_client->sendSms(PlivoSandbox::credentials(), PlivoSandbox::senderNumber(), kDestination, kText)
        : m_client->getAccount(PlivoSandbox::credentials());
    const Outcome outcome = run(call);
    QCOMPARE(outcome.finishedCount, 1);
    QVERIFY2(outcome.result.status() == status, describe(outcome.result));
    QCOMPARE(outcome.result.httpStatus(), http);
    QCOMPARE(outcome.result.plivoError(), plivoError);
    QCOMPARE(outcome.result.outcomeUnknown(), outcomeUnknown);
    QVERIFY(outcome.result.message().contains(QStringLiteral("%1").arg(http)));
    QCOMPARE(m_sandbox->requestCount(), 1); // nothing but 429 is retried
}

void TestPlivoClientFailures::sendTimesOut()
{
    m_client->setTimeoutMs(200);
    m_sandbox->setFailureMode(Mode::SlowReply);
    m_sandbox->setSlowReplyMs(5000);
    const Outcome outcome = run(
        m_client->sendSms(PlivoSandbox::credentials(), PlivoSandbox::senderNumber(), kDestination, kText));
    QCOMPARE(outcome.finishedCount, 1);
    QVERIFY2(outcome.result.status() == Status::TimedOut, describe(outcome.result));
    QVERIFY2(outcome.elapsedMs >= 150 && outcome.elapsedMs < 3000,
             qPrintable(QString::number(outcome.elapsedMs)));
    QVERIFY(outcome.result.requestSent());
    QVERIFY(outcome.result.outcomeUnknown());
    QVERIFY2(outcome.result.message().contains(QLatin1String("0.2 s")), qPrintable(outcome.result.message()));
    // The message did reach "Plivo": exactly why a timed-out send must not be retried.
    QCOMPARE(m_sandbox->messages().size(), 1);
    QCOMPARE(m_sandbox->requestCount(), 1);
}

void TestPlivoClientFailures::readTimesOut()
{
    m_client->setTimeoutMs(150);
    m_sandbox->setFailureMode(Mode::SlowReply);
    m_sandbox->setSlowReplyMs(5000);
    const Outcome outcome = run(m_client->getAccount(PlivoSandbox::credentials()));
    QCOMPARE(outcome.result.status(), Status::TimedOut);
    QVERIFY(!outcome.result.outcomeUnknown());
    QCOMPARE(m_sandbox->requestCount(), 1);
}

void TestPlivoClientFailures::droppedSendIsNotResent()
{
    m_sandbox->setFailureMode(Mode::DropConnection);
    const Outcome outcome = run(
        m_client->sendSms(PlivoSandbox::credentials(), PlivoSandbox::senderNumber(), kDestination, kText));
    QCOMPARE(outcome.finishedCount, 1);
    // Qt alone would send the POST again on a new connection; the client must not.
    QCOMPARE(m_sandbox->requestCount(), 1);
    QVERIFY2(outcome.result.status() == Status::ConnectionLost, describe(outcome.result));
    QVERIFY(outcome.result.outcomeUnknown());
    QVERIFY2(outcome.result.detail().contains(QLatin1String("connection closed")),
             qPrintable(outcome.result.detail()));
}

void TestPlivoClientFailures::droppedRead()
{
    m_sandbox->setFailureMode(Mode::DropConnection);
    const Outcome outcome = run(m_client->getAccount(PlivoSandbox::credentials()));
    QVERIFY2(outcome.result.status() == Status::ConnectionLost, describe(outcome.result));
    QVERIFY(!outcome.result.outcomeUnknown());
    QVERIFY(m_sandbox->requestCount() >= 1);
}

void TestPlivoClientFailures::connectionRefused()
{
    const QUrl gone = m_sandbox->baseUrl();
    m_sandbox->stop();
    m_client->setBaseUrl(gone);
    const Outcome outcome = run(
        m_client->sendSms(PlivoSandbox::credentials(), PlivoSandbox::senderNumber(), kDestination, kText));
    QVERIFY2(outcome.result.status() == Status::CouldNotConnect, describe(outcome.result));
    QVERIFY2(outcome.result.detail().contains(QLatin1String("refused"), Qt::CaseInsensitive),
             qPrintable(outcome.result.detail()));
    QVERIFY(!outcome.result.outcomeUnknown());
    QVERIFY(outcome.result.message().startsWith(QLatin1String("Could not connect to Plivo: ")));
}

void TestPlivoClientFailures::hostNotFound()
{
    m_client->setBaseUrl(QUrl(QStringLiteral("http://api.plivo.invalid")));
    const Outcome outcome = run(m_client->getAccount(PlivoSandbox::credentials()));
    QVERIFY2(outcome.result.status() == Status::CouldNotConnect, describe(outcome.result));
    QVERIFY(!outcome.result.detail().isEmpty());
}

void TestPlivoClientFailures::tlsFailure()
{
    // TLS to a plain HTTP server: the handshake fails.
    QUrl url = m_sandbox->baseUrl();
    url.setScheme(QStringLiteral("https"));
    m_client->setBaseUrl(url);
    const Outcome outcome = run(m_client->getAccount(PlivoSandbox::credentials()));
    QVERIFY2(outcome.result.status() == Status::CouldNotConnect, describe(outcome.result));
    QVERIFY(!outcome.result.detail().isEmpty());
}

void TestPlivoClientFailures::rateLimitRetries_data()
{
    QTest::addColumn<int>("maxRetries");
    QTest::addColumn<int>("rateLimited"); // requests answered 429; -1 = all
    QTest::addColumn<Status>("status");
    QTest::addColumn<QList<int>>("retryAttempts");
    QTest::addColumn<QList<int>>("retryDelays");
    QTest::addColumn<int>("requests");

    QTest::newRow("always 429, 3 retries")
        << 3 << -1 << Status::RateLimited << QList<int> {2, 3, 4} << QList<int> {10, 20, 40} << 4;
    QTest::newRow("two 429s then accepted")
        << 3 << 2 << Status::Accepted << QList<int> {2, 3} << QList<int> {10, 20} << 3;
    QTest::newRow("no retries") << 0 << -1 << Status::RateLimited << QList<int> {} << QList<int> {} << 1;
    QTest::newRow("one retry, one 429")
        << 1 << 1 << Status::Accepted << QList<int> {2} << QList<int> {10} << 2;
}

void TestPlivoClientFailures::rateLimitRetries()
{
    QFETCH(int, maxRetries);
    QFETCH(int, rateLimited);
    QFETCH(Status, status);
    QFETCH(QList<int>, retryAttempts);
    QFETCH(QList<int>, retryDelays);
    QFETCH(int, requests);

    m_client->setMaxRateLimitRetries(maxRetries);
    m_sandbox->setFailureMode(Mode::RateLimited);
    m_sandbox->setFailureCount(rateLimited);
    const Outcome outcome = run(
        m_client->sendSms(PlivoSandbox::credentials(), PlivoSandbox::senderNumber(), kDestination, kText));
    QCOMPARE(outcome.finishedCount, 1);
    QVERIFY2(outcome.result.status() == status, describe(outcome.result));
    QCOMPARE(outcome.retryAttempts, retryAttempts);
    QCOMPARE(outcome.retryDelays, retryDelays);
    QCOMPARE(outcome.lastAttempt, requests);
    QCOMPARE(m_sandbox->requestCount(), requests);
    QCOMPARE(m_sandbox->messages().size(), status == Status::Accepted ? 1 : 0);
}

void TestPlivoClientFailures::cancelInFlight()
{
    m_sandbox->setFailureMode(Mode::SlowReply);
    m_sandbox->setSlowReplyMs(5000);
    QPointer<PlivoCall> call
        = m_client->sendSms(PlivoSandbox::credentials(), PlivoSandbox::senderNumber(), kDestination, kText);
    QSignalSpy finished(call.data(), &PlivoCall::finished);
    QTRY_COMPARE(m_sandbox->messages().size(), 1); // the request reached the sandbox
    call->cancel();
    QCOMPARE(finished.size(), 1); // at once
    QVERIFY(call->isFinished());
    const PlivoResult result = finished.at(0).at(0).value<PlivoResult>();
    QCOMPARE(result.status(), Status::Cancelled);
    QVERIFY(result.outcomeUnknown()); // it had left
    call->cancel(); // a second cancel does nothing
    QCOMPARE(finished.size(), 1);
    QTRY_VERIFY(call.isNull());
}

void TestPlivoClientFailures::cancelBeforeStart()
{
    PlivoCall *call
        = m_client->sendSms(PlivoSandbox::credentials(), PlivoSandbox::senderNumber(), kDestination, kText);
    QSignalSpy finished(call, &PlivoCall::finished);
    call->cancel();
    QCOMPARE(finished.size(), 1);
    const PlivoResult result = finished.at(0).at(0).value<PlivoResult>();
    QCOMPARE(result.status(), Status::Cancelled);
    QVERIFY(!result.outcomeUnknown());
    // A later request goes through alone: the cancelled one never started.
    QVERIFY(run(m_client->getAccount(PlivoSandbox::credentials())).result.succeeded());
    QCOMPARE(m_sandbox->requestCount(), 1);
    QCOMPARE(finished.size(), 1);
}

void TestPlivoClientFailures::cancelDuringBackoff()
{
    m_client->setInitialBackoffMs(60000);
    m_sandbox->setFailureMode(Mode::RateLimited);
    PlivoCall *call
        = m_client->sendSms(PlivoSandbox::credentials(), PlivoSandbox::senderNumber(), kDestination, kText);
    QSignalSpy finished(call, &PlivoCall::finished);
    QSignalSpy retrying(call, &PlivoCall::retrying);
    QVERIFY(retrying.wait(5000));
    QCOMPARE(retrying.at(0).at(1).value<PlivoResult>().status(), Status::RateLimited);
    QCOMPARE(retrying.at(0).at(2).toInt(), 60000);
    call->cancel();
    QCOMPARE(finished.size(), 1);
    const PlivoResult result = finished.at(0).at(0).value<PlivoResult>();
    QCOMPARE(result.status(), Status::Cancelled);
    QVERIFY(!result.outcomeUnknown()); // the 429 said it was not taken
    QCOMPARE(m_sandbox->requestCount(), 1);
}

void TestPlivoClientFailures::cancelInsideFinishedSlot()
{
    PlivoCall *call = m_client->getAccount(PlivoSandbox::credentials());
    QObject::connect(call, &PlivoCall::finished, call, [call] { call->cancel(); });
    const Outcome outcome = run(call);
    QCOMPARE(outcome.finishedCount, 1);
    QCOMPARE(outcome.result.status(), Status::Ok);
}

void TestPlivoClientFailures::numberPagesMustStayOnTheServer_data()
{
    QTest::addColumn<QString>("next");
    QTest::addColumn<QString>("problem");
    QTest::newRow("another host") << QStringLiteral(
        "https://elsewhere.invalid/v1/Account/X/Number/?offset=20")
                                  << QStringLiteral("another server");
    QTest::newRow("another port") << QStringLiteral("http://127.0.0.1:1/v1/Account/X/Number/?offset=20")
                                  << QStringLiteral("another server");
    QTest::newRow("the same page") << QStringLiteral("/v1/Account/%1/Number/?services=sms&limit=20&offset=0")
                                          .arg(PlivoSandbox::credentials().authId)
                                   << QStringLiteral("repeats the same page");
}

void TestPlivoClientFailures::numberPagesMustStayOnTheServer()
{
    QFETCH(QString, next);
    QFETCH(QString, problem);

    // A fake Plivo whose number list points meta.next where the credentials must not go.
    QHttpServer server;
    int requests = 0;
    server.route(QStringLiteral("/v1/Account/<arg>/Number/"),
                 [&](const QString &, const QHttpServerRequest &, QHttpServerResponder &&responder) {
                     ++requests;
                     const QJsonObject page {
                         {QStringLiteral("api_id"), QStringLiteral("a")},
                         {QStringLiteral("meta"), QJsonObject {{QStringLiteral("next"), next}}},
                         {QStringLiteral("objects"), QJsonArray()}};
                     responder.write(QJsonDocument(page));
                 });
    auto *tcp = new QTcpServer(&server);
    QVERIFY(tcp->listen(QHostAddress::LocalHost));
    server.bind(tcp);
    m_client->setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(tcp->serverPort())));

    const Outcome outcome = run(m_client->listSmsNumbers(PlivoSandbox::credentials()));
    QVERIFY2(outcome.result.status() == Status::BadReply, describe(outcome.result));
    QVERIFY2(outcome.result.message().contains(problem), qPrintable(outcome.result.message()));
    QCOMPARE(requests, 1);
}

QTEST_GUILESS_MAIN(TestPlivoClientFailures)
#include "TestPlivoClientFailures.moc"
