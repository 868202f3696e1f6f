// The login server over real HTTP: a whole authorization-code login with PKCE, the ID token checked
// against the JWKS, and every refusal of /authorize, the hosted pages and /oauth/token.

#include "LoginServerFixture.h"
#include "core/logs/LogStore.h"
#include "core/model/LogEvent.h"
#include "core/server/LoginServer.h"
#include "core/tokens/Jwt.h"
#include "core/tokens/SigningKey.h"
#include "tests/support/StoreEngine.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

class TestLoginServer : public QObject
{
    Q_OBJECT

private:
    LoginServerFixture *m_fixture = nullptr;
    LoginServerFixture &f() { return *m_fixture; }
    QStringList logTypes();

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();
    void discoveryNamesTheEndpoints();
    void codeLoginGivesAVerifiedIdToken();
    void authorizeRefusals_data();
    void authorizeRefusals();
    void tokenRefusals_data();
    void tokenRefusals();
    void reusedCodeIsRefusedAndRevokes();
    void expiredCodeIsRefused();
    void refreshTokensRotateAndReuseRevokesTheFamily();
    void silentAuthenticationNeedsASession();
    void formWithoutCsrfIsRefused();
    void logoutChecksReturnTo();
    void malformedRequestsGetAClear4xx_data();
    void malformedRequestsGetAClear4xx();
    void busyPortIsAClearError();
};

QStringList TestLoginServer::logTypes()
{
    auto events = f().tenant().logs().query({});
    QStringList types;
    if (events) {
        for (const LogEvent &event : events.value())
            types.append(event.type);
    }
    return types;
}

void TestLoginServer::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestLoginServer::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_fixture = new LoginServerFixture;
    QVERIFY(f().start());
}

void TestLoginServer::cleanup()
{
    delete m_fixture;
    m_fixture = nullptr;
}

void TestLoginServer::discoveryNamesTheEndpoints()
{
    const HttpAnswer answer = f().get(QStringLiteral("/.well-known/openid-configuration"));
    QCOMPARE(answer.status, 200);
    const QJsonObject document = answer.json();
    QCOMPARE(document.value(QLatin1String("issuer")).toString(), f().base() + QLatin1Char('/'));
    QCOMPARE(document.value(QLatin1String("token_endpoint")).toString(),
             f().base() + QLatin1String("/oauth/token"));
    QVERIFY(document.value(QLatin1String("code_challenge_methods_supported"))
                .toArray()
                .contains(QLatin1String("S256")));
    const QJsonArray keys
        = f().get(QStringLiteral("/.well-known/jwks.json")).json().value(QLatin1String("keys")).toArray();
    QCOMPARE(keys.size(), 1);
    QCOMPARE(keys.first().toObject().value(QLatin1String("alg")).toString(), QStringLiteral("RS256"));
}

void TestLoginServer::codeLoginGivesAVerifiedIdToken()
{
    const HttpAnswer back = f().logIn();
    QCOMPARE(back.status, 302);
    QVERIFY(back.header("location").startsWith("http://localhost:3000?"));
    const QUrlQuery query = back.locationQuery();
    QCOMPARE(query.queryItemValue(QStringLiteral("state")), QStringLiteral("st4te"));
    QVERIFY(back.header("set-cookie").contains("authdeck_session="));

    const HttpAnswer tokens = f().exchange(query.queryItemValue(QStringLiteral("code")));
    QCOMPARE(tokens.status, 200);
    QCOMPARE(tokens.header("cache-control"), QByteArray("no-store"));
    QCOMPARE(tokens.header("access-control-allow-origin"), QByteArray("http://localhost:3000"));
    const QJsonObject body = tokens.json();
    QCOMPARE(body.value(QLatin1String("token_type")).toString(), QStringLiteral("Bearer"));
    QVERIFY(!body.contains(QLatin1String("refresh_token"))); // offline_access was not asked for

    // The ID token verifies against the published keys and carries what auth0-spa-js checks.
    QList<SigningKey> published;
    const QJsonArray jwks
        = f().get(QStringLiteral("/.well-known/jwks.json")).json().value(QLatin1String("keys")).toArray();
    for (const QJsonValue &jwk : jwks) {
        auto key = SigningKey::fromPublicJwk(jwk.toObject());
        QVERIFY2(key, qPrintable(key ? QString() : key.error().message()));
        published.append(key.value());
    }
    auto claims = Jwt::verify(body.value(QLatin1String("id_token")).toString().toLatin1(), published);
    QVERIFY2(claims, qPrintable(claims ? QString() : claims.error().message()));
    const QJsonObject &id = claims.value();
    QCOMPARE(id.value(QLatin1String("iss")).toString(), f().base() + QLatin1Char('/'));
    QCOMPARE(id.value(QLatin1String("aud")).toString(), f().clientId());
    QCOMPARE(id.value(QLatin1String("nonce")).toString(), QStringLiteral("n0nce"));
    QCOMPARE(id.value(QLatin1String("email")).toString(), QString::fromLatin1(LoginServerFixture::Email));
    QVERIFY(id.value(QLatin1String("sub")).toString().startsWith(QLatin1String("auth0|")));
    QVERIFY(id.value(QLatin1String("exp")).toInteger() > id.value(QLatin1String("iat")).toInteger());
    QVERIFY(id.contains(QLatin1String("auth_time")));

    const HttpAnswer userInfo = f().get(
        QStringLiteral("/userinfo"),
        {{"Authorization", "Bearer " + body.value(QLatin1String("access_token")).toString().toLatin1()}});
    QCOMPARE(userInfo.status, 200);
    QCOMPARE(userInfo.json().value(QLatin1String("email")).toString(),
             QString::fromLatin1(LoginServerFixture::Email));
    QVERIFY(logTypes().contains(QLatin1String("s")));
    QVERIFY(logTypes().contains(QLatin1String("seacft")));
}

void TestLoginServer::authorizeRefusals_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error"); ///< in the page (no redirect) or in the callback's query

    QTest::newRow("unknown client") << "client_id"
                                    << "nobody" << 400 << "Unknown client: nobody";
    QTest::newRow("callback not allowed") << "redirect_uri"
                                          << "http://evil.example/cb" << 400 << "Callback URL mismatch";
    QTest::newRow("callback on another port") << "redirect_uri"
                                              << "http://localhost:3001" << 400 << "Callback URL mismatch";
    QTest::newRow("web_message elsewhere") << "response_mode"
                                           << "form_post" << 400 << "Unsupported response_mode";
    QTest::newRow("no PKCE for a SPA") << "code_challenge"
                                       << "" << 302 << "invalid_request";
    QTest::newRow("plain PKCE") << "code_challenge_method"
                                << "plain" << 302 << "invalid_request";
    QTest::newRow("implicit") << "response_type"
                              << "token" << 302 << "unsupported_response_type";
}

void TestLoginServer::authorizeRefusals()
{
    QFETCH(QString, name);
    QFETCH(QString, value);
    QFETCH(int, status);
    QFETCH(QString, error);
    const HttpAnswer answer = f().get(f().authorizeUrl({{name, value}}));
    QCOMPARE(answer.status, status);
    if (status == 400) {
        QVERIFY(answer.header("location").isEmpty()); // never sent anywhere
        QVERIFY2(answer.body.contains(error.toUtf8()), answer.body.constData());
        QVERIFY(answer.header("content-security-policy").contains("frame-ancestors 'none'"));
    } else {
        QVERIFY(answer.header("location").startsWith("http://localhost:3000?"));
        QCOMPARE(answer.locationQuery().queryItemValue(QStringLiteral("error")), error);
        QCOMPARE(answer.locationQuery().queryItemValue(QStringLiteral("state")), QStringLiteral("st4te"));
    }
}

void TestLoginServer::tokenRefusals_data()
{
    QTest::addColumn<QString>("verifier");
    QTest::addColumn<QString>("redirect");
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");

    const QString good = QString::fromLatin1(LoginServerFixture::Verifier);
    QTest::newRow("missing verifier") << ""
                                      << ""
                                      << "" << 403 << "invalid_grant";
    QTest::newRow("wrong verifier") << QString(good).replace(0, 1, QLatin1Char('e')) << ""
                                    << "" << 403 << "invalid_grant";
    QTest::newRow("other redirect_uri") << good << "http://localhost:3000/other"
                                        << "" << 403 << "invalid_grant";
    QTest::newRow("unknown client") << good << ""
                                    << "nobody" << 401 << "invalid_client";
}

void TestLoginServer::tokenRefusals()
{
    QFETCH(QString, verifier);
    QFETCH(QString, redirect);
    QFETCH(QString, clientId);
    QFETCH(int, status);
    QFETCH(QString, error);
    const QString code = f().logIn().locationQuery().queryItemValue(QStringLiteral("code"));
    QVERIFY(!code.isEmpty());
    const QByteArray body = "grant_type=authorization_code&client_id="
        + (clientId.isEmpty() ? f().clientId() : clientId).toLatin1() + "&code=" + code.toLatin1()
        + "&code_verifier=" + verifier.toLatin1() + "&redirect_uri="
        + QUrl::toPercentEncoding(redirect.isEmpty() ? QString::fromLatin1(LoginServerFixture::Callback)
                                                     : redirect);
    const HttpAnswer answer = f().post(QStringLiteral("/oauth/token"), body);
    QCOMPARE(answer.status, status);
    QCOMPARE(answer.json().value(QLatin1String("error")).toString(), error);
    QVERIFY(!answer.json().value(QLatin1String("error_description")).toString().isEmpty());
    QVERIFY(logTypes().contains(QLatin1String("feacft")));
}

void TestLoginServer::reusedCodeIsRefusedAndRevokes()
{
    const QString code = f().logIn({{QStringLiteral("scope"), QStringLiteral("openid email offline_access")}})
                             .locationQuery()
                             .queryItemValue(QStringLiteral("code"));
    const HttpAnswer first = f().exchange(code);
    QCOMPARE(first.status, 200);
    const QString refresh = first.json().value(QLatin1String("refresh_token")).toString();
    QVERIFY(!refresh.isEmpty());
    const HttpAnswer second = f().exchange(code);
    QCOMPARE(second.status, 403);
    QVERIFY(second.json()
                .value(QLatin1String("error_description"))
                .toString()
                .contains(QLatin1String("already used")));
    // What the first use gave is revoked.
    const HttpAnswer refreshed = f().post(QStringLiteral("/oauth/token"),
                                          "grant_type=refresh_token&client_id=" + f().clientId().toLatin1()
                                              + "&refresh_token=" + refresh.toLatin1());
    QCOMPARE(refreshed.status, 403);
}

void TestLoginServer::expiredCodeIsRefused()
{
    const QString code = f().logIn().locationQuery().queryItemValue(QStringLiteral("code"));
    f().clock().advanceSecs(61);
    const HttpAnswer answer = f().exchange(code);
    QCOMPARE(answer.status, 403);
    QVERIFY(answer.json()
                .value(QLatin1String("error_description"))
                .toString()
                .contains(QLatin1String("expired")));
}

void TestLoginServer::refreshTokensRotateAndReuseRevokesTheFamily()
{
    const QString code = f().logIn({{QStringLiteral("scope"), QStringLiteral("openid offline_access")}})
                             .locationQuery()
                             .queryItemValue(QStringLiteral("code"));
    const QString first = f().exchange(code).json().value(QLatin1String("refresh_token")).toString();
    auto refresh = [this](const QString &token) {
        return f().post(QStringLiteral("/oauth/token"),
                        "grant_type=refresh_token&client_id=" + f().clientId().toLatin1()
                            + "&refresh_token=" + token.toLatin1());
    };
    const HttpAnswer rotated = refresh(first);
    QCOMPARE(rotated.status, 200);
    const QString second = rotated.json().value(QLatin1String("refresh_token")).toString();
    QVERIFY(!second.isEmpty() && second != first);
    QVERIFY(rotated.json().contains(QLatin1String("id_token")));
    QCOMPARE(refresh(first).status, 403); // reuse of a rotated token…
    QCOMPARE(refresh(second).status, 403); // …revokes the whole family
    QVERIFY(logTypes().contains(QLatin1String("sertft")));
    QVERIFY(logTypes().contains(QLatin1String("fertft")));
}

void TestLoginServer::silentAuthenticationNeedsASession()
{
    const HttpAnswer without
        = f().get(f().authorizeUrl({{QStringLiteral("prompt"), QStringLiteral("none")},
                                    {QStringLiteral("response_mode"), QStringLiteral("web_message")}}));
    QCOMPARE(without.status, 200);
    QVERIFY(without.body.contains("login_required"));
    QVERIFY(without.header("content-security-policy").contains("frame-ancestors http://localhost:3000"));
    QVERIFY(without.header("x-frame-options").isEmpty());
    QVERIFY(logTypes().contains(QLatin1String("fsa")));

    QCOMPARE(f().logIn().status, 302); // the cookie jar now holds the session
    const HttpAnswer with = f().get(f().authorizeUrl({{QStringLiteral("prompt"), QStringLiteral("none")}}));
    QCOMPARE(with.status, 302);
    const QString code = with.locationQuery().queryItemValue(QStringLiteral("code"));
    QVERIFY(!code.isEmpty());
    QCOMPARE(f().exchange(code).status, 200);
    QVERIFY(logTypes().contains(QLatin1String("ssa")));
}

void TestLoginServer::formWithoutCsrfIsRefused()
{
    const QString page = QString::fromUtf8(f().get(f().authorizeUrl()).header("location"));
    QCOMPARE(f().get(page).status, 200);
    const HttpAnswer answer = f().post(page, "username=ada%40example.com&password=x&action=default");
    QCOMPARE(answer.status, 403);
    QVERIFY(answer.body.contains("security token"));
    QVERIFY(!logTypes().contains(QLatin1String("fp"))); // the password was never checked
}

void TestLoginServer::logoutChecksReturnTo()
{
    QCOMPARE(f().logIn().status, 302);
    const HttpAnswer refused = f().get(
        QStringLiteral("/v2/logout?client_id=%1&returnTo=http%3A%2F%2Fevil.example").arg(f().clientId()));
    QCOMPARE(refused.status, 400);
    QVERIFY(refused.header("location").isEmpty());
    const HttpAnswer done = f().get(
        QStringLiteral("/v2/logout?client_id=%1&returnTo=http%3A%2F%2Flocalhost%3A3000").arg(f().clientId()));
    QCOMPARE(done.status, 302);
    QCOMPARE(done.header("location"), QByteArray("http://localhost:3000"));
    QVERIFY(logTypes().contains(QLatin1String("slo")));
    // The session has ended: silent authentication now needs a login.
    const HttpAnswer silent = f().get(f().authorizeUrl({{QStringLiteral("prompt"), QStringLiteral("none")}}));
    QCOMPARE(silent.locationQuery().queryItemValue(QStringLiteral("error")),
             QStringLiteral("login_required"));
}

void TestLoginServer::malformedRequestsGetAClear4xx_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");

    QTest::newRow("JSON not closed") << QByteArray("application/json") << QByteArray("{\"grant_type\": ")
                                     << 400;
    QTest::newRow("JSON array") << QByteArray("application/json") << QByteArray("[1,2]") << 400;
    QTest::newRow("XML") << QByteArray("text/xml") << QByteArray("<a/>") << 400;
    QTest::newRow("repeated parameter")
        << QByteArray("application/x-www-form-urlencoded") << QByteArray("grant_type=a&grant_type=b") << 400;
    QTest::newRow("no grant type") << QByteArray("application/x-www-form-urlencoded")
                                   << QByteArray("client_id=x") << 400;
    QTest::newRow("unknown grant") << QByteArray("application/json")
                                   << QByteArray("{\"grant_type\":\"password\",\"client_id\":\"x\"}") << 401;
    QTest::newRow("oversized") << QByteArray("application/x-www-form-urlencoded")
                               << QByteArray(200 * 1024, 'a') << 413;
}

void TestLoginServer::malformedRequestsGetAClear4xx()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    const HttpAnswer answer = f().post(QStringLiteral("/oauth/token"), body, contentType);
    QCOMPARE(answer.status, status);
    QVERIFY(!answer.json().value(QLatin1String("error")).toString().isEmpty());
    // The server is still there.
    QCOMPARE(f().get(QStringLiteral("/.well-known/jwks.json")).status, 200);
}

void TestLoginServer::busyPortIsAClearError()
{
    LoginServerFixture other;
    QVERIFY(other.start());
    LoginServer &second = other.tenant().loginServer();
    second.stop();
    QSignalSpy changed(&second, &LoginServer::stateChanged);
    second.start(quint16(f().tenant().loginServer().url().port()));
    QTRY_COMPARE(second.state(), LoginServer::State::Failed);
    QVERIFY2(second.errorString().contains(QString::number(f().tenant().loginServer().url().port())),
             qPrintable(second.errorString()));
    QCOMPARE(f().get(QStringLiteral("/.well-known/jwks.json")).status, 200);
}

QTEST_MAIN(TestLoginServer)
#include "TestLoginServer.moc"
