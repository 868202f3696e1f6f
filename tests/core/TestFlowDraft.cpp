#include "core/actions/IntegrationService.h"
#include "core/flows/FlowDraft.h"
#include "core/flows/FlowService.h"
#include "tests/support/FlowDraftFixture.h"
#include "tests/support/ResultText.h"
#include "tests/support/StoreEngine.h"
#include "tests/support/TempTenant.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace {

QStringList names(const char *spaced)
{
    return QString::fromLatin1(spaced).split(QLatin1Char(' '));
}

} // namespace

/// The editing draft of a flow: every operation is exactly invertible; apply, discard and reload.
class TestFlowDraft final : public QObject, private FlowDraftFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void loadsTheAppliedList();
    void insertIsUndoneByRemove_data();
    void insertIsUndoneByRemove();
    void moveIsUndoneByReverseMove_data();
    void moveIsUndoneByReverseMove();
    void removeIsUndoneByInsert_data();
    void removeIsUndoneByInsert();
    void moveToSameIndexChangesNothing();
    void dirtyFollowsTheDifference();
    void discardReturnsToApplied();
    void reloadPicksUpAnotherApply();
    void applyPersistsAndReloadsEqual();
};

void TestFlowDraft::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestFlowDraft::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    setUp();
}

void TestFlowDraft::cleanup()
{
    tearDown();
}

void TestFlowDraft::loadsTheAppliedList()
{
    FlowDraft empty(*m_service, kPhone);
    QCOMPARE(empty.count(), 0);
    applyThree();
    FlowDraft draft(*m_service, kPhone);
    QCOMPARE(draft.triggerId(), kPhone);
    QCOMPARE(draft.bindings(), three());
    QCOMPARE(draft.count(), 3);
    QVERIFY(!draft.isDirty());
    QVERIFY(!draft.loadError());
}

void TestFlowDraft::insertIsUndoneByRemove_data()
{
    QTest::addColumn<bool>("startEmpty");
    QTest::addColumn<int>("index");
    QTest::newRow("into an empty flow") << true << 0;
    QTest::newRow("at 0") << false << 0;
    QTest::newRow("in the middle") << false << 1;
    QTest::newRow("at the end") << false << 3;
}

void TestFlowDraft::insertIsUndoneByRemove()
{
    QFETCH(bool, startEmpty);
    QFETCH(int, index);
    if (!startEmpty)
        applyThree();
    FlowDraft draft(*m_service, kPhone);
    const Bindings before = draft.bindings();
    QSignalSpy inserted(&draft, &FlowDraft::inserted);
    QSignalSpy removed(&draft, &FlowDraft::removed);
    QSignalSpy dirty(&draft, &FlowDraft::dirtyChanged);
    const Binding delta = binding(QStringLiteral("delta"));

    const auto done = draft.insert(index, delta);
    QVERIFY2(done, errorBytes(done));
    Bindings expected = before;
    expected.insert(index, delta);
    QCOMPARE(draft.bindings(), expected);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(0).toInt(), index);
    QCOMPARE(dirty.count(), 1);
    QCOMPARE(dirty.at(0).at(0).toBool(), true);
    QVERIFY(draft.isDirty());

    const auto undone = draft.remove(index);
    QVERIFY2(undone, errorBytes(undone));
    QCOMPARE(undone.value(), delta);
    QCOMPARE(draft.bindings(), before);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(0).toInt(), index);
    QCOMPARE(dirty.count(), 2);
    QCOMPARE(dirty.at(1).at(0).toBool(), false);
    QVERIFY(!draft.isDirty());
    QCOMPARE(inserted.count(), 1);
}

void TestFlowDraft::moveIsUndoneByReverseMove_data()
{
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("to");
    QTest::addColumn<QStringList>("order");
    QTest::newRow("first to last") << 0 << 2 << names("bravo charlie alpha");
    QTest::newRow("last to first") << 2 << 0 << names("charlie alpha bravo");
    QTest::newRow("down by one") << 0 << 1 << names("bravo alpha charlie");
    QTest::newRow("up by one") << 2 << 1 << names("alpha charlie bravo");
}

void TestFlowDraft::moveIsUndoneByReverseMove()
{
    QFETCH(int, from);
    QFETCH(int, to);
    QFETCH(QStringList, order);
    applyThree();
    FlowDraft draft(*m_service, kPhone);
    QSignalSpy moved(&draft, &FlowDraft::moved);
    QSignalSpy dirty(&draft, &FlowDraft::dirtyChanged);

    const auto done = draft.move(from, to);
    QVERIFY2(done, errorBytes(done));
    Bindings expected;
    for (const QString &id : order)
        expected.append(binding(id));
    QCOMPARE(draft.bindings(), expected);
    QCOMPARE(moved.count(), 1);
    QCOMPARE(moved.at(0).at(0).toInt(), from);
    QCOMPARE(moved.at(0).at(1).toInt(), to);
    QCOMPARE(dirty.count(), 1);
    QVERIFY(draft.isDirty());

    const auto undone = draft.move(to, from);
    QVERIFY2(undone, errorBytes(undone));
    QCOMPARE(draft.bindings(), three());
    QCOMPARE(moved.count(), 2);
    QCOMPARE(moved.at(1).at(0).toInt(), to);
    QCOMPARE(moved.at(1).at(1).toInt(), from);
    QCOMPARE(dirty.count(), 2);
    QCOMPARE(dirty.at(1).at(0).toBool(), false);
}

void TestFlowDraft::removeIsUndoneByInsert_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("catalogId");
    QTest::newRow("first") << 0 << QStringLiteral("alpha");
    QTest::newRow("middle") << 1 << QStringLiteral("bravo");
    QTest::newRow("last") << 2 << QStringLiteral("charlie");
}

void TestFlowDraft::removeIsUndoneByInsert()
{
    QFETCH(int, index);
    QFETCH(QString, catalogId);
    applyThree();
    FlowDraft draft(*m_service, kPhone);
    QSignalSpy removed(&draft, &FlowDraft::removed);
    QSignalSpy inserted(&draft, &FlowDraft::inserted);
    QSignalSpy dirty(&draft, &FlowDraft::dirtyChanged);

    auto taken = draft.remove(index);
    QVERIFY2(taken, errorBytes(taken));
    QCOMPARE(taken.value(), binding(catalogId));
    QCOMPARE(draft.count(), 2);
    QVERIFY(!draft.bindings().contains(binding(catalogId)));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(0).toInt(), index);
    QCOMPARE(dirty.count(), 1);

    const auto undone = draft.insert(index, taken.value());
    QVERIFY2(undone, errorBytes(undone));
    QCOMPARE(draft.bindings(), three());
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(0).toInt(), index);
    QCOMPARE(dirty.count(), 2);
    QVERIFY(!draft.isDirty());
}

void TestFlowDraft::moveToSameIndexChangesNothing()
{
    applyThree();
    FlowDraft draft(*m_service, kPhone);
    QSignalSpy moved(&draft, &FlowDraft::moved);
    QSignalSpy dirty(&draft, &FlowDraft::dirtyChanged);
    const auto done = draft.move(1, 1);
    QVERIFY2(done, errorBytes(done));
    QCOMPARE(draft.bindings(), three());
    QCOMPARE(moved.count(), 0);
    QCOMPARE(dirty.count(), 0);
}

void TestFlowDraft::dirtyFollowsTheDifference()
{
    applyThree();
    FlowDraft draft(*m_service, kPhone);
    QSignalSpy dirty(&draft, &FlowDraft::dirtyChanged);
    QVERIFY(draft.move(0, 1));
    QCOMPARE(dirty.count(), 1);
    QVERIFY(draft.move(2, 0)); // charlie, bravo, alpha: still different
    QCOMPARE(dirty.count(), 1);
    QVERIFY(draft.move(0, 2)); // bravo, alpha, charlie
    QVERIFY(draft.move(1, 0)); // alpha, bravo, charlie: the applied order again, by another way
    QCOMPARE(draft.bindings(), three());
    QCOMPARE(dirty.count(), 2);
    QCOMPARE(dirty.at(1).at(0).toBool(), false);
    QVERIFY(!draft.isDirty());
}

void TestFlowDraft::discardReturnsToApplied()
{
    applyThree();
    FlowDraft draft(*m_service, kPhone);
    QSignalSpy reset(&draft, &FlowDraft::reset);
    QSignalSpy dirty(&draft, &FlowDraft::dirtyChanged);
    QVERIFY(draft.insert(1, binding(QStringLiteral("delta"))));
    QVERIFY(draft.remove(0));
    QCOMPARE(dirty.count(), 1);

    draft.discard();
    QCOMPARE(draft.bindings(), three());
    QCOMPARE(reset.count(), 1);
    QCOMPARE(dirty.count(), 2);
    QCOMPARE(dirty.at(1).at(0).toBool(), false);
    QCOMPARE(m_service->bindings(kPhone).value(), three());

    draft.discard(); // clean already: a reset, no dirty change
    QCOMPARE(reset.count(), 2);
    QCOMPARE(dirty.count(), 2);
}

void TestFlowDraft::reloadPicksUpAnotherApply()
{
    FlowDraft draft(*m_service, kPhone);
    QSignalSpy reset(&draft, &FlowDraft::reset);
    QSignalSpy dirty(&draft, &FlowDraft::dirtyChanged);
    applyThree(); // someone else applies
    QCOMPARE(draft.count(), 0);
    draft.reload();
    QCOMPARE(draft.bindings(), three());
    QVERIFY(!draft.isDirty());
    QCOMPARE(reset.count(), 1);
    QCOMPARE(dirty.count(), 0);
}

void TestFlowDraft::applyPersistsAndReloadsEqual()
{
    applyThree();
    Bindings edited;
    {
        FlowDraft draft(*m_service, kPhone);
        QSignalSpy applied(&draft, &FlowDraft::applied);
        QSignalSpy dirty(&draft, &FlowDraft::dirtyChanged);
        QSignalSpy flowApplied(m_service.get(), &FlowService::flowApplied);
        QSignalSpy reset(&draft, &FlowDraft::reset);
        connect(m_service.get(), &FlowService::flowApplied, &draft, &FlowDraft::reload);
        QVERIFY(draft.move(2, 0));
        QVERIFY(draft.insert(1, binding(QStringLiteral("delta"))));
        QVERIFY(draft.remove(3));
        const auto done = draft.apply();
        QVERIFY2(done, errorBytes(done));
        QCOMPARE(applied.count(), 1);
        QCOMPARE(flowApplied.count(), 1);
        QCOMPARE(flowApplied.at(0).at(0).toString(), kPhone);
        QCOMPARE(reset.count(), 0); // its own apply does not reload it
        QCOMPARE(dirty.count(), 2);
        QCOMPARE(dirty.at(1).at(0).toBool(), false);
        QVERIFY(!draft.isDirty());
        edited = draft.bindings();
    }
    const Bindings expected {binding(QStringLiteral("charlie")),
                             binding(QStringLiteral("delta")),
                             binding(QStringLiteral("alpha"))};
    QCOMPARE(edited, expected);
    QCOMPARE(FlowDraft(*m_service, kPhone).bindings(), expected);

    // From the file: the tenant's own services, after reopening it.
    m_service.reset();
    m_integrations.reset();
    QVERIFY2(m_temp->reopen(), qPrintable(m_temp->error()));
    FlowDraft reopened(m_temp->tenant().flows(), kPhone);
    QCOMPARE(reopened.bindings(), expected);
    QVERIFY(!reopened.isDirty());
}

QTEST_GUILESS_MAIN(TestFlowDraft)
#include "TestFlowDraft.moc"
