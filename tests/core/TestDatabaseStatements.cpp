// Database::statement(): statements prepared once per connection and kept, on each engine; a nested use of
// one text gets a statement of its own, a kept statement never holds an old snapshot of the data, and one
// that cannot be prepared fails (its reason in the log, as for Database::prepare()) and is not kept.

#include "core/store/Database.h"
#include "tests/support/ResultText.h"
#include "tests/support/ScratchPostgres.h"
#include "tests/support/StoreEngine.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

class TestDatabaseStatements : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void aStatementIsPreparedOnceAndKept();
    void aNestedUseGetsAStatementOfItsOwn();
    void aKeptStatementSeesOtherConnectionsWrites();
    void aStatementThatCannotBePreparedFailsAndIsNotKept();

private:
    /// A database at the current engine's location with a table t (x INTEGER), opened once more each call.
    std::unique_ptr<Database> open();
    static QList<int> xs(Database &database);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ScratchPostgres> m_postgres;
};

namespace {

const QString kSelect = QStringLiteral("SELECT x FROM t ORDER BY x");
const QString kInsert = QStringLiteral("INSERT INTO t (x) VALUES (?)");

bool insert(Database &database, int x)
{
    Database::Statement statement = database.statement(kInsert);
    statement->addBindValue(x);
    return statement->exec();
}

} // namespace

void TestDatabaseStatements::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestDatabaseStatements::init()
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

void TestDatabaseStatements::cleanup()
{
    m_postgres.reset();
    m_dir.reset();
}

std::unique_ptr<Database> TestDatabaseStatements::open()
{
    const QString at = m_postgres ? m_postgres->url() : m_dir->filePath(QStringLiteral("statements.db"));
    auto opened = Database::open(
        at, {Migration {1, QStringLiteral("t"), {QStringLiteral("CREATE TABLE t (x INTEGER)")}}});
    if (!opened) {
        qWarning("%s", errorBytes(opened).constData());
        return {};
    }
    return opened.takeValue();
}

QList<int> TestDatabaseStatements::xs(Database &database)
{
    Database::Statement select = database.statement(kSelect);
    QList<int> values;
    if (!select->exec())
        return {-1};
    while (select->next())
        values.append(select->value(0).toInt());
    return values;
}

void TestDatabaseStatements::aStatementIsPreparedOnceAndKept()
{
    auto database = open();
    QVERIFY(database);
    const QSqlQuery *first = nullptr;
    {
        Database::Statement statement = database->statement(kSelect);
        first = &*statement;
    }
    Database::Statement again = database->statement(kSelect);
    QCOMPARE(&*again, first);
    QVERIFY(insert(*database, 1));
    QVERIFY(insert(*database, 2));
    QVERIFY(again->exec());
    QVERIFY(again->next());
    QCOMPARE(again->value(0).toInt(), 1);
}

void TestDatabaseStatements::aNestedUseGetsAStatementOfItsOwn()
{
    auto database = open();
    QVERIFY(database);
    QVERIFY(insert(*database, 1));
    QVERIFY(insert(*database, 2));
    // Reading rows of one statement while the same text runs again: the outer reading goes on undisturbed.
    Database::Statement outer = database->statement(kSelect);
    QVERIFY(outer->exec());
    QVERIFY(outer->next());
    QCOMPARE(xs(*database), (QList<int> {1, 2}));
    QCOMPARE(outer->value(0).toInt(), 1);
    QVERIFY(outer->next());
    QCOMPARE(outer->value(0).toInt(), 2);
    Database::Statement inner = database->statement(kSelect);
    QVERIFY(&*inner != &*outer);
}

void TestDatabaseStatements::aKeptStatementSeesOtherConnectionsWrites()
{
    auto first = open();
    auto second = open();
    QVERIFY(first && second);
    QVERIFY(insert(*second, 1));
    QVERIFY(insert(*second, 2));
    {
        // One row read of two: the statement is left before its end.
        Database::Statement select = first->statement(kSelect);
        QVERIFY(select->exec());
        QVERIFY(select->next());
    }
    QVERIFY(insert(*second, 3));
    // Had the kept statement stayed open, SQLite would still show this connection the data before 3.
    QCOMPARE(xs(*first), (QList<int> {1, 2, 3}));
}

void TestDatabaseStatements::aStatementThatCannotBePreparedFailsAndIsNotKept()
{
    auto database = open();
    QVERIFY(database);
    const QString sql = QStringLiteral("SELECT y FROM later");
    {
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("cannot prepare.*later")));
        Database::Statement missing = database->statement(sql);
        QVERIFY(!missing->exec());
    }
    QVERIFY(
        database->run(QStringLiteral("CREATE TABLE later (y INTEGER)"), QStringLiteral("make the table")));
    Database::Statement found = database->statement(sql);
    QVERIFY2(found->exec(), qPrintable(found->lastError().text()));
}

QTEST_GUILESS_MAIN(TestDatabaseStatements)
#include "TestDatabaseStatements.moc"
