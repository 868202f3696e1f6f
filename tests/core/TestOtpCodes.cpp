#include "core/common/Clock.h"
#include "core/login/OtpCodes.h"
#include "core/store/Database.h"
#include "tests/support/StoreEngine.h"
#include "tests/support/TempTenant.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

/// One-time codes: shape, expiry, replacement, cooldown, hourly limit and lockout, on a fake clock, kept in
/// the tenant's database on each engine, and shared by two login servers (two connections to one tenant).
class TestOtpCodes final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void codesAreSixDigits();
    void rightCodeIsAcceptedOnce();
    void expiresAfterFiveMinutes();
    void newCodeInvalidatesOld();
    void cooldown();
    void hourlyLimit();
    void tenWrongCodesLock();
    void aCodeSentByOneServerIsTakenByAnother();
    void wrongCodesOnTwoServersLockBoth();
    void theHourlyLimitCountsBothServers();
    void aBrokenStoreDecidesNothing();

private:
    std::unique_ptr<TempTenant> m_tenant;
};

namespace {
const QString kUser = QStringLiteral("auth0|0123456789abcdef01234567");
QString wrongFor(const QString &code)
{
    return code == QStringLiteral("000000") ? QStringLiteral("000001") : QStringLiteral("000000");
}
/// The codes as two login servers of one tenant see them: each on a connection of its own, one clock.
struct TwoServers
{
    explicit TwoServers(TempTenant &tenant)
        : other(tenant.secondConnection())
        , first(tenant.tenant().database(), clock)
        , second(other ? std::make_unique<OtpCodes>(*other, clock) : nullptr)
    { }

    FakeClock clock;
    std::unique_ptr<Database> other;
    OtpCodes first;
    std::unique_ptr<OtpCodes> second; ///< nullptr when the second connection could not be opened
};

} // namespace

void TestOtpCodes::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestOtpCodes::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
}

void TestOtpCodes::cleanup()
{
    m_tenant.reset();
}

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
    OtpCodes codes(m_tenant->tenant().database(), clock);
    const auto code = codes.issue(kUser).value();
    QVERIFY(code);
    QCOMPARE(codes.check(kUser, wrongFor(*code)), OtpCodes::Check::Wrong);
    QCOMPARE(codes.check(kUser, *code), OtpCodes::Check::Accepted);
    QCOMPARE(codes.check(kUser, *code), OtpCodes::Check::Expired);
    QCOMPARE(codes.check(QStringLiteral("auth0|other"), *code), OtpCodes::Check::Expired);
}

void TestOtpCodes::expiresAfterFiveMinutes()
{
    FakeClock clock;
    OtpCodes codes(m_tenant->tenant().database(), clock);
    const auto code = codes.issue(kUser).value();
    clock.advanceSecs(OtpCodes::kValidSecs - 1);
    QCOMPARE(codes.check(kUser, wrongFor(*code)), OtpCodes::Check::Wrong);
    clock.advanceSecs(1);
    QCOMPARE(codes.check(kUser, *code), OtpCodes::Check::Expired);
}

void TestOtpCodes::newCodeInvalidatesOld()
{
    FakeClock clock;
    OtpCodes codes(m_tenant->tenant().database(), clock);
    const auto first = codes.issue(kUser).value();
    clock.advanceSecs(30);
    auto second = codes.issue(kUser).value();
    while (*second == *first) // one chance in a million
        second = codes.issue(kUser).value();
    QCOMPARE(codes.check(kUser, *first), OtpCodes::Check::Wrong);
    QCOMPARE(codes.check(kUser, *second), OtpCodes::Check::Accepted);
}

void TestOtpCodes::cooldown()
{
    FakeClock clock;
    OtpCodes codes(m_tenant->tenant().database(), clock);
    QCOMPARE(codes.cooldownRemainingSecs(kUser), 0);
    QVERIFY(codes.issue(kUser).value());
    QCOMPARE(codes.cooldownRemainingSecs(kUser), 30);
    clock.advanceSecs(12);
    QCOMPARE(codes.cooldownRemainingSecs(kUser), 18);
    clock.advanceSecs(18);
    QCOMPARE(codes.cooldownRemainingSecs(kUser), 0);
}

void TestOtpCodes::hourlyLimit()
{
    FakeClock clock;
    OtpCodes codes(m_tenant->tenant().database(), clock);
    for (int i = 0; i < OtpCodes::kMaxSendsPerHour; ++i) {
        QVERIFY(codes.issue(kUser).value());
        clock.advanceSecs(60);
    }
    QVERIFY(codes.hourlyLimitReached(kUser));
    QVERIFY(!codes.issue(kUser).value());
    QVERIFY(codes.issue(QStringLiteral("auth0|someone-else")).value());
    clock.advanceSecs(3600 - 10 * 60 + 1); // the first send is now more than an hour old
    QVERIFY(!codes.hourlyLimitReached(kUser));
    QVERIFY(codes.issue(kUser).value());
    QVERIFY(!codes.issue(kUser).value());
}

void TestOtpCodes::tenWrongCodesLock()
{
    FakeClock clock;
    OtpCodes codes(m_tenant->tenant().database(), clock);
    const auto code = codes.issue(kUser).value();
    for (int i = 1; i < OtpCodes::kMaxFailures; ++i)
        QCOMPARE(codes.check(kUser, wrongFor(*code)), OtpCodes::Check::Wrong);
    QCOMPARE(codes.check(kUser, wrongFor(*code)), OtpCodes::Check::TooManyFailures);
    QCOMPARE(codes.check(kUser, *code), OtpCodes::Check::Locked);
    QCOMPARE(codes.lockRemainingSecs(kUser), 360);
    clock.advanceSecs(OtpCodes::kLockSecs - 1);
    QCOMPARE(codes.check(kUser, *code), OtpCodes::Check::Locked);
    clock.advanceSecs(1);
    const auto fresh = codes.issue(kUser).value();
    QCOMPARE(codes.check(kUser, *fresh), OtpCodes::Check::Accepted);
}

void TestOtpCodes::aCodeSentByOneServerIsTakenByAnother()
{
    TwoServers servers(*m_tenant);
    QVERIFY(servers.second);
    OtpCodes &first = servers.first;
    OtpCodes &second = *servers.second;
    const auto code = first.issue(kUser).value();
    QVERIFY(code);
    QCOMPARE(second.cooldownRemainingSecs(kUser), OtpCodes::kResendCooldownSecs);
    QCOMPARE(second.check(kUser, *code), OtpCodes::Check::Accepted);
    // Used once, wherever it was used.
    QCOMPARE(first.check(kUser, *code), OtpCodes::Check::Expired);
    QCOMPARE(second.check(kUser, *code), OtpCodes::Check::Expired);
}

void TestOtpCodes::wrongCodesOnTwoServersLockBoth()
{
    TwoServers servers(*m_tenant);
    QVERIFY(servers.second);
    OtpCodes &first = servers.first;
    OtpCodes &second = *servers.second;
    const auto code = first.issue(kUser).value();
    QVERIFY(code);
    // Nine wrong codes, taking turns between the servers: none of them locks on its own count.
    for (int i = 1; i < OtpCodes::kMaxFailures; ++i)
        QCOMPARE((i % 2 ? first : second).check(kUser, wrongFor(*code)), OtpCodes::Check::Wrong);
    QCOMPARE(second.check(kUser, wrongFor(*code)), OtpCodes::Check::TooManyFailures);
    QCOMPARE(first.check(kUser, *code), OtpCodes::Check::Locked);
    QCOMPARE(second.check(kUser, *code), OtpCodes::Check::Locked);
    QCOMPARE(first.lockRemainingSecs(kUser), OtpCodes::kLockSecs);
}

void TestOtpCodes::theHourlyLimitCountsBothServers()
{
    TwoServers servers(*m_tenant);
    QVERIFY(servers.second);
    FakeClock &clock = servers.clock;
    OtpCodes &first = servers.first;
    OtpCodes &second = *servers.second;
    for (int i = 0; i < OtpCodes::kMaxSendsPerHour; ++i) {
        QVERIFY((i % 2 ? first : second).issue(kUser).value());
        clock.advanceSecs(60);
    }
    QVERIFY(first.hourlyLimitReached(kUser));
    QVERIFY(!first.issue(kUser).value());
    QVERIFY(!second.issue(kUser).value());
}

void TestOtpCodes::aBrokenStoreDecidesNothing()
{
    FakeClock clock;
    OtpCodes codes(m_tenant->tenant().database(), clock);
    const auto code = codes.issue(kUser).value();
    QVERIFY(code);
    QVERIFY(m_tenant->tenant().database().run(QStringLiteral("DROP TABLE otp_codes"),
                                              QStringLiteral("break the store")));
    QCOMPARE(codes.check(kUser, *code), OtpCodes::Check::Unavailable);
    const auto issued = codes.issue(kUser);
    QVERIFY(!issued);
    QCOMPARE(issued.error().kind(), Error::Kind::Storage);
}

QTEST_GUILESS_MAIN(TestOtpCodes)
#include "TestOtpCodes.moc"
