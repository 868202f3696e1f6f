#include "core/plivo/PlivoCall.h"
#include "core/plivo/PlivoClient.h"
#include "core/plivo/PlivoSandbox.h"
#include "tests/support/PlivoClientFixture.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <memory>

class TestPlivoClient : public QObject, private PlivoClientFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void userAgent();
    void defaults();
    void startsOnNextTurn();
    void sendAccepted();
    void sendRequestShape();
    void readRequestShape();
    void account();
    void message();
    void unknownMessage();
    void wrongCredentials();
    void malformedCredentialsNotSent_data();
    void malformedCredentialsNotSent();
    void refusedBeforeSending_data();
    void refusedBeforeSending();
    void numbersPaginated();
    void numbersOnePage();

private:
    PlivoCredentials wrongToken() const;
};

PlivoCredentials TestPlivoClient::wrongToken() const
{
    return {PlivoSandbox::credentials().authId, QStringLiteral("not-the-token")};
}

void TestPlivoClient::init()
{
    setUp();
}

void TestPlivoClient::cleanup()
{
    tearDown();
}

void TestPlivoClient::userAgent()
{
    const QString agent = PlivoClient::userAgent();
    QVERIFY2(QRegularExpression(QStringLiteral("^Authdeck/\\d+\\.\\d+\\.\\d+ \\(Qt 6\\.\\d+\\.\\d+\\)$"))
                 .match(agent)
                 .hasMatch(),
             qPrintable(agent));
    QVERIFY(agent.contains(QString::fromLatin1(qVersion())));
}

void TestPlivoClient::defaults()
{
    PlivoClient client(m_network);
    QCOMPARE(client.baseUrl(), QUrl(QStringLiteral("https://api.plivo.com")));
    QCOMPARE(client.timeoutMs(), PlivoClient::DefaultTimeoutMs);
    QCOMPARE(client.timeoutMs(), 10000);
    QCOMPARE(client.maxRateLimitRetries(), 3);
    QCOMPARE(client.initialBackoffMs(), 500);
}

void TestPlivoClient::startsOnNextTurn()
{
    QPointer<PlivoCall> call = m_client->getAccount(PlivoSandbox::credentials());
    QVERIFY(!call->isFinished());
    QCOMPARE(m_sandbox->requestCount(), 0);
    const Outcome outcome = run(call);
    QCOMPARE(outcome.finishedCount, 1);
    QCOMPARE(m_sandbox->requestCount(), 1);
    QTRY_VERIFY(call.isNull()); // deleted itself
}

void TestPlivoClient::sendAccepted()
{
    QSignalSpy received(m_sandbox.get(), &PlivoSandbox::messageReceived);
    const Outcome outcome = run(
        m_client->sendSms(PlivoSandbox::credentials(), PlivoSandbox::senderNumber(), kDestination, kText));
    QCOMPARE(outcome.finishedCount, 1);
    QVERIFY2(outcome.result.status() == Status::Accepted, describe(outcome.result));
    QVERIFY(outcome.result.succeeded());
    QCOMPARE(outcome.result.httpStatus(), 202);
    QVERIFY(!outcome.result.apiId().isEmpty());
    QVERIFY(!outcome.result.outcomeUnknown());
    QCOMPARE(outcome.lastAttempt, 1);
    QCOMPARE(received.size(), 1);
    const auto message = received.at(0).at(0).value<PlivoSandbox::Message>();
    QCOMPARE(outcome.result.messageUuids(), QStringList {message.uuid});
    QCOMPARE(message.to, kDestination);
    QCOMPARE(message.from, PlivoSandbox::senderNumber());
    QCOMPARE(message.text, kText);
}

void TestPlivoClient::sendRequestShape()
{
    const Outcome outcome = run(
        m_client->sendSms(PlivoSandbox::credentials(), PlivoSandbox::senderNumber(), kDestination, kText));
    QVERIFY2(outcome.result.succeeded(), describe(outcome.result));
    const PlivoCredentials credentials = PlivoSandbox::credentials();
    QCOMPARE(m_sandbox->lastRequestLine(),
             QStringLiteral("POST /v1/Account/%1/Message/").arg(credentials.authId));
    QCOMPARE(m_sandbox->lastRequestHeader("Authorization"),
             "Basic " + (credentials.authId + QLatin1Char(':') + credentials.authToken).toUtf8().toBase64());
    QCOMPARE(QString::fromUtf8(m_sandbox->lastRequestHeader("User-Agent")), PlivoClient::userAgent());
    QCOMPARE(m_sandbox->lastRequestHeader("Content-Type"), QByteArrayLiteral("application/json"));
    QCOMPARE(m_sandbox->lastRequestHeader("Accept"), QByteArrayLiteral("application/json"));
    const QJsonObject body = QJsonDocument::fromJson(m_sandbox->lastRequestBody()).object();
    QCOMPARE(body.value(QLatin1String("src")).toString(), PlivoSandbox::senderNumber());
    QCOMPARE(body.value(QLatin1String("dst")).toString(), kDestination);
    QCOMPARE(body.value(QLatin1String("text")).toString(), kText);
    QCOMPARE(body.value(QLatin1String("type")).toString(), QStringLiteral("sms"));
    QVERIFY(!body.contains(QLatin1String("callback_url"))); // would switch Plivo to async mode
}

void TestPlivoClient::readRequestShape()
{
    QVERIFY(run(m_client->getAccount(PlivoSandbox::credentials())).result.succeeded());
    QCOMPARE(m_sandbox->lastRequestLine(),
             QStringLiteral("GET /v1/Account/%1/").arg(PlivoSandbox::credentials().authId));
    QCOMPARE(QString::fromUtf8(m_sandbox->lastRequestHeader("user-agent")), PlivoClient::userAgent());
    QVERIFY(m_sandbox->lastRequestHeader("authorization").startsWith("Basic "));
    QVERIFY(m_sandbox->lastRequestBody().isEmpty());
}

void TestPlivoClient::account()
{
    const Outcome outcome = run(m_client->getAccount(PlivoSandbox::credentials()));
    QVERIFY2(outcome.result.status() == Status::Ok, describe(outcome.result));
    const std::optional<PlivoAccount> account = PlivoAccount::fromJson(outcome.result.body());
    QVERIFY(account);
    QCOMPARE(account->authId, PlivoSandbox::credentials().authId);
    QCOMPARE(account->name, QStringLiteral("Authdeck Sandbox"));
    QCOMPARE(account->accountType, QStringLiteral("standard"));
    QCOMPARE(account->cashCredits, QStringLiteral("10.00000"));
}

void TestPlivoClient::message()
{
    const Outcome sent = run(
        m_client->sendSms(PlivoSandbox::credentials(), PlivoSandbox::senderNumber(), kDestination, kText));
    QVERIFY2(sent.result.succeeded(), describe(sent.result));
    const QString uuid = sent.result.messageUuids().value(0);
    const Outcome read = run(m_client->getMessage(PlivoSandbox::credentials(), uuid));
    QVERIFY2(read.result.status() == Status::Ok, describe(read.result));
    QCOMPARE(m_sandbox->lastRequestLine(),
             QStringLiteral("GET /v1/Account/%1/Message/%2/").arg(PlivoSandbox::credentials().authId, uuid));
    const std::optional<PlivoMessage> message = PlivoMessage::fromJson(read.result.body());
    QVERIFY(message);
    QCOMPARE(message->uuid, uuid);
    QCOMPARE(message->to, QStringLiteral("14155550199"));
    QVERIFY(!message->state.isEmpty());
}

void TestPlivoClient::unknownMessage()
{
    const Outcome outcome
        = run(m_client->getMessage(PlivoSandbox::credentials(), QStringLiteral("0000-missing")));
    QCOMPARE(outcome.result.status(), Status::NotFound);
    QCOMPARE(outcome.result.httpStatus(), 404);
    QCOMPARE(outcome.result.plivoError(), QStringLiteral("not found"));
}

void TestPlivoClient::wrongCredentials()
{
    const Outcome outcome = run(m_client->getAccount(wrongToken()));
    QCOMPARE(outcome.result.status(), Status::BadCredentials);
    QVERIFY(outcome.result.apiId().isEmpty());
    QCOMPARE(
        outcome.result.message(),
        QStringLiteral("Plivo refused the credentials (401): authentication credentials were not provided. "
                       "Check the Auth ID and Auth Token."));
}

void TestPlivoClient::malformedCredentialsNotSent_data()
{
    QTest::addColumn<QString>("authId");
    QTest::addColumn<QString>("token");
    QTest::newRow("lower case id") << QStringLiteral("masandbox0authdeck01") << QStringLiteral("t");
    QTest::newRow("path in id") << QStringLiteral("MASANDBOX0AUTHDECK01/../x") << QStringLiteral("t");
    QTest::newRow("empty token") << PlivoSandbox::credentials().authId << QString();
}

void TestPlivoClient::malformedCredentialsNotSent()
{
    QFETCH(QString, authId);
    QFETCH(QString, token);
    const Outcome outcome = run(m_client->getAccount({authId, token}));
    QCOMPARE(outcome.finishedCount, 1);
    QCOMPARE(outcome.result.status(), Status::BadCredentials);
    QCOMPARE(outcome.result.httpStatus(), 0);
    QVERIFY(!outcome.result.detail().isEmpty());
    QCOMPARE(m_sandbox->requestCount(), 0);
}

void TestPlivoClient::refusedBeforeSending_data()
{
    QTest::addColumn<QString>("src");
    QTest::addColumn<QString>("dst");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reason");

    const QString src = PlivoSandbox::senderNumber();
    QTest::newRow("no destination") << src << QString() << kText << QStringLiteral("destination");
    QTest::newRow("separators only") << src << QStringLiteral(" < ") << kText
                                     << QStringLiteral("destination");
    QTest::newRow("no source") << QString() << kDestination << kText << QStringLiteral("sender");
    QTest::newRow("source is destination")
        << src << QStringLiteral("1 (415) 555-0100") << kText << QStringLiteral("same as the source");
    QTest::newRow("source among destinations")
        << src << QStringLiteral("14155550123<+14155550100") << kText << QStringLiteral("same as the source");
    QTest::newRow("empty text") << src << kDestination << QString() << QStringLiteral("empty");
    QTest::newRow("text too long") << src << kDestination << QString(1601, QLatin1Char('x'))
                                   << QStringLiteral("1600");
}

void TestPlivoClient::refusedBeforeSending()
{
    QFETCH(QString, src);
    QFETCH(QString, dst);
    QFETCH(QString, text);
    QFETCH(QString, reason);

    const Outcome outcome = run(m_client->sendSms(PlivoSandbox::credentials(), src, dst, text));
    QCOMPARE(outcome.result.status(), Status::Rejected);
    QCOMPARE(outcome.result.httpStatus(), 0);
    QVERIFY(!outcome.result.outcomeUnknown());
    QVERIFY2(outcome.result.message().contains(reason), qPrintable(outcome.result.message()));
    QCOMPARE(m_sandbox->requestCount(), 0);
}

void TestPlivoClient::numbersPaginated()
{
    QStringList numbers;
    for (int i = 0; i < 25; ++i)
        numbers.append(QStringLiteral("+1415555%1").arg(300 + i, 4, 10, QLatin1Char('0')));
    m_sandbox->setNumbers(numbers);

    const Outcome outcome = run(m_client->listSmsNumbers(PlivoSandbox::credentials()));
    QVERIFY2(outcome.result.status() == Status::Ok, describe(outcome.result));
    QCOMPARE(m_sandbox->requestCount(), 2);
    QVERIFY2(m_sandbox->lastRequestLine().contains(QLatin1String("offset=20")),
             qPrintable(m_sandbox->lastRequestLine()));
    QVERIFY(m_sandbox->lastRequestLine().contains(QLatin1String("services=sms")));
    QCOMPARE(outcome.result.body().value(QLatin1String("objects")).toArray().size(), 25);

    const QList<PlivoNumber> listed = PlivoNumber::listFromJson(outcome.result.body());
    QStringList e164;
    for (const PlivoNumber &number : listed) {
        QVERIFY(number.smsEnabled);
        e164.append(number.e164());
    }
    QCOMPARE(e164, numbers);
}

void TestPlivoClient::numbersOnePage()
{
    const Outcome outcome = run(m_client->listSmsNumbers(PlivoSandbox::credentials()));
    QVERIFY2(outcome.result.succeeded(), describe(outcome.result));
    QCOMPARE(m_sandbox->requestCount(), 1);
    QCOMPARE(m_sandbox->lastRequestLine(),
             QStringLiteral("GET /v1/Account/%1/Number/?services=sms&limit=20&offset=0")
                 .arg(PlivoSandbox::credentials().authId));
    const QList<PlivoNumber> listed = PlivoNumber::listFromJson(outcome.result.body());
    QCOMPARE(listed.size(), 2);
    QCOMPARE(listed.at(0).e164(), PlivoSandbox::senderNumber());
}

QTEST_GUILESS_MAIN(TestPlivoClient)
#include "TestPlivoClient.moc"
