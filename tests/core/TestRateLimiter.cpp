// RateLimiter: a token bucket per caller, driven by the caller's time; what it answers is what Auth0's
// x-ratelimit-* and Retry-After headers say.

#include "core/server/RateLimiter.h"

#include <QTest>

class TestRateLimiter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void takes_data();
    void takes();
    void callersHaveTheirOwnBuckets();
    void aClockGoingBackGivesNothing();
    void manyCallersForgetOnlyFullBuckets();
};

namespace {

/// A whole second, so that the reset and retry times are easy to read.
const QDateTime kStart(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC);

} // namespace

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
    RateLimiter limiter(perSecond, burst);
    RateLimiter::Decision decision;
    for (int i = 0; i < atMs.size(); ++i) {
        decision = limiter.take(QStringLiteral("client"), kStart.addMSecs(atMs.at(i)));
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
    RateLimiter limiter(1, 2);
    QVERIFY(limiter.take(QStringLiteral("a"), kStart).allowed);
    QVERIFY(limiter.take(QStringLiteral("a"), kStart).allowed);
    QVERIFY(!limiter.take(QStringLiteral("a"), kStart).allowed);
    const RateLimiter::Decision other = limiter.take(QStringLiteral("b"), kStart);
    QVERIFY(other.allowed);
    QCOMPARE(other.remaining, 1);
}

void TestRateLimiter::aClockGoingBackGivesNothing()
{
    RateLimiter limiter(1, 1);
    QVERIFY(limiter.take(QStringLiteral("a"), kStart).allowed);
    QVERIFY(!limiter.take(QStringLiteral("a"), kStart.addSecs(-3600)).allowed);
    QVERIFY(!limiter.take(QStringLiteral("a"), kStart.addMSecs(999)).allowed);
    QVERIFY(limiter.take(QStringLiteral("a"), kStart.addSecs(1)).allowed);
}

void TestRateLimiter::manyCallersForgetOnlyFullBuckets()
{
    // Past a thousand callers the full buckets are dropped; one still emptying is kept.
    RateLimiter limiter(1, 1);
    QVERIFY(limiter.take(QStringLiteral("busy"), kStart).allowed);
    for (int i = 0; i < 1500; ++i)
        QVERIFY(limiter.take(QStringLiteral("caller %1").arg(i), kStart.addMSecs(i % 500)).allowed);
    QVERIFY(!limiter.take(QStringLiteral("busy"), kStart.addMSecs(500)).allowed);
    QVERIFY(limiter.take(QStringLiteral("caller 0"), kStart.addSecs(2)).allowed);
}

QTEST_MAIN(TestRateLimiter)
#include "TestRateLimiter.moc"
