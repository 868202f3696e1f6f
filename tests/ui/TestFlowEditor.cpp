// Editing a flow on the real main window: reordering cards with synthetic drops of a card (stack.md §6),
// undo and redo through the page, its buttons and the window's Edit menu, leaving with unapplied changes,
// and "Add to flow" from the Library. Dropping from the palette and the refusals are in TestFlowScene.cpp.

#include "core/actions/IntegrationService.h"
#include "core/flows/FlowDraft.h"
#include "core/flows/FlowService.h"
#include "core/tenant/Tenant.h"
#include "tests/support/ResultText.h"
#include "tests/support/TempTenant.h"
#include "tests/ui/FlowEditorFixture.h"
#include "tests/ui/UiTestHelpers.h"
#include "ui/common/MessageBar.h"
#include "ui/flows/ActionCardItem.h"
#include "ui/flows/FlowEditorPage.h"
#include "ui/flows/FlowScene.h"
#include "ui/flows/FlowView.h"
#include "ui/shell/MainWindow.h"

#include <QAction>
#include <QDragEnterEvent>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

#include <memory>

namespace {

/// A whole synthetic drag onto @p viewport: enter, move and drop at @p at; what the drop answered.
DragOutcome dragAndDrop(QWidget *viewport, const QPoint &at, const QMimeData *mime, Qt::DropActions actions)
{
    QDragEnterEvent enter(at, actions, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &enter);
    QDragMoveEvent move(at, actions, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &move);
    QDropEvent drop(QPointF(at), actions, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &drop);
    return {drop.isAccepted(), drop.dropAction()};
}

std::unique_ptr<QMimeData> cardMime(int index)
{
    auto mime = std::make_unique<QMimeData>();
    mime->setData(FlowScene::cardMimeType(), QByteArray::number(index));
    return mime;
}

} // namespace

class TestFlowEditor : public QObject, private FlowEditorFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void reorderCards_data();
    void reorderCards();
    void undoRedo_data();
    void undoRedo();
    void leaveWithUnappliedChanges_data();
    void leaveWithUnappliedChanges();
    void addToFlowFromLibrary_data();
    void addToFlowFromLibrary();

private:
    QAction *windowAction(const char *name) const
    {
        return m_window->findChild<QAction *>(QLatin1String(name));
    }
    /// Drags @p mime onto gap @p gap and drops it there (enter, move, drop at the same point).
    DragOutcome
    dragAndDrop(const QMimeData *mime, int gap, qreal dx = 0, Qt::DropActions actions = Qt::CopyAction);
};

void TestFlowEditor::initTestCase()
{
    initApplication(QStringLiteral("tst_ui_floweditor"));
}

void TestFlowEditor::init()
{
    setUp();
}

void TestFlowEditor::cleanup()
{
    tearDown();
}

DragOutcome TestFlowEditor::dragAndDrop(const QMimeData *mime, int gap, qreal dx, Qt::DropActions actions)
{
    return ::dragAndDrop(editor()->view()->viewport(), gapPoint(gap, dx), mime, actions);
}

void TestFlowEditor::reorderCards_data()
{
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("gap");
    QTest::addColumn<qreal>("dx");
    QTest::addColumn<QStringList>("after");
    QTest::addColumn<QString>("command"); ///< the undo text; empty when nothing moves

    const QStringList unchanged {kAlpha, kBravo, kPlivo};
    QTest::newRow("first to before Complete")
        << 0 << 3 << qreal(0) << QStringList {kBravo, kPlivo, kAlpha} << QStringLiteral("Move Alpha SMS");
    QTest::newRow("last to after Start")
        << 2 << 0 << qreal(0) << QStringList {kPlivo, kAlpha, kBravo} << QStringLiteral("Move Plivo");
    QTest::newRow("first one down") << 0 << 2 << qreal(0) << QStringList {kBravo, kAlpha, kPlivo}
                                    << QStringLiteral("Move Alpha SMS");
    QTest::newRow("middle onto the gap above it") << 1 << 1 << qreal(0) << unchanged << QString();
    QTest::newRow("middle onto the gap below it") << 1 << 2 << qreal(0) << unchanged << QString();
    QTest::newRow("first, beside the flow") << 0 << 3 << kBeside << unchanged << QString();
}

void TestFlowEditor::reorderCards()
{
    QFETCH(int, from);
    QFETCH(int, gap);
    QFETCH(qreal, dx);
    QFETCH(QStringList, after);
    QFETCH(QString, command);
    const QStringList before {kAlpha, kBravo, kPlivo};
    installTestActions();
    applyFlow(kPhone, before);
    openEditor(kPhone);
    if (QTest::currentTestFailed())
        return;
    FlowScene *scene = editor()->scene();
    FlowDraft *draft = editor()->draft();
    QCOMPARE(cardNames(scene), before);
    const qsizetype itemsBefore = scene->items().size();

    QSignalSpy moved(draft, &FlowDraft::moved);
    QSignalSpy refused(scene, &FlowScene::dropRefused);
    const auto mime = cardMime(from);
    const DragOutcome dropped = dragAndDrop(mime.get(), gap, dx, Qt::MoveAction);
    QVERIFY(dropped.accepted);
    QCOMPARE(refused.count(), dx == 0 ? 0 : 1);
    QCOMPARE(dropped.action == Qt::IgnoreAction, dx != 0);
    QCOMPARE(names(draft->bindings()), after);
    QCOMPARE(cardNames(scene), after);
    for (int i = 0; i < scene->cardCount(); ++i) {
        QCOMPARE(scene->card(i)->index(), i);
        QCOMPARE(scene->card(i)->pos(), scene->cardPosition(i));
    }
    QCOMPARE(scene->items().size(), itemsBefore);
    QCOMPARE(moved.count(), command.isEmpty() ? 0 : 1);
    QCOMPARE(editor()->undoStack()->count(), command.isEmpty() ? 0 : 1);
    QCOMPARE(draft->isDirty(), !command.isEmpty());
    QCOMPARE(state(), command.isEmpty() ? QStringLiteral("Applied") : QStringLiteral("Unapplied changes"));
    QCOMPARE(applied(kPhone), before);
    if (command.isEmpty())
        return;
    QCOMPARE(editor()->undoStack()->undoText(), command);
    QCOMPARE(scene->focusedIndex(), int(after.indexOf(before.at(from))));

    editor()->undoStack()->undo();
    QCOMPARE(names(draft->bindings()), before);
    QCOMPARE(cardNames(scene), before);
    QVERIFY(!draft->isDirty());
    QCOMPARE(state(), QStringLiteral("Applied"));
}

void TestFlowEditor::undoRedo_data()
{
    QTest::addColumn<QString>("route");

    QTest::newRow("page undo stack") << QStringLiteral("stack");
    QTest::newRow("Edit menu actions") << QStringLiteral("menu");
    QTest::newRow("header buttons") << QStringLiteral("buttons");
}

void TestFlowEditor::undoRedo()
{
    QFETCH(QString, route);
    openEditor(kPhone);
    if (QTest::currentTestFailed())
        return;
    QUndoStack *stack = editor()->undoStack();
    QAction *undoAction = windowAction("undoAction");
    QAction *redoAction = windowAction("redoAction");
    QVERIFY(undoAction && redoAction);
    QVERIFY(!undoAction->isEnabled());
    QVERIFY(!button("undoButton")->isEnabled());

    const auto mime = std::unique_ptr<QMimeData>(FlowScene::mimeFor(binding(kPlivo)));
    QVERIFY(dragAndDrop(mime.get(), 0).accepted);
    QCOMPARE(names(editor()->draft()->bindings()), QStringList {kPlivo});
    QCOMPARE(stack->count(), 1);
    QCOMPARE(stack->undoText(), QStringLiteral("Add Plivo"));
    QVERIFY(undoAction->isEnabled());
    QCOMPARE(undoAction->text(), QStringLiteral("Undo Add Plivo"));
    QVERIFY(!redoAction->isEnabled());
    QVERIFY(button("undoButton")->isEnabled());
    QCOMPARE(button("undoButton")->toolTip(), QStringLiteral("Undo Add Plivo"));

    const auto run = [&](bool undo) {
        if (route == QLatin1String("stack"))
            undo ? stack->undo() : stack->redo();
        else if (route == QLatin1String("menu"))
            (undo ? undoAction : redoAction)->trigger();
        else
            QTest::mouseClick(button(undo ? "undoButton" : "redoButton"), Qt::LeftButton);
    };
    run(true);
    QCOMPARE(editor()->draft()->count(), 0);
    QCOMPARE(editor()->scene()->cardCount(), 0);
    QCOMPARE(state(), QStringLiteral("Applied"));
    QVERIFY(!undoAction->isEnabled());
    QVERIFY(redoAction->isEnabled());
    QCOMPARE(redoAction->text(), QStringLiteral("Redo Add Plivo"));
    QCOMPARE(button("redoButton")->toolTip(), QStringLiteral("Redo Add Plivo"));

    run(false);
    QCOMPARE(names(editor()->draft()->bindings()), QStringList {kPlivo});
    QCOMPARE(cardNames(editor()->scene()), QStringList {kPlivo});
    QCOMPARE(state(), QStringLiteral("Unapplied changes"));
    QCOMPARE(undoAction->text(), QStringLiteral("Undo Add Plivo"));
    QVERIFY(!redoAction->isEnabled());
    QCOMPARE(applied(kPhone), QStringList());
}

void TestFlowEditor::leaveWithUnappliedChanges_data()
{
    QTest::addColumn<bool>("edited");
    QTest::addColumn<int>("answer");
    QTest::addColumn<bool>("backButton");
    QTest::addColumn<bool>("leaves");
    QTest::addColumn<QStringList>("appliedAfter");

    QTest::newRow("no changes: leaves without asking") << false << 0 << false << true << QStringList();
    QTest::newRow("Cancel stays") << true << int(QMessageBox::Cancel) << false << false << QStringList();
    QTest::newRow("Back to Flows, Cancel stays")
        << true << int(QMessageBox::Cancel) << true << false << QStringList();
    QTest::newRow("Discard leaves") << true << int(QMessageBox::Discard) << false << true << QStringList();
    QTest::newRow("Apply leaves") << true << int(QMessageBox::Apply) << true << true << QStringList {kPlivo};
}

void TestFlowEditor::leaveWithUnappliedChanges()
{
    QFETCH(bool, edited);
    QFETCH(int, answer);
    QFETCH(bool, backButton);
    QFETCH(bool, leaves);
    QFETCH(QStringList, appliedAfter);
    openEditor(kPhone);
    if (QTest::currentTestFailed())
        return;
    if (edited) {
        const auto mime = std::unique_ptr<QMimeData>(FlowScene::mimeFor(binding(kPlivo)));
        QVERIFY(dragAndDrop(mime.get(), 0).accepted);
        QVERIFY(editor()->draft()->isDirty());
    }

    ModalAnswer box(QStringLiteral("unappliedChangesBox"), [&](QWidget *modal, QStringList &failures) {
        auto *messageBox = qobject_cast<QMessageBox *>(modal);
        UI_CHECK(failures, messageBox);
        UI_CHECK(failures, messageBox->text().contains(QStringLiteral("Send Phone Message")));
        UI_CHECK(failures, messageBox->text().contains(QStringLiteral("not applied")));
        QAbstractButton *choice = messageBox->button(QMessageBox::StandardButton(answer));
        UI_CHECK(failures, choice);
        QTest::mouseClick(choice, Qt::LeftButton);
    });
    if (backButton) {
        QTest::mouseClick(button("backButton"), Qt::LeftButton);
    } else {
        QCOMPARE(m_window->showPage(Page::Id::Flows), leaves);
    }
    if (edited) {
        UI_VERIFY_ANSWERED(box);
    } else {
        QVERIFY2(!box.answered(), "asked although nothing changed");
    }

    QCOMPARE(m_window->currentPageId(), leaves ? Page::Id::Flows : Page::Id::FlowEditor);
    QCOMPARE(applied(kPhone), appliedAfter);
    if (!leaves) {
        QVERIFY(editor()->isVisible());
        QVERIFY(editor()->draft()->isDirty());
        QCOMPARE(names(editor()->draft()->bindings()), QStringList {kPlivo});
        QCOMPARE(editor()->undoStack()->count(), 1);
        return;
    }
    QVERIFY(!editor()->draft()->isDirty());
    QPushButton *tile
        = m_window->page(Page::Id::Flows)->findChild<QPushButton *>(QStringLiteral("flow-") + kPhone);
    QVERIFY(tile);
    QTRY_VERIFY(tile->isVisible());
    QCOMPARE(tile->findChild<QLabel *>(QStringLiteral("count"))->text(),
             appliedAfter.isEmpty() ? QStringLiteral("No actions") : QStringLiteral("1 action"));
    // The Edit menu belongs to the page on screen: on Flows it must not undo the hidden editor's steps.
    QAction *undoAction = windowAction("undoAction");
    QVERIFY2(!undoAction->isEnabled(), qPrintable(undoAction->text()));
}

void TestFlowEditor::addToFlowFromLibrary_data()
{
    QTest::addColumn<QStringList>("before");
    QTest::addColumn<bool>("placed");
    QTest::addColumn<QString>("text");

    QTest::newRow("not in the flow yet")
        << QStringList() << true << QStringLiteral("Plivo was placed in the draft. Apply to make it run.");
    QTest::newRow("already applied") << QStringList {kPlivo} << false
                                     << QStringLiteral("Plivo is already in the Send Phone Message flow.");
}

void TestFlowEditor::addToFlowFromLibrary()
{
    QFETCH(QStringList, before);
    QFETCH(bool, placed);
    QFETCH(QString, text);
    applyFlow(kPhone, before);
    QVERIFY(m_window->showPage(Page::Id::ActionsLibrary));
    auto *card
        = m_window->page(Page::Id::ActionsLibrary)->findChild<QFrame *>(QStringLiteral("integration-plivo"));
    QVERIFY(card);
    auto *menuButton = card->findChild<QToolButton *>(QStringLiteral("integrationMenu"));
    QVERIFY(menuButton && menuButton->menu());
    QAction *addToFlow = menuButton->menu()->findChild<QAction *>(QStringLiteral("addToFlowAction"));
    QVERIFY(addToFlow);

    addToFlow->trigger();
    QCOMPARE(m_window->currentPageId(), Page::Id::FlowEditor);
    QTRY_VERIFY(editor()->isVisible());
    QCOMPARE(editor()->draft()->triggerId(), kPhone);
    QCOMPARE(names(editor()->draft()->bindings()), QStringList {kPlivo});
    QCOMPARE(cardNames(editor()->scene()), QStringList {kPlivo});
    QCOMPARE(editor()->draft()->isDirty(), placed);
    QCOMPARE(state(), placed ? QStringLiteral("Unapplied changes") : QStringLiteral("Applied"));
    QCOMPARE(editor()->undoStack()->count(), placed ? 1 : 0);
    QVERIFY(message()->isVisible());
    QCOMPARE(message()->text(), text);
    QCOMPARE(message()->level(), placed ? MessageBar::Level::Info : MessageBar::Level::Warning);
    QCOMPARE(applied(kPhone), before); // placed, not applied
}

QTEST_MAIN(TestFlowEditor)
#include "TestFlowEditor.moc"
