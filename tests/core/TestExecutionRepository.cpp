#include "core/store/Database.h"
#include "core/store/ExecutionRepository.h"
#include "tests/support/ResultText.h"
#include "tests/support/StoreEngine.h"
#include "tests/support/TempTenant.h"

#include <QSqlQuery>
#include <QTest>

#include <memory>

namespace {

const QDateTime kBase = QDateTime(QDate(2026, 11, 2), QTime(9, 30, 0, 125), Qt::UTC);

ActionRunResult resultAt(int index, bool succeeded)
{
    ActionRunResult result;
    result.index = index;
    result.actionId = QStringLiteral("action-%1").arg(index);
    result.actionName = QStringLiteral("Action %1").arg(index);
    result.startedAt = kBase.addMSecs(index * 100);
    result.endedAt = kBase.addMSecs(index * 100 + 42);
    result.succeeded = succeeded;
    result.error = succeeded ? QString() : QStringLiteral("Plivo rejected the request (400): bad dst.");
    result.messageUuid = succeeded ? QStringLiteral("uuid-%1").arg(index) : QString();
    result.deliveryState = succeeded ? QStringLiteral("queued") : QString();
    return result;
}

Execution executionAt(const QString &id, const QDateTime &createdAt)
{
    Execution execution;
    execution.id = id;
    execution.triggerId = QStringLiteral("send-phone-message");
    execution.createdAt = createdAt;
    execution.status = QStringLiteral("partial");
    execution.error = QStringLiteral("Action 1 failed: bad dst.");
    execution.results = {resultAt(0, true), resultAt(1, false)};
    execution.event
        = {{QStringLiteral("message_options"),
            QJsonObject {{QStringLiteral("action"), QStringLiteral("enrollment")}}},
           {QStringLiteral("tenant"), QJsonObject {{QStringLiteral("id"), QStringLiteral("t1")}}}};
    return execution;
}

void compareResults(const ActionRunResult &actual, const ActionRunResult &expected)
{
    QCOMPARE(actual.index, expected.index);
    QCOMPARE(actual.actionId, expected.actionId);
    QCOMPARE(actual.actionName, expected.actionName);
    QCOMPARE(actual.startedAt, expected.startedAt);
    QCOMPARE(actual.endedAt, expected.endedAt);
    QCOMPARE(actual.succeeded, expected.succeeded);
    QCOMPARE(actual.error, expected.error);
    QCOMPARE(actual.messageUuid, expected.messageUuid);
    QCOMPARE(actual.deliveryState, expected.deliveryState);
}

} // namespace

/// Recording, reading, updating and pruning flow executions.
class TestExecutionRepository final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void recordAndFind();
    void findUnknownIsEmpty();
    void duplicateIsConflict();
    void failedRecordLeavesNothing();
    void recentNewestFirst_data();
    void recentNewestFirst();
    void updateDeliveryState();
    void removeOlderThan();

private:
    ExecutionRepository &repository() { return *m_repository; }
    int count(const QString &table);

    std::unique_ptr<TempTenant> m_temp;
    std::unique_ptr<ExecutionRepository> m_repository;
};

void TestExecutionRepository::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestExecutionRepository::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_temp = std::make_unique<TempTenant>();
    QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
    m_repository = std::make_unique<ExecutionRepository>(m_temp->tenant().database());
}

void TestExecutionRepository::cleanup()
{
    m_repository.reset();
    m_temp.reset();
}

int TestExecutionRepository::count(const QString &table)
{
    QSqlQuery query
        = m_temp->tenant().database().prepare(QStringLiteral("SELECT count(*) FROM %1").arg(table));
    return query.exec() && query.next() ? query.value(0).toInt() : -1;
}

void TestExecutionRepository::recordAndFind()
{
    const Execution execution = executionAt(QStringLiteral("e1"), kBase);
    const auto recorded = repository().record(execution);
    QVERIFY2(recorded, errorBytes(recorded));

    const auto found = repository().find(QStringLiteral("e1"));
    QVERIFY2(found, errorBytes(found));
    QVERIFY(found.value().has_value());
    const Execution &stored = *found.value();
    QCOMPARE(stored.id, execution.id);
    QCOMPARE(stored.triggerId, execution.triggerId);
    QCOMPARE(stored.createdAt, execution.createdAt);
    QCOMPARE(stored.status, execution.status);
    QCOMPARE(stored.error, execution.error);
    QCOMPARE(stored.event, execution.event);
    QCOMPARE(stored.results.size(), 2);
    for (int i = 0; i < 2; ++i)
        compareResults(stored.results.at(i), execution.results.at(i));
}

void TestExecutionRepository::findUnknownIsEmpty()
{
    const auto found = repository().find(QStringLiteral("nope"));
    QVERIFY2(found, errorBytes(found));
    QVERIFY(!found.value().has_value());
}

void TestExecutionRepository::duplicateIsConflict()
{
    QVERIFY(repository().record(executionAt(QStringLiteral("e1"), kBase)));
    Execution again = executionAt(QStringLiteral("e1"), kBase.addSecs(5));
    again.status = QStringLiteral("final");
    const auto recorded = repository().record(again);
    QVERIFY(!recorded);
    QCOMPARE(recorded.error().kind(), Error::Kind::Conflict);
    QCOMPARE(repository().find(QStringLiteral("e1")).value()->status, QStringLiteral("partial"));
    QCOMPARE(count(QStringLiteral("execution_results")), 2);
}

void TestExecutionRepository::failedRecordLeavesNothing()
{
    Execution broken = executionAt(QStringLiteral("e1"), kBase);
    broken.results[1].index = 0; // two results at one position: the second insert fails
    const auto recorded = repository().record(broken);
    QVERIFY(!recorded);
    QCOMPARE(recorded.error().kind(), Error::Kind::Storage);
    QCOMPARE(count(QStringLiteral("executions")), 0);
    QCOMPARE(count(QStringLiteral("execution_results")), 0);
}

void TestExecutionRepository::recentNewestFirst_data()
{
    QTest::addColumn<int>("limit");
    QTest::addColumn<QStringList>("ids");
    QTest::newRow("none") << 0 << QStringList();
    QTest::newRow("newest") << 1 << QStringList {QStringLiteral("c")};
    QTest::newRow("all three") << 3
                               << QStringList {QStringLiteral("c"), QStringLiteral("b"), QStringLiteral("a")};
    QTest::newRow("more than there are")
        << 10 << QStringList {QStringLiteral("c"), QStringLiteral("b"), QStringLiteral("a")};
}

void TestExecutionRepository::recentNewestFirst()
{
    QFETCH(int, limit);
    QFETCH(QStringList, ids);
    // Recorded out of order: the creation time decides.
    QVERIFY(repository().record(executionAt(QStringLiteral("b"), kBase.addSecs(60))));
    QVERIFY(repository().record(executionAt(QStringLiteral("c"), kBase.addSecs(120))));
    QVERIFY(repository().record(executionAt(QStringLiteral("a"), kBase)));
    const auto recent = repository().recent(limit);
    QVERIFY2(recent, errorBytes(recent));
    QStringList found;
    for (const Execution &execution : recent.value()) {
        found.append(execution.id);
        QCOMPARE(execution.results.size(), 2);
    }
    QCOMPARE(found, ids);
}

void TestExecutionRepository::updateDeliveryState()
{
    QVERIFY(repository().record(executionAt(QStringLiteral("e1"), kBase)));
    const auto updated
        = repository().updateDeliveryState(QStringLiteral("e1"), 0, QStringLiteral("delivered"));
    QVERIFY2(updated, errorBytes(updated));
    const auto found = repository().find(QStringLiteral("e1"));
    QCOMPARE(found.value()->results.at(0).deliveryState, QStringLiteral("delivered"));
    QCOMPARE(found.value()->results.at(1).deliveryState, QString());

    const auto missing = repository().updateDeliveryState(QStringLiteral("e1"), 5, QStringLiteral("sent"));
    QVERIFY(!missing);
    QCOMPARE(missing.error().kind(), Error::Kind::NotFound);
    const auto unknown = repository().updateDeliveryState(QStringLiteral("nope"), 0, QStringLiteral("sent"));
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().kind(), Error::Kind::NotFound);
}

void TestExecutionRepository::removeOlderThan()
{
    QVERIFY(repository().record(executionAt(QStringLiteral("old"), kBase.addDays(-11))));
    QVERIFY(repository().record(executionAt(QStringLiteral("edge"), kBase.addDays(-10))));
    QVERIFY(repository().record(executionAt(QStringLiteral("new"), kBase)));
    const auto removed = repository().removeOlderThan(kBase.addDays(-10));
    QVERIFY2(removed, errorBytes(removed));
    QCOMPARE(removed.value(), 1);
    QVERIFY(!repository().find(QStringLiteral("old")).value().has_value());
    QVERIFY(repository().find(QStringLiteral("edge")).value().has_value());
    QCOMPARE(count(QStringLiteral("executions")), 2);
    QCOMPARE(count(QStringLiteral("execution_results")), 4);
}

QTEST_GUILESS_MAIN(TestExecutionRepository)
#include "TestExecutionRepository.moc"
