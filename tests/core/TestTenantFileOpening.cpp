// Opening a tenant file: a new one gets the latest schema, a reopened one nothing, and what is not an
// Authdeck tenant of this version (newer schema, foreign file, no permission, a folder) is refused with a
// message and left as it was. A postgresql:// URL is never taken for a file.

#include "MigrationTestHelpers.h"
#include "core/secrets/MemorySecretStore.h"
#include "core/tenant/Tenant.h"
#include "tests/support/ResultText.h"

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

class TestTenantFileOpening final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void freshDatabaseGetsLatestSchema();
    void reopeningAppliesNothing();
    void refusesNewerSchema();
    void refusesForeignFile_data();
    void refusesForeignFile();
    void refusesFileWithoutPermission_data();
    void refusesFileWithoutPermission();
    void refusesDirectory();
    void fileDatabaseUsesWalAndForeignKeys();
    void aUrlIsNeverAFile_data();
    void aUrlIsNeverAFile();

private:
    QString path() const { return m_dir->filePath(QStringLiteral("tenant.authdeck")); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestTenantFileOpening::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestTenantFileOpening::cleanup()
{
    m_dir.reset();
}

void TestTenantFileOpening::freshDatabaseGetsLatestSchema()
{
    QVERIFY(!QFile::exists(path()));
    auto opened = Database::open(path());
    QVERIFY2(opened, errorBytes(opened));
    Database &database = *opened.value();

    QVERIFY(QFile::exists(path()));
    QCOMPARE(database.path(), path());
    QCOMPARE(database.schemaVersion(), Database::latestVersion());
    QCOMPARE(recordedVersions(database), versionsOf(builtin()));
    QCOMPARE(userTables(database), builtinTables(true));
}

void TestTenantFileOpening::reopeningAppliesNothing()
{
    {
        auto first = Database::open(path());
        QVERIFY2(first, errorBytes(first));
        QCOMPARE(exec(*first.value(), QStringLiteral("UPDATE schema_migrations SET applied_at = 'marker'")),
                 QString());
    }
    auto second = Database::open(path());
    QVERIFY2(second, errorBytes(second));
    QCOMPARE(second.value()->schemaVersion(), Database::latestVersion());
    QCOMPARE(recordedVersions(*second.value()), versionsOf(builtin()));
    // Had a migration run again, it would have recorded a fresh applied_at.
    QCOMPARE(scalar(*second.value(),
                    QStringLiteral("SELECT count(*) FROM schema_migrations WHERE applied_at != 'marker'"))
                 .toInt(),
             0);
}

void TestTenantFileOpening::refusesNewerSchema()
{
    {
        auto current = Database::open(path());
        QVERIFY2(current, errorBytes(current));
        QCOMPARE(exec(*current.value(),
                      QStringLiteral("INSERT INTO schema_migrations (version, name, applied_at) "
                                     "VALUES (999, 'from_the_future', '2099-01-01T00:00:00.000Z')")),
                 QString());
    }
    const QByteArray before = sha256Of(path());
    QVERIFY(!before.isEmpty());

    auto refused = Database::open(path());
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind(), Error::Kind::Storage);
    const QString message = refused.error().message();
    QVERIFY2(message.contains(QStringLiteral("newer")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("999")), qPrintable(message));
    QCOMPARE(sha256Of(path()), before);
}

void TestTenantFileOpening::refusesForeignFile_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QStringList>("sql");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("sqliteReason");

    QByteArray noise(8192, '\0');
    QRandomGenerator generator(20240607);
    for (char &byte : noise)
        byte = static_cast<char>(generator.bounded(256));

    QByteArray text;
    for (int i = 0; i < 200; ++i)
        text += "name,email\nAlice,alice@example.com\n";

    const QString damaged = QStringLiteral("not an Authdeck tenant database, or it is damaged");
    const QString otherDatabase = QStringLiteral("not an Authdeck tenant");

    const QString notADatabase = QStringLiteral("(file is not a database)");
    QTest::newRow("random bytes") << noise << QStringList {} << damaged << notADatabase;
    QTest::newRow("text file") << text << QStringList {} << damaged << notADatabase;
    QTest::newRow("short text file") << QByteArray("hello\n") << QStringList {} << damaged << notADatabase;
    QTest::newRow("SQLite database of another program")
        << QByteArray()
        << QStringList {QStringLiteral("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)"),
                        QStringLiteral("INSERT INTO contacts (name) VALUES ('Alice')")}
        << otherDatabase << QString();
    QTest::newRow("another tool's schema_migrations table (golang-migrate)")
        << QByteArray()
        << QStringList {QStringLiteral("CREATE TABLE schema_migrations (version BIGINT NOT NULL PRIMARY KEY, "
                                       "dirty BOOLEAN NOT NULL)"),
                        QStringLiteral("INSERT INTO schema_migrations (version, dirty) VALUES (1, 0)")}
        << otherDatabase << QString();
}

void TestTenantFileOpening::refusesForeignFile()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QStringList, sql);
    QFETCH(QString, reason);
    QFETCH(QString, sqliteReason);

    if (sql.isEmpty())
        QVERIFY(writeFile(path(), bytes));
    else
        QCOMPARE(createSqliteFile(path(), sql), QString());
    const QByteArray before = sha256Of(path());
    QVERIFY(!before.isEmpty());

    auto refused = Database::open(path());
    QVERIFY(!refused);
    QCOMPARE(sha256Of(path()), before);
    QCOMPARE(refused.error().kind(), Error::Kind::Storage);
    QVERIFY2(refused.error().message().contains(reason), qPrintable(refused.error().message()));
    QVERIFY2(refused.error().message().contains(path()), qPrintable(refused.error().message()));
    // SQLite's own reason, not what Qt says of a query that never was prepared.
    QVERIFY2(refused.error().message().contains(sqliteReason), qPrintable(refused.error().message()));
    QVERIFY2(!refused.error().message().contains(QStringLiteral("No query")),
             qPrintable(refused.error().message()));
}

void TestTenantFileOpening::refusesFileWithoutPermission_data()
{
    QTest::addColumn<QFile::Permissions>("permissions");
    QTest::addColumn<QString>("reason");

    QTest::newRow("unreadable (chmod 000)") << QFile::Permissions() << QStringLiteral("permission denied");
    QTest::newRow("read-only (chmod 444)")
        << QFile::Permissions(QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther)
        << QStringLiteral("read-only");
}

void TestTenantFileOpening::refusesFileWithoutPermission()
{
    QFETCH(QFile::Permissions, permissions);
    QFETCH(QString, reason);

    if (geteuid() == 0)
        QSKIP("Running as root: root can read and write a file whatever its permission bits, so the refusal "
              "cannot be observed. Run the tests as a normal user to cover this.");

    {
        auto created = Database::open(path());
        QVERIFY2(created, errorBytes(created));
    }
    const QByteArray before = sha256Of(path());
    const QFile::Permissions original = QFile::permissions(path());
    QVERIFY(QFile::setPermissions(path(), permissions));

    auto refused = Database::open(path());
    QVERIFY(QFile::setPermissions(path(), original));
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind(), Error::Kind::Storage);
    QVERIFY2(refused.error().message().contains(reason), qPrintable(refused.error().message()));
    QCOMPARE(sha256Of(path()), before);
}

void TestTenantFileOpening::refusesDirectory()
{
    QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("tenant.authdeck")));
    auto refused = Database::open(path());
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind(), Error::Kind::Storage);
    QVERIFY2(refused.error().message().contains(QStringLiteral("is not a file")),
             qPrintable(refused.error().message()));
}

void TestTenantFileOpening::fileDatabaseUsesWalAndForeignKeys()
{
    auto opened = Database::open(path());
    QVERIFY2(opened, errorBytes(opened));
    Database &database = *opened.value();

    QCOMPARE(scalar(database, QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
    QCOMPARE(scalar(database, QStringLiteral("PRAGMA foreign_keys")).toInt(), 1);
    QCOMPARE(scalar(database, QStringLiteral("PRAGMA busy_timeout")).toInt(), 5000);

    // Foreign keys are enforced, not only switched on.
    QCOMPARE(exec(database, QStringLiteral("CREATE TABLE parent (id INTEGER PRIMARY KEY)")), QString());
    QCOMPARE(exec(database, QStringLiteral("CREATE TABLE child (parent_id INTEGER REFERENCES parent (id))")),
             QString());
    QVERIFY(!exec(database, QStringLiteral("INSERT INTO child (parent_id) VALUES (42)")).isEmpty());
}

void TestTenantFileOpening::aUrlIsNeverAFile_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<Error::Kind>("kind");
    QTest::addColumn<QString>("reason");
    QTest::newRow("malformed") << QStringLiteral("postgresql://ada:secret@db/team") << Error::Kind::Invalid
                               << QStringLiteral("holds a password");
    // Port 1 on this machine: nothing listens there, and the refusal comes at once.
    QTest::newRow("unreachable") << QStringLiteral("postgres://ada@127.0.0.1:1/team") << Error::Kind::Storage
                                 << QStringLiteral(
                                        "Cannot open the tenant postgresql://ada@127.0.0.1:1/team");
}

void TestTenantFileOpening::aUrlIsNeverAFile()
{
    QFETCH(QString, url);
    QFETCH(Error::Kind, kind);
    QFETCH(QString, reason);
    const QString before = QDir::currentPath();
    QVERIFY(QDir::setCurrent(m_dir->path()));
    QVERIFY(!Database::isEmptyFile(url));
    MemorySecretStore secrets;
    auto opened = Tenant::open(url, secrets);
    QVERIFY(QDir::setCurrent(before));
    QVERIFY(!opened);
    QCOMPARE(opened.error().kind(), kind);
    QVERIFY2(opened.error().message().contains(reason), qPrintable(opened.error().message()));
    // No folder for "postgresql:", no file: the working folder is as empty as it was.
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList());
}

QTEST_GUILESS_MAIN(TestTenantFileOpening)
#include "TestTenantFileOpening.moc"
