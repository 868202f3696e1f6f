#include "core/actions/IntegrationService.h"
#include "core/flows/FlowDraft.h"
#include "core/flows/FlowService.h"
#include "core/store/Database.h"
#include "tests/support/FlowDraftFixture.h"
#include "tests/support/ResultText.h"
#include "tests/support/StoreEngine.h"
#include "tests/support/StoreFault.h"
#include "tests/support/TempTenant.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <memory>

/// The editing draft of a flow: what it refuses (with the reason) changes nothing.
class TestFlowDraftRefusals final : public QObject, private FlowDraftFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void refusedInsertChangesNothing_data();
    void refusedInsertChangesNothing();
    void refusedMoveOrRemoveChangesNothing_data();
    void refusedMoveOrRemoveChangesNothing();
    void failedApplyKeepsTheDraft();
};

void TestFlowDraftRefusals::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestFlowDraftRefusals::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    setUp();
}

void TestFlowDraftRefusals::cleanup()
{
    tearDown();
}

void TestFlowDraftRefusals::refusedInsertChangesNothing_data()
{
    QTest::addColumn<QString>("catalogId"); // empty: an action that does not exist
    QTest::addColumn<bool>("custom");
    QTest::addColumn<int>("index");
    QTest::addColumn<bool>("checkRefuses"); // false: only the index is wrong
    const bool custom = true;
    const bool integration = false;
    QTest::newRow("unknown action") << QString() << integration << 0 << true;
    QTest::newRow("another trigger's action") << QStringLiteral("echo") << integration << 1 << true;
    QTest::newRow("duplicate") << QStringLiteral("bravo") << integration << 0 << true;
    QTest::newRow("custom action") << QStringLiteral("delta") << custom << 0 << true;
    QTest::newRow("index below 0") << QStringLiteral("delta") << integration << -1 << false;
    QTest::newRow("index past the end") << QStringLiteral("delta") << integration << 4 << false;
}

void TestFlowDraftRefusals::refusedInsertChangesNothing()
{
    QFETCH(QString, catalogId);
    QFETCH(bool, custom);
    QFETCH(int, index);
    QFETCH(bool, checkRefuses);
    applyThree();
    FlowDraft draft(*m_service, kPhone);
    QSignalSpy inserted(&draft, &FlowDraft::inserted);
    QSignalSpy dirty(&draft, &FlowDraft::dirtyChanged);
    Binding refused = catalogId.isEmpty() ? Binding {Binding::Kind::Integration,
                                                     QUuid::createUuid().toString(QUuid::WithoutBraces),
                                                     QStringLiteral("Ghost"),
                                                     0}
                                          : binding(catalogId);
    if (custom)
        refused.kind = Binding::Kind::Custom;

    QCOMPARE(draft.checkInsert(refused).has_value(), checkRefuses);
    const auto result = draft.insert(index, refused);
    QVERIFY(!result);
    QCOMPARE(result.error().kind(), Error::Kind::Invalid);
    QVERIFY(!result.error().message().isEmpty());
    if (checkRefuses)
        QCOMPARE(result.error().message(), *draft.checkInsert(refused));
    QCOMPARE(draft.bindings(), three());
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(dirty.count(), 0);
    QVERIFY(!draft.isDirty());
}

void TestFlowDraftRefusals::refusedMoveOrRemoveChangesNothing_data()
{
    QTest::addColumn<bool>("isMove");
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("to");
    QTest::newRow("move from -1") << true << -1 << 0;
    QTest::newRow("move from past the end") << true << 3 << 0;
    QTest::newRow("move to past the end") << true << 0 << 3;
    QTest::newRow("move to -1") << true << 2 << -1;
    QTest::newRow("remove -1") << false << -1 << 0;
    QTest::newRow("remove past the end") << false << 3 << 0;
}

void TestFlowDraftRefusals::refusedMoveOrRemoveChangesNothing()
{
    QFETCH(bool, isMove);
    QFETCH(int, from);
    QFETCH(int, to);
    applyThree();
    FlowDraft draft(*m_service, kPhone);
    QSignalSpy moved(&draft, &FlowDraft::moved);
    QSignalSpy removed(&draft, &FlowDraft::removed);
    QSignalSpy dirty(&draft, &FlowDraft::dirtyChanged);
    if (isMove) {
        const auto result = draft.move(from, to);
        QVERIFY(!result);
        QCOMPARE(result.error().kind(), Error::Kind::Invalid);
    } else {
        const auto result = draft.remove(from);
        QVERIFY(!result);
        QCOMPARE(result.error().kind(), Error::Kind::Invalid);
    }
    QCOMPARE(draft.bindings(), three());
    QCOMPARE(moved.count() + removed.count() + dirty.count(), 0);
}

void TestFlowDraftRefusals::failedApplyKeepsTheDraft()
{
    applyThree();
    FlowDraft draft(*m_service, kPhone);
    QVERIFY(draft.insert(0, binding(QStringLiteral("delta"))));
    const Bindings edited = draft.bindings();
    QCOMPARE(StoreFault::refuse(m_temp->tenant().database(),
                                QStringLiteral("block_flows"),
                                QStringLiteral("INSERT"),
                                QStringLiteral("flow_bindings"),
                                QStringLiteral("the disk is full")),
             QString());
    QSignalSpy applied(&draft, &FlowDraft::applied);
    QSignalSpy dirty(&draft, &FlowDraft::dirtyChanged);
    QSignalSpy flowApplied(m_service.get(), &FlowService::flowApplied);

    const auto result = draft.apply();
    QVERIFY(!result);
    QCOMPARE(result.error().kind(), Error::Kind::Storage);
    QCOMPARE(draft.bindings(), edited);
    QVERIFY(draft.isDirty());
    QCOMPARE(applied.count() + dirty.count() + flowApplied.count(), 0);
    QCOMPARE(m_service->bindings(kPhone).value(), three());
}

QTEST_GUILESS_MAIN(TestFlowDraftRefusals)
#include "TestFlowDraftRefusals.moc"
