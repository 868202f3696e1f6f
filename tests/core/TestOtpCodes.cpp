#include "core/common/Clock.h"
#include "core/login/OtpCodes.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

/// One-time codes: shape, expiry, replacement, cooldown, hourly limit and lockout, on a fake clock.
class TestOtpCodes final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void codesAreSixDigits();
    void rightCodeIsAcceptedOnce();
    void expiresAfterFiveMinutes();
    void newCodeInvalidatesOld();
    void cooldown();
    void hourlyLimit();
    void tenWrongCodesLock();
};

namespace {
const QString kUser = QStringLiteral("auth0|0123456789abcdef01234567");
QString wrongFor(const QString &code)
{
    return code == QStringLiteral("000000") ? QStringLiteral("000001") : QStringLiteral("000000");
}
} // namespace

void TestOtpCodes::codesAreSixDigits()
{
    static const QRegularExpression shape(QStringLiteral("^[0-9]{6}$"));
    QSet<QString> seen;
    for (int i = 0; i < 200; ++i) {
        const QString code = OtpCodes::generate();
        QVERIFY2(shape.match(code).hasMatch(), qPrintable(code));
        seen.insert(code);
    }
    QVERIFY(seen.size() > 190);
}

void TestOtpCodes::rightCodeIsAcceptedOnce()
{
    FakeClock clock;
    OtpCodes codes(clock);
    const auto code = codes.issue(kUser);
    QVERIFY(code);
    QCOMPARE(codes.check(kUser, wrongFor(*code)), OtpCodes::Check::Wrong);
    QCOMPARE(codes.check(kUser, *code), OtpCodes::Check::Accepted);
    QCOMPARE(codes.check(kUser, *code), OtpCodes::Check::Expired);
    QCOMPARE(codes.check(QStringLiteral("auth0|other"), *code), OtpCodes::Check::Expired);
}

void TestOtpCodes::expiresAfterFiveMinutes()
{
    FakeClock clock;
    OtpCodes codes(clock);
    const auto code = codes.issue(kUser);
    clock.advanceSecs(OtpCodes::kValidSecs - 1);
    QCOMPARE(codes.check(kUser, wrongFor(*code)), OtpCodes::Check::Wrong);
    clock.advanceSecs(1);
    QCOMPARE(codes.check(kUser, *code), OtpCodes::Check::Expired);
}

void TestOtpCodes::newCodeInvalidatesOld()
{
    FakeClock clock;
    OtpCodes codes(clock);
    const auto first = codes.issue(kUser);
    clock.advanceSecs(30);
    auto second = codes.issue(kUser);
    while (*second == *first) // one chance in a million
        second = codes.issue(kUser);
    QCOMPARE(codes.check(kUser, *first), OtpCodes::Check::Wrong);
    QCOMPARE(codes.check(kUser, *second), OtpCodes::Check::Accepted);
}

void TestOtpCodes::cooldown()
{
    FakeClock clock;
    OtpCodes codes(clock);
    QCOMPARE(codes.cooldownRemainingSecs(kUser), 0);
    codes.issue(kUser);
    QCOMPARE(codes.cooldownRemainingSecs(kUser), 30);
    clock.advanceSecs(12);
    QCOMPARE(codes.cooldownRemainingSecs(kUser), 18);
    clock.advanceSecs(18);
    QCOMPARE(codes.cooldownRemainingSecs(kUser), 0);
}

void TestOtpCodes::hourlyLimit()
{
    FakeClock clock;
    OtpCodes codes(clock);
    for (int i = 0; i < OtpCodes::kMaxSendsPerHour; ++i) {
        QVERIFY(codes.issue(kUser));
        clock.advanceSecs(60);
    }
    QVERIFY(codes.hourlyLimitReached(kUser));
    QVERIFY(!codes.issue(kUser));
    QVERIFY(codes.issue(QStringLiteral("auth0|someone-else")));
    clock.advanceSecs(3600 - 10 * 60 + 1); // the first send is now more than an hour old
    QVERIFY(!codes.hourlyLimitReached(kUser));
    QVERIFY(codes.issue(kUser));
    QVERIFY(!codes.issue(kUser));
}

void TestOtpCodes::tenWrongCodesLock()
{
    FakeClock clock;
    OtpCodes codes(clock);
    const auto code = codes.issue(kUser);
    for (int i = 1; i < OtpCodes::kMaxFailures; ++i)
        QCOMPARE(codes.check(kUser, wrongFor(*code)), OtpCodes::Check::Wrong);
    QCOMPARE(codes.check(kUser, wrongFor(*code)), OtpCodes::Check::TooManyFailures);
    QCOMPARE(codes.check(kUser, *code), OtpCodes::Check::Locked);
    QCOMPARE(codes.lockRemainingSecs(kUser), 360);
    clock.advanceSecs(OtpCodes::kLockSecs - 1);
    QCOMPARE(codes.check(kUser, *code), OtpCodes::Check::Locked);
    clock.advanceSecs(1);
    const auto fresh = codes.issue(kUser);
    QCOMPARE(codes.check(kUser, *fresh), OtpCodes::Check::Accepted);
}

QTEST_GUILESS_MAIN(TestOtpCodes)
#include "TestOtpCodes.moc"
