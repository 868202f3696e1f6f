// A postgresql:// URL: what it names, the connect options its query gives, and the clear refusal of a
// URL that cannot be used.

#include "core/store/PostgresAddress.h"
#include "tests/support/ResultText.h"

#include <QTest>

class TestPostgresAddress final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void isUrl_data();
    void isUrl();
    void parses_data();
    void parses();
    void refuses_data();
    void refuses();
};

void TestPostgresAddress::isUrl_data()
{
    QTest::addColumn<QString>("location");
    QTest::addColumn<bool>("url");
    QTest::newRow("postgresql") << QStringLiteral("postgresql://ada@db/tenant") << true;
    QTest::newRow("postgres") << QStringLiteral("postgres://ada@db/tenant") << true;
    QTest::newRow("any case") << QStringLiteral("PostgreSQL://ada@db/tenant") << true;
    QTest::newRow("file") << QStringLiteral("/home/ada/tenant.authdeck") << false;
    QTest::newRow("relative file") << QStringLiteral("postgresql/tenant.authdeck") << false;
    QTest::newRow("memory") << QStringLiteral(":memory:") << false;
}

void TestPostgresAddress::isUrl()
{
    QFETCH(QString, location);
    QFETCH(bool, url);
    QCOMPARE(PostgresAddress::isUrl(location), url);
}

void TestPostgresAddress::parses_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("options");
    QTest::addColumn<QString>("shown");
    QTest::newRow("default port") << QStringLiteral("postgresql://ada@db.example.com/team")
                                  << QStringLiteral("db.example.com") << 5432 << QStringLiteral("ada")
                                  << QStringLiteral("team") << QString()
                                  << QStringLiteral("postgresql://ada@db.example.com:5432/team");
    QTest::newRow("postgres scheme, port")
        << QStringLiteral("postgres://ada@127.0.0.1:6543/team") << QStringLiteral("127.0.0.1") << 6543
        << QStringLiteral("ada") << QStringLiteral("team") << QString()
        << QStringLiteral("postgresql://ada@127.0.0.1:6543/team");
    QTest::newRow("sslmode and timeout")
        << QStringLiteral("postgresql://ada@db:5432/team?sslmode=verify-full&connect_timeout=5")
        << QStringLiteral("db") << 5432 << QStringLiteral("ada") << QStringLiteral("team")
        << QStringLiteral("sslmode=verify-full;connect_timeout=5")
        << QStringLiteral("postgresql://ada@db:5432/team?sslmode=verify-full&connect_timeout=5");
    QTest::newRow("encoded user") << QStringLiteral("postgresql://ada%40team@db/team") << QStringLiteral("db")
                                  << 5432 << QStringLiteral("ada@team") << QStringLiteral("team") << QString()
                                  << QStringLiteral("postgresql://ada%40team@db:5432/team");
}

void TestPostgresAddress::parses()
{
    QFETCH(QString, url);
    const auto address = PostgresAddress::parse(url);
    QVERIFY2(address, errorBytes(address));
    QTEST(address.value().host(), "host");
    QTEST(address.value().port(), "port");
    QTEST(address.value().user(), "user");
    QTEST(address.value().databaseName(), "database");
    QTEST(address.value().connectOptions(), "options");
    QTEST(address.value().url(), "shown");
}

void TestPostgresAddress::refuses_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("reason");
    QTest::newRow("not a URL") << QStringLiteral("/tmp/tenant.authdeck")
                               << QStringLiteral("must start with postgresql://");
    QTest::newRow("password") << QStringLiteral("postgresql://ada:secret@db/team")
                              << QStringLiteral("put it in ~/.pgpass or PGPASSWORD");
    QTest::newRow("no host") << QStringLiteral("postgresql://ada@/team") << QStringLiteral("names no host");
    QTest::newRow("no user") << QStringLiteral("postgresql://db/team") << QStringLiteral("names no user");
    QTest::newRow("no database") << QStringLiteral("postgresql://ada@db")
                                 << QStringLiteral("name one database");
    QTest::newRow("path") << QStringLiteral("postgresql://ada@db/team/more")
                          << QStringLiteral("name one database");
    QTest::newRow("bad port") << QStringLiteral("postgresql://ada@db:99999/team") << QStringLiteral("port");
    QTest::newRow("bad sslmode") << QStringLiteral("postgresql://ada@db/team?sslmode=always")
                                 << QStringLiteral("sslmode must be one of");
    QTest::newRow("bad timeout") << QStringLiteral("postgresql://ada@db/team?connect_timeout=soon")
                                 << QStringLiteral("connect_timeout must be a number");
    QTest::newRow("password parameter") << QStringLiteral("postgresql://ada@db/team?password=secret")
                                        << QStringLiteral("\"password\" is not known");
    QTest::newRow("option injection")
        << QStringLiteral("postgresql://ada@db/team?application_name=a%20password%3Dx")
        << QStringLiteral("may not hold spaces");
    QTest::newRow("fragment") << QStringLiteral("postgresql://ada@db/team#x") << QStringLiteral("fragment");
}

void TestPostgresAddress::refuses()
{
    QFETCH(QString, url);
    QFETCH(QString, reason);
    const auto address = PostgresAddress::parse(url);
    QVERIFY(!address);
    QCOMPARE(address.error().kind(), Error::Kind::Invalid);
    const QString message = address.error().message();
    QVERIFY2(message.contains(reason), qPrintable(message));
    QVERIFY2(message.contains(url.section(QLatin1Char('?'), 0, 0).remove(QStringLiteral(":secret"))),
             qPrintable(message));
    QVERIFY2(!message.contains(QStringLiteral("secret")), qPrintable(message));
}

QTEST_GUILESS_MAIN(TestPostgresAddress)
#include "TestPostgresAddress.moc"
