// One real mouse drag from the Add Action palette onto the flow, through QDrag and the platform's drag and
// drop, under Xvfb with QT_QPA_PLATFORM=xcb (stack.md §6): press on the palette item, start the drag with a
// move, and let timers queued beforehand move and release inside the drag's own event loop. A safety timer
// sends Escape so that a drag that goes wrong ends instead of hanging.

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

#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListWidget>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QUndoStack>
#include <QWindow>

#include <memory>

namespace {

/// Generous: the drag and the X server round trips run on a loaded CI machine.
constexpr int kTimeout = 10000;

} // namespace

class TestFlowRealDrag : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void dragFromPaletteOntoFlow_data();
    void dragFromPaletteOntoFlow();

private:
    FlowEditorPage *editor() const
    {
        return qobject_cast<FlowEditorPage *>(m_window->page(Page::Id::FlowEditor));
    }

    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<IntegrationService> m_testIntegrations;
    std::unique_ptr<MainWindow> m_window;
};

void TestFlowRealDrag::initTestCase()
{
    if (QGuiApplication::platformName() != QLatin1String("xcb"))
        QSKIP("A real drag needs QT_QPA_PLATFORM=xcb and a display (packaging/run-tests.sh provides Xvfb).");
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AuthdeckTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_flowrealdrag"));
}

void TestFlowRealDrag::init()
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    Integration plivo;
    QVERIFY(waitForInstall(m_tenant->tenant().integrations().install(
                               QStringLiteral("plivo"),
                               {{QStringLiteral("PLIVO_NUMBER"), QStringLiteral("+14155550100")}},
                               {},
                               true),
                           plivo));
    QCOMPARE(plivo.name, kPlivo);
}

void TestFlowRealDrag::cleanup()
{
    m_window.reset();
    m_testIntegrations.reset();
    m_tenant.reset();
}

void TestFlowRealDrag::dragFromPaletteOntoFlow_data()
{
    QTest::addColumn<QStringList>("before");
    QTest::addColumn<int>("gap");
    QTest::addColumn<QStringList>("after");

    QTest::newRow("empty flow, between Start and Complete") << QStringList() << 0 << QStringList {kPlivo};
    QTest::newRow("between two cards")
        << QStringList {kAlpha, kBravo} << 1 << QStringList {kAlpha, kPlivo, kBravo};
}

void TestFlowRealDrag::dragFromPaletteOntoFlow()
{
    QFETCH(QStringList, before);
    QFETCH(int, gap);
    QFETCH(QStringList, after);
    Tenant &tenant = m_tenant->tenant();
    if (!before.isEmpty()) {
        auto catalog = IntegrationCatalog::parse(testCatalog(before), QStringLiteral("test catalog"));
        QVERIFY2(catalog, errorBytes(catalog));
        m_testIntegrations = std::make_unique<IntegrationService>(
            tenant.database(), tenant.secrets(), tenant.id(), catalog.takeValue());
        QList<Binding> flow;
        for (const QString &name : before) {
            Integration installed;
            QVERIFY(
                waitForInstall(m_testIntegrations->install(testActionId(name), {}, {}, false), installed));
            QCOMPARE(installed.name, name);
            flow.append({Binding::Kind::Integration, installed.id, installed.name, 0});
        }
        const auto applied = tenant.flows().apply(kPhone, flow);
        QVERIFY2(applied, errorBytes(applied));
    }

    m_window = std::make_unique<MainWindow>(tenant);
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QVERIFY(m_window->showPage(Page::Id::FlowEditor, kPhone));
    FlowView *view = editor()->view();
    FlowScene *scene = editor()->scene();
    QListWidget *list = editor()->palette()->installedList();
    QTRY_VERIFY(view->isVisible() && list->isVisible());
    QCOMPARE(names(editor()->draft()->bindings()), before);

    const QList<QListWidgetItem *> found = list->findItems(kPlivo, Qt::MatchStartsWith);
    QCOMPARE(found.size(), 1);
    const int paletteItems = list->count();
    list->scrollToItem(found.constFirst());
    const QRect itemRect = list->visualItemRect(found.constFirst());
    QVERIFY(list->viewport()->rect().contains(itemRect.center()));
    const QPoint source = list->viewport()->mapTo(m_window.get(), itemRect.center());
    // The middle of the gap: between the node above (Start for gap 0) and the one below.
    const qreal gapY
        = (scene->cardPosition(gap - 1).y() + ActionCardItem::Height + scene->cardPosition(gap).y()) / 2;
    const QPoint inView = view->mapFromScene(QPointF(0, gapY));
    QVERIFY(view->viewport()->rect().contains(inView));
    QCOMPARE(scene->gapAt(view->mapToScene(inView)), gap);
    const QPoint target = view->viewport()->mapTo(m_window.get(), inView);
    const QPoint halfway = (source + target) / 2;

    QWindow *window = m_window->windowHandle();
    QVERIFY(window);
    QSignalSpy inserted(editor()->draft(), &FlowDraft::inserted);
    QSignalSpy refused(scene, &FlowScene::dropRefused);
    bool released = false;
    bool escaped = false;
    {
        QObject timers; // ends the timers below with this block
        QTest::mousePress(window, Qt::LeftButton, {}, source);
        // These run inside the drag's event loop, which the move below starts.
        QTimer::singleShot(300, &timers, [&] { QTest::mouseMove(window, halfway); });
        QTimer::singleShot(450, &timers, [&] { QTest::mouseMove(window, target); });
        QTimer::singleShot(600, &timers, [&] {
            QTest::mouseRelease(window, Qt::LeftButton, {}, target);
            released = true;
        });
        QTimer::singleShot(kTimeout, &timers, [&] {
            if (!released || QGuiApplication::mouseButtons() != Qt::NoButton) {
                escaped = true;
                QTest::keyClick(window, Qt::Key_Escape);
            }
        });
        QTest::mouseMove(window, source + QPoint(30, 0)); // starts the drag; returns when it ends
        QTRY_VERIFY_WITH_TIMEOUT(released, kTimeout);
        QVERIFY2(!escaped, "the drag did not end by itself: the safety timer sent Escape");
    }

    QTRY_COMPARE_WITH_TIMEOUT(inserted.count(), 1, kTimeout);
    QCOMPARE(inserted.constFirst().constFirst().toInt(), gap);
    QCOMPARE(refused.count(), 0);
    QCOMPARE(names(editor()->draft()->bindings()), after);
    QCOMPARE(scene->cardCount(), after.size());
    QCOMPARE(scene->card(gap)->action().name, kPlivo);
    QVERIFY(editor()->draft()->isDirty());
    QCOMPARE(editor()->undoStack()->undoText(), QStringLiteral("Add Plivo"));
    QVERIFY(editor()->findChild<MessageBar *>()->isHidden());
    // A copy: the action stays in the palette, and nothing is applied before Apply.
    QCOMPARE(list->count(), paletteItems);
    QCOMPARE(list->findItems(kPlivo, Qt::MatchStartsWith).size(), 1);
    const auto stored = tenant.flows().bindings(kPhone);
    QVERIFY2(stored, errorBytes(stored));
    QCOMPARE(names(stored.value()), before);
}

QTEST_MAIN(TestFlowRealDrag)
#include "TestFlowRealDrag.moc"
