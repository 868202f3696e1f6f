// Database beyond migrations: what open() does with an empty or damaged file, a foreign or newer database,
// nested and held transactions, and two processes opening a new PostgreSQL database at once.

#include "core/store/Database.h"
#include "core/store/PostgresAddress.h"
#include "tests/support/RawSql.h"
#include "tests/support/ResultText.h"
#include "tests/support/ScratchPostgres.h"
#include "tests/support/StoreEngine.h"

#include <QFile>
#include <QFuture>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent>

#include <memory>

namespace {

/// The values of column x of table t, in order.
QList<int> values(Database &database)
{
    QSqlQuery query = database.prepare(QStringLiteral("SELECT x FROM t ORDER BY x"));
    QList<int> list;
    if (!query.exec())
        return {-1};
    while (query.next())
        list.append(query.value(0).toInt());
    return list;
}

Result<void> insert(Database &database, int x)
{
    QSqlQuery query = database.prepare(QStringLiteral("INSERT INTO t (x) VALUES (?)"));
    query.addBindValue(x);
    if (!query.exec())
        return Database::storageError(QStringLiteral("insert %1").arg(x), query);
    return {};
}

Error refused()
{
    return Error(Error::Kind::Invalid, QStringLiteral("refused"));
}

} // namespace

class TestDatabase final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void refusesAnEmptyFile();
    void initializesAnEmptyFileWhenTold();
    void isEmptyFile();
    void damagedFileGivesSqlitesReason();
    void innerTransactionFailureKeepsTheOuter();
    void outerFailureDropsTheInner();
    void afterCommitRunsWhatIsKept_data();
    void afterCommitRunsWhatIsKept();
    void heldTransactionSpansTheEventLoop_data();
    void heldTransactionSpansTheEventLoop();
    void oneHeldTransactionAtATime();
    void refusesANewerSchema();
    void refusesAForeignDatabase();
    void concurrentOpensMigrateOnce();
    void refusesALanguageCollation();

private:
    /// The file, or the URL of the scratch PostgreSQL database, of the current engine.
    QString path() const
    {
        return m_postgres ? m_postgres->url() : m_dir->filePath(QStringLiteral("tenant.authdeck"));
    }
    /// A fresh database at path() with a table t (x INTEGER UNIQUE).
    std::unique_ptr<Database> openWithTable();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ScratchPostgres> m_postgres;
};

void TestDatabase::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestDatabase::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    if (StoreEngine::current() == StoreEngine::postgres()) {
        m_postgres = std::make_unique<ScratchPostgres>();
        QVERIFY2(m_postgres->isValid(), qPrintable(m_postgres->error()));
    }
}

void TestDatabase::cleanup()
{
    m_postgres.reset();
    m_dir.reset();
}

std::unique_ptr<Database> TestDatabase::openWithTable()
{
    auto opened = Database::open(
        path(), {{1, QStringLiteral("t"), {QStringLiteral("CREATE TABLE t (x INTEGER UNIQUE)")}}});
    if (!opened) {
        qWarning() << opened.error().message();
        return {};
    }
    return opened.takeValue();
}

void TestDatabase::refusesAnEmptyFile()
{
    if (m_postgres)
        QSKIP("About SQLite files: a PostgreSQL database has no file.");
    QFile empty(path());
    QVERIFY(empty.open(QIODevice::WriteOnly));
    empty.close();

    auto refused = Database::open(path());
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind(), Error::Kind::Storage);
    QVERIFY2(refused.error().message().contains(QStringLiteral("is empty (0 bytes)")),
             qPrintable(refused.error().message()));
    QVERIFY2(refused.error().message().contains(path()), qPrintable(refused.error().message()));
    // Left as it was: still empty, and no journal beside it.
    QCOMPARE(QFileInfo(path()).size(), 0);
    QVERIFY(!QFile::exists(path() + QStringLiteral("-wal")));
}

void TestDatabase::initializesAnEmptyFileWhenTold()
{
    if (m_postgres)
        QSKIP("About SQLite files: a PostgreSQL database has no file.");
    QFile empty(path());
    QVERIFY(empty.open(QIODevice::WriteOnly));
    empty.close();

    auto opened = Database::open(path(), Database::EmptyFile::Initialize);
    QVERIFY2(opened, errorBytes(opened));
    QCOMPARE(opened.value()->schemaVersion(), Database::latestVersion());
    opened.value().reset();
    // Once it is a tenant, it opens as any other.
    auto again = Database::open(path());
    QVERIFY2(again, errorBytes(again));
}

void TestDatabase::isEmptyFile()
{
    if (m_postgres)
        QSKIP("About SQLite files: a PostgreSQL database has no file.");
    QVERIFY(!Database::isEmptyFile(path()));
    QFile file(path());
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(Database::isEmptyFile(path()));
    QCOMPARE(file.write("x"), 1);
    file.close();
    QVERIFY(!Database::isEmptyFile(path()));
    QVERIFY(!Database::isEmptyFile(m_dir->path()));
    QVERIFY(!Database::isEmptyFile(QStringLiteral(":memory:")));
}

void TestDatabase::damagedFileGivesSqlitesReason()
{
    if (m_postgres)
        QSKIP("About SQLite files: a PostgreSQL database has no file.");
    QFile file(path());
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.write(QByteArray(4096, 'x')) == 4096);
    file.close();

    auto refused = Database::open(path());
    QVERIFY(!refused);
    const QString message = refused.error().message();
    QVERIFY2(message.contains(QStringLiteral("(file is not a database)")), qPrintable(message));
    QVERIFY2(!message.contains(QStringLiteral("No query")), qPrintable(message));
}

void TestDatabase::innerTransactionFailureKeepsTheOuter()
{
    auto database = openWithTable();
    QVERIFY(database);
    auto outer = database->transaction([&]() -> Result<void> {
        if (auto first = insert(*database, 1); !first)
            return first;
        auto inner = database->transaction([&]() -> Result<void> {
            if (auto second = insert(*database, 2); !second)
                return second;
            return refused();
        });
        if (inner || inner.error().message() != QLatin1String("refused"))
            return Error(Error::Kind::Invalid,
                         QStringLiteral("the inner transaction did not fail as it should"));
        // The outer one carries on after the inner one rolled back.
        return insert(*database, 3);
    });
    QVERIFY2(outer, errorBytes(outer));
    QCOMPARE(values(*database), (QList<int> {1, 3}));
}

void TestDatabase::outerFailureDropsTheInner()
{
    auto database = openWithTable();
    QVERIFY(database);
    auto outer = database->transaction([&]() -> Result<void> {
        auto inner = database->transaction([&] { return insert(*database, 1); });
        if (!inner)
            return inner;
        return refused();
    });
    QVERIFY(!outer);
    QCOMPARE(outer.error().message(), QStringLiteral("refused"));
    QCOMPARE(values(*database), QList<int>());
    // And the connection is usable afterwards.
    QVERIFY(database->transaction([&] { return insert(*database, 4); }));
    QCOMPARE(values(*database), QList<int> {4});
}

void TestDatabase::afterCommitRunsWhatIsKept_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QStringList>("ran");

    QTest::newRow("outside a transaction") << QStringLiteral("outside") << QStringList {QStringLiteral("a")};
    QTest::newRow("committed") << QStringLiteral("committed") << QStringList {QStringLiteral("a")};
    QTest::newRow("rolled back") << QStringLiteral("rolled back") << QStringList();
    QTest::newRow("a savepoint rolled back")
        << QStringLiteral("inner rolled back") << QStringList {QStringLiteral("a")};
    QTest::newRow("a savepoint kept, then its sibling rolled back")
        << QStringLiteral("sibling rolled back") << QStringList {QStringLiteral("a"), QStringLiteral("b")};
    QTest::newRow("its context gone") << QStringLiteral("context gone") << QStringList();
}

void TestDatabase::afterCommitRunsWhatIsKept()
{
    QFETCH(QString, scenario);
    QFETCH(QStringList, ran);

    auto database = openWithTable();
    QVERIFY(database);
    QStringList done;
    auto context = std::make_unique<QObject>();
    auto later = [&](const QString &name) {
        database->afterCommit(context.get(), [&done, name] { done.append(name); });
    };
    if (scenario == QLatin1String("outside")) {
        later(QStringLiteral("a"));
        QCOMPARE(done, ran);
        return;
    }
    const auto outcome = database->transaction([&]() -> Result<void> {
        later(QStringLiteral("a"));
        if (scenario == QLatin1String("inner rolled back")
            || scenario == QLatin1String("sibling rolled back")) {
            if (scenario == QLatin1String("sibling rolled back")) {
                const auto sibling = database->transaction([&]() -> Result<void> {
                    later(QStringLiteral("b"));
                    return insert(*database, 1);
                });
                if (!sibling)
                    return sibling;
            }
            const auto inner = database->transaction([&]() -> Result<void> {
                later(QStringLiteral("c"));
                return refused();
            });
            if (inner)
                return Error(Error::Kind::Storage, QStringLiteral("the inner transaction should fail"));
        }
        if (scenario == QLatin1String("context gone"))
            context.reset();
        if (!done.isEmpty())
            return Error(Error::Kind::Storage, QStringLiteral("ran before the commit"));
        if (scenario == QLatin1String("rolled back"))
            return refused();
        return {};
    });
    QCOMPARE(bool(outcome), scenario != QLatin1String("rolled back"));
    QCOMPARE(done, ran);
}

void TestDatabase::heldTransactionSpansTheEventLoop_data()
{
    QTest::addColumn<bool>("commit");
    QTest::addColumn<QList<int>>("kept");
    QTest::newRow("committed") << true << QList<int> {1, 2, 3};
    QTest::newRow("rolled back") << false << QList<int>();
}

void TestDatabase::heldTransactionSpansTheEventLoop()
{
    QFETCH(bool, commit);
    QFETCH(QList<int>, kept);
    {
        auto database = openWithTable();
        QVERIFY(database);
        auto held = database->hold();
        QVERIFY2(held, errorBytes(held));
        QVERIFY(insert(*database, 1));
        // Work done later, from the event loop, in transactions of its own: part of the held one.
        bool ran = false;
        QMetaObject::invokeMethod(
            this,
            [&] {
                ran = database->transaction([&] { return insert(*database, 2); }).ok()
                    && database->transaction([&] { return insert(*database, 3); }).ok();
            },
            Qt::QueuedConnection);
        QTRY_VERIFY(ran);
        if (commit)
            QVERIFY(held.value()->commit());
        else
            held.value()->rollback();
        QCOMPARE(values(*database), kept);
    }
    // What a reopened database holds (SQLite's WAL drops what was not committed).
    auto reopened = Database::open(
        path(), {{1, QStringLiteral("t"), {QStringLiteral("CREATE TABLE t (x INTEGER UNIQUE)")}}});
    QVERIFY2(reopened, errorBytes(reopened));
    QCOMPARE(values(*reopened.value()), kept);
}

void TestDatabase::oneHeldTransactionAtATime()
{
    auto database = openWithTable();
    QVERIFY(database);
    {
        auto held = database->hold();
        QVERIFY2(held, errorBytes(held));
        QVERIFY(!database->hold());
        QVERIFY(insert(*database, 1));
        // Destroyed without commit(): rolled back.
    }
    QCOMPARE(values(*database), QList<int>());
    auto again = database->hold();
    QVERIFY2(again, errorBytes(again));
    QVERIFY(again.value()->commit());
    QVERIFY(!again.value()->commit());
}

void TestDatabase::refusesANewerSchema()
{
    const QList<Migration> two {
        {1, QStringLiteral("t"), {QStringLiteral("CREATE TABLE t (x INTEGER UNIQUE)")}},
        {2, QStringLiteral("u"), {QStringLiteral("CREATE TABLE u (y INTEGER)")}}};
    QVERIFY(Database::open(path(), two));
    auto older = Database::open(path(), two.mid(0, 1));
    QVERIFY(!older);
    QCOMPARE(older.error().kind(), Error::Kind::Storage);
    const QString message = older.error().message();
    QVERIFY2(message.contains(
                 QStringLiteral("written by a newer Authdeck (schema 2; this version knows up to 1)")),
             qPrintable(message));
    QVERIFY2(message.contains(path()), qPrintable(message));
    auto again = Database::open(path(), two);
    QVERIFY2(again, errorBytes(again));
    QCOMPARE(again.value()->schemaVersion(), 2);
}

void TestDatabase::refusesAForeignDatabase()
{
    {
        auto other = Database::open(
            path(), {{1, QStringLiteral("t"), {QStringLiteral("CREATE TABLE t (x INTEGER)")}}});
        QVERIFY2(other, errorBytes(other));
        // Another tool's database: tables, and no schema_migrations of Authdeck's.
        QCOMPARE(RawSql::run(*other.value(), {QStringLiteral("DROP TABLE schema_migrations")}), QString());
    }
    auto refused = Database::open(path());
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind(), Error::Kind::Storage);
    QVERIFY2(refused.error().message().contains(QStringLiteral("not an Authdeck tenant")),
             qPrintable(refused.error().message()));
    // Left as it was: no migrations table made, t still there.
    auto probe
        = Database::open(path(), {{1, QStringLiteral("t"), {QStringLiteral("CREATE TABLE t (x INTEGER)")}}});
    QVERIFY(!probe);
}

void TestDatabase::concurrentOpensMigrateOnce()
{
    if (!m_postgres)
        QSKIP("About PostgreSQL: SQLite files are opened by one Authdeck at a time.");
    // Two processes starting on a new database: the advisory lock lets one migrate; the other waits, then
    // finds the schema up to date. Without it, both would create the tables and one would fail.
    const QString url = path();
    const auto openOnce = [url] {
        auto opened = Database::open(url);
        return opened ? QString::number(opened.value()->schemaVersion()) : opened.error().message();
    };
    QFuture<QString> first = QtConcurrent::run(openOnce);
    QFuture<QString> second = QtConcurrent::run(openOnce);
    const QString latest = QString::number(Database::latestVersion());
    QCOMPARE(first.result(), latest);
    QCOMPARE(second.result(), latest);
    auto opened = Database::open(url);
    QVERIFY2(opened, errorBytes(opened));
    QSqlQuery recorded = opened.value()->prepare(QStringLiteral("SELECT count(*) FROM schema_migrations"));
    QVERIFY(recorded.exec() && recorded.next());
    QCOMPARE(recorded.value(0).toInt(), Database::latestVersion());
}

void TestDatabase::refusesALanguageCollation()
{
    if (!m_postgres)
        QSKIP("About PostgreSQL: SQLite compares text in code point order only.");
    // English rules (ICU, which PostgreSQL 15 has built in): "a" before "B", unlike code point order.
    ScratchPostgres english(
        QStringLiteral("TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C'"));
    QVERIFY2(english.isValid(), qPrintable(english.error()));
    auto refused = Database::open(english.url());
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind(), Error::Kind::Storage);
    QVERIFY2(refused.error().message().contains(QStringLiteral("needs the C collation")),
             qPrintable(refused.error().message()));
    // Left as it was: no table made.
    const QString connection = QStringLiteral("english");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        PostgresAddress::parse(english.url()).value().configure(db);
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QSqlQuery tables(db);
        QVERIFY(tables.exec(QStringLiteral(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()")));
        QVERIFY(tables.next());
        QCOMPARE(tables.value(0).toInt(), 0);
    }
    QSqlDatabase::removeDatabase(connection);
}

QTEST_GUILESS_MAIN(TestDatabase)
#include "TestDatabase.moc"
