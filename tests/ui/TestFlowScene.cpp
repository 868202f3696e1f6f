// The flow editor's scene on the real main window, driven with synthetic drag and drop events sent to the
// view's viewport (stack.md §6): dropping a palette action between Start and Complete, then Apply or
// Discard, and the drops that are refused and why. Reordering, undo, leaving and "Add to flow" are in
// TestFlowEditor.cpp.

#include "ResultText.h"
#include "TempTenant.h"
#include "actions/IntegrationService.h"
#include "common/MessageBar.h"
#include "flows/ActionCardItem.h"
#include "flows/ActionPalette.h"
#include "flows/FlowDraft.h"
#include "flows/FlowEditorPage.h"
#include "flows/FlowScene.h"
#include "flows/FlowService.h"
#include "flows/FlowView.h"
#include "shell/MainWindow.h"
#include "shell/Theme.h"
#include "tenant/Tenant.h"

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

const QString kPhone = QStringLiteral("send-phone-message");
const QString kLogin = QStringLiteral("post-login");
const QString kPlivo = QStringLiteral("Plivo");
const QString kAlpha = QStringLiteral("Alpha SMS");
const QString kBravo = QStringLiteral("Bravo SMS");
/// How far right of the pipeline's axis a drop is beside the flow (cards are 300 wide, 80 of slack).
constexpr qreal kBeside = ActionCardItem::Width / 2 + 110;

/// A catalog of input-free Send Phone Message integrations called @p names.
QByteArray testCatalog(const QStringList &names)
{
    QJsonArray entries;
    for (const QString &name : names) {
        entries.append(
            QJsonObject {{QStringLiteral("id"), name.toLower().replace(QLatin1Char(' '), QLatin1Char('-'))},
                         {QStringLiteral("name"), name},
                         {QStringLiteral("publisher"), QStringLiteral("Tests")},
                         {QStringLiteral("summary"), QStringLiteral("A test action")},
                         {QStringLiteral("description"), QStringLiteral("Does nothing.")},
                         {QStringLiteral("trigger"), kPhone},
                         {QStringLiteral("version"), QStringLiteral("1.0.0")},
                         {QStringLiteral("inputs"), QJsonArray()}});
    }
    return QJsonDocument(QJsonObject {{QStringLiteral("integrations"), entries}}).toJson();
}

/// Waits for @p job; the integration it installed, or an empty one when it failed or timed out.
Integration waitForInstall(IntegrationJob *job)
{
    auto installed = std::make_shared<Integration>();
    QObject::connect(job, &IntegrationJob::finished, [installed](IntegrationJob *done) {
        if (done->succeeded())
            *installed = done->integration();
    });
    QSignalSpy finished(job, &IntegrationJob::finished);
    finished.wait(5000);
    return *installed;
}

QStringList names(const QList<Binding> &bindings)
{
    QStringList list;
    for (const Binding &binding : bindings)
        list.append(binding.displayName);
    return list;
}

QStringList cardNames(const FlowScene *scene)
{
    QStringList list;
    for (int i = 0; i < scene->cardCount(); ++i)
        list.append(scene->card(i)->action().name);
    return list;
}

/// The middle of gap @p gap, in scene coordinates: between the node above (Start for gap 0) and the node
/// below (Complete for the last gap). cardPosition() continues the column past both ends.
qreal gapMiddle(const FlowScene *scene, int gap)
{
    return (scene->cardPosition(gap - 1).y() + ActionCardItem::Height + scene->cardPosition(gap).y()) / 2;
}

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

struct DragOutcome
{
    bool accepted = false;
    Qt::DropAction action = Qt::IgnoreAction;
};

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

class TestFlowScene : public QObject
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
    FlowEditorPage *editor() const
    {
        return qobject_cast<FlowEditorPage *>(m_window->page(Page::Id::FlowEditor));
    }
    MessageBar *message() const { return editor()->findChild<MessageBar *>(); }
    QString state() const { return editor()->findChild<QLabel *>(QStringLiteral("flowState"))->text(); }
    QString title() const { return editor()->findChild<QLabel *>(QStringLiteral("pageTitle"))->text(); }
    QPushButton *button(const char *name) const
    {
        return editor()->findChild<QPushButton *>(QLatin1String(name));
    }
    Binding binding(const QString &name) const;
    QList<Binding> bindings(const QStringList &names) const;
    QStringList applied(const QString &trigger) const;
    /// Installs Alpha SMS and Bravo SMS from a test catalog, over the tenant's database.
    void installTestActions();
    /// Applies @p names to the flow of @p trigger through the tenant's FlowService.
    void applyFlow(const QString &trigger, const QStringList &names);
    void openEditor(const QString &trigger);
    /// The viewport point in the middle of gap @p gap, @p dx right of the pipeline's axis.
    QPoint gapPoint(int gap, qreal dx = 0) const;

    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<IntegrationService> m_testIntegrations;
    std::unique_ptr<MainWindow> m_window;
    QHash<QString, Integration> m_installed; ///< by name
};

void TestFlowScene::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AuthdeckTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_flowscene"));
}

void TestFlowScene::init()
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    const Integration plivo = waitForInstall(m_tenant->tenant().integrations().install(
        QStringLiteral("plivo"),
        {{QStringLiteral("PLIVO_NUMBER"), QStringLiteral("+14155550100")}},
        {},
        true));
    QCOMPARE(plivo.name, kPlivo);
    m_installed.insert(kPlivo, plivo);
    m_window = std::make_unique<MainWindow>(m_tenant->tenant());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestFlowScene::cleanup()
{
    m_window.reset();
    m_testIntegrations.reset();
    m_tenant.reset();
    m_installed.clear();
}

Binding TestFlowScene::binding(const QString &name) const
{
    const Integration integration = m_installed.value(name);
    return {Binding::Kind::Integration, integration.id, integration.name, 0};
}

QList<Binding> TestFlowScene::bindings(const QStringList &names) const
{
    QList<Binding> list;
    for (const QString &name : names)
        list.append(binding(name));
    return list;
}

QStringList TestFlowScene::applied(const QString &trigger) const
{
    const auto stored = m_tenant->tenant().flows().bindings(trigger);
    return stored ? names(stored.value())
                  : QStringList {QStringLiteral("error: ") + stored.error().message()};
}

void TestFlowScene::installTestActions()
{
    auto catalog = IntegrationCatalog::parse(testCatalog({kAlpha, kBravo}), QStringLiteral("test catalog"));
    QVERIFY2(catalog, errorBytes(catalog));
    Tenant &tenant = m_tenant->tenant();
    m_testIntegrations = std::make_unique<IntegrationService>(
        tenant.database(), tenant.secrets(), tenant.id(), catalog.takeValue());
    for (const QString &name : {kAlpha, kBravo}) {
        const QString id = name.toLower().replace(QLatin1Char(' '), QLatin1Char('-'));
        const Integration installed = waitForInstall(m_testIntegrations->install(id, {}, {}, false));
        QCOMPARE(installed.name, name);
        m_installed.insert(name, installed);
    }
}

void TestFlowScene::applyFlow(const QString &trigger, const QStringList &names)
{
    const auto result = m_tenant->tenant().flows().apply(trigger, bindings(names));
    QVERIFY2(result, errorBytes(result));
}

void TestFlowScene::openEditor(const QString &trigger)
{
    QVERIFY(m_window->showPage(Page::Id::FlowEditor, trigger));
    QVERIFY(editor() && editor()->view() && editor()->scene() && editor()->draft());
    QCOMPARE(editor()->draft()->triggerId(), trigger);
    QTRY_VERIFY(editor()->view()->isVisible());
    QTRY_VERIFY2(editor()->view()->viewport()->width() > 2 * kBeside + 20,
                 qPrintable(QString::number(editor()->view()->viewport()->width())));
}

QPoint TestFlowScene::gapPoint(int gap, qreal dx) const
{
    FlowView *view = editor()->view();
    const QPointF target(dx, gapMiddle(editor()->scene(), gap));
    view->ensureVisible(QRectF(target - QPointF(2, 2), QSizeF(4, 4)), 0, 0);
    return view->mapFromScene(target);
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
