// Custom actions in the flow editor on the real main window: the palette's Custom tab lists the deployed
// custom actions of the flow's trigger only, and says how to get one when there is none (with a link to the
// Library's Custom tab); a custom action dragged into the Send Phone Message flow with a synthetic drag is
// applied as a Custom binding; its card follows the action (draft saved, deployed, renamed) and goes with
// it when it is deleted. Actions are created and deployed through core, on Node.js.

#include "core/actions/CustomActionService.h"
#include "core/flows/FlowDraft.h"
#include "core/flows/FlowService.h"
#include "core/tenant/Tenant.h"
#include "tests/support/ResultText.h"
#include "tests/support/TempTenant.h"
#include "tests/ui/FlowEditorFixture.h"
#include "ui/flows/ActionCardItem.h"
#include "ui/flows/ActionPalette.h"
#include "ui/flows/FlowEditorPage.h"
#include "ui/flows/FlowScene.h"
#include "ui/flows/FlowView.h"
#include "ui/library/LibraryPage.h"
#include "ui/shell/MainWindow.h"

#include <QDragEnterEvent>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QUndoStack>

#include <memory>

namespace {

const QString kLogin = QStringLiteral("post-login");
const QString kTwilio = QStringLiteral("Send with Twilio");
const QString kTagLogins = QStringLiteral("Tag logins");

/// A whole synthetic drag onto @p viewport: enter, move and drop at @p at; what the drop answered.
DragOutcome dragAndDrop(QWidget *viewport, const QPoint &at, const QMimeData *mime)
{
    QDragEnterEvent enter(at, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &enter);
    QDragMoveEvent move(at, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &move);
    QDropEvent drop(QPointF(at), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &drop);
    return {drop.isAccepted(), drop.dropAction()};
}

QStringList itemTexts(const QListWidget *list)
{
    QStringList texts;
    for (int row = 0; row < list->count(); ++row)
        texts.append(list->item(row)->text());
    return texts;
}

} // namespace

class TestFlowCustomActions : public QObject, private FlowEditorFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void paletteListsDeployedActionsOfItsTrigger_data();
    void paletteListsDeployedActionsOfItsTrigger();
    void emptyCustomTabLinksToTheLibrary();
    void dropCustomActionAndApply();
    void cardFollowsTheAction_data();
    void cardFollowsTheAction();
    void deletingTheActionRemovesCardAndBinding_data();
    void deletingTheActionRemovesCardAndBinding();

private:
    CustomActionService &actions() { return m_tenant->tenant().customActions(); }
    /// Waits for @p job; whether it succeeded.
    static bool succeeded(CustomActionJob *job);
    /// Creates action @p name for @p trigger and deploys it @p deploys times; its id, or empty.
    QString createDeployed(const QString &name, const QString &trigger, int deploys = 1);
    /// A binding of custom action @p id, as dropped when its version @p version was the deployed one.
    Binding customBinding(const QString &id, const QString &name, int version) const
    {
        return {Binding::Kind::Custom, id, name, version};
    }
    QListWidget *customList() const { return editor()->palette()->customList(); }
    QWidget *customEmpty() const
    {
        return editor()->palette()->findChild<QWidget *>(QStringLiteral("customActionsEmpty"));
    }
    /// Shows the palette's Custom tab.
    void showCustomTab() const { editor()->palette()->findChild<QTabWidget *>()->setCurrentIndex(1); }
    /// Drags @p name from the palette's Custom tab into gap @p gap of the flow.
    void dropCustom(const QString &name, int gap);
};

void TestFlowCustomActions::initTestCase()
{
    initApplication(QStringLiteral("tst_ui_flowcustomactions"));
}

void TestFlowCustomActions::init()
{
    setUp();
}

void TestFlowCustomActions::cleanup()
{
    tearDown();
}

bool TestFlowCustomActions::succeeded(CustomActionJob *job)
{
    QSignalSpy finished(job, &CustomActionJob::finished);
    if (!finished.wait(30000))
        return false;
    const auto *done = finished.at(0).at(0).value<CustomActionJob *>();
    if (!done->succeeded())
        qWarning("%s", qPrintable(done->error()->message()));
    return done->succeeded();
}

QString TestFlowCustomActions::createDeployed(const QString &name, const QString &trigger, int deploys)
{
    auto created = actions().create(name, trigger);
    if (!created)
        return {};
    for (int i = 0; i < deploys; ++i) {
        if (!succeeded(actions().deploy(created.value().id)))
            return {};
    }
    return created.value().id;
}

void TestFlowCustomActions::dropCustom(const QString &name, int gap)
{
    showCustomTab();
    const QList<QListWidgetItem *> found = customList()->findItems(name, Qt::MatchStartsWith);
    QCOMPARE(found.size(), 1);
    const std::unique_ptr<QMimeData> mime(
        customList()->model()->mimeData({customList()->indexFromItem(found.constFirst())}));
    QVERIFY(mime);
    const DragOutcome dropped = dragAndDrop(editor()->view()->viewport(), gapPoint(gap), mime.get());
    QVERIFY(dropped.accepted);
    QCOMPARE(dropped.action, Qt::CopyAction);
}

void TestFlowCustomActions::paletteListsDeployedActionsOfItsTrigger_data()
{
    QTest::addColumn<QString>("trigger");
    QTest::addColumn<QStringList>("listed");

    QTest::newRow("Send Phone Message")
        << kPhone << QStringList {kTwilio + QStringLiteral("\nCustom action · v1")};
    QTest::newRow("Login / Post Login")
        << kLogin << QStringList {kTagLogins + QStringLiteral("\nCustom action · v1")};
}

void TestFlowCustomActions::paletteListsDeployedActionsOfItsTrigger()
{
    QFETCH(QString, trigger);
    QFETCH(QStringList, listed);
    auto twilio = actions().create(kTwilio, kPhone);
    auto tagLogins = actions().create(kTagLogins, kLogin);
    auto draftOnly = actions().create(QStringLiteral("Draft only"), kPhone);
    QVERIFY(twilio && tagLogins && draftOnly);
    openEditor(trigger);
    if (QTest::currentTestFailed())
        return;
    showCustomTab();
    // Created is not enough: nothing is listed before a deploy.
    QCOMPARE(customList()->count(), 0);
    QVERIFY(customEmpty()->isVisible());
    QVERIFY(!customList()->isVisible());

    // Deployed while the editor is open: the palette follows.
    QVERIFY(succeeded(actions().deploy(twilio.value().id)));
    QVERIFY(succeeded(actions().deploy(tagLogins.value().id)));
    QCOMPARE(itemTexts(customList()), listed);
    QVERIFY(customList()->isVisible());
    QVERIFY(!customEmpty()->isVisible());
    QVERIFY(customList()->item(0)->flags() & Qt::ItemIsDragEnabled);
    // The integrations stay under Installed.
    QCOMPARE(itemTexts(editor()->palette()->installedList()).filter(kTwilio), QStringList());
}

void TestFlowCustomActions::emptyCustomTabLinksToTheLibrary()
{
    openEditor(kPhone);
    if (QTest::currentTestFailed())
        return;
    showCustomTab();
    QVERIFY(customEmpty()->isVisible());
    auto *text = customEmpty()->findChild<QLabel *>();
    QVERIFY(text);
    QCOMPARE(text->text(),
             QStringLiteral("No deployed custom actions for this trigger. Create one in Actions > Library > "
                            "Custom, then Deploy it."));
    auto *link = customEmpty()->findChild<QPushButton *>(QStringLiteral("customLibraryLink"));
    QVERIFY(link);
    QTest::mouseClick(link, Qt::LeftButton);
    QCOMPARE(m_window->currentPageId(), Page::Id::ActionsLibrary);
    auto *library = qobject_cast<LibraryPage *>(m_window->page(Page::Id::ActionsLibrary));
    QVERIFY(library);
    QCOMPARE(library->tabs()->currentWidget()->objectName(), QStringLiteral("customTab"));
}

void TestFlowCustomActions::dropCustomActionAndApply()
{
    applyFlow(kPhone, {kPlivo});
    const QString id = createDeployed(kTwilio, kPhone, 2);
    QVERIFY(!id.isEmpty());
    openEditor(kPhone);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(itemTexts(customList()), QStringList {kTwilio + QStringLiteral("\nCustom action · v2")});

    dropCustom(kTwilio, 0);
    if (QTest::currentTestFailed())
        return;
    FlowScene *scene = editor()->scene();
    QCOMPARE(cardNames(scene), (QStringList {kTwilio, kPlivo}));
    const ActionRef &card = scene->card(0)->action();
    QCOMPARE(card.kind, Binding::Kind::Custom);
    QCOMPARE(card.actionId, id);
    QCOMPARE(card.subtitle, QStringLiteral("Custom action · v2"));
    QVERIFY(card.available && card.complete);
    QCOMPARE(editor()->draft()->bindings().at(0), customBinding(id, kTwilio, 2));
    QCOMPARE(state(), QStringLiteral("Unapplied changes"));
    QCOMPARE(applied(kPhone), QStringList {kPlivo});

    QTest::mouseClick(button("applyButton"), Qt::LeftButton);
    QCOMPARE(state(), QStringLiteral("Applied"));
    const auto stored = m_tenant->tenant().flows().bindings(kPhone);
    QVERIFY2(stored, errorBytes(stored));
    QCOMPARE(stored.value(), (QList<Binding> {customBinding(id, kTwilio, 2), binding(kPlivo)}));
}

void TestFlowCustomActions::cardFollowsTheAction_data()
{
    QTest::addColumn<bool>("unappliedChanges");

    QTest::newRow("applied flow") << false;
    QTest::newRow("with unapplied changes") << true;
}

void TestFlowCustomActions::cardFollowsTheAction()
{
    QFETCH(bool, unappliedChanges);
    const QString id = createDeployed(kTwilio, kPhone);
    QVERIFY(!id.isEmpty());
    QVERIFY(m_tenant->tenant().flows().apply(kPhone, {customBinding(id, kTwilio, 2), binding(kPlivo)}));
    openEditor(kPhone);
    if (QTest::currentTestFailed())
        return;
    FlowScene *scene = editor()->scene();
    FlowDraft *draft = editor()->draft();
    QUndoStack *undo = editor()->undoStack();
    QCOMPARE(scene->card(0)->action().subtitle, QStringLiteral("Custom action · v1"));
    if (unappliedChanges)
        QVERIFY(editor()->removeAction(1)); // Plivo
    const QList<Binding> bindings = draft->bindings();
    const int steps = undo->count();
    scene->focusCard(0);
    // The card is described again in place: the same item, still selected, and the draft says so by
    // updated(), not by taking the binding out and putting it back.
    const QPointer<ActionCardItem> card = scene->card(0);
    QSignalSpy updated(draft, &FlowDraft::updated);
    QSignalSpy removed(draft, &FlowDraft::removed);
    QSignalSpy inserted(draft, &FlowDraft::inserted);

    auto action = actions().find(id);
    QVERIFY2(action, errorBytes(action));
    auto saved = actions().saveDraft(
        id, action.value().code + QStringLiteral("\n// v2\n"), {}, action.value().revision);
    QVERIFY2(saved, errorBytes(saved));
    QCOMPARE(scene->card(0)->action().subtitle, QStringLiteral("Custom action · v1 (draft not deployed)"));
    QCOMPARE(itemTexts(customList()),
             QStringList {kTwilio + QStringLiteral("\nCustom action · v1 (draft not deployed)")});

    QVERIFY(succeeded(actions().deploy(id)));
    QCOMPARE(scene->card(0)->action().subtitle, QStringLiteral("Custom action · v2"));

    action = actions().find(id);
    QVERIFY2(action, errorBytes(action));
    const auto renamed
        = actions().rename(id, QStringLiteral("Send with Twilio Verify"), action.value().revision);
    QVERIFY2(renamed, errorBytes(renamed));
    QCOMPARE(scene->card(0)->action().name, QStringLiteral("Send with Twilio Verify"));

    // The cards were described again; the draft and its undo history are as they were.
    QVERIFY(card);
    QCOMPARE(scene->card(0), card.data());
    QCOMPARE(scene->selectedIndex(), 0);
    QVERIFY(updated.count() >= 3); // the saved draft, the deployment, the new name
    for (const QList<QVariant> &arguments : std::as_const(updated))
        QCOMPARE(arguments.at(0).toInt(), 0);
    QCOMPARE(removed.count() + inserted.count(), 0);
    QCOMPARE(draft->bindings(), bindings);
    QCOMPARE(draft->isDirty(), unappliedChanges);
    QCOMPARE(undo->count(), steps);
    QCOMPARE(scene->cardCount(), int(bindings.size()));
    if (unappliedChanges) {
        undo->undo();
        QCOMPARE(cardNames(scene), (QStringList {QStringLiteral("Send with Twilio Verify"), kPlivo}));
        QVERIFY(!draft->isDirty());
    }
}

void TestFlowCustomActions::deletingTheActionRemovesCardAndBinding_data()
{
    QTest::addColumn<bool>("applyFirst");

    QTest::newRow("applied") << true;
    QTest::newRow("dropped, not applied") << false;
}

void TestFlowCustomActions::deletingTheActionRemovesCardAndBinding()
{
    QFETCH(bool, applyFirst);
    applyFlow(kPhone, {kPlivo});
    const QString id = createDeployed(kTwilio, kPhone);
    QVERIFY(!id.isEmpty());
    openEditor(kPhone);
    if (QTest::currentTestFailed())
        return;
    dropCustom(kTwilio, 1);
    if (QTest::currentTestFailed())
        return;
    if (applyFirst) {
        QVERIFY(editor()->apply());
        QCOMPARE(applied(kPhone), (QStringList {kPlivo, kTwilio}));
    }
    QCOMPARE(cardNames(editor()->scene()), (QStringList {kPlivo, kTwilio}));

    QVERIFY(succeeded(actions().remove(id)));
    QCOMPARE(cardNames(editor()->scene()), QStringList {kPlivo});
    QCOMPARE(names(editor()->draft()->bindings()), QStringList {kPlivo});
    QCOMPARE(applied(kPhone), QStringList {kPlivo});
    QVERIFY(!editor()->draft()->isDirty());
    QCOMPARE(state(), QStringLiteral("Applied"));
    // Undo cannot bring a deleted action back.
    QVERIFY(!editor()->undoStack()->canUndo());
    showCustomTab();
    QCOMPARE(customList()->count(), 0);
    QVERIFY(customEmpty()->isVisible());
}

QTEST_MAIN(TestFlowCustomActions)
#include "TestFlowCustomActions.moc"
