// What SQLite and PostgreSQL spell differently: which engine a tagged migration statement is for, and the
// pieces the repositories ask for.

#include "core/store/SqlDialect.h"

#include <QTest>

class TestSqlDialect final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void migrationStatement_data();
    void migrationStatement();
    void noLimit();
    void quoted_data();
    void quoted();
};

void TestSqlDialect::migrationStatement_data()
{
    QTest::addColumn<QString>("written");
    QTest::addColumn<QString>("sqlite");
    QTest::addColumn<QString>("postgres");
    const QString index = QStringLiteral("CREATE INDEX a_x ON a (x)");
    QTest::newRow("untagged: both") << index << index << index;
    QTest::newRow("sqlite only") << QStringLiteral("/*sqlite*/ ") + index << index << QString();
    QTest::newRow("postgresql only") << QStringLiteral("/*postgresql*/ ") + index << QString() << index;
    QTest::newRow("tag not first: untagged")
        << QStringLiteral("SELECT 1 /*sqlite*/") << QStringLiteral("SELECT 1 /*sqlite*/")
        << QStringLiteral("SELECT 1 /*sqlite*/");
    QTest::newRow("unknown tag: untagged")
        << QStringLiteral("/*mysql*/ ") + index << QStringLiteral("/*mysql*/ ") + index
        << QStringLiteral("/*mysql*/ ") + index;
}

void TestSqlDialect::migrationStatement()
{
    QFETCH(QString, written);
    QTEST(SqlDialect(SqlDialect::Engine::Sqlite).migrationStatement(written), "sqlite");
    QTEST(SqlDialect(SqlDialect::Engine::Postgres).migrationStatement(written), "postgres");
}

void TestSqlDialect::noLimit()
{
    // SQLite reads LIMIT -1 as none; PostgreSQL refuses it and reads LIMIT NULL as none.
    QCOMPARE(SqlDialect(SqlDialect::Engine::Sqlite).noLimit(), QVariant(-1));
    QVERIFY(SqlDialect(SqlDialect::Engine::Postgres).noLimit().isNull());
}

void TestSqlDialect::quoted_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");
    QTest::newRow("a keyword") << QStringLiteral("position") << QStringLiteral("\"position\"");
    QTest::newRow("a quote doubled") << QStringLiteral("a\"b") << QStringLiteral("\"a\"\"b\"");
}

void TestSqlDialect::quoted()
{
    QFETCH(QString, name);
    QTEST(SqlDialect::quoted(name), "expected");
}

QTEST_GUILESS_MAIN(TestSqlDialect)
#include "TestSqlDialect.moc"
