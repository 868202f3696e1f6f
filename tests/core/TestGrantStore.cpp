// GrantStore: codes, refresh tokens and opaque access tokens in the tenant's database, on each engine,
// redeemed by a second login server (a second connection to the same tenant), and kept only as hashes.

#include "core/server/GrantStore.h"
#include "core/store/Database.h"
#include "tests/support/ResultText.h"
#include "tests/support/StoreEngine.h"
#include "tests/support/TempTenant.h"

#include <QSqlQuery>
#include <QTest>

namespace {

const QDateTime kNow(QDate(2026, 12, 7), QTime(9, 0), Qt::UTC);

Grant grantFor(const QString &userId)
{
    Grant grant;
    grant.clientId = QStringLiteral("client-1");
    grant.userId = userId;
    grant.scope = QStringLiteral("openid offline_access");
    grant.nonce = QStringLiteral("n0nce");
    grant.sid = QStringLiteral("0123456789abcdef0123456789abcdef");
    grant.authTime = kNow;
    grant.profile = {{QStringLiteral("email"), QStringLiteral("ada@example.com")}};
    grant.idTokenClaims = {{QStringLiteral("https://example.com/role"), QStringLiteral("admin")}};
    return grant;
}

} // namespace

class TestGrantStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void aCodeIsRedeemedOnAnotherServerOnce();
    void aReusedCodeRevokesItsTokensEverywhere();
    void anExpiredCodeIsRefused();
    void refreshTokensRotateAcrossServers();
    void accessTokensAreKnownEverywhere();
    void onlyHashesAreStored();
    void pruneDropsWhatExpired();

private:
    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<Database> m_other;
    std::unique_ptr<GrantStore> m_first;
    std::unique_ptr<GrantStore> m_second;
};

void TestGrantStore::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestGrantStore::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    m_other = m_tenant->secondConnection();
    QVERIFY(m_other);
    m_first = std::make_unique<GrantStore>(m_tenant->tenant().database());
    m_second = std::make_unique<GrantStore>(*m_other);
}

void TestGrantStore::cleanup()
{
    m_first.reset();
    m_second.reset();
    m_other.reset();
    m_tenant.reset();
}

void TestGrantStore::aCodeIsRedeemedOnAnotherServerOnce()
{
    const auto code = m_first->issueCode(grantFor(QStringLiteral("auth0|ada")),
                                         QStringLiteral("http://localhost:3000"),
                                         QStringLiteral("challenge"),
                                         kNow);
    QVERIFY2(code, errorBytes(code));
    const auto redeemed = m_second->redeemCode(code.value(), kNow.addSecs(5));
    QVERIFY2(redeemed, errorBytes(redeemed));
    QCOMPARE(redeemed.value().grant.userId, QStringLiteral("auth0|ada"));
    QCOMPARE(redeemed.value().grant.sid, QStringLiteral("0123456789abcdef0123456789abcdef"));
    QCOMPARE(redeemed.value().grant.authTime, kNow);
    QCOMPARE(redeemed.value().grant.idTokenClaims, grantFor({}).idTokenClaims);
    QCOMPARE(redeemed.value().redirectUri, QStringLiteral("http://localhost:3000"));
    QCOMPARE(redeemed.value().codeChallenge, QStringLiteral("challenge"));
    const auto again = m_first->redeemCode(code.value(), kNow.addSecs(6));
    QVERIFY(!again);
    QCOMPARE(again.error().kind(), Error::Kind::Invalid);
}

void TestGrantStore::aReusedCodeRevokesItsTokensEverywhere()
{
    const auto code = m_first->issueCode(grantFor(QStringLiteral("auth0|ada")), {}, {}, kNow).value();
    const auto redeemed = m_second->redeemCode(code, kNow).value();
    const auto refresh = m_second->issueRefreshToken(redeemed.grant, redeemed.family, kNow).value();
    QVERIFY(!m_first->redeemCode(code, kNow));
    const auto rotated = m_second->rotateRefreshToken(refresh, kNow);
    QVERIFY(!rotated);
    QCOMPARE(rotated.error().kind(), Error::Kind::Invalid);
}

void TestGrantStore::anExpiredCodeIsRefused()
{
    const auto code = m_first->issueCode(grantFor(QStringLiteral("auth0|ada")), {}, {}, kNow).value();
    const auto late = m_second->redeemCode(code, kNow.addSecs(GrantStore::CodeLifetimeSecs + 1));
    QVERIFY(!late);
    QVERIFY2(late.error().message().contains(QLatin1String("expired")), errorBytes(late));
}

void TestGrantStore::refreshTokensRotateAcrossServers()
{
    const auto first = m_first->issueRefreshToken(grantFor(QStringLiteral("auth0|ada")), {}, kNow).value();
    const auto rotated = m_second->rotateRefreshToken(first, kNow.addSecs(60));
    QVERIFY2(rotated, errorBytes(rotated));
    const QString family = rotated.value().second;
    const auto next = m_second->issueRefreshToken(rotated.value().first, family, kNow.addSecs(60)).value();
    // The first token again, on the other server: a reuse, which revokes the family on every server.
    const auto reused = m_first->rotateRefreshToken(first, kNow.addSecs(120));
    QVERIFY(!reused);
    QVERIFY2(reused.error().message().contains(QLatin1String("revoked")), errorBytes(reused));
    QVERIFY(!m_second->rotateRefreshToken(next, kNow.addSecs(121)));
}

void TestGrantStore::accessTokensAreKnownEverywhere()
{
    const auto token = m_first->issueAccessToken(grantFor(QStringLiteral("auth0|ada")), kNow).value();
    const auto grant = m_second->accessToken(token, kNow.addSecs(10));
    QVERIFY2(grant, errorBytes(grant));
    QCOMPARE(grant.value().userId, QStringLiteral("auth0|ada"));
    const auto late = m_second->accessToken(token, kNow.addSecs(GrantStore::AccessTokenLifetimeSecs + 1));
    QVERIFY(!late);
    QCOMPARE(late.error().kind(), Error::Kind::NotFound);
}

void TestGrantStore::onlyHashesAreStored()
{
    const QString code = m_first->issueCode(grantFor(QStringLiteral("auth0|ada")), {}, {}, kNow).value();
    const QString refresh
        = m_first->issueRefreshToken(grantFor(QStringLiteral("auth0|ada")), {}, kNow).value();
    const QString access = m_first->issueAccessToken(grantFor(QStringLiteral("auth0|ada")), kNow).value();
    QSqlQuery rows = m_tenant->tenant().database().prepare(
        QStringLiteral("SELECT token_hash, family, grant_data FROM login_grants"));
    QVERIFY(rows.exec());
    QString stored;
    int count = 0;
    while (rows.next()) {
        ++count;
        for (int c = 0; c < 3; ++c)
            stored += rows.value(c).toString();
    }
    QCOMPARE(count, 3);
    for (const QString &credential : {code, refresh, access})
        QVERIFY2(!stored.contains(credential), qPrintable(credential));
    QVERIFY(stored.contains(QString::fromLatin1(GrantStore::hash(code).toHex())));
}

void TestGrantStore::pruneDropsWhatExpired()
{
    const QString code = m_first->issueCode(grantFor(QStringLiteral("auth0|ada")), {}, {}, kNow).value();
    const QString access = m_first->issueAccessToken(grantFor(QStringLiteral("auth0|ada")), kNow).value();
    m_second->prune(kNow.addSecs(GrantStore::CodeLifetimeSecs + 1));
    const auto gone = m_first->redeemCode(code, kNow);
    QVERIFY(!gone);
    QCOMPARE(gone.error().message(), QStringLiteral("Invalid authorization code"));
    QVERIFY(m_first->accessToken(access, kNow));
}

QTEST_GUILESS_MAIN(TestGrantStore)
#include "TestGrantStore.moc"
