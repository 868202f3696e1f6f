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

class TestPlivoSandboxModes : public QObject, private PlivoSandboxFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void numberPages_data();
    void numberPages();
    void listMessagesNewestFirst();
    void failureModes_data();
    void failureModes();
    void slowReplyStoresAtOnce();
    void dropConnectionStoresNothing();
    void failureCount();
    void lastRequestIsRecorded();
};

void TestPlivoSandboxModes::init()
{
    setUp();
}

void TestPlivoSandboxModes::cleanup()
{
    tearDown();
}

void TestPlivoSandboxModes::numberPages_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("objects");
    QTest::addColumn<QString>("next");
    QTest::addColumn<QString>("previous");

    const QString path = account() + QStringLiteral("Number/");
    QTest::newRow("defaults") << QString() << 200 << 20
                              << QString(path + QStringLiteral("?limit=20&offset=20")) << QString();
    QTest::newRow("last page") << QStringLiteral("?offset=20") << 200 << 5 << QString()
                               << QString(path + QStringLiteral("?limit=20&offset=0"));
    QTest::newRow("middle page") << QStringLiteral("?limit=5&offset=10") << 200 << 5
                                 << QString(path + QStringLiteral("?limit=5&offset=15"))
                                 << QString(path + QStringLiteral("?limit=5&offset=5"));
    QTest::newRow("keeps services") << QStringLiteral("?services=sms&limit=20&offset=0") << 200 << 20
                                    << QString(path + QStringLiteral("?services=sms&limit=20&offset=20"))
                                    << QString();
    QTest::newRow("past the end") << QStringLiteral("?offset=40") << 200 << 0 << QString()
                                  << QString(path + QStringLiteral("?limit=20&offset=20"));
    QTest::newRow("limit 21") << QStringLiteral("?limit=21") << 400 << 0 << QString() << QString();
    QTest::newRow("limit 0") << QStringLiteral("?limit=0") << 400 << 0 << QString() << QString();
    QTest::newRow("offset -1") << QStringLiteral("?offset=-1") << 400 << 0 << QString() << QString();
}

void TestPlivoSandboxModes::numberPages()
{
    QFETCH(QString, query);
    QFETCH(int, status);
    QFETCH(int, objects);
    QFETCH(QString, next);
    QFETCH(QString, previous);

    QStringList numbers;
    for (int i = 0; i < 25; ++i)
        numbers.append(QStringLiteral("+1415555%1").arg(200 + i, 4, 10, QLatin1Char('0')));
    m_sandbox->setNumbers(numbers);
    QCOMPARE(m_sandbox->numbers(), numbers);

    const Exchange answer = exchange("GET", account() + QStringLiteral("Number/") + query);
    QCOMPARE(answer.status, status);
    if (status != 200) {
        QVERIFY(answer.json.value(QLatin1String("error")).toString().contains(QLatin1String("must be")));
        return;
    }
    const QJsonObject meta = answer.json.value(QLatin1String("meta")).toObject();
    QCOMPARE(answer.json.value(QLatin1String("objects")).toArray().size(), objects);
    QCOMPARE(meta.value(QLatin1String("total_count")).toInt(), 25);
    QCOMPARE(meta.value(QLatin1String("next")).toString(), next);
    QCOMPARE(meta.value(QLatin1String("next")).isNull(), next.isEmpty());
    QCOMPARE(meta.value(QLatin1String("previous")).toString(), previous);
    if (objects > 0) {
        const QJsonObject first = answer.json.value(QLatin1String("objects")).toArray().at(0).toObject();
        QVERIFY(first.value(QLatin1String("sms_enabled")).toBool());
        QVERIFY(first.value(QLatin1String("alias")).isNull());
        QVERIFY(first.value(QLatin1String("number")).toString().startsWith(QLatin1String("1415555")));
    }
}

void TestPlivoSandboxModes::listMessagesNewestFirst()
{
    for (const QString &to : {QStringLiteral("14155550201"), QStringLiteral("14155550202")})
        QCOMPARE(exchange("POST", account() + QStringLiteral("Message/"), sendBody(to)).status, 202);
    const Exchange list = exchange("GET", account() + QStringLiteral("Message/?limit=1"));
    QCOMPARE(list.status, 200);
    const QJsonArray objects = list.json.value(QLatin1String("objects")).toArray();
    QCOMPARE(objects.size(), 1);
    QCOMPARE(objects.at(0).toObject().value(QLatin1String("to_number")).toString(),
             QStringLiteral("14155550202"));
    QCOMPARE(list.json.value(QLatin1String("meta")).toObject().value(QLatin1String("total_count")).toInt(),
             2);
}

void TestPlivoSandboxModes::failureModes_data()
{
    QTest::addColumn<PlivoSandbox::FailureMode>("mode");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("send");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    QTest::addColumn<bool>("hasApiId");

    using M = PlivoSandbox::FailureMode;
    QTest::newRow("unauthorized") << M::Unauthorized << QString() << true << 401
                                  << QStringLiteral("authentication credentials were not provided") << false;
    QTest::newRow("bad request with text") << M::BadRequest << QStringLiteral("Insufficient Credit") << true
                                           << 400 << QStringLiteral("Insufficient Credit") << true;
    QTest::newRow("geo on send") << M::GeoBlocked << QString() << true << 403
                                 << QStringLiteral(
                                        "This destination country is not enabled in your geo permissions")
                                 << true;
    QTest::newRow("geo leaves reads alone")
        << M::GeoBlocked << QString() << false << 200 << QString() << true;
    QTest::newRow("rate limited") << M::RateLimited << QString() << false << 429
                                  << QStringLiteral("too many requests") << true;
    QTest::newRow("server error") << M::ServerError << QString() << true << 500
                                  << QStringLiteral("internal server error") << true;
    QTest::newRow("not json send") << M::NotJson << QString() << true << 202 << QString() << false;
    QTest::newRow("not json read") << M::NotJson << QString() << false << 200 << QString() << false;
}

void TestPlivoSandboxModes::failureModes()
{
    QFETCH(PlivoSandbox::FailureMode, mode);
    QFETCH(QString, text);
    QFETCH(bool, send);
    QFETCH(int, status);
    QFETCH(QString, error);
    QFETCH(bool, hasApiId);

    m_sandbox->setFailureMode(mode, text);
    QCOMPARE(m_sandbox->failureMode(), mode);
    const Exchange answer = send
        ? exchange("POST", account() + QStringLiteral("Message/"), sendBody(QStringLiteral("14155550123")))
        : exchange("GET", account());
    QCOMPARE(answer.status, status);
    QCOMPARE(answer.json.value(QLatin1String("error")).toString(), error);
    QCOMPARE(answer.json.contains(QLatin1String("api_id")), hasApiId);
    if (mode == PlivoSandbox::FailureMode::NotJson) {
        QVERIFY(answer.contentType.startsWith("text/html"));
        QVERIFY(answer.body.startsWith("<!DOCTYPE html>"));
    }
    QVERIFY(m_sandbox->messages().isEmpty());
}

void TestPlivoSandboxModes::slowReplyStoresAtOnce()
{
    m_sandbox->setFailureMode(PlivoSandbox::FailureMode::SlowReply);
    m_sandbox->setSlowReplyMs(300);
    QSignalSpy received(m_sandbox.get(), &PlivoSandbox::messageReceived);
    const Exchange answer
        = exchange("POST", account() + QStringLiteral("Message/"), sendBody(QStringLiteral("14155550123")));
    QCOMPARE(answer.status, 202);
    QVERIFY2(answer.elapsedMs >= 250, qPrintable(QString::number(answer.elapsedMs)));
    QCOMPARE(received.size(), 1);
    QCOMPARE(answer.json.value(QLatin1String("message_uuid")).toArray().at(0).toString(),
             m_sandbox->messages().at(0).uuid);
}

void TestPlivoSandboxModes::dropConnectionStoresNothing()
{
    m_sandbox->setFailureMode(PlivoSandbox::FailureMode::DropConnection);
    const Exchange answer
        = exchange("POST", account() + QStringLiteral("Message/"), sendBody(QStringLiteral("14155550123")));
    QVERIFY(answer.finished);
    QCOMPARE(answer.error, QNetworkReply::RemoteHostClosedError);
    QCOMPARE(answer.status, 0);
    qInfo() << "requests seen for one dropped POST:" << m_sandbox->requestCount();
    QVERIFY(m_sandbox->requestCount() >= 1);
    QVERIFY(m_sandbox->messages().isEmpty());
}

void TestPlivoSandboxModes::failureCount()
{
    m_sandbox->setFailureMode(PlivoSandbox::FailureMode::ServerError);
    m_sandbox->setFailureCount(2);
    QCOMPARE(exchange("GET", account()).status, 500);
    QCOMPARE(m_sandbox->failureMode(), PlivoSandbox::FailureMode::ServerError);
    QCOMPARE(exchange("GET", account()).status, 500);
    QCOMPARE(m_sandbox->failureMode(), PlivoSandbox::FailureMode::None);
    QCOMPARE(exchange("GET", account()).status, 200);
}

void TestPlivoSandboxModes::lastRequestIsRecorded()
{
    QCOMPARE(m_sandbox->requestCount(), 0);
    const QByteArray body = sendBody(QStringLiteral("14155550123"));
    QCOMPARE(exchange("POST", account() + QStringLiteral("Message/"), body).status, 202);
    QCOMPARE(m_sandbox->requestCount(), 1);
    QCOMPARE(m_sandbox->lastRequestLine(),
             QString(QStringLiteral("POST ") + account() + QStringLiteral("Message/")));
    QCOMPARE(m_sandbox->lastRequestBody(), body);
    QCOMPARE(m_sandbox->lastRequestHeader("content-type"), QByteArrayLiteral("application/json"));
    QCOMPARE(m_sandbox->lastRequestHeader("AUTHORIZATION"),
             basic(PlivoSandbox::credentials().authId, PlivoSandbox::credentials().authToken));
    QVERIFY(!m_sandbox->lastRequestHeaders().isEmpty());

    QCOMPARE(exchange("GET", account() + QStringLiteral("Number/?limit=2")).status, 200);
    QCOMPARE(m_sandbox->requestCount(), 2);
    QCOMPARE(m_sandbox->lastRequestLine(),
             QString(QStringLiteral("GET ") + account() + QStringLiteral("Number/?limit=2")));
}

QTEST_GUILESS_MAIN(TestPlivoSandboxModes)
#include "TestPlivoSandboxModes.moc"
