// The flow editor's undo commands over a real FlowDraft: a step the draft refuses (an action already in
// the flow, an index that is gone) marks its command obsolete, so the undo stack drops it instead of
// keeping a step that did nothing.

#include "core/flows/FlowDraft.h"
#include "tests/support/FlowDraftFixture.h"
#include "ui/flows/FlowCommands.h"

#include <QTest>
#include <QUndoStack>

class TestFlowCommands : public QObject, private FlowDraftFixture
{
    Q_OBJECT

private slots:
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void acceptedCommandsStay();
    void refusedInsertIsDropped();
    void refusedMoveIsDropped();
    void refusedRemoveIsDropped();
};

void TestFlowCommands::acceptedCommandsStay()
{
    FlowDraft draft(*m_service, kPhone);
    QUndoStack stack;
    stack.push(new InsertBindingCommand(draft, 0, binding(QStringLiteral("alpha"))));
    stack.push(new InsertBindingCommand(draft, 1, binding(QStringLiteral("bravo"))));
    stack.push(new MoveBindingCommand(draft, 1, 0, QStringLiteral("bravo")));
    QCOMPARE(stack.count(), 3);
    QCOMPARE(draft.bindings(),
             (Bindings {binding(QStringLiteral("bravo")), binding(QStringLiteral("alpha"))}));
    stack.undo();
    stack.undo();
    QCOMPARE(draft.bindings(), Bindings {binding(QStringLiteral("alpha"))});
    QCOMPARE(stack.count(), 3);
}

void TestFlowCommands::refusedInsertIsDropped()
{
    FlowDraft draft(*m_service, kPhone);
    QUndoStack stack;
    stack.push(new InsertBindingCommand(draft, 0, binding(QStringLiteral("alpha"))));
    // The same action twice: the draft refuses it, and no step is kept that undo would "take out".
    stack.push(new InsertBindingCommand(draft, 1, binding(QStringLiteral("alpha"))));
    QCOMPARE(stack.count(), 1);
    QCOMPARE(draft.bindings(), Bindings {binding(QStringLiteral("alpha"))});
    stack.undo();
    QVERIFY(draft.bindings().isEmpty());
}

void TestFlowCommands::refusedMoveIsDropped()
{
    FlowDraft draft(*m_service, kPhone);
    QUndoStack stack;
    stack.push(new InsertBindingCommand(draft, 0, binding(QStringLiteral("alpha"))));
    stack.push(new MoveBindingCommand(draft, 0, 5, QStringLiteral("alpha")));
    QCOMPARE(stack.count(), 1);
    QCOMPARE(draft.bindings(), Bindings {binding(QStringLiteral("alpha"))});
}

void TestFlowCommands::refusedRemoveIsDropped()
{
    FlowDraft draft(*m_service, kPhone);
    QUndoStack stack;
    stack.push(new RemoveBindingCommand(draft, 0)); // nothing there to remove
    QCOMPARE(stack.count(), 0);
    QVERIFY(draft.bindings().isEmpty());
}

QTEST_MAIN(TestFlowCommands)
#include "TestFlowCommands.moc"
