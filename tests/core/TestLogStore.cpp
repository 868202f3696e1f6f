#include "core/common/Clock.h"
#include "core/login/LoginEngine.h"
#include "core/logs/LogStore.h"
#include "core/settings/TenantSettings.h"
#include "core/store/LogRepository.h"
#include "core/tenant/Tenant.h"
#include "tests/support/ResultText.h"
#include "tests/support/StoreEngine.h"
#include "tests/support/TempTenant.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

/// The tenant's log events.
class TestLogStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void masking();
    void recordAndQuery();
    void prune();
    void retention_data();
    void retention();
    void retentionFollowsSettings();
    void pagesMatchTheWholeQuery_data();
    void pagesMatchTheWholeQuery();
    void typesStored();

private:
    /// Inserts 2,300 events: 2,100 by seven "dense" users, 200 by three "rare" ones; pairs share a date.
    void insertSample();
    LogStore &logs() { return m_temp->tenant().logs(); }
    LogEvent sampleEvent(const QString &type, const QString &userId);

    std::unique_ptr<TempTenant> m_temp;
    FakeClock m_clock;
};

void TestLogStore::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestLogStore::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_temp = std::make_unique<TempTenant>();
    QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
    m_temp->tenant().setClock(m_clock);
}

void TestLogStore::cleanup()
{
    m_temp.reset();
}

LogEvent TestLogStore::sampleEvent(const QString &type, const QString &userId)
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
    LogEvent sms = sampleEvent(QStringLiteral("gd_send_sms"), QStringLiteral("auth0|a"));
    sms.details = {{QStringLiteral("authenticator"),
                    QJsonObject {{QStringLiteral("phone_number"), QStringLiteral("+15554443232")}}}};
    auto stored = logs().record(sms);
    QVERIFY(stored);
    QCOMPARE(recorded.count(), 1);
    QCOMPARE(stored.value().description, QStringLiteral("Second factor SMS sent"));
    QCOMPARE(stored.value().date, m_clock.now());
    QVERIFY(!stored.value().logId.isEmpty());
    m_clock.advanceSecs(10);
    QVERIFY(logs().record(sampleEvent(QStringLiteral("s"), QStringLiteral("auth0|a"))));
    m_clock.advanceSecs(10);
    QVERIFY(logs().record(sampleEvent(QStringLiteral("s"), QStringLiteral("auth0|b"))));

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
    QVERIFY(logs().record(sampleEvent(QStringLiteral("s"), QStringLiteral("auth0|a"))));
    m_clock.advanceSecs(3 * 86400);
    QVERIFY(logs().record(sampleEvent(QStringLiteral("s"), QStringLiteral("auth0|a"))));
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
    const QString old
        = logs().record(sampleEvent(QStringLiteral("s"), QStringLiteral("auth0|old"))).value().logId;
    m_clock.advanceSecs(qint64(ageHours) * 3600);
    // Recording is what prunes, at most hourly: the new event itself always stays.
    QVERIFY(logs().record(sampleEvent(QStringLiteral("s"), QStringLiteral("auth0|new"))));
    const QList<LogEvent> left = logs().query({}).value();
    QCOMPARE(left.size(), kept ? 2 : 1);
    QCOMPARE(left.constLast().logId == old, kept);
}

void TestLogStore::retentionFollowsSettings()
{
    logs().setRetentionDays(30);
    QVERIFY(logs().record(sampleEvent(QStringLiteral("s"), QStringLiteral("auth0|a"))));
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

void TestLogStore::insertSample()
{
    const QStringList types {QStringLiteral("s"), QStringLiteral("fp"), QStringLiteral("gd_send_sms")};
    const QDateTime newest = m_clock.now();
    LogRepository repository(m_temp->tenant().database());
    auto inserted = repository.insertMany(2300, [&](int i) {
        LogEvent e;
        e.date = newest.addSecs(-(i / 2));
        e.logId = QStringLiteral("log%1").arg(100000 - i, 6, 10, QLatin1Char('0'));
        e.type = types.at(i % types.size());
        const bool dense = i < 2100;
        e.userId = dense ? QStringLiteral("auth0|d%1").arg(i % 7) : QStringLiteral("auth0|r%1").arg(i % 3);
        e.userName = dense ? QStringLiteral("dense.user%1@example.com").arg(i % 7)
                           : QStringLiteral("Rare%1@corp.io").arg(i % 3);
        return e;
    });
    QVERIFY2(inserted, errorBytes(inserted));
}

void TestLogStore::pagesMatchTheWholeQuery_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("user");
    QTest::addColumn<int>("fromSecsAgo");
    QTest::addColumn<int>("expected");

    QTest::newRow("everything") << QString() << QString() << -1 << 2300;
    QTest::newRow("type") << QStringLiteral("fp") << QString() << -1 << 767;
    QTest::newRow("many users' start: the date order, filtered")
        << QString() << QStringLiteral("DENSE") << -1 << 2100;
    QTest::newRow("many ids' start") << QString() << QStringLiteral("auth0|") << -1 << 2300;
    QTest::newRow("few: from the user indexes, any case") << QString() << QStringLiteral("rare1") << -1 << 67;
    QTest::newRow("few, by id") << QString() << QStringLiteral("AUTH0|R") << -1 << 200;
    QTest::newRow("not the start") << QString() << QStringLiteral("example.com") << -1 << 0;
    QTest::newRow("user and type") << QStringLiteral("s") << QStringLiteral("Rare") << -1 << 67;
    QTest::newRow("user and date") << QString() << QStringLiteral("dense") << 500 << 1002;
    QTest::newRow("everything after a date") << QString() << QString() << 100 << 202;
}

void TestLogStore::pagesMatchTheWholeQuery()
{
    QFETCH(QString, type);
    QFETCH(QString, user);
    QFETCH(int, fromSecsAgo);
    QFETCH(int, expected);
    insertSample();

    LogFilter filter;
    filter.type = type;
    filter.userText = user;
    if (fromSecsAgo >= 0)
        filter.from = m_clock.now().addSecs(-fromSecsAgo);
    // What the filter must give: every event, filtered here.
    LogFilter everything;
    everything.limit = 100000;
    QStringList wanted;
    const auto all = logs().query(everything);
    QVERIFY(all);
    for (const LogEvent &e : all.value()) {
        if (LogStore::matches(filter, e))
            wanted.append(e.logId);
    }
    QCOMPARE(wanted.size(), expected);

    // Page after page from the last event of the one before, as the Logs page reads them.
    for (int limit : {100, 33}) {
        QStringList paged;
        filter.limit = limit;
        filter.beforeDate = {};
        filter.beforeLogId.clear();
        for (int page = 0; page < 1000; ++page) {
            auto events = logs().query(filter);
            QVERIFY2(events, errorBytes(events));
            QVERIFY(events.value().size() <= limit);
            for (const LogEvent &e : events.value())
                paged.append(e.logId);
            if (events.value().size() < limit)
                break;
            filter.beforeDate = events.value().constLast().date;
            filter.beforeLogId = events.value().constLast().logId;
        }
        QCOMPARE(paged, wanted);
    }

    // Read by read with a bounded walk, each going on from where the one before says, as the Logs page
    // reads a user filter that walks the list: the same events, in the same order.
    QStringList bounded;
    filter.limit = 33;
    filter.examineAtMost = 57;
    filter.beforeDate = {};
    filter.beforeLogId.clear();
    int reads = 0;
    for (; reads < 100000; ++reads) {
        auto read = logs().page(filter);
        QVERIFY2(read, errorBytes(read));
        QVERIFY(read.value().events.size() <= 33);
        for (const LogEvent &e : read.value().events)
            bounded.append(e.logId);
        if (read.value().atEnd)
            break;
        QVERIFY(read.value().resumeBeforeDate.isValid());
        filter.beforeDate = read.value().resumeBeforeDate;
        filter.beforeLogId = read.value().resumeBeforeLogId;
    }
    QCOMPARE(bounded, wanted);
}

void TestLogStore::typesStored()
{
    QCOMPARE(logs().types().value(), QStringList());
    insertSample();
    QCOMPARE(logs().types().value(),
             (QStringList {QStringLiteral("fp"), QStringLiteral("gd_send_sms"), QStringLiteral("s")}));
}

QTEST_GUILESS_MAIN(TestLogStore)
#include "TestLogStore.moc"
