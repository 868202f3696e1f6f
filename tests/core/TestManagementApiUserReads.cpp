// The Management API's user reads over real HTTP, as the Node SDK and deploy-cli page through them: the list
// one page at a time (page, per_page, include_totals), q on the email (exact or a part, any case; anything
// else a 400), and one user by id (Auth0's 404 for none).

#include "LoginServerFixture.h"
#include "ManagementApiCalls.h"
#include "core/login/UserStore.h"
#include "core/server/ManagementApi.h"
#include "tests/support/StoreEngine.h"

#include <QJsonArray>
#include <QTest>
#include <QUrl>

#include <memory>

class TestManagementApiUserReads : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<LoginServerFixture> m_fixture;
    std::unique_ptr<ManagementApiCalls> m_api;
    LoginServerFixture &f() { return *m_fixture; }
    UserStore &users() { return f().tenant().users(); }
    /// GET /api/v2/@p pathAndQuery with a token allowed every scope.
    HttpAnswer get(const QString &pathAndQuery)
    {
        return m_api->call("GET", pathAndQuery, {}, ManagementApi::knownScopes());
    }
    QString idOf(const QString &email)
    {
        auto found = users().findByEmail(email);
        return found && found.value() ? found.value()->id : QString();
    }

private Q_SLOTS:
    void initTestCase_data() { StoreEngine::addGlobalRows(); }
    void init();
    void cleanup();
    void listsPageByPage();
    void searchesByEmail_data();
    void searchesByEmail();
    void getsOneUser();
};

void TestManagementApiUserReads::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_fixture = std::make_unique<LoginServerFixture>();
    QVERIFY(f().start());
    m_api = std::make_unique<ManagementApiCalls>(f());
    QVERIFY(m_api->valid());
}

void TestManagementApiUserReads::cleanup()
{
    m_api.reset();
    m_fixture.reset();
}

void TestManagementApiUserReads::listsPageByPage()
{
    for (int i = 0; i < 6; ++i)
        QVERIFY(
            users().create(QStringLiteral("user%1@example.com").arg(i), QString::fromLatin1(f().Password)));
    // Seven users (the fixture's ada@ first by email), three a page: every one once, in the email order.
    QStringList seen;
    for (int page = 0; page < 3; ++page) {
        const HttpAnswer answer
            = get(QStringLiteral("users?page=%1&per_page=3&include_totals=true").arg(page));
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.json().value(QLatin1String("total")).toInt(), 7);
        QCOMPARE(answer.json().value(QLatin1String("start")).toInt(), page * 3);
        const QJsonArray list = answer.json().value(QLatin1String("users")).toArray();
        QCOMPARE(list.size(), page < 2 ? 3 : 1);
        QCOMPARE(answer.json().value(QLatin1String("length")).toInt(), list.size());
        for (const QJsonValue &user : list)
            seen.append(user.toObject().value(QLatin1String("email")).toString());
    }
    QStringList expected {QString::fromLatin1(f().Email)};
    for (int i = 0; i < 6; ++i)
        expected.append(QStringLiteral("user%1@example.com").arg(i));
    QCOMPARE(seen, expected);
    // As Auth0's user search: the first 1,000 only; past them a page is empty.
    const HttpAnswer past = get(QStringLiteral("users?page=10&per_page=100&include_totals=true"));
    QCOMPARE(past.status, 200);
    QCOMPARE(past.json().value(QLatin1String("users")).toArray().size(), 0);
    QCOMPARE(past.json().value(QLatin1String("total")).toInt(), 7);
}

void TestManagementApiUserReads::searchesByEmail_data()
{
    QTest::addColumn<QString>("q");
    QTest::addColumn<int>("status");
    QTest::addColumn<QStringList>("emails");

    const QString ada = QStringLiteral("ada@example.com");
    const QString bada = QStringLiteral("bada@example.com");
    QTest::newRow("quoted, exact") << "email:\"ada@example.com\"" << 200 << QStringList {ada};
    QTest::newRow("unquoted, exact") << "email:ada@example.com" << 200 << QStringList {ada};
    QTest::newRow("any case") << "email:\"ADA@Example.com\"" << 200 << QStringList {ada};
    QTest::newRow("no such email") << "email:\"eve@example.com\"" << 200 << QStringList {};
    QTest::newRow("a part, with wildcards") << "email:*ada@*" << 200 << QStringList {ada, bada};
    QTest::newRow("no q: everyone") << "" << 200 << QStringList {ada, bada, QStringLiteral("eve@other.test")};
    QTest::newRow("another field") << "name:ada" << 400 << QStringList {};
    QTest::newRow("a Lucene query") << "email:ada@example.com OR email:eve@other.test" << 400
                                    << QStringList {};
}

void TestManagementApiUserReads::searchesByEmail()
{
    QFETCH(QString, q);
    QFETCH(int, status);
    QFETCH(QStringList, emails);
    QVERIFY(users().create(QStringLiteral("bada@example.com"), QString::fromLatin1(f().Password)));
    QVERIFY(users().create(QStringLiteral("eve@other.test"), QString::fromLatin1(f().Password)));
    const HttpAnswer answer = get(QStringLiteral("users?include_totals=true&q=")
                                  + QString::fromLatin1(QUrl::toPercentEncoding(q)));
    QCOMPARE(answer.status, status);
    if (status != 200) {
        QCOMPARE(answer.json().value(QLatin1String("errorCode")).toString(),
                 QStringLiteral("invalid_query_string"));
        return;
    }
    QStringList found;
    for (const QJsonValue &user : answer.json().value(QLatin1String("users")).toArray())
        found.append(user.toObject().value(QLatin1String("email")).toString());
    QCOMPARE(found, emails);
    QCOMPARE(answer.json().value(QLatin1String("total")).toInt(), emails.size());
}

void TestManagementApiUserReads::getsOneUser()
{
    const QString id = idOf(QString::fromLatin1(f().Email));
    const HttpAnswer answer
        = get(QStringLiteral("users/") + QString::fromLatin1(QUrl::toPercentEncoding(id)));
    QCOMPARE(answer.status, 200);
    const QJsonObject user = answer.json();
    QCOMPARE(user.value(QLatin1String("user_id")).toString(), id);
    QCOMPARE(user.value(QLatin1String("email")).toString(), QString::fromLatin1(f().Email));
    QCOMPARE(user.value(QLatin1String("blocked")).toBool(), false);
    const QJsonObject identity = user.value(QLatin1String("identities")).toArray().first().toObject();
    QCOMPARE(identity.value(QLatin1String("connection")).toString(),
             QStringLiteral("Username-Password-Authentication"));
    QCOMPARE(QStringLiteral("auth0|") + identity.value(QLatin1String("user_id")).toString(), id);
    const HttpAnswer absent = get(QStringLiteral("users/auth0%7C000000000000000000000000"));
    QCOMPARE(absent.status, 404);
    QCOMPARE(absent.json(),
             (QJsonObject {{QStringLiteral("statusCode"), 404},
                           {QStringLiteral("error"), QStringLiteral("Not Found")},
                           {QStringLiteral("message"), QStringLiteral("The user does not exist.")},
                           {QStringLiteral("errorCode"), QStringLiteral("inexistent_user")}}));
}

QTEST_GUILESS_MAIN(TestManagementApiUserReads)
#include "TestManagementApiUserReads.moc"
