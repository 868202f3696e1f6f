// The migrations: numbered in order, loaded from a folder, split into statements, each applied in one
// transaction (a failure rolls back), and what they do to existing data.

#include "MigrationTestHelpers.h"
#include "tests/support/ResultText.h"
#include "tests/support/ScratchPostgres.h"
#include "tests/support/StoreEngine.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <unistd.h>

using namespace MigrationTest;

class TestMigrations final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void builtinMigrationsAreNumberedInOrder();
    void loadReadsAFolderInOrder();
    void loadRefusesABrokenFolder_data();
    void loadRefusesABrokenFolder();
    void phoneNumbersAreMaskedByMigration11();
    void splitStatements_data();
    void splitStatements();
    void upgradeKeepsData_data();
    void upgradeKeepsData();
    void failedMigrationRollsBack_data();
    void failedMigrationRollsBack();

private:
    QString path() const { return m_dir->filePath(QStringLiteral("tenant.authdeck")); }
    /// Where this test's database is on @p engine: path(), or a new scratch PostgreSQL database ('' when
    /// it could not be made).
    QString location(const QString &engine);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ScratchPostgres> m_postgres;
};

QString TestMigrations::location(const QString &engine)
{
    if (engine != StoreEngine::postgres())
        return path();
    m_postgres = std::make_unique<ScratchPostgres>();
    if (!m_postgres->isValid())
        qWarning("%s", qPrintable(m_postgres->error()));
    return m_postgres->url();
}

void TestMigrations::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestMigrations::cleanup()
{
    m_postgres.reset();
    m_dir.reset();
}

void TestMigrations::builtinMigrationsAreNumberedInOrder()
{
    QVERIFY2(Migration::builtin(), errorBytes(Migration::builtin()));
    const QList<Migration> migrations = builtin();
    QVERIFY(migrations.size() >= 2);
    for (int i = 0; i < migrations.size(); ++i) {
        QCOMPARE(migrations.at(i).version, i + 1);
        QVERIFY2(!migrations.at(i).name.isEmpty(), qPrintable(QString::number(i + 1)));
        QVERIFY2(!migrations.at(i).statements.isEmpty(), qPrintable(migrations.at(i).name));
    }
    QCOMPARE(migrations.at(0).name, QStringLiteral("tenant_settings"));
    QCOMPARE(migrations.at(1).name, QStringLiteral("applications"));
    QCOMPARE(Database::latestVersion(), migrations.constLast().version);
    QCOMPARE(Database::latestVersion({}), 0);
}

void TestMigrations::loadReadsAFolderInOrder()
{
    QVERIFY(writeFile(m_dir->filePath(QStringLiteral("0002_second.sql")), "CREATE TABLE b (x INTEGER);\n"));
    QVERIFY(writeFile(m_dir->filePath(QStringLiteral("0001_first.sql")),
                      "-- the first\nCREATE TABLE a (x INTEGER);\nCREATE INDEX a_x ON a (x);\n"));
    const auto loaded = Migration::load(m_dir->path());
    QVERIFY2(loaded, errorBytes(loaded));
    QCOMPARE(versionsOf(loaded.value()), (QList<int> {1, 2}));
    QCOMPARE(loaded.value().at(0).name, QStringLiteral("first"));
    QCOMPARE(loaded.value().at(0).statements.size(), 2);
    QCOMPARE(loaded.value().at(1).name, QStringLiteral("second"));
}

void TestMigrations::loadRefusesABrokenFolder_data()
{
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<QString>("unreadable");
    QTest::addColumn<QString>("reason");

    const QString first = QStringLiteral("0001_first.sql");
    QTest::newRow("misnamed file") << QStringList {first, QStringLiteral("0002-second.sql")} << QString()
                                   << QStringLiteral("0002-second.sql is not named NNNN_name.sql");
    QTest::newRow("version of 3 digits") << QStringList {first, QStringLiteral("002_second.sql")} << QString()
                                         << QStringLiteral("002_second.sql is not named NNNN_name.sql");
    QTest::newRow("not .sql") << QStringList {first, QStringLiteral("0002_second.sql.orig")} << QString()
                              << QStringLiteral("0002_second.sql.orig is not named");
    QTest::newRow("duplicate version")
        << QStringList {first, QStringLiteral("0002_a.sql"), QStringLiteral("0002_b.sql")} << QString()
        << QStringLiteral("Two migration files have the version 2: 0002_a.sql and 0002_b.sql");
    QTest::newRow("missing version") << QStringList {first, QStringLiteral("0003_third.sql")} << QString()
                                     << QStringLiteral("version 2 is missing");
    QTest::newRow("missing first") << QStringList {QStringLiteral("0002_second.sql")} << QString()
                                   << QStringLiteral("version 1 is missing");
    QTest::newRow("unreadable file") << QStringList {first, QStringLiteral("0002_second.sql")}
                                     << QStringLiteral("0002_second.sql")
                                     << QStringLiteral("0002_second.sql cannot be read");
    QTest::newRow("folder missing") << QStringList {} << QString() << QStringLiteral("does not exist");
}

void TestMigrations::loadRefusesABrokenFolder()
{
    QFETCH(QStringList, files);
    QFETCH(QString, unreadable);
    QFETCH(QString, reason);

    if (!unreadable.isEmpty() && geteuid() == 0)
        QSKIP("Running as root: root reads a file whatever its permission bits. Run the tests as a normal "
              "user to cover this.");
    const QString folder = m_dir->filePath(QStringLiteral("migrations"));
    if (!files.isEmpty())
        QVERIFY(QDir().mkpath(folder));
    for (const QString &name : files)
        QVERIFY(writeFile(QDir(folder).filePath(name),
                          "CREATE TABLE t_" + name.left(4).toLatin1() + " (x INTEGER);\n"));
    if (!unreadable.isEmpty())
        QVERIFY(QFile::setPermissions(QDir(folder).filePath(unreadable), QFile::Permissions()));

    const auto loaded = Migration::load(folder);
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().kind(), Error::Kind::Storage);
    QVERIFY2(loaded.error().message().contains(reason), qPrintable(loaded.error().message()));
}

void TestMigrations::phoneNumbersAreMaskedByMigration11()
{
    // A tenant written before numbers were masked: full numbers in sent messages and recorded flow runs.
    {
        auto old = Database::open(path(), builtinBefore(11));
        QVERIFY2(old, errorBytes(old));
        QCOMPARE(
            exec(*old.value(),
                 QStringLiteral("INSERT INTO sms_messages (uuid, to_number, from_number, state, created_at, "
                                "updated_at) VALUES ('m1', '+15554443232', '+15550001111', 'delivered', "
                                "'2024-05-01T12:00:00.000Z', '2024-05-01T12:00:00.000Z'), ('m2', "
                                "'+1******3232', '+15550001111', 'sent', '2024-05-01T12:00:00.000Z', "
                                "'2024-05-01T12:00:00.000Z'), ('m3', '+12345', '', 'sent', "
                                "'2024-05-01T12:00:00.000Z', '2024-05-01T12:00:00.000Z')")),
            QString());
        QCOMPARE(exec(*old.value(),
                      QStringLiteral("INSERT INTO executions (id, trigger_id, status, event, created_at, "
                                     "updated_at) VALUES ('e1', 'send-phone-message', 'final', "
                                     "'{\"message_options\":{\"action\":\"enrollment\",\"recipient\":"
                                     "\"+447946000958\"},\"user\":{\"user_id\":\"auth0|42\",\"phone_number\":"
                                     "\"+447946000958\"}}', '2024-05-01T12:00:00.000Z', "
                                     "'2024-05-01T12:00:00.000Z'), ('e2', 'post-login', 'final', "
                                     "'{\"user\":{\"user_id\":\"auth0|43\"}}', '2024-05-01T12:00:00.000Z', "
                                     "'2024-05-01T12:00:00.000Z')")),
                 QString());
    }

    auto upgraded = Database::open(path());
    QVERIFY2(upgraded, errorBytes(upgraded));
    Database &database = *upgraded.value();
    QCOMPARE(
        scalar(database, QStringLiteral("SELECT to_number FROM sms_messages WHERE uuid = 'm1'")).toString(),
        QStringLiteral("+1******3232"));
    QCOMPARE(
        scalar(database, QStringLiteral("SELECT to_number FROM sms_messages WHERE uuid = 'm2'")).toString(),
        QStringLiteral("+1******3232"));
    QCOMPARE(
        scalar(database, QStringLiteral("SELECT to_number FROM sms_messages WHERE uuid = 'm3'")).toString(),
        QStringLiteral("******"));
    QCOMPARE(
        scalar(database, QStringLiteral("SELECT from_number FROM sms_messages WHERE uuid = 'm1'")).toString(),
        QStringLiteral("+15550001111"));
    QCOMPARE(
        scalar(database,
               QStringLiteral("SELECT json_extract(event, '$.message_options.recipient') FROM executions "
                              "WHERE id = 'e1'"))
            .toString(),
        QStringLiteral("+4*******0958"));
    QCOMPARE(
        scalar(database,
               QStringLiteral("SELECT json_extract(event, '$.user.phone_number') FROM executions WHERE id "
                              "= 'e1'"))
            .toString(),
        QStringLiteral("+4*******0958"));
    QCOMPARE(scalar(database,
                    QStringLiteral("SELECT json_extract(event, '$.message_options.action') FROM executions "
                                   "WHERE id = 'e1'"))
                 .toString(),
             QStringLiteral("enrollment"));
    QCOMPARE(scalar(database, QStringLiteral("SELECT event FROM executions WHERE id = 'e2'")).toString(),
             QStringLiteral("{\"user\":{\"user_id\":\"auth0|43\"}}"));
}

void TestMigrations::splitStatements_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QStringList>("statements");

    QTest::newRow("one statement") << QStringLiteral("CREATE TABLE a (x INTEGER);")
                                   << QStringList {QStringLiteral("CREATE TABLE a (x INTEGER)")};
    QTest::newRow("statement over several lines")
        << QStringLiteral("CREATE TABLE a (\n    x INTEGER,\n    y TEXT\n);\n")
        << QStringList {QStringLiteral("CREATE TABLE a (\nx INTEGER,\ny TEXT\n)")};
    QTest::newRow("comments and blank lines dropped")
        << QStringLiteral(
               "-- header\n\nCREATE TABLE a (x INTEGER);\n  -- between\n\nCREATE INDEX i ON a (x);\n")
        << QStringList {QStringLiteral("CREATE TABLE a (x INTEGER)"),
                        QStringLiteral("CREATE INDEX i ON a (x)")};
    QTest::newRow("last statement without semicolon")
        << QStringLiteral("CREATE TABLE a (x INTEGER);\nDROP TABLE a")
        << QStringList {QStringLiteral("CREATE TABLE a (x INTEGER)"), QStringLiteral("DROP TABLE a")};
    QTest::newRow("only comments") << QStringLiteral("-- nothing here\n\n") << QStringList {};
}

void TestMigrations::splitStatements()
{
    QFETCH(QString, script);
    QFETCH(QStringList, statements);
    QCOMPARE(Migration::splitStatements(script), statements);
}

void TestMigrations::upgradeKeepsData_data()
{
    QTest::addColumn<QString>("engine");
    QTest::newRow("sqlite") << StoreEngine::sqlite();
    QTest::newRow("postgresql") << StoreEngine::postgres();
}

void TestMigrations::upgradeKeepsData()
{
    QFETCH(QString, engine);
    if (const QString why = StoreEngine::unavailable(engine); !why.isEmpty())
        QSKIP(qPrintable(why));
    const QString at = location(engine);
    QVERIFY(!at.isEmpty());
    const QList<Migration> firstOnly = builtin().mid(0, 1);
    {
        auto old = Database::open(at, firstOnly);
        QVERIFY2(old, errorBytes(old));
        QCOMPARE(old.value()->schemaVersion(), 1);
        QCOMPARE(userTables(*old.value()), QStringList {QStringLiteral("tenant_settings")});
        QCOMPARE(
            exec(*old.value(),
                 QStringLiteral("INSERT INTO tenant_settings (key, value) VALUES ('friendly_name', 'Kept')")),
            QString());
    }

    auto upgraded = Database::open(at);
    QVERIFY2(upgraded, errorBytes(upgraded));
    Database &database = *upgraded.value();
    QCOMPARE(database.schemaVersion(), Database::latestVersion());
    QCOMPARE(recordedVersions(database), versionsOf(builtin()));
    QCOMPARE(
        scalar(database, QStringLiteral("SELECT value FROM tenant_settings WHERE key = 'friendly_name'")),
        QVariant(QStringLiteral("Kept")));
    QCOMPARE(userTables(database), builtinTables(engine == StoreEngine::sqlite()));
}

void TestMigrations::failedMigrationRollsBack_data()
{
    QTest::addColumn<QString>("engine");
    QTest::addColumn<int>("startVersion");
    QTest::addColumn<QStringList>("badStatements");

    const QStringList syntaxError {QStringLiteral("CREATE TABLE partial_table (x INTEGER)"),
                                   QStringLiteral("CREATE TABLE broken (")};
    const QStringList constraintError {QStringLiteral("CREATE TABLE partial_table (x INTEGER NOT NULL)"),
                                       QStringLiteral("INSERT INTO partial_table (x) VALUES (NULL)")};

    for (const QString &engine : {StoreEngine::sqlite(), StoreEngine::postgres()}) {
        const auto row = [&engine](const char *name) -> QTestData & {
            return QTest::newRow(qPrintable(engine + QStringLiteral(": ") + QLatin1String(name)));
        };
        row("syntax error, upgrading from version 1") << engine << 1 << syntaxError;
        row("constraint error, upgrading from version 1") << engine << 1 << constraintError;
        row("syntax error, new database") << engine << 0 << syntaxError;
        row("constraint error, new database") << engine << 0 << constraintError;
    }
}

void TestMigrations::failedMigrationRollsBack()
{
    QFETCH(QString, engine);
    QFETCH(int, startVersion);
    QFETCH(QStringList, badStatements);
    if (const QString why = StoreEngine::unavailable(engine); !why.isEmpty())
        QSKIP(qPrintable(why));
    const QString at = location(engine);
    QVERIFY(!at.isEmpty());

    const QList<Migration> good = builtin().mid(0, startVersion);
    if (startVersion > 0) {
        auto old = Database::open(at, good);
        QVERIFY2(old, errorBytes(old));
        QCOMPARE(old.value()->schemaVersion(), startVersion);
    }

    // Migration 1 is pending too when the file is new: both must roll back together.
    QList<Migration> withBadSecond = builtin().mid(0, 1);
    withBadSecond.append({2, QStringLiteral("bad"), badStatements});
    withBadSecond.append(
        {3, QStringLiteral("never_reached"), {QStringLiteral("CREATE TABLE never (x INTEGER)")}});

    auto failed = Database::open(at, withBadSecond);
    QVERIFY(!failed);
    QCOMPARE(failed.error().kind(), Error::Kind::Storage);
    QVERIFY2(failed.error().message().contains(QStringLiteral("migration 2")),
             qPrintable(failed.error().message()));

    // Look at the database with the migrations it already has, so that nothing is applied by looking.
    auto after = Database::open(at, good);
    QVERIFY2(after, errorBytes(after));
    QCOMPARE(after.value()->schemaVersion(), startVersion);
    QCOMPARE(recordedVersions(*after.value()), versionsOf(good));
    QStringList expectedTables;
    if (startVersion >= 1)
        expectedTables.append(QStringLiteral("tenant_settings"));
    QCOMPARE(userTables(*after.value()), expectedTables);
}

QTEST_GUILESS_MAIN(TestMigrations)
#include "TestMigrations.moc"
