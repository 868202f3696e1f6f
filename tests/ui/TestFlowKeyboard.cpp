// The flow editor with the keyboard only: Enter in the Add Action palette puts the current action after the
// focused card, Tab walks the cards, Alt+Up / Alt+Down move the focused card, Delete removes it, and the
// view's accessible description reads the order out.

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

#include <QApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListWidget>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QUndoStack>

#include <memory>

namespace {

/// What the view should tell a screen reader for @p order, with card @p focused (or none) selected.
QString description(const QStringList &order, int focused)
{
    QStringList steps {QStringLiteral("Start")};
    for (int i = 0; i < order.size(); ++i)
        steps.append(QStringLiteral("%1. %2").arg(i + 1).arg(order.at(i)));
    steps.append(QStringLiteral("Complete"));
    QString text = steps.join(QStringLiteral(", "));
    if (focused >= 0)
        text += QStringLiteral(" Selected: %1, %2 of %3.")
                    .arg(order.at(focused))
                    .arg(focused + 1)
                    .arg(order.size());
    return text;
}

} // namespace

class TestFlowKeyboard : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void tabWalksTheCards_data();
    void tabWalksTheCards();
    void enterInPaletteInsertsAfterFocusedCard_data();
    void enterInPaletteInsertsAfterFocusedCard();
    void altArrowsMoveFocusedCard_data();
    void altArrowsMoveFocusedCard();
    void deleteRemovesFocusedCard_data();
    void deleteRemovesFocusedCard();

private:
    FlowEditorPage *editor() const
    {
        return qobject_cast<FlowEditorPage *>(m_window->page(Page::Id::FlowEditor));
    }
    FlowScene *scene() const { return editor()->scene(); }
    FlowView *view() const { return editor()->view(); }
    QStringList draftNames() const { return names(editor()->draft()->bindings()); }
    /// Gives the view the keyboard focus, then focuses card @p index (none for -1) as the editor does after
    /// an edit.
    void focusCard(int index);
    /// Where the keyboard focus is, and what the view tells a screen reader, as one line.
    QString focusState() const;
    /// focusState() as it should read.
    static QString focusState(bool inView, int focused, const QStringList &order);

    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<IntegrationService> m_testIntegrations;
    std::unique_ptr<MainWindow> m_window;
};

void TestFlowKeyboard::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AuthdeckTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_flowkeyboard"));
}

void TestFlowKeyboard::init()
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    Tenant &tenant = m_tenant->tenant();
    Integration plivo;
    QVERIFY(waitForInstall(
        tenant.integrations().install(QStringLiteral("plivo"),
                                      {{QStringLiteral("PLIVO_NUMBER"), QStringLiteral("+14155550100")}},
                                      {},
                                      true),
        plivo));
    QCOMPARE(plivo.name, kPlivo);

    // Two more actions for the same trigger, from a test catalog over the tenant's database.
    auto catalog = IntegrationCatalog::parse(testCatalog({kAlpha, kBravo}), QStringLiteral("test catalog"));
    QVERIFY2(catalog, errorBytes(catalog));
    m_testIntegrations = std::make_unique<IntegrationService>(
        tenant.database(), tenant.secrets(), tenant.id(), catalog.takeValue());
    QList<Binding> flow;
    for (const QString &name : {kAlpha, kBravo}) {
        Integration installed;
        QVERIFY(waitForInstall(m_testIntegrations->install(testActionId(name), {}, {}, false), installed));
        QCOMPARE(installed.name, name);
        flow.append({Binding::Kind::Integration, installed.id, installed.name, 0});
    }
    const auto applied = tenant.flows().apply(kPhone, flow);
    QVERIFY2(applied, errorBytes(applied));

    m_window = std::make_unique<MainWindow>(tenant);
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QVERIFY(m_window->showPage(Page::Id::FlowEditor, kPhone));
    QVERIFY(editor() && view() && scene());
    QTRY_VERIFY(view()->isVisible());
    QCOMPARE(cardNames(scene()), (QStringList {kAlpha, kBravo}));
    QCOMPARE(view()->accessibleName(), QStringLiteral("Flow"));
    QCOMPARE(view()->accessibleDescription(), description({kAlpha, kBravo}, -1));
}

void TestFlowKeyboard::cleanup()
{
    m_window.reset();
    m_testIntegrations.reset();
    m_tenant.reset();
}

void TestFlowKeyboard::focusCard(int index)
{
    view()->setFocus(Qt::OtherFocusReason);
    QTRY_VERIFY(view()->hasFocus());
    if (index >= 0)
        scene()->focusCard(index);
    QCOMPARE(scene()->focusedIndex(), index);
}

QString TestFlowKeyboard::focusState() const
{
    return QStringLiteral("%1 | card %2 | %3")
        .arg(view()->hasFocus() ? QStringLiteral("in the flow") : QStringLiteral("outside the flow"))
        .arg(scene()->focusedIndex())
        .arg(view()->accessibleDescription());
}

QString TestFlowKeyboard::focusState(bool inView, int focused, const QStringList &order)
{
    return QStringLiteral("%1 | card %2 | %3")
        .arg(inView ? QStringLiteral("in the flow") : QStringLiteral("outside the flow"))
        .arg(focused)
        .arg(description(order, focused));
}

void TestFlowKeyboard::tabWalksTheCards_data()
{
    QTest::addColumn<int>("focused"); ///< the card focused first; -1: the view has the focus, no card
    QTest::addColumn<bool>("backwards"); ///< Shift+Tab rather than Tab
    QTest::addColumn<int>("focusedAfter"); ///< -1: the focus left the flow

    QTest::newRow("Tab into the flow: the first card") << -1 << false << 0;
    QTest::newRow("Tab: the next card") << 0 << false << 1;
    QTest::newRow("Shift+Tab: the previous card") << 1 << true << 0;
    QTest::newRow("Tab on the last card leaves the flow") << 1 << false << -1;
    QTest::newRow("Shift+Tab on the first card leaves the flow") << 0 << true << -1;
}

void TestFlowKeyboard::tabWalksTheCards()
{
    QFETCH(int, focused);
    QFETCH(bool, backwards);
    QFETCH(int, focusedAfter);
    focusCard(focused);
    if (QTest::currentTestFailed())
        return;
    const QStringList order {kAlpha, kBravo};
    QCOMPARE(focusState(), focusState(true, focused, order));

    if (backwards)
        QTest::keyClick(view(), Qt::Key_Backtab, Qt::ShiftModifier);
    else
        QTest::keyClick(view(), Qt::Key_Tab);
    QCOMPARE(focusState(), focusState(focusedAfter >= 0, focusedAfter, order));
}

void TestFlowKeyboard::enterInPaletteInsertsAfterFocusedCard_data()
{
    QTest::addColumn<int>("focused"); ///< the card focused before the palette takes the focus; -1: none
    QTest::addColumn<QString>("action"); ///< the palette item Enter is pressed on
    QTest::addColumn<QStringList>("after");
    QTest::addColumn<QString>("refusal");

    QTest::newRow("no card focused: at the end")
        << -1 << kPlivo << QStringList {kAlpha, kBravo, kPlivo} << QString();
    QTest::newRow("after the first card") << 0 << kPlivo << QStringList {kAlpha, kPlivo, kBravo} << QString();
    QTest::newRow("after the last card") << 1 << kPlivo << QStringList {kAlpha, kBravo, kPlivo} << QString();
    QTest::newRow("already in the flow")
        << 0 << kBravo << QStringList {kAlpha, kBravo}
        << QStringLiteral("Bravo SMS is already in the Send Phone Message flow.");
}

void TestFlowKeyboard::enterInPaletteInsertsAfterFocusedCard()
{
    QFETCH(int, focused);
    QFETCH(QString, action);
    QFETCH(QStringList, after);
    QFETCH(QString, refusal);
    focusCard(focused);
    if (QTest::currentTestFailed())
        return;

    auto *list = editor()->findChild<QListWidget *>(QStringLiteral("installedActions"));
    QVERIFY(list);
    QCOMPARE(list, editor()->palette()->installedList());
    QCOMPARE(list->count(), 3); // Alpha SMS, Bravo SMS, Plivo, by name
    list->setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(list->hasFocus());
    QTest::keyClick(list, Qt::Key_Home);
    while (list->currentItem() && !list->currentItem()->text().startsWith(action) && list->currentRow() < 2)
        QTest::keyClick(list, Qt::Key_Down);
    QVERIFY(list->currentItem());
    QVERIFY2(list->currentItem()->text().startsWith(action), qPrintable(list->currentItem()->text()));

    QTest::keyClick(list, Qt::Key_Return);
    auto *message = editor()->findChild<MessageBar *>();
    QVERIFY(message);
    if (!refusal.isEmpty()) {
        QCOMPARE(draftNames(), after);
        QCOMPARE(editor()->undoStack()->count(), 0);
        QVERIFY(message->isVisible());
        QCOMPARE(message->level(), MessageBar::Level::Warning);
        QCOMPARE(message->text(), refusal);
        return;
    }
    QCOMPARE(draftNames(), after);
    QCOMPARE(cardNames(scene()), draftNames());
    QCOMPARE(editor()->undoStack()->undoText(), QStringLiteral("Add Plivo"));
    QVERIFY(list->hasFocus()); // the admin can go on adding
    QVERIFY(message->isHidden());
    QCOMPARE(view()->accessibleDescription().section(QStringLiteral(" Selected"), 0, 0),
             description(draftNames(), -1));
}

void TestFlowKeyboard::altArrowsMoveFocusedCard_data()
{
    QTest::addColumn<int>("focused");
    QTest::addColumn<int>("key");
    QTest::addColumn<QStringList>("after");
    QTest::addColumn<int>("focusedAfter");

    QTest::newRow("Alt+Down on the first") << 0 << int(Qt::Key_Down) << QStringList {kBravo, kAlpha} << 1;
    QTest::newRow("Alt+Up on the last") << 1 << int(Qt::Key_Up) << QStringList {kBravo, kAlpha} << 0;
    QTest::newRow("Alt+Up on the first: stays") << 0 << int(Qt::Key_Up) << QStringList {kAlpha, kBravo} << 0;
    QTest::newRow("Alt+Down on the last: stays")
        << 1 << int(Qt::Key_Down) << QStringList {kAlpha, kBravo} << 1;
}

void TestFlowKeyboard::altArrowsMoveFocusedCard()
{
    QFETCH(int, focused);
    QFETCH(int, key);
    QFETCH(QStringList, after);
    QFETCH(int, focusedAfter);
    focusCard(focused);
    if (QTest::currentTestFailed())
        return;
    const QStringList before {kAlpha, kBravo};
    QCOMPARE(view()->accessibleDescription(), description(before, focused));

    QTest::keyClick(view(), Qt::Key(key), Qt::AltModifier);
    QCOMPARE(draftNames(), after);
    QCOMPARE(cardNames(scene()), after);
    QCOMPARE(scene()->focusedIndex(), focusedAfter);
    QVERIFY(view()->hasFocus());
    QCOMPARE(view()->accessibleDescription(), description(after, focusedAfter));
    const bool moved = after != before;
    QCOMPARE(editor()->undoStack()->count(), moved ? 1 : 0);
    QCOMPARE(editor()->draft()->isDirty(), moved);
    if (!moved)
        return;
    QCOMPARE(editor()->undoStack()->undoText(), QStringLiteral("Move %1").arg(before.at(focused)));

    // The same key the other way puts it back.
    QTest::keyClick(view(), key == Qt::Key_Down ? Qt::Key_Up : Qt::Key_Down, Qt::AltModifier);
    QCOMPARE(draftNames(), before);
    QCOMPARE(scene()->focusedIndex(), focused);
    QVERIFY(!editor()->draft()->isDirty());
    QCOMPARE(view()->accessibleDescription(), description(before, focused));
}

void TestFlowKeyboard::deleteRemovesFocusedCard_data()
{
    QTest::addColumn<int>("focused");
    QTest::addColumn<int>("key");
    QTest::addColumn<QStringList>("after");

    QTest::newRow("Delete on the first") << 0 << int(Qt::Key_Delete) << QStringList {kBravo};
    QTest::newRow("Delete on the last") << 1 << int(Qt::Key_Delete) << QStringList {kAlpha};
    QTest::newRow("Backspace on the first") << 0 << int(Qt::Key_Backspace) << QStringList {kBravo};
}

void TestFlowKeyboard::deleteRemovesFocusedCard()
{
    QFETCH(int, focused);
    QFETCH(int, key);
    QFETCH(QStringList, after);
    focusCard(focused);
    if (QTest::currentTestFailed())
        return;
    const QStringList before {kAlpha, kBravo};
    const qsizetype items = scene()->items().size();

    QTest::keyClick(view(), Qt::Key(key));
    QCOMPARE(draftNames(), after);
    QCOMPARE(cardNames(scene()), after);
    QCOMPARE(scene()->items().size(), items - 1);
    QCOMPARE(editor()->undoStack()->undoText(), QStringLiteral("Remove %1").arg(before.at(focused)));
    // The focus stays in the flow, on the card that took its place (or the one before it).
    QCOMPARE(scene()->focusedIndex(), 0);
    QCOMPARE(view()->accessibleDescription(), description(after, 0));

    // Delete again empties the flow; undo twice brings both back in their order.
    QTest::keyClick(view(), Qt::Key(key));
    QCOMPARE(editor()->draft()->count(), 0);
    QCOMPARE(scene()->focusedIndex(), -1);
    QCOMPARE(view()->accessibleDescription(), description({}, -1));
    editor()->undoStack()->undo();
    editor()->undoStack()->undo();
    QCOMPARE(draftNames(), before);
    QVERIFY(!editor()->draft()->isDirty());
}

QTEST_MAIN(TestFlowKeyboard)
#include "TestFlowKeyboard.moc"
