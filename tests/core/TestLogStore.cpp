#include "TempTenant.h"
#include "common/Clock.h"
#include "login/LoginEngine.h"
#include "logs/LogStore.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

/// The tenant's log events.
class TestLogStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void masking();
    void recordAndQuery();
    void prune();

private:
    LogStore &logs() { return m_temp->tenant().logs(); }
    LogEvent event(const QString &type, const QString &userId);

    std::unique_ptr<TempTenant> m_temp;
    FakeClock m_clock;
};

void TestLogStore::init()
{
    m_temp = std::make_unique<TempTenant>();
    QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
    m_temp->tenant().login().setClock(m_clock);
}

void TestLogStore::cleanup()
{
    m_temp.reset();
}

LogEvent TestLogStore::event(const QString &type, const QString &userId)
{
    LogEvent e;
    e.type = type;
    e.userId = userId;
    e.userName = QStringLiteral("ada@example.com");
    e.clientId = QStringLiteral("abc");
    e.clientName = QStringLiteral("My SPA");
    e.ip = QStringLiteral("127.0.0.1");
    return e;
}

void TestLogStore::masking()
{
    QCOMPARE(LogStore::maskPhone(QStringLiteral("+15554443232")), QStringLiteral("+1******3232"));
    QCOMPARE(LogStore::maskPhone(QStringLiteral("+442079460958")), QStringLiteral("+44******0958"));
    QCOMPARE(LogStore::maskPhonesIn(QStringLiteral("to +15554443232 and +15554443233.")),
             QStringLiteral("to +1******3232 and +1******3233."));
}

void TestLogStore::recordAndQuery()
{
    QSignalSpy recorded(&logs(), &LogStore::recorded);
    LogEvent sms = event(QStringLiteral("gd_send_sms"), QStringLiteral("auth0|a"));
    sms.details = {{QStringLiteral("authenticator"),
                    QJsonObject {{QStringLiteral("phone_number"), QStringLiteral("+15554443232")}}}};
    auto stored = logs().record(sms);
    QVERIFY(stored);
    QCOMPARE(recorded.count(), 1);
    QCOMPARE(stored.value().description, QStringLiteral("Second factor SMS sent"));
    QCOMPARE(stored.value().date, m_clock.now());
    QVERIFY(!stored.value().logId.isEmpty());
    m_clock.advanceSecs(10);
    QVERIFY(logs().record(event(QStringLiteral("s"), QStringLiteral("auth0|a"))));
    m_clock.advanceSecs(10);
    QVERIFY(logs().record(event(QStringLiteral("s"), QStringLiteral("auth0|b"))));

    const QList<LogEvent> all = logs().query({}).value();
    QCOMPARE(all.size(), 3);
    QCOMPARE(all.first().userId, QStringLiteral("auth0|b")); // newest first
    const QJsonObject json = all.last().toJson();
    QCOMPARE(json.value(QStringLiteral("type")).toString(), QStringLiteral("gd_send_sms"));
    QCOMPARE(json.value(QStringLiteral("details"))
                 .toObject()
                 .value(QStringLiteral("authenticator"))
                 .toObject()
                 .value(QStringLiteral("phone_number"))
                 .toString(),
             QStringLiteral("+1******3232"));
    for (const char *key : {"log_id",
                            "date",
                            "client_id",
                            "client_name",
                            "user_id",
                            "user_name",
                            "ip",
                            "user_agent",
                            "description"})
        QVERIFY2(json.contains(QLatin1String(key)), key);

    LogFilter byType;
    byType.type = QStringLiteral("s");
    QCOMPARE(logs().query(byType).value().size(), 2);
    LogFilter byUser;
    byUser.userId = QStringLiteral("auth0|a");
    QCOMPARE(logs().query(byUser).value().size(), 2);
    LogFilter byDate;
    byDate.from = m_clock.now().addSecs(-15);
    byDate.to = m_clock.now();
    QCOMPARE(logs().query(byDate).value().size(), 1);
    LogFilter limited;
    limited.limit = 1;
    QCOMPARE(logs().query(limited).value().size(), 1);
}

void TestLogStore::prune()
{
    QVERIFY(logs().record(event(QStringLiteral("s"), QStringLiteral("auth0|a"))));
    m_clock.advanceSecs(3 * 86400);
    QVERIFY(logs().record(event(QStringLiteral("s"), QStringLiteral("auth0|a"))));
    QCOMPARE(logs().prune(2).value(), 1);
    QCOMPARE(logs().query({}).value().size(), 1);
}

QTEST_GUILESS_MAIN(TestLogStore)
#include "TestLogStore.moc"
