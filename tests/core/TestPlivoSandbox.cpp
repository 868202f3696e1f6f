#include "core/plivo/PlivoSandbox.h"
#include "tests/support/PlivoSandboxFixture.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

#include <memory>

class TestPlivoSandbox : public QObject, private PlivoSandboxFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void startAndStop();
    void portTaken();
    void sendAccepted();
    void sendValidation_data();
    void sendValidation();
    void sendToSeveral();
    void unauthorized_data();
    void unauthorized();
    void stateProgression();
    void deliveryOutcome();
    void unknownMessage();
    void accountShape();
    void unknownPaths();
    void clearDropsMessages();
};

void TestPlivoSandbox::init()
{
    setUp();
}

void TestPlivoSandbox::cleanup()
{
    tearDown();
}

void TestPlivoSandbox::startAndStop()
{
    QVERIFY(m_sandbox->isRunning());
    QVERIFY(m_sandbox->port() != 0);
    QCOMPARE(m_sandbox->baseUrl(), QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_sandbox->port())));
    QCOMPARE(exchange("GET", account()).status, 200);

    m_sandbox->stop();
    QVERIFY(!m_sandbox->isRunning());
    QVERIFY(m_sandbox->baseUrl().isEmpty());

    QVERIFY(m_sandbox->start());
    QCOMPARE(exchange("GET", account()).status, 200);
}

void TestPlivoSandbox::portTaken()
{
    PlivoSandbox second;
    QVERIFY(!second.start(m_sandbox->port()));
    QVERIFY(!second.isRunning());
    QVERIFY2(second.errorString().contains(QString::number(m_sandbox->port())),
             qPrintable(second.errorString()));
}

void TestPlivoSandbox::sendAccepted()
{
    QSignalSpy received(m_sandbox.get(), &PlivoSandbox::messageReceived);
    const Exchange sent
        = exchange("POST", account() + QStringLiteral("Message/"), sendBody(QStringLiteral("+14155550123")));
    QCOMPARE(sent.status, 202);
    QCOMPARE(sent.contentType, QByteArrayLiteral("application/json"));
    QVERIFY(!sent.json.value(QLatin1String("api_id")).toString().isEmpty());
    QCOMPARE(sent.json.value(QLatin1String("message")).toString(), QStringLiteral("message(s) queued"));
    const QJsonArray uuids = sent.json.value(QLatin1String("message_uuid")).toArray();
    QCOMPARE(uuids.size(), 1);
    QVERIFY(!sent.json.contains(QLatin1String("invalid_number")));

    QCOMPARE(received.size(), 1);
    const auto message = received.at(0).at(0).value<PlivoSandbox::Message>();
    QCOMPARE(message.uuid, uuids.at(0).toString());
    QCOMPARE(message.from, PlivoSandbox::senderNumber());
    QCOMPARE(message.to, QStringLiteral("+14155550123"));
    QCOMPARE(message.text, QStringLiteral("Your code is 123456"));
    QCOMPARE(message.state, QStringLiteral("queued"));
    QCOMPARE(message.units, 1);
    QCOMPARE(m_sandbox->messages().size(), 1);
}

void TestPlivoSandbox::sendValidation_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error");

    const QString dst = QStringLiteral("14155550123");
    QTest::newRow("missing dst") << sendBody(QString()) << QStringLiteral("missing required parameter: dst");
    QTest::newRow("missing src") << sendBody(dst, QStringLiteral("hi"), QString())
                                 << QStringLiteral("missing required parameter: src");
    QTest::newRow("missing text") << sendBody(dst, QString())
                                  << QStringLiteral("missing required parameter: text");
    QTest::newRow("src equal to dst") << sendBody(QStringLiteral("14155550100"))
                                      << QStringLiteral("destination number cannot be same as source number");
    QTest::newRow("src equal to formatted dst")
        << sendBody(QStringLiteral("+1 (415) 555-0100"))
        << QStringLiteral("destination number cannot be same as source number");
    QTest::newRow("dst not a number")
        << sendBody(QStringLiteral("call-me")) << QStringLiteral("invalid dst number: call-me");
    QTest::newRow("dst too long") << sendBody(QStringLiteral("141555501234567"))
                                  << QStringLiteral("invalid dst number: 141555501234567");
    QTest::newRow("dst too short") << sendBody(QStringLiteral("1415"))
                                   << QStringLiteral("invalid dst number: 1415");
    QTest::newRow("gsm text too long") << sendBody(dst, QString(1601, QLatin1Char('a')))
                                       << QStringLiteral("text parameter length exceeds 1600 characters");
    QTest::newRow("ucs2 text too long")
        << sendBody(dst, QString(738, QChar(u'\u044F')))
        << QStringLiteral("text parameter length exceeds 737 unicode characters");
    QTest::newRow("src not on the account")
        << sendBody(dst, QStringLiteral("hi"), QStringLiteral("+14155559999"))
        << QStringLiteral("This caller ID is not allowed for outbound message");
    QTest::newRow("alphanumeric src")
        << sendBody(dst, QStringLiteral("hi"), QStringLiteral("Authdeck"))
        << QStringLiteral("alphanumeric sender IDs are not enabled for this account");
    QTest::newRow("not json") << QByteArray("src=1&dst=2")
                              << QStringLiteral("request body is not valid JSON");
    QTest::newRow("mms") << QByteArray(R"({"src":"14155550100","dst":"14155550123","text":"x","type":"mms"})")
                         << QStringLiteral("the sandbox only sends type sms");
}

void TestPlivoSandbox::sendValidation()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, error);

    QSignalSpy received(m_sandbox.get(), &PlivoSandbox::messageReceived);
    const Exchange sent = exchange("POST", account() + QStringLiteral("Message/"), body);
    QCOMPARE(sent.status, 400);
    QVERIFY(!sent.json.value(QLatin1String("api_id")).toString().isEmpty());
    QCOMPARE(sent.json.value(QLatin1String("error")).toString(), error);
    QCOMPARE(received.size(), 0);
    QVERIFY(m_sandbox->messages().isEmpty());
}

void TestPlivoSandbox::sendToSeveral()
{
    QSignalSpy received(m_sandbox.get(), &PlivoSandbox::messageReceived);
    const Exchange sent = exchange("POST",
                                   account() + QStringLiteral("Message/"),
                                   sendBody(QStringLiteral("14155550111<+1 415 555 0112<14155550111<bad")));
    QCOMPARE(sent.status, 202);
    QCOMPARE(sent.json.value(QLatin1String("message_uuid")).toArray().size(), 2);
    QCOMPARE(sent.json.value(QLatin1String("invalid_number")).toArray(), QJsonArray {QStringLiteral("bad")});
    QCOMPARE(received.size(), 2);
    const QList<PlivoSandbox::Message> messages = m_sandbox->messages();
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages.at(0).to, QStringLiteral("+14155550112")); // newest first
    QCOMPARE(messages.at(1).to, QStringLiteral("+14155550111"));
}

void TestPlivoSandbox::unauthorized_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("authorization");

    const PlivoCredentials good = PlivoSandbox::credentials();
    QTest::newRow("no header") << account() << QByteArray();
    QTest::newRow("wrong token") << account() << basic(good.authId, QStringLiteral("wrong"));
    QTest::newRow("wrong auth id") << account()
                                   << basic(QStringLiteral("MAXXXXXXXXXXXXXXXXXX"), good.authToken);
    QTest::newRow("other account in path")
        << QStringLiteral("/v1/Account/MAXXXXXXXXXXXXXXXXXX/") << basic(good.authId, good.authToken);
    QTest::newRow("not basic") << account() << QByteArray("Bearer abc");
    QTest::newRow("send without header") << QString(account() + QStringLiteral("Message/")) << QByteArray();
}

void TestPlivoSandbox::unauthorized()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, authorization);

    const QByteArray verb = path.endsWith(QLatin1String("Message/")) ? "POST" : "GET";
    const Exchange answer = exchange(verb, path, sendBody(QStringLiteral("14155550123")), authorization);
    QCOMPARE(answer.status, 401);
    // Exactly what real Plivo sends: no api_id.
    QCOMPARE(answer.json,
             (QJsonObject {
                 {QStringLiteral("error"), QStringLiteral("authentication credentials were not provided")}}));
    QVERIFY(m_sandbox->messages().isEmpty());
}

void TestPlivoSandbox::stateProgression()
{
    QSignalSpy changed(m_sandbox.get(), &PlivoSandbox::messageStateChanged);
    const Exchange sent
        = exchange("POST", account() + QStringLiteral("Message/"), sendBody(QStringLiteral("14155550123")));
    QCOMPARE(sent.status, 202);
    const QString uuid = sent.json.value(QLatin1String("message_uuid")).toArray().at(0).toString();

    const Exchange queued = exchange("GET", account() + QStringLiteral("Message/%1/").arg(uuid));
    QCOMPARE(queued.status, 200);
    if (changed.isEmpty()) { // still queued unless this machine is very slow
        QCOMPARE(queued.json.value(QLatin1String("message_state")).toString(), QStringLiteral("queued"));
        QVERIFY(queued.json.value(QLatin1String("error_code")).isNull());
    }

    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 2, 5000);
    QCOMPARE(changed.at(0).at(0).value<PlivoSandbox::Message>().state, QStringLiteral("sent"));
    QCOMPARE(changed.at(1).at(0).value<PlivoSandbox::Message>().state, QStringLiteral("delivered"));

    const Exchange delivered = exchange("GET", account() + QStringLiteral("Message/%1/").arg(uuid));
    QCOMPARE(delivered.status, 200);
    const QJsonObject record = delivered.json;
    QCOMPARE(record.value(QLatin1String("message_uuid")).toString(), uuid);
    QCOMPARE(record.value(QLatin1String("message_state")).toString(), QStringLiteral("delivered"));
    QCOMPARE(record.value(QLatin1String("error_code")).toString(), QStringLiteral("000"));
    QCOMPARE(record.value(QLatin1String("from_number")).toString(), QStringLiteral("14155550100"));
    QCOMPARE(record.value(QLatin1String("to_number")).toString(), QStringLiteral("14155550123"));
    QCOMPARE(record.value(QLatin1String("message_direction")).toString(), QStringLiteral("outbound"));
    QCOMPARE(record.value(QLatin1String("message_type")).toString(), QStringLiteral("sms"));
    QCOMPARE(record.value(QLatin1String("units")).toInt(), 1);
    QVERIFY(!record.value(QLatin1String("api_id")).toString().isEmpty());
    QVERIFY(record.value(QLatin1String("total_amount")).isString());
    QVERIFY2(QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\+00:00$"))
                 .match(record.value(QLatin1String("message_time")).toString())
                 .hasMatch(),
             qPrintable(record.value(QLatin1String("message_time")).toString()));
    QCOMPARE(m_sandbox->messages().at(0).state, QStringLiteral("delivered"));
}

void TestPlivoSandbox::deliveryOutcome()
{
    m_sandbox->setDeliveryOutcome(QStringLiteral("undelivered"), QStringLiteral("80"));
    QSignalSpy changed(m_sandbox.get(), &PlivoSandbox::messageStateChanged);
    const Exchange sent
        = exchange("POST", account() + QStringLiteral("Message/"), sendBody(QStringLiteral("14155550123")));
    QCOMPARE(sent.status, 202);
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 2, 5000);
    const auto last = changed.at(1).at(0).value<PlivoSandbox::Message>();
    QCOMPARE(last.state, QStringLiteral("undelivered"));
    QCOMPARE(last.errorCode, QStringLiteral("80"));
    const Exchange record = exchange("GET", account() + QStringLiteral("Message/%1/").arg(last.uuid));
    QCOMPARE(record.json.value(QLatin1String("error_code")).toString(), QStringLiteral("80"));
}

void TestPlivoSandbox::unknownMessage()
{
    const Exchange answer = exchange("GET", account() + QStringLiteral("Message/no-such-uuid/"));
    QCOMPARE(answer.status, 404);
    QCOMPARE(answer.json.value(QLatin1String("error")).toString(), QStringLiteral("not found"));
    QVERIFY(!answer.json.value(QLatin1String("api_id")).toString().isEmpty());
}

void TestPlivoSandbox::accountShape()
{
    const Exchange answer = exchange("GET", account());
    QCOMPARE(answer.status, 200);
    QStringList keys = answer.json.keys();
    keys.sort();
    QCOMPARE(keys,
             (QStringList {QStringLiteral("account_type"),
                           QStringLiteral("address"),
                           QStringLiteral("api_id"),
                           QStringLiteral("auth_id"),
                           QStringLiteral("auto_recharge"),
                           QStringLiteral("billing_mode"),
                           QStringLiteral("cash_credits"),
                           QStringLiteral("city"),
                           QStringLiteral("name"),
                           QStringLiteral("resource_uri"),
                           QStringLiteral("state"),
                           QStringLiteral("timezone")}));
    QCOMPARE(answer.json.value(QLatin1String("auth_id")).toString(), PlivoSandbox::credentials().authId);
    QVERIFY(answer.json.value(QLatin1String("cash_credits")).isString());
    QCOMPARE(answer.json.value(QLatin1String("resource_uri")).toString(), account());
}

void TestPlivoSandbox::unknownPaths()
{
    const Exchange missing = exchange("GET", QStringLiteral("/v1/Nothing/"));
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.json.value(QLatin1String("error")).toString(), QStringLiteral("not found"));
    const Exchange noSlash = exchange("GET", account() + QStringLiteral("Number"));
    QCOMPARE(noSlash.status, 404);
    const Exchange wrongMethod = exchange("DELETE", account() + QStringLiteral("Message/"));
    QCOMPARE(wrongMethod.status, 405);
}

void TestPlivoSandbox::clearDropsMessages()
{
    QSignalSpy changed(m_sandbox.get(), &PlivoSandbox::messageStateChanged);
    QCOMPARE(exchange("POST", account() + QStringLiteral("Message/"), sendBody(QStringLiteral("14155550123")))
                 .status,
             202);
    QCOMPARE(m_sandbox->messages().size(), 1);
    m_sandbox->clear();
    QVERIFY(m_sandbox->messages().isEmpty());

    // A second message's timers fire after the first one's: once it is delivered, the cleared message's
    // timers have fired too, and did nothing.
    QCOMPARE(exchange("POST", account() + QStringLiteral("Message/"), sendBody(QStringLiteral("14155550124")))
                 .status,
             202);
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 2, 5000);
    for (const QList<QVariant> &signal : changed)
        QCOMPARE(signal.at(0).value<PlivoSandbox::Message>().to, QStringLiteral("+14155550124"));
    QCOMPARE(m_sandbox->messages().size(), 1);
}

QTEST_GUILESS_MAIN(TestPlivoSandbox)
#include "TestPlivoSandbox.moc"
