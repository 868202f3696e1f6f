// The Management API's logs (paging, q on type and user_id, one event), resource servers (the system API
// only), tenant settings (PATCH), a client's secret rotation and the rate limit, over real HTTP.

#include "LoginServerFixture.h"
#include "core/applications/ApplicationService.h"
#include "core/applications/ClientGrantService.h"
#include "core/login/UserStore.h"
#include "core/logs/LogStore.h"
#include "core/server/ManagementApi.h"
#include "core/settings/TenantSettings.h"
#include "tests/support/StoreEngine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>

class TestManagementApiTenant : public QObject
{
    Q_OBJECT

private:
    LoginServerFixture *m_fixture = nullptr;
    LoginServerFixture::MachineClient m_machine;
    QByteArray m_token; ///< every scope of the Management API
    LoginServerFixture &f() { return *m_fixture; }
    QByteArray tokenFor(const QStringList &scopes);
    HttpAnswer call(const QByteArray &method,
                    const QString &path,
                    const QByteArray &body = {},
                    const QByteArray &token = {});

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();
    void logsPageAndSearch_data();
    void logsPageAndSearch();
    void getsOneLogEvent();
    void listsTheSystemApi();
    void theSystemApiCannotChange_data();
    void theSystemApiCannotChange();
    void patchesTenantSettings();
    void tenantSettingsRefusalsChangeNothing_data();
    void tenantSettingsRefusalsChangeNothing();
    void rotatesAClientSecret();
    void scopesAreChecked_data();
    void scopesAreChecked();
    void repliesCarryTheRateLimit();
    void tooManyRequestsWaitForTheBucket();
};

void TestManagementApiTenant::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestManagementApiTenant::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_fixture = new LoginServerFixture;
    QVERIFY(f().start());
    m_machine = f().addMachineClient();
    QVERIFY(!m_machine.clientId.isEmpty());
    QVERIFY(f().tenant().clientGrants().create(
        m_machine.clientId, f().managementAudience(), ManagementApi::knownScopes()));
    m_token = tokenFor({});
    QVERIFY(!m_token.isEmpty());
}

void TestManagementApiTenant::cleanup()
{
    delete m_fixture;
    m_fixture = nullptr;
}

QByteArray TestManagementApiTenant::tokenFor(const QStringList &scopes)
{
    const HttpAnswer answer = f().clientCredentials(m_machine, scopes.join(QLatin1Char(' ')));
    if (answer.status != 200)
        return {};
    return "Bearer " + answer.json().value(QLatin1String("access_token")).toString().toLatin1();
}

HttpAnswer TestManagementApiTenant::call(const QByteArray &method,
                                         const QString &path,
                                         const QByteArray &body,
                                         const QByteArray &token)
{
    return f().send(
        method,
        path,
        body,
        {{"Authorization", token.isEmpty() ? m_token : token}, {"Content-Type", "application/json"}});
}

void TestManagementApiTenant::logsPageAndSearch_data()
{
    QTest::addColumn<QString>("query"); // {id}: user0's id
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("type"); // the filter the answer must match
    QTest::addColumn<bool>("ofTheUser");
    QTest::addColumn<int>("page");
    QTest::addColumn<int>("perPage");

    QTest::newRow("newest page") << "include_totals=true" << 200 << "" << false << 0 << 50;
    QTest::newRow("by type") << "q=type:sapi&include_totals=true" << 200 << "sapi" << false << 0 << 50;
    QTest::newRow("by type, quoted, as SDK v6 sends it")
        << "search=type%3A%22sapi%22&include_totals=true" << 200 << "sapi" << false << 0 << 50;
    QTest::newRow("by user") << "q=user_id:%22{id}%22&include_totals=true" << 200 << "" << true << 0 << 50;
    QTest::newRow("by type and user")
        << "q=type:sapi%20AND%20user_id:{id}&include_totals=true" << 200 << "sapi" << true << 0 << 50;
    QTest::newRow("second page") << "q=type:sapi&page=1&per_page=3&include_totals=true" << 200 << "sapi"
                                 << false << 1 << 3;
    QTest::newRow("past the end") << "page=30&per_page=100&include_totals=true" << 200 << "" << false << 30
                                  << 100;
    QTest::newRow("another field") << "q=ip:127.0.0.1" << 400 << "" << false << 0 << 0;
    QTest::newRow("checkpoint paging") << "from=x&take=10" << 400 << "" << false << 0 << 0;
    QTest::newRow("oldest first") << "sort=date:1" << 400 << "" << false << 0 << 0;
}

void TestManagementApiTenant::logsPageAndSearch()
{
    QFETCH(QString, query);
    QFETCH(int, status);
    QFETCH(QString, type);
    QFETCH(bool, ofTheUser);
    QFETCH(int, page);
    QFETCH(int, perPage);
    UserStore &users = f().tenant().users();
    for (int i = 0; i < 3; ++i)
        QVERIFY(users.create(QStringLiteral("user%1@example.com").arg(i), QString::fromLatin1(f().Password)));
    const QString id = users.findByEmail(QStringLiteral("user0@example.com")).value()->id;
    QVERIFY(users.block(id));
    QVERIFY(users.unblock(id));
    const HttpAnswer answer
        = call("GET",
               QStringLiteral("/api/v2/logs?")
                   + QString(query).replace(QLatin1String("{id}"),
                                            QString::fromLatin1(QUrl::toPercentEncoding(id))));
    QCOMPARE(answer.status, status);
    if (status != 200) {
        QVERIFY(answer.json().value(QLatin1String("message")).toString().size() > 10);
        return;
    }
    // What the log store holds for the same filter, newest first.
    LogFilter filter;
    filter.type = type;
    filter.userId = ofTheUser ? id : QString();
    filter.limit = 1000;
    const QList<LogEvent> all = f().tenant().logs().query(filter).value();
    QVERIFY(all.size() >= (ofTheUser ? 2 : 4));
    QStringList expected;
    for (qsizetype i = qsizetype(page) * perPage; i < all.size() && i < qsizetype(page + 1) * perPage; ++i)
        expected.append(all.at(i).logId);
    QStringList answered;
    for (const QJsonValue &event : answer.json().value(QLatin1String("logs")).toArray())
        answered.append(event.toObject().value(QLatin1String("log_id")).toString());
    QCOMPARE(answered, expected);
    QCOMPARE(answer.json().value(QLatin1String("total")).toInt(), all.size());
    QCOMPARE(answer.json().value(QLatin1String("start")).toInt(), page * perPage);
}

void TestManagementApiTenant::getsOneLogEvent()
{
    QVERIFY(
        f().tenant().users().create(QStringLiteral("grace@example.com"), QString::fromLatin1(f().Password)));
    LogFilter filter;
    filter.type = QStringLiteral("sapi");
    const LogEvent newest = f().tenant().logs().query(filter).value().constFirst();
    const HttpAnswer answer = call(
        "GET", QStringLiteral("/api/v2/logs/") + QString::fromLatin1(QUrl::toPercentEncoding(newest.logId)));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json(), newest.toJson());
    const HttpAnswer absent = call("GET", QStringLiteral("/api/v2/logs/90020000000000000000000000000000"));
    QCOMPARE(absent.status, 404);
    QCOMPARE(absent.json().value(QLatin1String("errorCode")).toString(), QStringLiteral("inexistent_log"));
}

void TestManagementApiTenant::listsTheSystemApi()
{
    const HttpAnswer answer = call("GET", QStringLiteral("/api/v2/resource-servers?include_totals=true"));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json().value(QLatin1String("total")).toInt(), 1);
    const QJsonObject api
        = answer.json().value(QLatin1String("resource_servers")).toArray().first().toObject();
    QCOMPARE(api.value(QLatin1String("name")).toString(), QStringLiteral("Auth0 Management API"));
    // The identifier is the audience tokens are asked for and client grants name.
    QCOMPARE(api.value(QLatin1String("identifier")).toString(), f().managementAudience());
    QCOMPARE(api.value(QLatin1String("is_system")).toBool(), true);
    QCOMPARE(api.value(QLatin1String("signing_alg")).toString(), QStringLiteral("RS256"));
    QStringList scopes;
    for (const QJsonValue &scope : api.value(QLatin1String("scopes")).toArray())
        scopes.append(scope.toObject().value(QLatin1String("value")).toString());
    QCOMPARE(scopes, ManagementApi::knownScopes());
    QCOMPARE(api.value(QLatin1String("scopes"))
                 .toArray()
                 .at(scopes.indexOf(QStringLiteral("read:client_grants")))
                 .toObject()
                 .value(QLatin1String("description"))
                 .toString(),
             QStringLiteral("Read Client Grants"));
    const QString id = api.value(QLatin1String("id")).toString();
    QCOMPARE(id.size(), 24);
    QCOMPARE(call("GET", QStringLiteral("/api/v2/resource-servers/") + id).json(), api);
    QCOMPARE(call("GET",
                  QStringLiteral("/api/v2/resource-servers/")
                      + QString::fromLatin1(QUrl::toPercentEncoding(f().managementAudience())))
                 .json(),
             api);
    const HttpAnswer absent
        = call("GET", QStringLiteral("/api/v2/resource-servers/https%3A%2F%2Fshop.test%2F"));
    QCOMPARE(absent.status, 404);
    QCOMPARE(absent.json().value(QLatin1String("errorCode")).toString(),
             QStringLiteral("inexistent_resource_server"));
    // The bare array without include_totals, as for every list.
    QCOMPARE(
        QJsonDocument::fromJson(call("GET", QStringLiteral("/api/v2/resource-servers")).body).array().size(),
        1);
}

void TestManagementApiTenant::theSystemApiCannotChange_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path"); // %1: the audience, encoded
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("errorCode");

    QTest::newRow("update it") << QByteArray("PATCH") << "/api/v2/resource-servers/%1"
                               << QByteArray(R"({"token_lifetime":60})") << 403 << "operation_not_supported";
    QTest::newRow("delete it") << QByteArray("DELETE") << "/api/v2/resource-servers/%1" << QByteArray() << 403
                               << "operation_not_supported";
    QTest::newRow("create it again") << QByteArray("POST") << "/api/v2/resource-servers"
                                     << QByteArray(R"({"identifier":"%2","name":"Again"})") << 409
                                     << "conflict";
    QTest::newRow("create another API")
        << QByteArray("POST") << "/api/v2/resource-servers"
        << QByteArray(R"({"identifier":"https://shop.test/","name":"Shop"})") << 404 << "not_supported";
}

void TestManagementApiTenant::theSystemApiCannotChange()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, errorCode);
    const HttpAnswer answer
        = call(method,
               QString(path).replace(QLatin1String("%1"),
                                     QString::fromLatin1(QUrl::toPercentEncoding(f().managementAudience()))),
               QByteArray(body).replace("%2", f().managementAudience().toUtf8()));
    QCOMPARE(answer.status, status);
    QCOMPARE(answer.json().value(QLatin1String("errorCode")).toString(), errorCode);
    QCOMPARE(
        QJsonDocument::fromJson(call("GET", QStringLiteral("/api/v2/resource-servers")).body).array().size(),
        1);
}

void TestManagementApiTenant::patchesTenantSettings()
{
    TenantSettings &settings = f().tenant().settings();
    QSignalSpy changed(&settings, &TenantSettings::changed);
    const HttpAnswer answer
        = call("PATCH",
               QStringLiteral("/api/v2/tenants/settings"),
               R"j({"friendly_name":"Shop (staging)","environment":"staging","flags":{}})j");
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json().value(QLatin1String("friendly_name")).toString(),
             QStringLiteral("Shop (staging)"));
    QCOMPARE(settings.friendlyName(), QStringLiteral("Shop (staging)"));
    QCOMPARE(settings.environment(), QStringLiteral("staging"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(call("GET", QStringLiteral("/api/v2/tenants/settings")).json(), answer.json());
    LogFilter filter;
    filter.type = QStringLiteral("sapi");
    QCOMPARE(f().tenant().logs().query(filter).value().constFirst().description,
             QStringLiteral("Update tenant settings"));
}

void TestManagementApiTenant::tenantSettingsRefusalsChangeNothing_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("errorCode");
    QTest::addColumn<QString>("named");

    QTest::newRow("unknown field") << QByteArray(R"({"friendly_name":"X","support_email":"a@b.c"})")
                                   << "invalid_body"
                                   << "support_email";
    QTest::newRow("a flag") << QByteArray(R"({"flags":{"enable_client_connections":false}})")
                            << "operation_not_supported"
                            << "enable_client_connections";
    QTest::newRow("empty name") << QByteArray(R"({"friendly_name":""})") << "invalid_body"
                                << "";
    QTest::newRow("not a string") << QByteArray(R"({"friendly_name":7})") << "invalid_body"
                                  << "friendly_name";
    QTest::newRow("unknown environment") << QByteArray(R"({"environment":"moon"})") << "invalid_body"
                                         << "";
    QTest::newRow("malformed JSON") << QByteArray(R"({"friendly_name")") << ""
                                    << "";
}

void TestManagementApiTenant::tenantSettingsRefusalsChangeNothing()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, errorCode);
    QFETCH(QString, named);
    TenantSettings &settings = f().tenant().settings();
    const TenantSettings::Values before = settings.values();
    QSignalSpy changed(&settings, &TenantSettings::changed);
    const HttpAnswer answer = call("PATCH", QStringLiteral("/api/v2/tenants/settings"), body);
    QCOMPARE(answer.status, 400);
    if (!errorCode.isEmpty()) {
        QCOMPARE(answer.json().value(QLatin1String("errorCode")).toString(), errorCode);
        QVERIFY2(answer.json().value(QLatin1String("message")).toString().contains(named),
                 answer.body.constData());
    }
    QVERIFY(settings.values() == before);
    QCOMPARE(changed.count(), 0);
}

void TestManagementApiTenant::rotatesAClientSecret()
{
    ApplicationService &applications = f().tenant().applications();
    QSignalSpy rotated(&applications, &ApplicationService::clientSecretRotated);
    const HttpAnswer answer
        = call("POST", QStringLiteral("/api/v2/clients/%1/rotate-secret").arg(m_machine.clientId), "{}");
    QCOMPARE(answer.status, 200);
    QCOMPARE(rotated.count(), 1);
    const QString secret = answer.json().value(QLatin1String("client_secret")).toString();
    QCOMPARE(secret.size(), ApplicationService::ClientSecretLength);
    QVERIFY(secret.toLatin1() != m_machine.secret);
    QCOMPARE(answer.json().value(QLatin1String("client_id")).toString(), m_machine.clientId);
    QCOMPARE(answer.header("cache-control"), QByteArray("no-store"));
    // The old secret no longer gets a token; the new one does.
    QCOMPARE(f().clientCredentials(m_machine).status, 401);
    LoginServerFixture::MachineClient renewed {m_machine.clientId, secret.toLatin1()};
    QCOMPARE(f().clientCredentials(renewed).status, 200);
    // Logged as the operation, never with the secret; never shown again.
    LogFilter filter;
    filter.type = QStringLiteral("sapi");
    const LogEvent logged = f().tenant().logs().query(filter).value().constFirst();
    QCOMPARE(logged.description, QStringLiteral("Rotate a client secret"));
    QVERIFY(!QJsonDocument(logged.toJson()).toJson().contains(secret.toLatin1()));
    QVERIFY(!call("GET", QStringLiteral("/api/v2/clients/") + m_machine.clientId)
                 .body.contains(secret.toLatin1()));

    const HttpAnswer spa
        = call("POST", QStringLiteral("/api/v2/clients/%1/rotate-secret").arg(f().clientId()), "{}");
    QCOMPARE(spa.status, 400);
    QCOMPARE(spa.json().value(QLatin1String("errorCode")).toString(),
             QStringLiteral("operation_not_supported"));
    QCOMPARE(call("POST", QStringLiteral("/api/v2/clients/nobody/rotate-secret"), "{}").status, 404);
    QCOMPARE(rotated.count(), 1);
}

void TestManagementApiTenant::scopesAreChecked_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("scope");

    QTest::newRow("logs") << QByteArray("GET") << "/api/v2/logs" << QByteArray() << "read:logs";
    QTest::newRow("one log") << QByteArray("GET") << "/api/v2/logs/x" << QByteArray() << "read:logs";
    QTest::newRow("resource servers")
        << QByteArray("GET") << "/api/v2/resource-servers" << QByteArray() << "read:resource_servers";
    QTest::newRow("create a resource server")
        << QByteArray("POST") << "/api/v2/resource-servers" << QByteArray(R"({"identifier":"x"})")
        << "create:resource_servers";
    QTest::newRow("update a resource server") << QByteArray("PATCH") << "/api/v2/resource-servers/x"
                                              << QByteArray("{}") << "update:resource_servers";
    QTest::newRow("delete a resource server")
        << QByteArray("DELETE") << "/api/v2/resource-servers/x" << QByteArray() << "delete:resource_servers";
    QTest::newRow("tenant settings") << QByteArray("PATCH") << "/api/v2/tenants/settings"
                                     << QByteArray(R"({"friendly_name":"X"})") << "update:tenant_settings";
    QTest::newRow("rotate a secret") << QByteArray("POST") << "/api/v2/clients/{machine}/rotate-secret"
                                     << QByteArray("{}") << "update:client_keys";
}

void TestManagementApiTenant::scopesAreChecked()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, scope);
    QStringList others = ManagementApi::knownScopes();
    QVERIFY(others.removeAll(scope) == 1);
    const QByteArray token = tokenFor(others);
    QVERIFY(!token.isEmpty());
    QSignalSpy rotated(&f().tenant().applications(), &ApplicationService::clientSecretRotated);
    const QString before = f().tenant().settings().friendlyName();
    const HttpAnswer answer
        = call(method, QString(path).replace(QLatin1String("{machine}"), m_machine.clientId), body, token);
    QCOMPARE(answer.status, 403);
    QCOMPARE(answer.json().value(QLatin1String("errorCode")).toString(),
             QStringLiteral("insufficient_scope"));
    QVERIFY(answer.json().value(QLatin1String("message")).toString().endsWith(scope));
    QCOMPARE(f().tenant().settings().friendlyName(), before);
    QCOMPARE(rotated.count(), 0);
}

void TestManagementApiTenant::repliesCarryTheRateLimit()
{
    const qint64 now = f().clock().now().toSecsSinceEpoch();
    const HttpAnswer first = call("GET", QStringLiteral("/api/v2/resource-servers"));
    QCOMPARE(first.header("x-ratelimit-limit"), QByteArray::number(ManagementApi::kRateLimitBurst));
    QCOMPARE(first.header("x-ratelimit-remaining"), QByteArray::number(ManagementApi::kRateLimitBurst - 1));
    QVERIFY(first.header("x-ratelimit-reset").toLongLong() >= now);
    QVERIFY(first.header("x-ratelimit-reset").toLongLong() <= now + 2);
    QVERIFY(first.header("retry-after").isEmpty());
    // Errors too; the time is the tenant's clock, which stands still here.
    const HttpAnswer refused = call("GET", QStringLiteral("/api/v2/connections"));
    QCOMPARE(refused.status, 404);
    QCOMPARE(refused.header("x-ratelimit-remaining"), QByteArray::number(ManagementApi::kRateLimitBurst - 2));
}

void TestManagementApiTenant::tooManyRequestsWaitForTheBucket()
{
    for (int i = 0; i < ManagementApi::kRateLimitBurst; ++i)
        QCOMPARE(call("GET", QStringLiteral("/api/v2/tenants/settings")).status, 200);
    const HttpAnswer limited = call("GET", QStringLiteral("/api/v2/tenants/settings"));
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.json().value(QLatin1String("statusCode")).toInt(), 429);
    QCOMPARE(limited.json().value(QLatin1String("error")).toString(), QStringLiteral("Too Many Requests"));
    QCOMPARE(limited.json().value(QLatin1String("errorCode")).toString(),
             QStringLiteral("too_many_requests"));
    QVERIFY(!limited.json().value(QLatin1String("message")).toString().isEmpty());
    QCOMPARE(limited.header("x-ratelimit-remaining"), QByteArray("0"));
    QCOMPARE(limited.header("retry-after"), QByteArray("1"));
    QVERIFY(limited.header("x-ratelimit-reset").toLongLong() > f().clock().now().toSecsSinceEpoch());
    // Another client has its own bucket.
    LoginServerFixture::MachineClient other = f().addMachineClient(QStringLiteral("Other"));
    QVERIFY(f().tenant().clientGrants().create(
        other.clientId, f().managementAudience(), {QStringLiteral("read:tenant_settings")}));
    const HttpAnswer otherToken = f().clientCredentials(other);
    QCOMPARE(call("GET",
                  QStringLiteral("/api/v2/tenants/settings"),
                  {},
                  "Bearer " + otherToken.json().value(QLatin1String("access_token")).toString().toLatin1())
                 .status,
             200);
    // A second later the bucket holds kRateLimitPerSecond requests again.
    f().clock().advanceSecs(1);
    for (int i = 0; i < ManagementApi::kRateLimitPerSecond; ++i)
        QCOMPARE(call("GET", QStringLiteral("/api/v2/tenants/settings")).status, 200);
    QCOMPARE(call("GET", QStringLiteral("/api/v2/tenants/settings")).status, 429);
}

QTEST_MAIN(TestManagementApiTenant)
#include "TestManagementApiTenant.moc"
