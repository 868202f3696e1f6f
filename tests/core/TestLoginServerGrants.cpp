// The login server's client_credentials grant for machine-to-machine applications (the secret read from
// the secret store), and the Login flow's custom claims reaching the ID token of a server login.

#include "LoginServerFixture.h"
#include "core/applications/ApplicationService.h"
#include "core/logs/LogStore.h"
#include "core/model/LogEvent.h"
#include "core/secrets/SecretJob.h"
#include "core/tokens/Jwt.h"
#include "core/tokens/SigningKey.h"
#include "tests/support/LoginFlowAction.h"
#include "tests/support/StoreEngine.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

class TestLoginServerGrants : public QObject
{
    Q_OBJECT

private:
    LoginServerFixture *m_fixture = nullptr;
    LoginServerFixture &f() { return *m_fixture; }
    /// The claims of @p token, checked against the server's published keys.
    QJsonObject verified(const QString &token);
    bool hasLog(const QString &type);

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();
    void clientCredentials_data();
    void clientCredentials();
    void loginFlowClaimsReachTheIdToken();
};

void TestLoginServerGrants::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestLoginServerGrants::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_fixture = new LoginServerFixture;
    QVERIFY(f().start());
}

void TestLoginServerGrants::cleanup()
{
    delete m_fixture;
    m_fixture = nullptr;
}

QJsonObject TestLoginServerGrants::verified(const QString &token)
{
    QList<SigningKey> keys;
    for (const QJsonValue &jwk :
         f().get(QStringLiteral("/.well-known/jwks.json")).json().value(QLatin1String("keys")).toArray()) {
        if (auto key = SigningKey::fromPublicJwk(jwk.toObject()))
            keys.append(key.value());
    }
    auto claims = Jwt::verify(token.toLatin1(), keys);
    return claims ? claims.value() : QJsonObject();
}

bool TestLoginServerGrants::hasLog(const QString &type)
{
    auto events = f().tenant().logs().query({});
    return events
        && std::any_of(events.value().cbegin(), events.value().cend(), [&type](const LogEvent &event) {
               return event.type == type;
           });
}

void TestLoginServerGrants::clientCredentials_data()
{
    QTest::addColumn<bool>("machine");
    QTest::addColumn<bool>("rightSecret");
    QTest::addColumn<QString>("audience");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");

    QTest::newRow("granted") << true << true << "https://api.shop.test/" << 200 << "";
    QTest::newRow("wrong secret") << true << false << "https://api.shop.test/" << 401 << "access_denied";
    QTest::newRow("no audience") << true << true << "" << 403 << "access_denied";
    QTest::newRow("a single-page app")
        << false << true << "https://api.shop.test/" << 403 << "unauthorized_client";
}

void TestLoginServerGrants::clientCredentials()
{
    QFETCH(bool, machine);
    QFETCH(bool, rightSecret);
    QFETCH(QString, audience);
    QFETCH(int, status);
    QFETCH(QString, error);

    QString clientId = f().clientId();
    QByteArray secret = "not-the-secret";
    if (machine) {
        auto created = f().tenant().applications().create(
            {QStringLiteral("Billing job"), ApplicationType::MachineToMachine, {}, {}});
        QVERIFY(created);
        clientId = created.value().clientId;
        QVERIFY(created.value().grantTypes.contains(QLatin1String("client_credentials")));
        SecretJob *written = f().tenant().applications().rotateClientSecret(clientId);
        QSignalSpy writtenSpy(written, &SecretJob::finished);
        QVERIFY(writtenSpy.wait());
        SecretJob *read = f().tenant().applications().readClientSecret(clientId);
        QByteArray stored;
        connect(read, &SecretJob::finished, this, [&stored](SecretJob *job) { stored = job->value(); });
        QSignalSpy readSpy(read, &SecretJob::finished);
        QVERIFY(readSpy.wait());
        QVERIFY(!stored.isEmpty());
        if (rightSecret)
            secret = stored;
    }
    const QByteArray body = "{\"grant_type\":\"client_credentials\",\"client_id\":\"" + clientId.toLatin1()
        + "\",\"client_secret\":\"" + secret + "\",\"audience\":\"" + audience.toLatin1() + "\"}";
    const HttpAnswer answer = f().post(QStringLiteral("/oauth/token"), body, "application/json");
    QCOMPARE(answer.status, status);
    QCOMPARE(answer.header("cache-control"), QByteArray("no-store"));
    if (status != 200) {
        QCOMPARE(answer.json().value(QLatin1String("error")).toString(), error);
        QVERIFY(hasLog(QStringLiteral("feccft")));
        return;
    }
    const QJsonObject claims = verified(answer.json().value(QLatin1String("access_token")).toString());
    QCOMPARE(claims.value(QLatin1String("sub")).toString(), clientId + QLatin1String("@clients"));
    QCOMPARE(claims.value(QLatin1String("aud")).toString(), audience);
    QCOMPARE(claims.value(QLatin1String("gty")).toString(), QStringLiteral("client-credentials"));
    QVERIFY(!answer.json().contains(QLatin1String("id_token")));
    QVERIFY(hasLog(QStringLiteral("seccft")));
}

void TestLoginServerGrants::loginFlowClaimsReachTheIdToken()
{
    QVERIFY(bindLoginAction(f().tenant(),
                            QStringLiteral("api.idToken.setCustomClaim('https://shop.test/plan', 'gold');\n"
                                           "api.accessToken.setCustomClaim('https://shop.test/tier', 3);")));
    const HttpAnswer back
        = f().logIn({{QStringLiteral("audience"), QStringLiteral("https://api.shop.test/")}});
    QVERIFY2(back.status == 302, back.body.constData());
    const QJsonObject tokens
        = f().exchange(back.locationQuery().queryItemValue(QStringLiteral("code"))).json();
    const QJsonObject id = verified(tokens.value(QLatin1String("id_token")).toString());
    QCOMPARE(id.value(QLatin1String("https://shop.test/plan")).toString(), QStringLiteral("gold"));
    const QJsonObject access = verified(tokens.value(QLatin1String("access_token")).toString());
    QCOMPARE(access.value(QLatin1String("https://shop.test/tier")).toInt(), 3);
    QVERIFY(access.value(QLatin1String("aud")).toArray().contains(QLatin1String("https://api.shop.test/")));
}

QTEST_MAIN(TestLoginServerGrants)
#include "TestLoginServerGrants.moc"
