// Test connection to a PostgreSQL tenant: what libpq's refusals mean, and what a real server reports for an
// unreachable port, a missing database, an empty database, a foreign one and a tenant.

#include "core/store/Database.h"
#include "core/store/PostgresProbe.h"
#include "tests/support/RawSql.h"
#include "tests/support/ScratchPostgres.h"
#include "tests/support/StoreEngine.h"

#include <QTcpServer>
#include <QTest>
#include <QUrl>

Q_DECLARE_METATYPE(PostgresProbe::Outcome)

class TestPostgresProbe final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classifies_data();
    void classifies();
    void refusesABadAddress();
    void reportsAClosedPort();
    void reportsAMissingDatabase();
    void reportsWhatTheDatabaseHolds();
};

void TestPostgresProbe::classifies_data()
{
    QTest::addColumn<QString>("reason");
    QTest::addColumn<PostgresProbe::Outcome>("outcome");
    QTest::newRow("no password") << QStringLiteral("fe_sendauth: no password supplied")
                                 << PostgresProbe::Outcome::PasswordNeeded;
    QTest::newRow("wrong password") << QStringLiteral(
        "FATAL:  password authentication failed for user \"ada\"")
                                    << PostgresProbe::Outcome::AuthFailed;
    QTest::newRow("unknown role") << QStringLiteral("FATAL:  role \"ada\" does not exist")
                                  << PostgresProbe::Outcome::AuthFailed;
    QTest::newRow("missing database") << QStringLiteral("FATAL:  database \"team\" does not exist")
                                      << PostgresProbe::Outcome::DatabaseMissing;
    QTest::newRow("refused") << QStringLiteral(
        "connection to server at \"127.0.0.1\", port 1 failed: Connection refused")
                             << PostgresProbe::Outcome::Unreachable;
    QTest::newRow("unknown host") << QStringLiteral("could not translate host name \"nowhere\" to address")
                                  << PostgresProbe::Outcome::Unreachable;
    QTest::newRow("timeout") << QStringLiteral("timeout expired") << PostgresProbe::Outcome::Unreachable;
    QTest::newRow("other") << QStringLiteral("SSL error: certificate verify failed")
                           << PostgresProbe::Outcome::Failed;
}

void TestPostgresProbe::classifies()
{
    QFETCH(QString, reason);
    QFETCH(PostgresProbe::Outcome, outcome);
    QCOMPARE(PostgresProbe::classify(reason), outcome);
}

void TestPostgresProbe::refusesABadAddress()
{
    const PostgresProbe::Report report
        = PostgresProbe::run(QStringLiteral("postgresql://db.example.com/team"));
    QCOMPARE(report.outcome, PostgresProbe::Outcome::Invalid);
    QVERIFY2(report.message.contains(QLatin1String("no user")), qPrintable(report.message));
}

void TestPostgresProbe::reportsAClosedPort()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    const quint16 port = server.serverPort();
    server.close();
    const PostgresProbe::Report report = PostgresProbe::run(
        QStringLiteral("postgresql://ada@127.0.0.1:%1/team").arg(port), QStringLiteral("s3cret-Password"));
    if (report.outcome == PostgresProbe::Outcome::Failed && report.message.contains(QLatin1String("QPSQL")))
        QSKIP(qPrintable(report.message));
    QCOMPARE(report.outcome, PostgresProbe::Outcome::Unreachable);
    QVERIFY2(report.message.contains(QStringLiteral("127.0.0.1:%1").arg(port)), qPrintable(report.message));
    QVERIFY(!report.message.contains(QLatin1String("s3cret")));
}

void TestPostgresProbe::reportsAMissingDatabase()
{
    if (const QString why = StoreEngine::unavailable(StoreEngine::postgres()); !why.isEmpty())
        QSKIP(qPrintable(why));
    QUrl url(StoreEngine::serverUrl());
    url.setPath(QStringLiteral("/authdeck_probe_missing"));
    const PostgresProbe::Report report = PostgresProbe::run(url.toString());
    QCOMPARE(report.outcome, PostgresProbe::Outcome::DatabaseMissing);
    QVERIFY2(report.message.contains(QLatin1String("authdeck_probe_missing")), qPrintable(report.message));
}

void TestPostgresProbe::reportsWhatTheDatabaseHolds()
{
    if (const QString why = StoreEngine::unavailable(StoreEngine::postgres()); !why.isEmpty())
        QSKIP(qPrintable(why));
    ScratchPostgres scratch;
    QVERIFY2(scratch.isValid(), qPrintable(scratch.error()));
    QCOMPARE(PostgresProbe::run(scratch.url()).outcome, PostgresProbe::Outcome::Empty);

    {
        auto database = Database::open(scratch.url());
        QVERIFY2(database, qPrintable(database ? QString() : database.error().message()));
    }
    const PostgresProbe::Report tenant = PostgresProbe::run(scratch.url());
    QCOMPARE(tenant.outcome, PostgresProbe::Outcome::Tenant);
    QCOMPARE(tenant.schemaVersion, Database::latestVersion());

    ScratchPostgres foreign;
    QVERIFY2(foreign.isValid(), qPrintable(foreign.error()));
    {
        auto database = Database::open(foreign.url());
        QVERIFY(database);
        const QString dropped
            = RawSql::run(*database.value(), {QStringLiteral("DROP TABLE schema_migrations")});
        QVERIFY2(dropped.isEmpty(), qPrintable(dropped));
    }
    QCOMPARE(PostgresProbe::run(foreign.url()).outcome, PostgresProbe::Outcome::NotTenant);
}

QTEST_GUILESS_MAIN(TestPostgresProbe)
#include "TestPostgresProbe.moc"
