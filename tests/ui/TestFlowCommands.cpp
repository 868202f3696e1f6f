// The flow editor's undo history when the draft refuses a step: a step that can no longer be undone or
// redone exactly (the draft changed outside the history) is dropped, not kept as a step that does nothing.

#include "core/flows/FlowDraft.h"
#include "tests/support/ResultText.h"
#include "tests/ui/FlowEditorFixture.h"
#include "ui/flows/FlowEditorPage.h"
#include "ui/flows/FlowScene.h"

#include <QAction>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

class TestFlowCommands : public QObject, private FlowEditorFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void refusedStepIsDropped_data();
    void refusedStepIsDropped();
};

void TestFlowCommands::initTestCase()
{
    initApplication(QStringLiteral("tst_ui_flowcommands"));
}

void TestFlowCommands::init()
{
    setUp();
    if (QTest::currentTestFailed())
        return;
    installTestActions();
    if (QTest::currentTestFailed())
        return;
    applyFlow(kPhone, {kPlivo, kAlpha});
    if (QTest::currentTestFailed())
        return;
    openEditor(kPhone);
}

void TestFlowCommands::cleanup()
{
    tearDown();
}

void TestFlowCommands::refusedStepIsDropped_data()
{
    // The undoable step taken through the editor at index: insert (Bravo SMS), move (to stepTo) or remove.
    QTest::addColumn<QString>("step");
    QTest::addColumn<int>("index");
    QTest::addColumn<int>("stepTo");
    QTest::addColumn<bool>("undone"); // whether it is undone before the draft changes under it
    QTest::addColumn<QString>("outside"); // what changes the draft outside the history: insert or remove
    QTest::addColumn<QString>("outsideName"); // what it inserts
    QTest::addColumn<int>("outsideIndex");
    QTest::addColumn<QStringList>("draft"); // the draft then, which the refused step leaves as it is

    const QString insert = QStringLiteral("insert");
    const QString move = QStringLiteral("move");
    const QString remove = QStringLiteral("remove");
    // Undo of "Remove Plivo" puts Plivo back at 0: refused, Plivo is in the draft again.
    QTest::newRow("undo of a remove")
        << remove << 0 << -1 << false << insert << kPlivo << 0 << QStringList {kPlivo, kAlpha};
    // Undo of "Add Bravo SMS" takes out index 2: refused, the draft has two actions now.
    QTest::newRow("undo of an insert")
        << insert << 2 << -1 << false << remove << QString() << 2 << QStringList {kPlivo, kAlpha};
    // Undo of "Move Plivo" moves index 1 back to 0: refused, the draft has one action now.
    QTest::newRow("undo of a move") << move << 0 << 1 << false << remove << QString() << 1
                                    << QStringList {kAlpha};
    // Redo of "Add Bravo SMS" puts it at 2: refused, Bravo SMS is in the draft already.
    QTest::newRow("redo of an insert")
        << insert << 2 << -1 << true << insert << kBravo << 0 << QStringList {kBravo, kPlivo, kAlpha};
    // Redo of "Remove Alpha SMS" takes out index 1 again: refused, the draft has one action now.
    QTest::newRow("redo of a remove")
        << remove << 1 << -1 << true << remove << QString() << 1 << QStringList {kPlivo};
}

void TestFlowCommands::refusedStepIsDropped()
{
    QFETCH(QString, step);
    QFETCH(int, index);
    QFETCH(int, stepTo);
    QFETCH(bool, undone);
    QFETCH(QString, outside);
    QFETCH(QString, outsideName);
    QFETCH(int, outsideIndex);
    QFETCH(QStringList, draft);
    FlowDraft *flow = editor()->draft();
    FlowScene *scene = editor()->scene();
    QUndoStack *stack = editor()->undoStack();
    QVERIFY(stack);
    QCOMPARE(stack, scene->undoStack());
    QCOMPARE(names(flow->bindings()), (QStringList {kPlivo, kAlpha}));

    if (step == QLatin1String("insert"))
        QVERIFY(editor()->insertAction(index, binding(kBravo)));
    else if (step == QLatin1String("move"))
        QVERIFY(editor()->moveAction(index, stepTo));
    else
        QVERIFY(editor()->removeAction(index));
    QCOMPARE(stack->count(), 1);
    if (undone) {
        stack->undo();
        QCOMPARE(names(flow->bindings()), (QStringList {kPlivo, kAlpha}));
        QVERIFY(stack->canRedo());
    }

    // The draft changes outside the history, which no longer fits it.
    if (outside == QLatin1String("insert")) {
        const auto inserted = flow->insert(outsideIndex, binding(outsideName));
        QVERIFY2(inserted, errorBytes(inserted));
    } else {
        const auto removed = flow->remove(outsideIndex);
        QVERIFY2(removed, errorBytes(removed));
    }
    QCOMPARE(names(flow->bindings()), draft);

    QSignalSpy inserted(flow, &FlowDraft::inserted);
    QSignalSpy removed(flow, &FlowDraft::removed);
    QSignalSpy moved(flow, &FlowDraft::moved);
    undone ? stack->redo() : stack->undo();

    // Refused: nothing changed, and the step is gone from the history instead of staying as a no-op.
    QCOMPARE(inserted.count() + removed.count() + moved.count(), 0);
    QCOMPARE(names(flow->bindings()), draft);
    QCOMPARE(cardNames(scene), draft);
    QCOMPARE(stack->count(), 0);
    QVERIFY(!stack->canUndo());
    QVERIFY(!stack->canRedo());
    QVERIFY(!button("undoButton")->isEnabled());
    QVERIFY(!button("redoButton")->isEnabled());
    QAction *undoAction = m_window->findChild<QAction *>(QStringLiteral("undoAction"));
    QAction *redoAction = m_window->findChild<QAction *>(QStringLiteral("redoAction"));
    QVERIFY(undoAction && redoAction);
    QVERIFY(!undoAction->isEnabled());
    QVERIFY(!redoAction->isEnabled());

    // The history goes on from there.
    QVERIFY(editor()->removeAction(0));
    QCOMPARE(stack->count(), 1);
    stack->undo();
    QCOMPARE(names(flow->bindings()), draft);
}

QTEST_MAIN(TestFlowCommands)
#include "TestFlowCommands.moc"
