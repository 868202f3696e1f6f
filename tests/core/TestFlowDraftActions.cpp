#include "core/flows/FlowDraft.h"
#include "tests/support/FlowDraftFixture.h"
#include "tests/support/ResultText.h"
#include "tests/support/StoreEngine.h"

#include <QSignalSpy>
#include <QTest>

/// The editing draft of a flow when one of its actions changes or goes, outside the draft.
class TestFlowDraftActions final : public QObject, private FlowDraftFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void refreshActionAnnouncesItsBindings_data();
    void refreshActionAnnouncesItsBindings();
    void removeActionTakesItsBindingsOut_data();
    void removeActionTakesItsBindingsOut();
};

void TestFlowDraftActions::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestFlowDraftActions::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    setUp();
}

void TestFlowDraftActions::cleanup()
{
    tearDown();
}

void TestFlowDraftActions::refreshActionAnnouncesItsBindings_data()
{
    QTest::addColumn<QString>("catalogId");
    QTest::addColumn<bool>("edited"); // delta inserted first, so that the draft is dirty
    QTest::addColumn<QList<int>>("updated");

    QTest::newRow("first") << QStringLiteral("alpha") << false << QList<int> {0};
    QTest::newRow("last") << QStringLiteral("charlie") << false << QList<int> {2};
    QTest::newRow("inserted, not applied") << QStringLiteral("delta") << true << QList<int> {1};
    QTest::newRow("after an insert") << QStringLiteral("bravo") << true << QList<int> {2};
    QTest::newRow("not in the flow") << QStringLiteral("delta") << false << QList<int> {};
    QTest::newRow("unknown") << QStringLiteral("nothing") << true << QList<int> {};
}

void TestFlowDraftActions::refreshActionAnnouncesItsBindings()
{
    QFETCH(QString, catalogId);
    QFETCH(bool, edited);
    QFETCH(QList<int>, updated);
    applyThree();
    FlowDraft draft(*m_service, kPhone);
    if (edited) {
        const auto inserted = draft.insert(1, binding(QStringLiteral("delta")));
        QVERIFY2(inserted, errorBytes(inserted));
    }
    const Bindings before = draft.bindings();
    QSignalSpy updatedSpy(&draft, &FlowDraft::updated);
    QSignalSpy inserted(&draft, &FlowDraft::inserted);
    QSignalSpy removed(&draft, &FlowDraft::removed);
    QSignalSpy moved(&draft, &FlowDraft::moved);
    QSignalSpy reset(&draft, &FlowDraft::reset);
    QSignalSpy dirty(&draft, &FlowDraft::dirtyChanged);

    const QString actionId = m_installed.value(catalogId).id;
    draft.refreshAction(actionId.isEmpty() ? catalogId : actionId);

    QList<int> announced;
    for (const QList<QVariant> &arguments : std::as_const(updatedSpy))
        announced.append(arguments.at(0).toInt());
    QCOMPARE(announced, updated);
    // The bindings are the same: nothing else is announced, nothing becomes dirty or clean.
    QCOMPARE(draft.bindings(), before);
    QCOMPARE(draft.isDirty(), edited);
    QCOMPARE(inserted.count() + removed.count() + moved.count() + reset.count() + dirty.count(), 0);
}

void TestFlowDraftActions::removeActionTakesItsBindingsOut_data()
{
    QTest::addColumn<QString>("catalogId");
    QTest::addColumn<bool>("edited"); // delta inserted first, so that the draft is dirty
    QTest::addColumn<QList<int>>("removed");
    QTest::addColumn<QStringList>("left");
    QTest::addColumn<QList<bool>>("dirtyChanges");

    const QStringList three {QStringLiteral("alpha"), QStringLiteral("bravo"), QStringLiteral("charlie")};
    QTest::newRow("applied one") << QStringLiteral("bravo") << false << QList<int> {1}
                                 << QStringList {QStringLiteral("alpha"), QStringLiteral("charlie")}
                                 << QList<bool> {true};
    QTest::newRow("the inserted one: clean again")
        << QStringLiteral("delta") << true << QList<int> {1} << three << QList<bool> {false};
    QTest::newRow("applied one, draft dirty")
        << QStringLiteral("alpha") << true << QList<int> {0}
        << QStringList {QStringLiteral("delta"), QStringLiteral("bravo"), QStringLiteral("charlie")}
        << QList<bool> {};
    QTest::newRow("not in the flow") << QStringLiteral("delta") << false << QList<int> {} << three
                                     << QList<bool> {};
}

void TestFlowDraftActions::removeActionTakesItsBindingsOut()
{
    QFETCH(QString, catalogId);
    QFETCH(bool, edited);
    QFETCH(QList<int>, removed);
    QFETCH(QStringList, left);
    QFETCH(QList<bool>, dirtyChanges);
    applyThree();
    FlowDraft draft(*m_service, kPhone);
    if (edited) {
        const auto inserted = draft.insert(1, binding(QStringLiteral("delta")));
        QVERIFY2(inserted, errorBytes(inserted));
    }
    QSignalSpy removedSpy(&draft, &FlowDraft::removed);
    QSignalSpy dirty(&draft, &FlowDraft::dirtyChanged);
    QSignalSpy reset(&draft, &FlowDraft::reset);

    QCOMPARE(draft.removeAction(binding(catalogId).actionId), int(removed.size()));

    QList<int> announced;
    for (const QList<QVariant> &arguments : std::as_const(removedSpy))
        announced.append(arguments.at(0).toInt());
    QCOMPARE(announced, removed);
    Bindings expected;
    for (const QString &id : left)
        expected.append(binding(id));
    QCOMPARE(draft.bindings(), expected);
    QList<bool> changes;
    for (const QList<QVariant> &arguments : std::as_const(dirty))
        changes.append(arguments.at(0).toBool());
    QCOMPARE(changes, dirtyChanges);
    QCOMPARE(draft.isDirty(), expected != three());
    QCOMPARE(reset.count(), 0);
    // Nothing is applied by it: the applied flow is as it was.
    QCOMPARE(m_service->bindings(kPhone).value(), three());
}

QTEST_GUILESS_MAIN(TestFlowDraftActions)
#include "TestFlowDraftActions.moc"
