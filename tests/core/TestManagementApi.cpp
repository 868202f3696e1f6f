// The Management API over real HTTP: tokens from client_credentials need a client grant and carry only its
// scopes; each endpoint checks its scope; writes are the same writes as the app's (same service, sapi log);
// errors are Auth0's body; what Authdeck does not hold answers 404 naming it (a 5xx would be retried by
// Auth0's SDKs for minutes).

#include "LoginServerFixture.h"
#include "core/applications/ApplicationService.h"
#include "core/applications/ClientGrantService.h"
#include "core/login/UserStore.h"
#include "core/logs/LogStore.h"
#include "core/secrets/SecretJob.h"
#include "tests/support/StoreEngine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

class TestManagementApi : public QObject
{
    Q_OBJECT

private:
    LoginServerFixture *m_fixture = nullptr;
    LoginServerFixture::MachineClient m_machine;
    QString m_machineId; ///< m_machine.clientId
    LoginServerFixture &f() { return *m_fixture; }
    QString audience() const { return m_fixture->managementAudience(); }
    /// A client_credentials exchange for the Management API.
    HttpAnswer tokenFor(const QString &scope = {});
    QByteArray bearer(const QString &scope = {});

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();
    void tokensNeedAClientGrant();
    void listsClientsWithPaging();
    void usersAndLogsPageAsAuth0_data();
    void usersAndLogsPageAsAuth0();
    void pagingRefusals_data();
    void pagingRefusals();
    void scopesAreChecked_data();
    void scopesAreChecked();
    void createIsTheAppsOwnWrite();
    void badFieldsChangeNothing();
    void unknownResourcesAnswer404();
};

void TestManagementApi::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestManagementApi::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_fixture = new LoginServerFixture;
    QVERIFY(f().start());
    m_machine = f().addMachineClient();
    QVERIFY(!m_machine.clientId.isEmpty());
    m_machineId = m_machine.clientId;
}

void TestManagementApi::cleanup()
{
    delete m_fixture;
    m_fixture = nullptr;
}

HttpAnswer TestManagementApi::tokenFor(const QString &scope)
{
    return f().clientCredentials(m_machine, scope);
}

QByteArray TestManagementApi::bearer(const QString &scope)
{
    const HttpAnswer answer = tokenFor(scope);
    if (answer.status != 200)
        qWarning("no token: %s", answer.body.constData());
    return "Bearer " + answer.json().value(QLatin1String("access_token")).toString().toLatin1();
}

void TestManagementApi::tokensNeedAClientGrant()
{
    const HttpAnswer refused = tokenFor();
    QCOMPARE(refused.status, 403);
    QVERIFY(refused.json()
                .value(QLatin1String("error_description"))
                .toString()
                .contains(QLatin1String("client-grant")));
    QVERIFY(f().tenant().clientGrants().create(m_machineId, audience(), {QStringLiteral("read:clients")}));
    QCOMPARE(tokenFor().status, 200);
    QCOMPARE(tokenFor(QStringLiteral("read:clients")).status, 200);
    const HttpAnswer tooMuch = tokenFor(QStringLiteral("read:clients delete:clients"));
    QCOMPARE(tooMuch.status, 403);
    QVERIFY(tooMuch.json()
                .value(QLatin1String("error_description"))
                .toString()
                .contains(QLatin1String("delete:clients")));
}

void TestManagementApi::listsClientsWithPaging()
{
    QVERIFY(f().tenant().clientGrants().create(m_machineId, audience(), {QStringLiteral("read:clients")}));
    const QByteArray token = bearer();
    const HttpAnswer all
        = f().get(QStringLiteral("/api/v2/clients?include_totals=true"), {{"Authorization", token}});
    QCOMPARE(all.status, 200);
    QCOMPARE(all.json().value(QLatin1String("total")).toInt(), 2);
    const QJsonArray clients = all.json().value(QLatin1String("clients")).toArray();
    QCOMPARE(clients.size(), 2);
    QStringList types;
    for (const QJsonValue &client : clients)
        types.append(client.toObject().value(QLatin1String("app_type")).toString());
    types.sort();
    QCOMPARE(types, (QStringList {QStringLiteral("non_interactive"), QStringLiteral("spa")}));
    const HttpAnswer second
        = f().get(QStringLiteral("/api/v2/clients?page=1&per_page=1"), {{"Authorization", token}});
    QCOMPARE(second.status, 200);
    QCOMPARE(QJsonDocument::fromJson(second.body).array().size(), 1);
    const HttpAnswer one
        = f().get(QStringLiteral("/api/v2/clients/") + f().clientId(), {{"Authorization", token}});
    QCOMPARE(one.json().value(QLatin1String("callbacks")).toArray().first().toString(),
             QStringLiteral("http://localhost:3000"));
    QCOMPARE(f().get(QStringLiteral("/api/v2/clients/nobody"), {{"Authorization", token}}).status, 404);
}

void TestManagementApi::usersAndLogsPageAsAuth0_data()
{
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("scope");
    QTest::addColumn<int>("stored");

    QTest::newRow("users") << "users"
                           << "read:users" << 5;
    QTest::newRow("logs") << "logs"
                          << "read:logs" << 5;
}

void TestManagementApi::usersAndLogsPageAsAuth0()
{
    // What the Node SDK asks by default (page, per_page, include_totals=true) and reads back.
    QFETCH(QString, resource);
    QFETCH(QString, scope);
    QFETCH(int, stored);
    for (int i = 0; i < 4; ++i) // the fixture's user, and four more (each also a log event)
        QVERIFY(f().tenant().users().create(QStringLiteral("user%1@example.com").arg(i),
                                            QStringLiteral("correct horse battery staple")));
    QVERIFY(f().tenant().clientGrants().create(m_machineId, audience(), {scope}));
    const QByteArray token = bearer(scope);
    const auto list = [&](const QString &query) {
        return f().get(QStringLiteral("/api/v2/%1?%2").arg(resource, query), {{"Authorization", token}});
    };
    const HttpAnswer wrapped = list(QStringLiteral("page=1&per_page=2&include_totals=true"));
    QCOMPARE(wrapped.status, 200);
    const QJsonObject page = wrapped.json();
    QCOMPARE(page.value(QLatin1String("start")).toInt(), 2);
    QCOMPARE(page.value(QLatin1String("limit")).toInt(), 2);
    QCOMPARE(page.value(QLatin1String("length")).toInt(), 2);
    QVERIFY(page.value(QLatin1String("total")).toInt() >= stored);
    QCOMPARE(page.value(resource).toArray().size(), 2);

    const HttpAnswer bare = list(QStringLiteral("page=0&per_page=3"));
    QCOMPARE(bare.status, 200);
    QVERIFY(QJsonDocument::fromJson(bare.body).isArray());
    QCOMPARE(QJsonDocument::fromJson(bare.body).array().size(), 3);
    const HttpAnswer past = list(QStringLiteral("page=40&per_page=50&include_totals=true"));
    QCOMPARE(past.json().value(resource).toArray().size(), 0);
}

void TestManagementApi::pagingRefusals_data()
{
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("scope");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("parameter");

    const QList<QPair<QString, QString>> lists {
        {QStringLiteral("clients"), QStringLiteral("read:clients")},
        {QStringLiteral("users"), QStringLiteral("read:users")},
        {QStringLiteral("logs"), QStringLiteral("read:logs")},
        {QStringLiteral("actions/actions"), QStringLiteral("read:actions")}};
    for (const auto &list : lists) {
        const QString &resource = list.first;
        const QString &scope = list.second;
        const auto row = [&](const char *name, const char *query, const char *parameter) {
            QTest::addRow("%s: %s", qPrintable(resource), name)
                << resource << scope << QString::fromLatin1(query) << QString::fromLatin1(parameter);
        };
        row("per_page 0", "per_page=0", "per_page");
        row("per_page 101", "per_page=101", "per_page");
        row("per_page not a number", "per_page=ten", "per_page");
        row("page -1", "page=-1", "page");
        row("page past the last index", "page=99999999&per_page=100", "page");
    }
}

void TestManagementApi::pagingRefusals()
{
    // As Auth0 answers: 400 invalid_query_string naming the parameter, never a silently clamped page.
    QFETCH(QString, resource);
    QFETCH(QString, scope);
    QFETCH(QString, query);
    QFETCH(QString, parameter);
    QVERIFY(f().tenant().clientGrants().create(m_machineId, audience(), {scope}));
    const HttpAnswer answer
        = f().get(QStringLiteral("/api/v2/%1?%2").arg(resource, query), {{"Authorization", bearer(scope)}});
    QCOMPARE(answer.status, 400);
    QCOMPARE(answer.json().value(QLatin1String("errorCode")).toString(),
             QStringLiteral("invalid_query_string"));
    QVERIFY2(answer.json().value(QLatin1String("message")).toString().contains(QLatin1Char('\'') + parameter),
             answer.body.constData());
    // In range, the same list answers.
    QCOMPARE(f().get(QStringLiteral("/api/v2/%1?page=0&per_page=100").arg(resource),
                     {{"Authorization", bearer(scope)}})
                 .status,
             200);
}

void TestManagementApi::scopesAreChecked_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("missing");

    QTest::newRow("create a client") << QByteArray("POST") << "/api/v2/clients"
                                     << QByteArray("{\"name\":\"X\"}") << "create:clients";
    QTest::newRow("delete a client") << QByteArray("DELETE") << "/api/v2/clients/%1" << QByteArray()
                                     << "delete:clients";
    QTest::newRow("read users") << QByteArray("GET") << "/api/v2/users" << QByteArray() << "read:users";
    QTest::newRow("read logs") << QByteArray("GET") << "/api/v2/logs" << QByteArray() << "read:logs";
}

void TestManagementApi::scopesAreChecked()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, missing);
    QVERIFY(f().tenant().clientGrants().create(m_machineId, audience(), {QStringLiteral("read:clients")}));
    QList<QPair<QByteArray, QByteArray>> headers {{"Authorization", bearer()},
                                                  {"Content-Type", "application/json"}};
    const HttpAnswer answer = f().send(
        method, path.contains(QLatin1String("%1")) ? path.arg(f().clientId()) : path, body, headers);
    QCOMPARE(answer.status, 403);
    QCOMPARE(answer.json().value(QLatin1String("errorCode")).toString(),
             QStringLiteral("insufficient_scope"));
    QVERIFY(answer.json().value(QLatin1String("message")).toString().contains(missing));
    QCOMPARE(answer.json().value(QLatin1String("statusCode")).toInt(), 403);
    // Nothing was written.
    QCOMPARE(f().tenant().applications().count().value(), 2);
    QCOMPARE(f().get(path.contains(QLatin1String("%1")) ? path.arg(f().clientId()) : path).status,
             401); // no token
}

void TestManagementApi::createIsTheAppsOwnWrite()
{
    QVERIFY(f().tenant().clientGrants().create(
        m_machineId, audience(), {QStringLiteral("create:clients"), QStringLiteral("read:clients")}));
    QSignalSpy created(&f().tenant().applications(), &ApplicationService::applicationCreated);
    const HttpAnswer answer = f().post(
        QStringLiteral("/api/v2/clients"),
        "{\"name\":\"Shop admin\",\"app_type\":\"spa\",\"callbacks\":[\"https://admin.shop.test/cb\"]}",
        "application/json",
        {{"Authorization", bearer()}});
    QCOMPARE(answer.status, 201);
    const QString clientId = answer.json().value(QLatin1String("client_id")).toString();
    QCOMPARE(created.count(), 1); // the signal the app's pages follow
    auto stored = f().tenant().applications().find(clientId);
    QVERIFY(stored);
    QCOMPARE(stored.value().callbacks, QStringList {QStringLiteral("https://admin.shop.test/cb")});
    auto events = f().tenant().logs().query({});
    QVERIFY(events);
    QVERIFY(std::any_of(events.value().cbegin(), events.value().cend(), [](const LogEvent &event) {
        return event.type == QLatin1String("sapi");
    }));
}

void TestManagementApi::badFieldsChangeNothing()
{
    QVERIFY(f().tenant().clientGrants().create(
        m_machineId, audience(), {QStringLiteral("create:clients"), QStringLiteral("update:clients")}));
    const QByteArray token = bearer();
    const HttpAnswer wrongType = f().send("PATCH",
                                          QStringLiteral("/api/v2/clients/") + f().clientId(),
                                          "{\"callbacks\":\"http://x\"}",
                                          {{"Authorization", token}, {"Content-Type", "application/json"}});
    QCOMPARE(wrongType.status, 400);
    QVERIFY(wrongType.json().value(QLatin1String("message")).toString().contains(QLatin1String("callbacks")));
    const HttpAnswer badUrl = f().send("PATCH",
                                       QStringLiteral("/api/v2/clients/") + f().clientId(),
                                       "{\"callbacks\":[\"https://*.com\"]}",
                                       {{"Authorization", token}, {"Content-Type", "application/json"}});
    QCOMPARE(badUrl.status, 400);
    QCOMPARE(f().tenant().applications().find(f().clientId()).value().callbacks,
             QStringList {QStringLiteral("http://localhost:3000")});
    const HttpAnswer noName = f().post(QStringLiteral("/api/v2/clients"),
                                       "{\"app_type\":\"spa\"}",
                                       "application/json",
                                       {{"Authorization", token}});
    QCOMPARE(noName.status, 400);
    QCOMPARE(f().tenant().applications().count().value(), 2);
}

void TestManagementApi::unknownResourcesAnswer404()
{
    QVERIFY(f().tenant().clientGrants().create(m_machineId, audience(), {QStringLiteral("read:clients")}));
    const HttpAnswer answer = f().get(QStringLiteral("/api/v2/connections"), {{"Authorization", bearer()}});
    QCOMPARE(answer.status, 404);
    QCOMPARE(answer.json().value(QLatin1String("errorCode")).toString(), QStringLiteral("not_supported"));
    QVERIFY(answer.json().value(QLatin1String("message")).toString().contains(QLatin1String("connections")));
}

QTEST_MAIN(TestManagementApi)
#include "TestManagementApi.moc"
