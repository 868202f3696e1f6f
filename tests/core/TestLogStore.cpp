#include "core/common/Clock.h"
#include "core/login/LoginEngine.h"
#include "core/logs/LogStore.h"
#include "core/settings/TenantSettings.h"
#include "core/tenant/Tenant.h"
#include "tests/support/TempTenant.h"

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
    void retention_data();
    void retention();
    void retentionFollowsSettings();

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
    m_temp->tenant().setClock(m_clock);
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

void TestLogStore::retention_data()
{
    QTest::addColumn<int>("days");
    QTest::addColumn<int>("ageHours");
    QTest::addColumn<bool>("kept");
    QTest::newRow("30 days keep a 29-day-old event") << 30 << 29 * 24 << true;
    QTest::newRow("30 days drop a 31-day-old event") << 30 << 31 * 24 << false;
    QTest::newRow("1 day drops a 2-day-old event") << 1 << 48 << false;
    QTest::newRow("1 day keeps a 23-hour-old event") << 1 << 23 << true;
    QTest::newRow("365 days keep a 364-day-old event") << 365 << 364 * 24 << true;
}

void TestLogStore::retention()
{
    QFETCH(int, days);
    QFETCH(int, ageHours);
    QFETCH(bool, kept);
    logs().setRetentionDays(days);
    QCOMPARE(logs().retentionDays(), days);
    const QString old = logs().record(event(QStringLiteral("s"), QStringLiteral("auth0|old"))).value().logId;
    m_clock.advanceSecs(qint64(ageHours) * 3600);
    // Recording is what prunes, at most hourly: the new event itself always stays.
    QVERIFY(logs().record(event(QStringLiteral("s"), QStringLiteral("auth0|new"))));
    const QList<LogEvent> left = logs().query({}).value();
    QCOMPARE(left.size(), kept ? 2 : 1);
    QCOMPARE(left.constLast().logId == old, kept);
}

void TestLogStore::retentionFollowsSettings()
{
    logs().setRetentionDays(30);
    QVERIFY(logs().record(event(QStringLiteral("s"), QStringLiteral("auth0|a"))));
    m_clock.advanceSecs(10 * 86400);
    TenantSettings &settings = m_temp->tenant().settings();
    TenantSettings::Values values = settings.values();
    values.logRetentionDays = 0;
    QVERIFY(!settings.save(values));
    QCOMPARE(settings.logRetentionDays(), 30);
    QCOMPARE(logs().query({}).value().size(), 1);

    values.logRetentionDays = 5;
    QVERIFY(settings.save(values));
    QCOMPARE(logs().retentionDays(), 5);
    // Saving the settings pruned at once; the save itself is logged (sapi).
    const QList<LogEvent> left = logs().query({}).value();
    QCOMPARE(left.size(), 1);
    QCOMPARE(left.constFirst().type, QStringLiteral("sapi"));
    QVERIFY(m_temp->reopen());
    QCOMPARE(m_temp->tenant().settings().logRetentionDays(), 5);
}

QTEST_GUILESS_MAIN(TestLogStore)
#include "TestLogStore.moc"
