// TenantCopier: a tenant copied file to file, into PostgreSQL and back, every row of every table equal;
// refusals (a destination that is not empty, a missing or newer source) and a failure midway change nothing.

#include "MigrationTestHelpers.h"
#include "TenantTables.h"
#include "core/store/Database.h"
#include "core/store/TenantCopier.h"
#include "tests/support/RawSql.h"
#include "tests/support/ResultText.h"
#include "tests/support/ScratchPostgres.h"
#include "tests/support/StoreEngine.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

using namespace MigrationTest;

class TestTenantCopier final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void copiesEveryRow_data();
    void copiesEveryRow();
    void refusesADestinationThatIsNotEmpty_data();
    void refusesADestinationThatIsNotEmpty();
    void migratesAnOlderSourceFirst();
    void refusesASourceThatIsMissingOrNewer_data();
    void refusesASourceThatIsMissingOrNewer();
    void failureMidwayLeavesNothing_data();
    void failureMidwayLeavesNothing();
    void copiesManyLogRows_data();
    void copiesManyLogRows();

private:
    /// A new place on @p engine: a file path in the test's folder, or a new PostgreSQL database's URL.
    QString location(const QString &engine, const QString &name);
    /// Whether the destination @p to is as before a copy: no file, or a database without tables.
    static QString emptyOrAbsent(const QString &to);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::vector<std::unique_ptr<ScratchPostgres>> m_databases;
};

namespace {

/// The built-in migrations and one more: a table of nullable columns that references applications.
QList<Migration> withExtraTable()
{
    QList<Migration> migrations = builtin();
    migrations.append(
        {Database::latestVersion(migrations) + 1,
         QStringLiteral("copy_extras"),
         {QStringLiteral("CREATE TABLE copy_extras (id INTEGER PRIMARY KEY, nullable_note TEXT, "
                         "nullable_amount INTEGER, client_id TEXT REFERENCES applications "
                         "(client_id))")}});
    return migrations;
}

/// The built-in migrations and one more: each row written into logs fails. The trigger StoreFault would
/// install needs the table first, and the copy creates the destination's tables inside its own transaction.
QList<Migration> withFaultOnLogs()
{
    QList<Migration> migrations = builtin();
    migrations.append(
        {Database::latestVersion(migrations) + 1,
         QStringLiteral("copy_fault"),
         {QStringLiteral(
              "/*sqlite*/ CREATE TRIGGER copy_fault BEFORE INSERT ON logs BEGIN SELECT RAISE(ABORT, "
              "'the disk is full'); END"),
          QStringLiteral("/*postgresql*/ CREATE FUNCTION copy_fault() RETURNS trigger LANGUAGE plpgsql AS $$ "
                         "BEGIN RAISE EXCEPTION 'the disk is full'; END $$"),
          QStringLiteral(
              "/*postgresql*/ CREATE TRIGGER copy_fault BEFORE INSERT ON logs FOR EACH ROW EXECUTE "
              "FUNCTION copy_fault()")}});
    return migrations;
}

void addEngineRows(bool withPostgresToPostgres)
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::newRow("file to file") << StoreEngine::sqlite() << StoreEngine::sqlite();
    QTest::newRow("file to postgresql") << StoreEngine::sqlite() << StoreEngine::postgres();
    QTest::newRow("postgresql to file") << StoreEngine::postgres() << StoreEngine::sqlite();
    if (withPostgresToPostgres)
        QTest::newRow("postgresql to postgresql") << StoreEngine::postgres() << StoreEngine::postgres();
}

} // namespace

#define SKIP_UNAVAILABLE(engine)                                                                             \
    if (const QString why = StoreEngine::unavailable(engine); !why.isEmpty())                                \
    QSKIP(qPrintable(why))

QString TestTenantCopier::location(const QString &engine, const QString &name)
{
    if (engine != StoreEngine::postgres())
        return m_dir->filePath(name);
    m_databases.push_back(std::make_unique<ScratchPostgres>());
    if (!m_databases.back()->isValid())
        qWarning("%s", qPrintable(m_databases.back()->error()));
    return m_databases.back()->url();
}

QString TestTenantCopier::emptyOrAbsent(const QString &to)
{
    if (!to.startsWith(QLatin1String("postgresql://"))) {
        for (const QString &file :
             QStringList {to, to + QStringLiteral("-wal"), to + QStringLiteral("-shm")}) {
            if (QFileInfo::exists(file))
                return file + QStringLiteral(" was left behind");
        }
        return {};
    }
    auto database = Database::connect(to);
    if (!database)
        return database.error().message();
    const int tables = TenantTables::tableCount(*database.value());
    return tables == 0 ? QString() : QStringLiteral("%1 tables were left behind").arg(tables);
}

void TestTenantCopier::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestTenantCopier::cleanup()
{
    m_databases.clear();
    m_dir.reset();
}

void TestTenantCopier::copiesEveryRow_data()
{
    addEngineRows(true);
}

void TestTenantCopier::copiesEveryRow()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    SKIP_UNAVAILABLE(from);
    SKIP_UNAVAILABLE(to);
    const QString source = location(from, QStringLiteral("source.authdeck"));
    const QString destination = location(to, QStringLiteral("copy.authdeck"));
    const QList<Migration> migrations = withExtraTable();
    const int rows = 6;
    QMap<QString, QStringList> before;
    {
        auto opened = Database::open(source, migrations);
        QVERIFY2(opened, errorBytes(opened));
        const QString filled = TenantTables::fill(*opened.value(), rows);
        QVERIFY2(filled.isEmpty(), qPrintable(filled));
        before = TenantTables::dump(*opened.value());
    }
    // Every table holds rows, so that every table is compared: a table the fill misses fails here.
    for (auto it = before.cbegin(); it != before.cend(); ++it)
        QVERIFY2(it.value().size() == rows, qPrintable(it.key()));
    QVERIFY(before.contains(QStringLiteral("copy_extras")));

    const auto copied = TenantCopier::copy(source, destination, migrations);
    QVERIFY2(copied, errorBytes(copied));
    QStringList reported;
    for (const TenantCopier::TableRows &table : copied.value().tables) {
        reported.append(table.table);
        QCOMPARE(table.rows, qint64(rows));
    }
    QVERIFY(reported.indexOf(QStringLiteral("applications"))
            < reported.indexOf(QStringLiteral("client_grants")));
    QVERIFY(reported.indexOf(QStringLiteral("executions"))
            < reported.indexOf(QStringLiteral("execution_results")));
    reported.sort();
    QCOMPARE(reported, before.keys());
    QCOMPARE(copied.value().schemaVersion, Database::latestVersion(migrations));

    auto copy = Database::open(destination, migrations);
    QVERIFY2(copy, errorBytes(copy));
    const QMap<QString, QStringList> after = TenantTables::dump(*copy.value());
    for (auto it = before.cbegin(); it != before.cend(); ++it)
        QCOMPARE(after.value(it.key()), it.value());
    QCOMPARE(after.keys(), before.keys());
    QCOMPARE(recordedVersions(*copy.value()), versionsOf(migrations));
    if (copy.value()->dialect().hasUserSearchIndex())
        QCOMPARE(scalar(*copy.value(),
                        QStringLiteral("SELECT count(*) FROM users_search WHERE email_key = "
                                       "'2026-12-07T12:30:36.123Z'"))
                     .toInt(),
                 1);
    auto again = Database::open(source, migrations);
    QVERIFY2(again, errorBytes(again));
    QCOMPARE(TenantTables::dump(*again.value()), before);
}

void TestTenantCopier::refusesADestinationThatIsNotEmpty_data()
{
    QTest::addColumn<QString>("to");
    QTest::addColumn<bool>("tenant");
    QTest::addColumn<QString>("reason");
    QTest::newRow("a tenant file") << StoreEngine::sqlite() << true << QStringLiteral("exists already");
    QTest::newRow("a file of another program")
        << StoreEngine::sqlite() << false << QStringLiteral("exists already");
    QTest::newRow("a tenant in postgresql")
        << StoreEngine::postgres() << true << QStringLiteral("holds tables");
    QTest::newRow("a postgresql database of another program")
        << StoreEngine::postgres() << false << QStringLiteral("not an Authdeck tenant");
}

void TestTenantCopier::refusesADestinationThatIsNotEmpty()
{
    QFETCH(QString, to);
    QFETCH(bool, tenant);
    QFETCH(QString, reason);
    SKIP_UNAVAILABLE(to);
    const QString source = m_dir->filePath(QStringLiteral("source.authdeck"));
    {
        auto opened = Database::open(source);
        QVERIFY2(opened, errorBytes(opened));
        const QString filled = TenantTables::fill(*opened.value(), 2);
        QVERIFY2(filled.isEmpty(), qPrintable(filled));
    }
    const QString destination = location(to, QStringLiteral("taken.authdeck"));
    QMap<QString, QStringList> before;
    QByteArray bytes;
    if (tenant) {
        auto opened = Database::open(destination);
        QVERIFY2(opened, errorBytes(opened));
        const QString filled = TenantTables::fill(*opened.value(), 1);
        QVERIFY2(filled.isEmpty(), qPrintable(filled));
        before = TenantTables::dump(*opened.value());
    } else if (to == StoreEngine::sqlite()) {
        QVERIFY(writeFile(destination, "notes of another program\n"));
    } else {
        auto opened = Database::connect(destination);
        QVERIFY2(opened, errorBytes(opened));
        QCOMPARE(RawSql::run(*opened.value(), {QStringLiteral("CREATE TABLE notes (text TEXT)")}), QString());
    }
    if (to == StoreEngine::sqlite())
        bytes = sha256Of(destination);

    const auto copied = TenantCopier::copy(source, destination);
    QVERIFY(!copied);
    QVERIFY2(copied.error().message().contains(reason), qPrintable(copied.error().message()));
    QVERIFY2(copied.error().message().contains(QStringLiteral("left as it is")),
             qPrintable(copied.error().message()));
    if (to == StoreEngine::sqlite())
        QCOMPARE(sha256Of(destination), bytes);
    if (tenant) {
        auto opened = Database::open(destination);
        QVERIFY2(opened, errorBytes(opened));
        QCOMPARE(TenantTables::dump(*opened.value()), before);
    }
}

void TestTenantCopier::migratesAnOlderSourceFirst()
{
    const QString source = m_dir->filePath(QStringLiteral("source.authdeck"));
    const QList<Migration> migrations = withExtraTable();
    {
        auto opened = Database::open(source);
        QVERIFY2(opened, errorBytes(opened));
        QVERIFY(TenantTables::writeLogs(*opened.value(), 3));
    }
    const QString destination = m_dir->filePath(QStringLiteral("copy.authdeck"));
    const auto copied = TenantCopier::copy(source, destination, migrations);
    QVERIFY2(copied, errorBytes(copied));
    QCOMPARE(copied.value().schemaVersion, Database::latestVersion(migrations));
    for (const QString &path : {source, destination}) {
        auto opened = Database::open(path, migrations);
        QVERIFY2(opened, errorBytes(opened));
        QCOMPARE(recordedVersions(*opened.value()), versionsOf(migrations));
        QCOMPARE(scalar(*opened.value(), QStringLiteral("SELECT count(*) FROM logs")).toInt(), 3);
    }
}

void TestTenantCopier::refusesASourceThatIsMissingOrNewer_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<bool>("newer");
    QTest::addColumn<QString>("reason");
    QTest::newRow("no file") << StoreEngine::sqlite() << false << QStringLiteral("There is no tenant file");
    QTest::newRow("an empty postgresql database")
        << StoreEngine::postgres() << false << QStringLiteral("holds no tenant");
    QTest::newRow("a newer file") << StoreEngine::sqlite() << true
                                  << QStringLiteral("written by a newer Authdeck");
    QTest::newRow("a newer tenant in postgresql")
        << StoreEngine::postgres() << true << QStringLiteral("written by a newer Authdeck");
}

void TestTenantCopier::refusesASourceThatIsMissingOrNewer()
{
    QFETCH(QString, from);
    QFETCH(bool, newer);
    QFETCH(QString, reason);
    SKIP_UNAVAILABLE(from);
    const QString source = location(from, QStringLiteral("source.authdeck"));
    if (newer) {
        auto opened = Database::open(source, withExtraTable());
        QVERIFY2(opened, errorBytes(opened));
    }
    const QString destination = m_dir->filePath(QStringLiteral("copy.authdeck"));

    const auto copied = TenantCopier::copy(source, destination);
    QVERIFY(!copied);
    QVERIFY2(copied.error().message().contains(reason), qPrintable(copied.error().message()));
    QCOMPARE(emptyOrAbsent(destination), QString());
    if (from == StoreEngine::sqlite() && !newer)
        QVERIFY2(!QFileInfo::exists(source), "the missing source was created");
    if (newer) {
        auto opened = Database::open(source, withExtraTable());
        QVERIFY2(opened, errorBytes(opened));
        QCOMPARE(opened.value()->schemaVersion(), Database::latestVersion(withExtraTable()));
    }
}

void TestTenantCopier::failureMidwayLeavesNothing_data()
{
    addEngineRows(false);
}

void TestTenantCopier::failureMidwayLeavesNothing()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    SKIP_UNAVAILABLE(from);
    SKIP_UNAVAILABLE(to);
    const QString source = location(from, QStringLiteral("source.authdeck"));
    const QString destination = location(to, QStringLiteral("copy.authdeck"));
    {
        auto opened = Database::open(source);
        QVERIFY2(opened, errorBytes(opened));
        const QString filled = TenantTables::fill(*opened.value(), 3);
        QVERIFY2(filled.isEmpty(), qPrintable(filled));
    }
    // The source gets the fault too (the copy needs it at the same version); it fails only new log rows.
    QVERIFY2(Database::open(source, withFaultOnLogs()), "the fault cannot be installed");

    const auto copied = TenantCopier::copy(source, destination, withFaultOnLogs());
    QVERIFY(!copied);
    QVERIFY2(copied.error().message().contains(QStringLiteral("the disk is full")),
             qPrintable(copied.error().message()));
    QVERIFY2(copied.error().message().startsWith(QStringLiteral("Nothing was copied")),
             qPrintable(copied.error().message()));
    QCOMPARE(emptyOrAbsent(destination), QString());
}

void TestTenantCopier::copiesManyLogRows_data()
{
    addEngineRows(false);
}

void TestTenantCopier::copiesManyLogRows()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    SKIP_UNAVAILABLE(from);
    SKIP_UNAVAILABLE(to);
    const int rows = 100000;
    const QString file = m_dir->filePath(QStringLiteral("logs.authdeck"));
    {
        auto opened = Database::open(file);
        QVERIFY2(opened, errorBytes(opened));
        const auto written = TenantTables::writeLogs(*opened.value(), rows);
        QVERIFY2(written, errorBytes(written));
    }
    QString source = file;
    if (from == StoreEngine::postgres()) {
        source = location(from, QString());
        const auto seeded = TenantCopier::copy(file, source);
        QVERIFY2(seeded, errorBytes(seeded));
    }
    const QString destination = location(to, QStringLiteral("copy.authdeck"));

    QElapsedTimer timer;
    timer.start();
    const auto copied = TenantCopier::copy(source, destination);
    const qint64 elapsed = timer.elapsed();
    QVERIFY2(copied, errorBytes(copied));
    qInfo("copied %d log rows from %s to %s in %lld ms", rows, qPrintable(from), qPrintable(to), elapsed);
    auto copy = Database::open(destination);
    QVERIFY2(copy, errorBytes(copy));
    QCOMPARE(scalar(*copy.value(), QStringLiteral("SELECT count(*) FROM logs")).toInt(), rows);
    QCOMPARE(
        scalar(
            *copy.value(),
            QStringLiteral("SELECT details FROM logs WHERE log_id = '%1'").arg(TenantTables::logId(rows - 1)))
            .toString(),
        QStringLiteral("{\"request\":{\"ip\":\"127.0.0.1\"},\"n\":%1}").arg(rows - 1));
}

QTEST_GUILESS_MAIN(TestTenantCopier)
#include "TestTenantCopier.moc"
