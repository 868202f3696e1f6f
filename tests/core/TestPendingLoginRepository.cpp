// PendingLoginRepository: the claim that keeps two login servers from running one login's step, on each
// engine, with the second server as a second connection to the same tenant.

#include "core/store/Database.h"
#include "core/store/PendingLoginRepository.h"
#include "tests/support/ResultText.h"
#include "tests/support/StoreEngine.h"
#include "tests/support/TempTenant.h"

#include <QTest>

namespace {

const QDateTime kNow(QDate(2026, 12, 7), QTime(9, 0), Qt::UTC);

PendingLoginRow row(const QString &id, const QDateTime &lastUsed = kNow)
{
    return {id, 0, {}, lastUsed, QByteArray(R"({"step":"login"})")};
}

} // namespace

class TestPendingLoginRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void keepsAndFinds();
    void oneServerClaimsAStep();
    void aClaimRunsOut();
    void aStaleSaveIsRefused();
    void onlyOneServerEndsALogin();
    void releaseLetsAnotherServerGoOn();
    void pruneSparesHeldAndRecentLogins();
    void keepsTheMostRecentlyUsed();

private:
    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<Database> m_other;
    std::unique_ptr<PendingLoginRepository> m_first; ///< one login server
    std::unique_ptr<PendingLoginRepository> m_second; ///< another, on its own connection
};

void TestPendingLoginRepository::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestPendingLoginRepository::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    m_other = m_tenant->secondConnection();
    QVERIFY(m_other);
    m_first = std::make_unique<PendingLoginRepository>(m_tenant->tenant().database());
    m_second = std::make_unique<PendingLoginRepository>(*m_other);
}

void TestPendingLoginRepository::cleanup()
{
    m_first.reset();
    m_second.reset();
    m_other.reset();
    m_tenant.reset();
}

void TestPendingLoginRepository::keepsAndFinds()
{
    QVERIFY(m_first->insert(row(QStringLiteral("a"))));
    const auto found = m_second->find(QStringLiteral("a"));
    QVERIFY2(found, errorBytes(found));
    QVERIFY(found.value());
    QCOMPARE(found.value()->version, 0);
    QCOMPARE(found.value()->lastUsed, kNow);
    QVERIFY(!found.value()->claimedUntil.isValid());
    QCOMPARE(found.value()->data, QByteArray(R"({"step":"login"})"));
    QVERIFY(!m_second->find(QStringLiteral("missing")).value());
    QCOMPARE(m_second->count().value(), 1);
}

void TestPendingLoginRepository::oneServerClaimsAStep()
{
    QVERIFY(m_first->insert(row(QStringLiteral("a"))));
    QVERIFY(m_first->claim(QStringLiteral("a"), 0, kNow, kNow.addSecs(30)).value());
    // The other server saw version 0 too: it neither takes the step nor writes over it.
    QVERIFY(!m_second->claim(QStringLiteral("a"), 0, kNow, kNow.addSecs(30)).value());
    QVERIFY(!m_second->claim(QStringLiteral("a"), 1, kNow.addSecs(1), kNow.addSecs(31)).value());
    QVERIFY(!m_second->save(QStringLiteral("a"), 0, "{}", kNow).value());
    QVERIFY(m_first->save(QStringLiteral("a"), 1, R"({"step":"challenge"})", kNow.addSecs(2)).value());
    const auto found = m_second->find(QStringLiteral("a")).value();
    QCOMPARE(found->version, 2);
    QVERIFY(!found->claimedUntil.isValid());
    QCOMPARE(found->data, QByteArray(R"({"step":"challenge"})"));
    QVERIFY(m_second->claim(QStringLiteral("a"), 2, kNow.addSecs(3), kNow.addSecs(33)).value());
}

void TestPendingLoginRepository::aClaimRunsOut()
{
    // A server that died mid-step: its claim ends by time, and the login goes on from its last save.
    QVERIFY(m_first->insert(row(QStringLiteral("a"))));
    QVERIFY(m_first->claim(QStringLiteral("a"), 0, kNow, kNow.addSecs(30)).value());
    QVERIFY(!m_second->claim(QStringLiteral("a"), 1, kNow.addSecs(29), kNow.addSecs(59)).value());
    QVERIFY(m_second->claim(QStringLiteral("a"), 1, kNow.addSecs(30), kNow.addSecs(60)).value());
    QCOMPARE(m_first->find(QStringLiteral("a")).value()->data, QByteArray(R"({"step":"login"})"));
}

void TestPendingLoginRepository::aStaleSaveIsRefused()
{
    // The first server's claim ran out and the second took the login: the first one's late save is refused.
    QVERIFY(m_first->insert(row(QStringLiteral("a"))));
    QVERIFY(m_first->claim(QStringLiteral("a"), 0, kNow, kNow.addSecs(30)).value());
    QVERIFY(m_second->claim(QStringLiteral("a"), 1, kNow.addSecs(31), kNow.addSecs(61)).value());
    QVERIFY(!m_first->save(QStringLiteral("a"), 1, R"({"late":true})", kNow.addSecs(32)).value());
    QVERIFY(m_second->save(QStringLiteral("a"), 2, R"({"step":"enroll"})", kNow.addSecs(33)).value());
    QCOMPARE(m_first->find(QStringLiteral("a")).value()->data, QByteArray(R"({"step":"enroll"})"));
}

void TestPendingLoginRepository::onlyOneServerEndsALogin()
{
    QVERIFY(m_first->insert(row(QStringLiteral("a"))));
    QVERIFY(m_second->remove(QStringLiteral("a"), 0).value());
    QVERIFY(!m_first->remove(QStringLiteral("a"), 0).value());
    QVERIFY(!m_first->find(QStringLiteral("a")).value());
}

void TestPendingLoginRepository::releaseLetsAnotherServerGoOn()
{
    QVERIFY(m_first->insert(row(QStringLiteral("a"))));
    QVERIFY(m_first->claim(QStringLiteral("a"), 0, kNow, kNow.addSecs(30)).value());
    QVERIFY(m_first->release(QStringLiteral("a"), 1));
    QVERIFY(m_second->claim(QStringLiteral("a"), 1, kNow.addSecs(1), kNow.addSecs(31)).value());
}

void TestPendingLoginRepository::pruneSparesHeldAndRecentLogins()
{
    QVERIFY(m_first->insert(row(QStringLiteral("old"), kNow.addSecs(-3600))));
    QVERIFY(m_first->insert(row(QStringLiteral("recent"), kNow.addSecs(-60))));
    QVERIFY(m_first->insert(row(QStringLiteral("held"), kNow.addSecs(-3600))));
    QVERIFY(m_first->claim(QStringLiteral("held"), 0, kNow.addSecs(-3600), kNow.addSecs(10)).value());
    QCOMPARE(m_second->removeUnused(kNow.addSecs(-1800), kNow).value(), 1);
    QVERIFY(!m_first->find(QStringLiteral("old")).value());
    QVERIFY(m_first->find(QStringLiteral("recent")).value());
    QVERIFY(m_first->find(QStringLiteral("held")).value());
}

void TestPendingLoginRepository::keepsTheMostRecentlyUsed()
{
    for (int i = 0; i < 5; ++i)
        QVERIFY(m_first->insert(row(QStringLiteral("login %1").arg(i), kNow.addSecs(i))));
    QCOMPARE(m_second->removeBeyond(3).value(), 2);
    QCOMPARE(m_first->count().value(), 3);
    QVERIFY(!m_first->find(QStringLiteral("login 0")).value());
    QVERIFY(!m_first->find(QStringLiteral("login 1")).value());
    QVERIFY(m_first->find(QStringLiteral("login 2")).value());
}

QTEST_GUILESS_MAIN(TestPendingLoginRepository)
#include "TestPendingLoginRepository.moc"
