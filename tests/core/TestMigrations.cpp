#include "core/store/Database.h"
#include "core/store/Migration.h"
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

namespace {

QByteArray sha256Of(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

/// Creates a plain SQLite file (not through Database) and runs @p statements in it.
QString createSqliteFile(const QString &path, const QStringList &statements)
{
    const QString connection = QStringLiteral("fixture-%1").arg(QFileInfo(path).fileName());
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        if (!db.open()) {
            error = db.lastError().text();
        } else {
            for (const QString &statement : statements) {
                QSqlQuery query(db);
                if (!query.exec(statement)) {
                    error = statement + QStringLiteral(": ") + query.lastError().text();
                    break;
                }
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return error;
}

/// Runs @p sql on @p database; returns the error text, empty on success.
QString exec(Database &database, const QString &sql)
{
    QSqlQuery query = database.prepare(sql);
    return query.exec() ? QString() : query.lastError().text();
}

/// The first column of the first row of @p sql.
QVariant scalar(Database &database, const QString &sql)
{
    QSqlQuery query = database.prepare(sql);
    if (!query.exec() || !query.next())
        return {};
    return query.value(0);
}

/// The tables of @p database, without SQLite's own and without schema_migrations.
QStringList userTables(Database &database)
{
    QSqlQuery query = database.prepare(
        QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                       "AND name != 'schema_migrations' ORDER BY name"));
    QStringList names;
    if (!query.exec())
        return {QStringLiteral("<query failed: %1>").arg(query.lastError().text())};
    while (query.next())
        names.append(query.value(0).toString());
    return names;
}

QList<int> recordedVersions(Database &database)
{
    QSqlQuery query
        = database.prepare(QStringLiteral("SELECT version FROM schema_migrations ORDER BY version"));
    QList<int> versions;
    if (!query.exec())
        return {-1};
    while (query.next())
        versions.append(query.value(0).toInt());
    return versions;
}

/// The built-in migrations; none (so that the test fails on them) when they cannot be read.
QList<Migration> builtin()
{
    const Result<QList<Migration>> &migrations = Migration::builtin();
    if (!migrations)
        qWarning() << migrations.error().message();
    return migrations ? migrations.value() : QList<Migration>();
}

/// The built-in migrations before version @p version.
QList<Migration> builtinBefore(int version)
{
    QList<Migration> before;
    for (const Migration &migration : builtin()) {
        if (migration.version < version)
            before.append(migration);
    }
    return before;
}

QList<int> versionsOf(const QList<Migration> &migrations)
{
    QList<int> versions;
    for (const Migration &migration : migrations)
        versions.append(migration.version);
    return versions;
}

} // namespace

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

    void freshDatabaseGetsLatestSchema();
    void reopeningAppliesNothing();
    void upgradeKeepsData();
    void failedMigrationRollsBack_data();
    void failedMigrationRollsBack();
    void refusesNewerSchema();
    void refusesForeignFile_data();
    void refusesForeignFile();
    void refusesFileWithoutPermission_data();
    void refusesFileWithoutPermission();
    void refusesDirectory();
    void fileDatabaseUsesWalAndForeignKeys();

private:
    QString path() const { return m_dir->filePath(QStringLiteral("tenant.authdeck")); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestMigrations::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestMigrations::cleanup()
{
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

void TestMigrations::freshDatabaseGetsLatestSchema()
{
    QVERIFY(!QFile::exists(path()));
    auto opened = Database::open(path());
    QVERIFY2(opened, errorBytes(opened));
    Database &database = *opened.value();

    QVERIFY(QFile::exists(path()));
    QCOMPARE(database.path(), path());
    QCOMPARE(database.schemaVersion(), Database::latestVersion());
    QCOMPARE(recordedVersions(database), versionsOf(builtin()));
    QCOMPARE(userTables(database),
             (QStringList {QStringLiteral("applications"),
                           QStringLiteral("custom_action_versions"),
                           QStringLiteral("custom_actions"),
                           QStringLiteral("execution_results"),
                           QStringLiteral("executions"),
                           QStringLiteral("flow_bindings"),
                           QStringLiteral("integrations"),
                           QStringLiteral("login_settings"),
                           QStringLiteral("logs"),
                           QStringLiteral("mfa_phone_factor"),
                           QStringLiteral("mfa_policies"),
                           QStringLiteral("sms_messages"),
                           QStringLiteral("tenant_settings"),
                           QStringLiteral("users"),
                           QStringLiteral("users_search"),
                           QStringLiteral("users_search_config"),
                           QStringLiteral("users_search_content"),
                           QStringLiteral("users_search_data"),
                           QStringLiteral("users_search_docsize"),
                           QStringLiteral("users_search_idx")}));
}

void TestMigrations::reopeningAppliesNothing()
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

void TestMigrations::upgradeKeepsData()
{
    const QList<Migration> firstOnly = builtin().mid(0, 1);
    {
        auto old = Database::open(path(), firstOnly);
        QVERIFY2(old, errorBytes(old));
        QCOMPARE(old.value()->schemaVersion(), 1);
        QCOMPARE(userTables(*old.value()), QStringList {QStringLiteral("tenant_settings")});
        QCOMPARE(
            exec(*old.value(),
                 QStringLiteral("INSERT INTO tenant_settings (key, value) VALUES ('friendly_name', 'Kept')")),
            QString());
    }

    auto upgraded = Database::open(path());
    QVERIFY2(upgraded, errorBytes(upgraded));
    Database &database = *upgraded.value();
    QCOMPARE(database.schemaVersion(), Database::latestVersion());
    QCOMPARE(recordedVersions(database), versionsOf(builtin()));
    QCOMPARE(
        scalar(database, QStringLiteral("SELECT value FROM tenant_settings WHERE key = 'friendly_name'")),
        QVariant(QStringLiteral("Kept")));
    QCOMPARE(userTables(database),
             (QStringList {QStringLiteral("applications"),
                           QStringLiteral("custom_action_versions"),
                           QStringLiteral("custom_actions"),
                           QStringLiteral("execution_results"),
                           QStringLiteral("executions"),
                           QStringLiteral("flow_bindings"),
                           QStringLiteral("integrations"),
                           QStringLiteral("login_settings"),
                           QStringLiteral("logs"),
                           QStringLiteral("mfa_phone_factor"),
                           QStringLiteral("mfa_policies"),
                           QStringLiteral("sms_messages"),
                           QStringLiteral("tenant_settings"),
                           QStringLiteral("users"),
                           QStringLiteral("users_search"),
                           QStringLiteral("users_search_config"),
                           QStringLiteral("users_search_content"),
                           QStringLiteral("users_search_data"),
                           QStringLiteral("users_search_docsize"),
                           QStringLiteral("users_search_idx")}));
}

void TestMigrations::failedMigrationRollsBack_data()
{
    QTest::addColumn<int>("startVersion");
    QTest::addColumn<QStringList>("badStatements");
    QTest::addColumn<bool>("warnsOnPrepare");

    const QStringList syntaxError {QStringLiteral("CREATE TABLE partial_table (x INTEGER)"),
                                   QStringLiteral("CREATE TABLE broken (")};
    const QStringList constraintError {QStringLiteral("CREATE TABLE partial_table (x INTEGER NOT NULL)"),
                                       QStringLiteral("INSERT INTO partial_table (x) VALUES (NULL)")};

    QTest::newRow("syntax error, upgrading from version 1") << 1 << syntaxError << true;
    QTest::newRow("constraint error, upgrading from version 1") << 1 << constraintError << false;
    QTest::newRow("syntax error, new file") << 0 << syntaxError << true;
    QTest::newRow("constraint error, new file") << 0 << constraintError << false;
}

void TestMigrations::failedMigrationRollsBack()
{
    QFETCH(int, startVersion);
    QFETCH(QStringList, badStatements);
    QFETCH(bool, warnsOnPrepare);

    const QList<Migration> good = builtin().mid(0, startVersion);
    if (startVersion > 0) {
        auto old = Database::open(path(), good);
        QVERIFY2(old, errorBytes(old));
        QCOMPARE(old.value()->schemaVersion(), startVersion);
    }

    // Migration 1 is pending too when the file is new: both must roll back together.
    QList<Migration> withBadSecond = builtin().mid(0, 1);
    withBadSecond.append({2, QStringLiteral("bad"), badStatements});
    withBadSecond.append(
        {3, QStringLiteral("never_reached"), {QStringLiteral("CREATE TABLE never (x INTEGER)")}});

    if (warnsOnPrepare)
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^cannot prepare")));
    auto failed = Database::open(path(), withBadSecond);
    QVERIFY(!failed);
    QCOMPARE(failed.error().kind(), Error::Kind::Storage);
    QVERIFY2(failed.error().message().contains(QStringLiteral("migration 2")),
             qPrintable(failed.error().message()));

    // Look at the file with the migrations it already has, so that nothing is applied by looking.
    auto after = Database::open(path(), good);
    QVERIFY2(after, errorBytes(after));
    QCOMPARE(after.value()->schemaVersion(), startVersion);
    QCOMPARE(recordedVersions(*after.value()), versionsOf(good));
    QStringList expectedTables;
    if (startVersion >= 1)
        expectedTables.append(QStringLiteral("tenant_settings"));
    QCOMPARE(userTables(*after.value()), expectedTables);
}

void TestMigrations::refusesNewerSchema()
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

void TestMigrations::refusesForeignFile_data()
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

void TestMigrations::refusesForeignFile()
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

void TestMigrations::refusesFileWithoutPermission_data()
{
    QTest::addColumn<QFile::Permissions>("permissions");
    QTest::addColumn<QString>("reason");

    QTest::newRow("unreadable (chmod 000)") << QFile::Permissions() << QStringLiteral("permission denied");
    QTest::newRow("read-only (chmod 444)")
        << QFile::Permissions(QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther)
        << QStringLiteral("read-only");
}

void TestMigrations::refusesFileWithoutPermission()
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

void TestMigrations::refusesDirectory()
{
    QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("tenant.authdeck")));
    auto refused = Database::open(path());
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind(), Error::Kind::Storage);
    QVERIFY2(refused.error().message().contains(QStringLiteral("is not a file")),
             qPrintable(refused.error().message()));
}

void TestMigrations::fileDatabaseUsesWalAndForeignKeys()
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

QTEST_GUILESS_MAIN(TestMigrations)

#include "TestMigrations.moc"
