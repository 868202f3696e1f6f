// The flow editor's scene on the real main window, driven with synthetic drag and drop events sent to the
// view's viewport (stack.md §6): dropping a palette action between Start and Complete, then Apply or
// Discard, and the drops that are refused and why. Reordering, undo, leaving and "Add to flow" are in
// TestFlowEditor.cpp.

#include "core/actions/IntegrationService.h"
#include "core/flows/FlowDraft.h"
#include "core/flows/FlowService.h"
#include "core/tenant/Tenant.h"
#include "tests/support/ResultText.h"
#include "tests/support/TempTenant.h"
#include "tests/ui/FlowEditorFixture.h"
#include "ui/common/MessageBar.h"
#include "ui/flows/ActionCardItem.h"
#include "ui/flows/ActionPalette.h"
#include "ui/flows/FlowEditorPage.h"
#include "ui/flows/FlowScene.h"
#include "ui/flows/FlowView.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/Theme.h"

#include <QDragEnterEvent>
#include <QGraphicsRectItem>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QUndoStack>

#include <memory>

namespace {

/// The drop indicator: the scene's only rectangle drawn above the cards.
QGraphicsRectItem *dropIndicator(const FlowScene *scene)
{
    const QList<QGraphicsItem *> items = scene->items();
    for (QGraphicsItem *item : items) {
        if (item->type() == QGraphicsRectItem::Type && item->zValue() > 0)
            return static_cast<QGraphicsRectItem *>(item);
    }
    return nullptr;
}

const QString kLogin = QStringLiteral("post-login");

DragOutcome dragEnter(QWidget *viewport, const QPoint &at, const QMimeData *mime, Qt::DropActions actions)
{
    QDragEnterEvent event(at, actions, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &event);
    return {event.isAccepted(), event.dropAction()};
}

DragOutcome dragMove(QWidget *viewport, const QPoint &at, const QMimeData *mime, Qt::DropActions actions)
{
    QDragMoveEvent event(at, actions, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &event);
    return {event.isAccepted(), event.dropAction()};
}

DragOutcome drop(QWidget *viewport, const QPoint &at, const QMimeData *mime, Qt::DropActions actions)
{
    QDropEvent event(QPointF(at), actions, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &event);
    return {event.isAccepted(), event.dropAction()};
}

/// What the palette's list gives a drag of its item @p name (null when it lists no such item).
std::unique_ptr<QMimeData> paletteMime(const FlowEditorPage *editor, const QString &name)
{
    const QListWidget *list = editor->palette()->installedList();
    const QList<QListWidgetItem *> found = list->findItems(name, Qt::MatchStartsWith);
    if (found.size() != 1)
        return nullptr;
    return std::unique_ptr<QMimeData>(list->model()->mimeData({list->indexFromItem(found.constFirst())}));
}

} // namespace

class TestFlowScene : public QObject, private FlowEditorFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void dropFromPalette_data();
    void dropFromPalette();
    void refusedDrop_data();
    void refusedDrop();
    void foreignDataIsNotTaken();

private:
    QString title() const { return editor()->findChild<QLabel *>(QStringLiteral("pageTitle"))->text(); }
};

void TestFlowScene::initTestCase()
{
    initApplication(QStringLiteral("tst_ui_flowscene"));
}

void TestFlowScene::init()
{
    setUp();
}

void TestFlowScene::cleanup()
{
    tearDown();
}

void TestFlowScene::dropFromPalette_data()
{
    QTest::addColumn<QStringList>("before");
    QTest::addColumn<int>("gap");
    QTest::addColumn<bool>("apply");
    QTest::addColumn<QStringList>("after");

    QTest::newRow("empty flow, then Apply") << QStringList() << 0 << true << QStringList {kPlivo};
    QTest::newRow("empty flow, then Discard") << QStringList() << 0 << false << QStringList {kPlivo};
    QTest::newRow("after Start, then Apply")
        << QStringList {kAlpha, kBravo} << 0 << true << QStringList {kPlivo, kAlpha, kBravo};
    QTest::newRow("between two cards, then Apply")
        << QStringList {kAlpha, kBravo} << 1 << true << QStringList {kAlpha, kPlivo, kBravo};
    QTest::newRow("before Complete, then Discard")
        << QStringList {kAlpha, kBravo} << 2 << false << QStringList {kAlpha, kBravo, kPlivo};
}

void TestFlowScene::dropFromPalette()
{
    QFETCH(QStringList, before);
    QFETCH(int, gap);
    QFETCH(bool, apply);
    QFETCH(QStringList, after);
    if (!before.isEmpty())
        installTestActions();
    applyFlow(kPhone, before);
    openEditor(kPhone);
    if (QTest::currentTestFailed())
        return;
    FlowScene *scene = editor()->scene();
    FlowDraft *draft = editor()->draft();
    QWidget *viewport = editor()->view()->viewport();
    QCOMPARE(cardNames(scene), before);
    QCOMPARE(state(), QStringLiteral("Applied"));
    QCOMPARE(title(), QStringLiteral("Send Phone Message"));
    QVERIFY(!button("applyButton")->isEnabled());
    const qsizetype itemsBefore = scene->items().size();
    QGraphicsRectItem *indicator = dropIndicator(scene);
    QVERIFY(indicator);
    QVERIFY(!indicator->isVisible());

    // The palette's item carries what FlowScene::mimeFor() makes of the binding.
    const std::unique_ptr<QMimeData> mime = paletteMime(editor(), kPlivo);
    QVERIFY(mime);
    QCOMPARE(mime->formats(), QStringList {FlowScene::actionMimeType()});
    const std::unique_ptr<QMimeData> expected(FlowScene::mimeFor(binding(kPlivo)));
    QCOMPARE(mime->data(FlowScene::actionMimeType()), expected->data(FlowScene::actionMimeType()));
    QCOMPARE(FlowScene::bindingFrom(mime.get()), std::optional<Binding>(binding(kPlivo)));
    const QPoint at = gapPoint(gap);
    QVERIFY(viewport->rect().contains(at));
    QCOMPARE(scene->gapAt(editor()->view()->mapToScene(at)), gap);

    const DragOutcome entered = dragEnter(viewport, at, mime.get(), Qt::CopyAction);
    QVERIFY(entered.accepted);
    QCOMPARE(entered.action, Qt::CopyAction);
    const DragOutcome moved = dragMove(viewport, at, mime.get(), Qt::CopyAction);
    QVERIFY(moved.accepted);
    QCOMPARE(moved.action, Qt::CopyAction);
    QVERIFY(indicator->isVisible());
    QCOMPARE(indicator->pos().y(), gapMiddle(scene, gap));
    QCOMPARE(indicator->brush().color(), Theme::instance().color(QStringLiteral("accent")));
    QCOMPARE(draft->count(), before.size()); // nothing changes before the drop

    QSignalSpy inserted(draft, &FlowDraft::inserted);
    const DragOutcome dropped = drop(viewport, at, mime.get(), Qt::CopyAction);
    QVERIFY(dropped.accepted);
    QCOMPARE(dropped.action, Qt::CopyAction);
    QVERIFY(!indicator->isVisible());
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.constFirst().constFirst().toInt(), gap);
    QCOMPARE(names(draft->bindings()), after);
    QCOMPARE(draft->bindings().at(gap), binding(kPlivo));
    QCOMPARE(cardNames(scene), after);
    for (int i = 0; i < scene->cardCount(); ++i)
        QCOMPARE(scene->card(i)->pos(), scene->cardPosition(i));
    QCOMPARE(scene->items().size(), itemsBefore + 1);
    QCOMPARE(state(), QStringLiteral("Unapplied changes"));
    QCOMPARE(title(), QStringLiteral("Send Phone Message •"));
    QVERIFY(button("applyButton")->isEnabled());
    QVERIFY(button("discardButton")->isEnabled());
    QVERIFY(message()->isHidden());
    QCOMPARE(applied(kPhone), before); // nothing reaches the tenant before Apply

    QSignalSpy flowApplied(&m_tenant->tenant().flows(), &FlowService::flowApplied);
    QTest::mouseClick(button(apply ? "applyButton" : "discardButton"), Qt::LeftButton);
    QCOMPARE(state(), QStringLiteral("Applied"));
    QCOMPARE(title(), QStringLiteral("Send Phone Message"));
    QVERIFY(!button("applyButton")->isEnabled());
    QVERIFY(!draft->isDirty());
    if (apply) {
        QCOMPARE(flowApplied.count(), 1);
        QCOMPARE(applied(kPhone), after);
        QCOMPARE(m_tenant->tenant().flows().bindings(kPhone).value(), bindings(after));
        QVERIFY(message()->isVisible());
        QCOMPARE(message()->level(), MessageBar::Level::Success);
        QCOMPARE(cardNames(scene), after);
    } else {
        QCOMPARE(flowApplied.count(), 0);
        QCOMPARE(applied(kPhone), before);
        QCOMPARE(names(draft->bindings()), before);
        QCOMPARE(cardNames(scene), before);
        QCOMPARE(scene->items().size(), itemsBefore);
        QCOMPARE(editor()->undoStack()->count(), 0);
    }
}

void TestFlowScene::refusedDrop_data()
{
    QTest::addColumn<QString>("trigger");
    QTest::addColumn<QStringList>("before");
    QTest::addColumn<QByteArray>("payload"); ///< the action mime data; empty: Plivo's
    QTest::addColumn<qreal>("dx");
    QTest::addColumn<QString>("reason");

    QTest::newRow("beside the flow") << kPhone << QStringList() << QByteArray() << kBeside
                                     << QStringLiteral(
                                            "Drop the action on the flow, between Start and Complete.");
    QTest::newRow("beside the flow, on the left")
        << kPhone << QStringList() << QByteArray() << -kBeside
        << QStringLiteral("Drop the action on the flow, between Start and Complete.");
    QTest::newRow("already in the flow")
        << kPhone << QStringList {kPlivo} << QByteArray() << qreal(0)
        << QStringLiteral("Plivo is already in the Send Phone Message flow.");
    QTest::newRow("another trigger's action")
        << kLogin << QStringList() << QByteArray() << qreal(0)
        << QStringLiteral("Plivo runs in the Send Phone Message flow; it cannot be added to Login.");
    QTest::newRow("not an action") << kPhone << QStringList() << QByteArray("{\"kind\": \"integration\"}")
                                   << qreal(0) << QStringLiteral("This is not an action.");
}

void TestFlowScene::refusedDrop()
{
    QFETCH(QString, trigger);
    QFETCH(QStringList, before);
    QFETCH(QByteArray, payload);
    QFETCH(qreal, dx);
    QFETCH(QString, reason);
    applyFlow(kPhone, before);
    openEditor(trigger);
    if (QTest::currentTestFailed())
        return;
    FlowScene *scene = editor()->scene();
    FlowDraft *draft = editor()->draft();
    QWidget *viewport = editor()->view()->viewport();
    const qsizetype itemsBefore = scene->items().size();
    std::unique_ptr<QMimeData> mime(FlowScene::mimeFor(binding(kPlivo)));
    if (!payload.isEmpty())
        mime->setData(FlowScene::actionMimeType(), payload);
    const int gap = draft->count();
    const QPoint at = gapPoint(gap, dx);
    QVERIFY(viewport->rect().contains(at));

    // Entering and moving are accepted, so that the drop still comes and can say why it is refused.
    QVERIFY(dragEnter(viewport, at, mime.get(), Qt::CopyAction).accepted);
    const DragOutcome moved = dragMove(viewport, at, mime.get(), Qt::CopyAction);
    QVERIFY(moved.accepted);
    QCOMPARE(moved.action, Qt::IgnoreAction);
    QGraphicsRectItem *indicator = dropIndicator(scene);
    QVERIFY(indicator && indicator->isVisible());
    QCOMPARE(indicator->brush().color(), Theme::instance().color(QStringLiteral("danger")));
    QVERIFY(message()->isHidden());

    QSignalSpy refused(scene, &FlowScene::dropRefused);
    QSignalSpy inserted(scene, &FlowScene::insertRequested);
    const DragOutcome dropped = drop(viewport, at, mime.get(), Qt::CopyAction);
    QCOMPARE(dropped.action, Qt::IgnoreAction);
    QCOMPARE(refused.count(), 1);
    QCOMPARE(refused.constFirst().constFirst().toString(), reason);
    QCOMPARE(inserted.count(), 0);
    QVERIFY(!indicator->isVisible());
    QVERIFY(message()->isVisible());
    QCOMPARE(message()->level(), MessageBar::Level::Warning);
    QCOMPARE(message()->text(), reason);
    QCOMPARE(names(draft->bindings()), trigger == kPhone ? before : QStringList());
    QCOMPARE(scene->items().size(), itemsBefore);
    QVERIFY(!draft->isDirty());
    QCOMPARE(state(), QStringLiteral("Applied"));
    QCOMPARE(editor()->undoStack()->count(), 0);
    QCOMPARE(applied(kPhone), before);
    QCOMPARE(applied(kLogin), QStringList());
}

void TestFlowScene::foreignDataIsNotTaken()
{
    openEditor(kPhone);
    if (QTest::currentTestFailed())
        return;
    QMimeData text;
    text.setText(QStringLiteral("Plivo"));
    QWidget *viewport = editor()->view()->viewport();
    const QPoint at = gapPoint(0);
    QVERIFY(!dragEnter(viewport, at, &text, Qt::CopyAction).accepted);
    QVERIFY(!dropIndicator(editor()->scene())->isVisible());
    QCOMPARE(editor()->draft()->count(), 0);
}

QTEST_MAIN(TestFlowScene)
#include "TestFlowScene.moc"
