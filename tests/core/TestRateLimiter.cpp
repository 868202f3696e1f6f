// RateLimiter: a token bucket per caller, driven by the caller's time, kept in the tenant's database on each
// engine; what it answers is what Auth0's x-ratelimit-* and Retry-After headers say.

#include "core/server/RateLimiter.h"
#include "core/store/Database.h"
#include "tests/support/StoreEngine.h"
#include "tests/support/TempTenant.h"

#include <QSqlQuery>
#include <QTest>

class TestRateLimiter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void takes_data();
    void takes();
    void callersHaveTheirOwnBuckets();
    void aClockGoingBackGivesNothing();
    void pruneForgetsOnlyFullBuckets();
    void twoServersShareOneBucket();
    void limitersHaveTheirOwnBuckets();
    void aBrokenStoreIsAnError();

private:
    Database &database() { return m_tenant->tenant().database(); }
    RateLimiter limiter(int perSecond, int burst)
    {
        return RateLimiter(database(), QStringLiteral("test"), perSecond, burst);
    }

    std::unique_ptr<TempTenant> m_tenant;
};

namespace {

/// A whole second, so that the reset and retry times are easy to read.
const QDateTime kStart(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC);

/// The decision of @p limiter, or a failed one when the store failed (the test then fails on it).
RateLimiter::Decision take(RateLimiter &limiter, const QString &key, const QDateTime &at)
{
    auto taken = limiter.take(key, at);
    if (!taken) {
        qWarning("%s", qPrintable(taken.error().message()));
        return {};
    }
    return taken.value();
}

} // namespace

void TestRateLimiter::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestRateLimiter::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
}

void TestRateLimiter::cleanup()
{
    m_tenant.reset();
}

void TestRateLimiter::takes_data()
{
    QTest::addColumn<int>("perSecond");
    QTest::addColumn<int>("burst");
    QTest::addColumn<QList<int>>("atMs"); // when each request comes, after kStart
    QTest::addColumn<QString>("allowed"); // Y or N for each
    QTest::addColumn<QList<int>>("remaining");
    QTest::addColumn<QList<int>>("resetAfterSecs"); // x-ratelimit-reset - kStart
    QTest::addColumn<int>("lastRetryAfter"); // the last answer's Retry-After (0 when allowed)

    QTest::newRow("within the burst")
        << 2 << 3 << QList<int> {0, 0, 0} << "YYY" << QList<int> {2, 1, 0} << QList<int> {1, 1, 2} << 0;
    QTest::newRow("past the burst") << 2 << 3 << QList<int> {0, 0, 0, 0} << "YYYN" << QList<int> {2, 1, 0, 0}
                                    << QList<int> {1, 1, 2, 2} << 1;
    QTest::newRow("refilled at the rate") << 2 << 2 << QList<int> {0, 0, 100, 500, 500} << "YYNYN"
                                          << QList<int> {1, 0, 0, 0, 0} << QList<int> {1, 1, 1, 2, 2} << 1;
    QTest::newRow("slow rate: retry after whole seconds")
        << 1 << 1 << QList<int> {0, 0, 400} << "YNN" << QList<int> {0, 0, 0} << QList<int> {1, 1, 1} << 1;
    QTest::newRow("never above the burst after a rest")
        << 10 << 2 << QList<int> {0, 60000, 60000, 60000} << "YYYN" << QList<int> {1, 1, 0, 0}
        << QList<int> {1, 61, 61, 61} << 1;
    QTest::newRow("Auth0-like 50 a second, burst 100: 8 a second never waits")
        << 50 << 100 << QList<int> {0, 125, 250, 375, 500, 625, 750, 875, 1000} << "YYYYYYYYY"
        << QList<int> {99, 99, 99, 99, 99, 99, 99, 99, 99} << QList<int> {1, 1, 1, 1, 1, 1, 1, 1, 2} << 0;
}

void TestRateLimiter::takes()
{
    QFETCH(int, perSecond);
    QFETCH(int, burst);
    QFETCH(QList<int>, atMs);
    QFETCH(QString, allowed);
    QFETCH(QList<int>, remaining);
    QFETCH(QList<int>, resetAfterSecs);
    QFETCH(int, lastRetryAfter);
    RateLimiter limiter = this->limiter(perSecond, burst);
    RateLimiter::Decision decision;
    for (int i = 0; i < atMs.size(); ++i) {
        decision = take(limiter, QStringLiteral("client"), kStart.addMSecs(atMs.at(i)));
        QCOMPARE(decision.allowed ? QLatin1Char('Y') : QLatin1Char('N'), allowed.at(i));
        QCOMPARE(decision.limit, burst);
        QCOMPARE(decision.remaining, remaining.at(i));
        QCOMPARE(decision.resetEpochSecs - kStart.toSecsSinceEpoch(), qint64(resetAfterSecs.at(i)));
        if (decision.allowed)
            QCOMPARE(decision.retryAfterSecs, 0);
    }
    QCOMPARE(decision.retryAfterSecs, lastRetryAfter);
}

void TestRateLimiter::callersHaveTheirOwnBuckets()
{
    RateLimiter limiter = this->limiter(1, 2);
    QVERIFY(take(limiter, QStringLiteral("a"), kStart).allowed);
    QVERIFY(take(limiter, QStringLiteral("a"), kStart).allowed);
    QVERIFY(!take(limiter, QStringLiteral("a"), kStart).allowed);
    const RateLimiter::Decision other = take(limiter, QStringLiteral("b"), kStart);
    QVERIFY(other.allowed);
    QCOMPARE(other.remaining, 1);
}

void TestRateLimiter::aClockGoingBackGivesNothing()
{
    RateLimiter limiter = this->limiter(1, 1);
    QVERIFY(take(limiter, QStringLiteral("a"), kStart).allowed);
    QVERIFY(!take(limiter, QStringLiteral("a"), kStart.addSecs(-3600)).allowed);
    QVERIFY(!take(limiter, QStringLiteral("a"), kStart.addMSecs(999)).allowed);
    QVERIFY(take(limiter, QStringLiteral("a"), kStart.addSecs(1)).allowed);
}

void TestRateLimiter::pruneForgetsOnlyFullBuckets()
{
    // A bucket still emptying is kept by a prune; one long full again is dropped and starts full.
    RateLimiter limiter = this->limiter(1, 1);
    QVERIFY(take(limiter, QStringLiteral("busy"), kStart).allowed);
    QVERIFY(take(limiter, QStringLiteral("idle"), kStart.addSecs(-120)).allowed);
    limiter.prune(kStart.addMSecs(500));
    QSqlQuery count = database().prepare(QStringLiteral("SELECT bucket FROM rate_buckets"));
    QVERIFY(count.exec());
    QStringList kept;
    while (count.next())
        kept.append(count.value(0).toString());
    QCOMPARE(kept, QStringList {QStringLiteral("test:busy")});
    QVERIFY(!take(limiter, QStringLiteral("busy"), kStart.addMSecs(500)).allowed);
    QVERIFY(take(limiter, QStringLiteral("idle"), kStart.addMSecs(500)).allowed);
}

void TestRateLimiter::twoServersShareOneBucket()
{
    // A second login server: its own connection to the same tenant, its own limiter of the same name.
    const auto other = m_tenant->secondConnection();
    QVERIFY(other);
    RateLimiter first = limiter(2, 3);
    RateLimiter second(*other, QStringLiteral("test"), 2, 3);
    QVERIFY(take(first, QStringLiteral("client"), kStart).allowed);
    QVERIFY(take(second, QStringLiteral("client"), kStart).allowed);
    const RateLimiter::Decision last = take(first, QStringLiteral("client"), kStart);
    QVERIFY(last.allowed);
    QCOMPARE(last.remaining, 0);
    QVERIFY(!take(second, QStringLiteral("client"), kStart).allowed);
    QVERIFY(take(second, QStringLiteral("client"), kStart.addMSecs(500)).allowed);
    QVERIFY(!take(first, QStringLiteral("client"), kStart.addMSecs(500)).allowed);
}

void TestRateLimiter::limitersHaveTheirOwnBuckets()
{
    RateLimiter first = limiter(1, 1);
    RateLimiter other(database(), QStringLiteral("other"), 1, 1);
    QVERIFY(take(first, QStringLiteral("client"), kStart).allowed);
    QVERIFY(take(other, QStringLiteral("client"), kStart).allowed);
    QVERIFY(!take(first, QStringLiteral("client"), kStart).allowed);
}

void TestRateLimiter::aBrokenStoreIsAnError()
{
    RateLimiter limiter = this->limiter(1, 1);
    QVERIFY(database().run(QStringLiteral("DROP TABLE rate_buckets"), QStringLiteral("break the store")));
    const auto taken = limiter.take(QStringLiteral("client"), kStart);
    QVERIFY(!taken);
    QCOMPARE(taken.error().kind(), Error::Kind::Storage);
}

QTEST_MAIN(TestRateLimiter)
#include "TestRateLimiter.moc"
