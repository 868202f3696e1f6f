// The custom action page: opening an action, Save Draft (button and Ctrl+S) and what a new page shows,
// the syntax check while typing and a refused deploy, deploys making versions, leaving with unsaved
// edits, a stale save, Delete, the page without Node.js, and the page inside the main window.

#include "core/actions/CustomActionService.h"
#include "core/flows/FlowService.h"
#include "core/runtime/ActionRuntime.h"
#include "core/runtime/ActionTriggers.h"
#include "tests/ui/CustomActionFixture.h"
#include "tests/ui/UiTestHelpers.h"
#include "ui/common/MessageBar.h"
#include "ui/customactions/CustomActionPage.h"
#include "ui/editor/CodeEditor.h"
#include "ui/shell/MainWindow.h"

#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

class TestCustomActionPage : public QObject, public CustomActionFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { initApplication(QStringLiteral("tst_ui_customactionpage")); }
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void showsTheAction();
    void saveDraftPersists_data();
    void saveDraftPersists();
    void syntaxErrorIsMarkedAndRefusesDeploy();
    void deployMakesVersions();
    void leavingWithEdits_data();
    void leavingWithEdits();
    void staleSaveOffersReload();
    void deleteGoesBackToLibrary_data();
    void deleteGoesBackToLibrary();
    void cancelledDeleteKeepsAction();
    void worksWithoutNode();
    void opensInMainWindow();

private:
    QPushButton *button(const QString &name) const { return find<QPushButton>(name); }
};

void TestCustomActionPage::showsTheAction()
{
    QCOMPARE(find<QLabel>(QStringLiteral("pageTitle"))->text(), kActionName);
    const QString trigger = find<QLabel>(QStringLiteral("actionTrigger"))->text();
    QVERIFY2(trigger.contains(QStringLiteral("Send Phone Message")), qPrintable(trigger));
    QVERIFY2(trigger.contains(QStringLiteral("Node.js 18")), qPrintable(trigger));
    QCOMPARE(status(), QStringLiteral("Not deployed yet"));
    QCOMPARE(editor()->toPlainText(), ActionTriggers::skeleton(kTrigger));
    QVERIFY(!button(QStringLiteral("saveDraftButton"))->isEnabled());
    QVERIFY(button(QStringLiteral("deployButton"))->isEnabled());

    auto *side = find<QTabWidget>(QStringLiteral("sidePanel"));
    QVERIFY(side);
    QCOMPARE(side->count(), 3);
    QStringList tabs;
    for (int i = 0; i < side->count(); ++i) {
        tabs << side->tabText(i);
        QVERIFY2(!side->tabIcon(i).isNull(), qPrintable(side->tabText(i)));
    }
    QCOMPARE(
        tabs,
        (QStringList {QStringLiteral("Secrets"), QStringLiteral("Dependencies"), QStringLiteral("Test")}));
    QCOMPARE(side->widget(0)->objectName(), QStringLiteral("secretsPanel"));
    QCOMPARE(side->widget(1)->objectName(), QStringLiteral("dependenciesPanel"));
    QCOMPARE(side->widget(2)->objectName(), QStringLiteral("testPanel"));
    // The clean skeleton is checked at once.
    QTRY_COMPARE_WITH_TIMEOUT(
        find<QLabel>(QStringLiteral("syntaxStatus"))->text(), QStringLiteral("No syntax errors"), 15000);
}

void TestCustomActionPage::saveDraftPersists_data()
{
    QTest::addColumn<bool>("shortcut");
    QTest::newRow("Save Draft button") << false;
    QTest::newRow("Ctrl+S") << true;
}

void TestCustomActionPage::saveDraftPersists()
{
    QFETCH(bool, shortcut);
    const QString code = handlerCode(QStringLiteral("  console.log('sending');"));
    pasteCode(editor(), code);
    QTest::keyClicks(editor(), QStringLiteral("// typed"));
    const QString typed = editor()->toPlainText();
    QVERIFY(typed.contains(QStringLiteral("// typed")));
    QVERIFY(m_page->isDirty());
    QVERIFY(button(QStringLiteral("saveDraftButton"))->isEnabled());

    if (shortcut) {
        m_page->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
        editor()->setFocus();
        QTest::keyClick(editor(), Qt::Key_S, Qt::ControlModifier);
    } else {
        QTest::mouseClick(button(QStringLiteral("saveDraftButton")), Qt::LeftButton);
    }
    QCOMPARE(stored().code, typed);
    QVERIFY(!m_page->isDirty());
    QVERIFY(!button(QStringLiteral("saveDraftButton"))->isEnabled());
    QVERIFY2(message().startsWith(QStringLiteral("Draft saved")), qPrintable(message()));
    QCOMPARE(status(), QStringLiteral("Not deployed yet"));

    const auto again = reopenedPage();
    QCOMPARE(again->findChild<CodeEditor *>(QStringLiteral("codeEditor"))->toPlainText(), typed);
    QVERIFY(!again->isDirty());
}

void TestCustomActionPage::syntaxErrorIsMarkedAndRefusesDeploy()
{
    pasteCode(editor(),
              handlerCode(QStringLiteral("  const code = event.message_options.code;\n  if (code {\n  }")));
    auto *syntax = find<QLabel>(QStringLiteral("syntaxStatus"));
    QTRY_VERIFY_WITH_TIMEOUT(!editor()->diagnostics().isEmpty(), 15000);
    QCOMPARE(editor()->diagnostics().first().line, 3);
    QVERIFY(!editor()->diagnosticMessage(3).isEmpty());
    QVERIFY2(syntax->text().startsWith(QStringLiteral("Line 3: ")), qPrintable(syntax->text()));

    QTest::mouseClick(button(QStringLiteral("deployButton")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(message().startsWith(QStringLiteral("Not deployed")), 15000);
    QVERIFY2(message().contains(QStringLiteral("Line 3: ")), qPrintable(message()));
    QVERIFY(button(QStringLiteral("deployButton"))->isEnabled());
    QCOMPARE(service().versions(m_action.id).value().size(), 0);
    QCOMPARE(status(), QStringLiteral("Not deployed yet"));
    QCOMPARE(editor()->diagnostics().first().line, 3);

    // Fixing it clears the mark.
    pasteCode(editor(), handlerCode(QStringLiteral("  const code = event.message_options.code;")));
    QTRY_VERIFY_WITH_TIMEOUT(editor()->diagnostics().isEmpty(), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(syntax->text(), QStringLiteral("No syntax errors"), 15000);
}

void TestCustomActionPage::deployMakesVersions()
{
    pasteCode(editor(), handlerCode(QStringLiteral("  console.log('v1');")));
    QTest::mouseClick(button(QStringLiteral("deployButton")), Qt::LeftButton);
    QCOMPARE(button(QStringLiteral("deployButton"))->text(), QStringLiteral("Deploying…"));
    QVERIFY(!button(QStringLiteral("deployButton"))->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(message().startsWith(QStringLiteral("Version 1 deployed")), 15000);
    QCOMPARE(status(), QStringLiteral("Deployed · v1"));
    QCOMPARE(stored().code, handlerCode(QStringLiteral("  console.log('v1');")));
    QCOMPARE(button(QStringLiteral("deployButton"))->text(), QStringLiteral("Deploy"));

    QTest::keyClicks(editor(), QStringLiteral("// v2"));
    QCOMPARE(status(), QStringLiteral("Draft — changes not deployed"));
    QTest::mouseClick(button(QStringLiteral("deployButton")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(message().startsWith(QStringLiteral("Version 2 deployed")), 15000);
    QCOMPARE(status(), QStringLiteral("Deployed · v2"));
    const auto versions = service().versions(m_action.id);
    QCOMPARE(versions.value().size(), 2);
    QCOMPARE(versions.value().first().number, 2);
    QVERIFY(versions.value().first().code.contains(QStringLiteral("// v2")));
    QVERIFY(!button(QStringLiteral("saveDraftButton"))->isEnabled());
}

void TestCustomActionPage::leavingWithEdits_data()
{
    QTest::addColumn<QMessageBox::StandardButton>("answer");
    QTest::addColumn<bool>("leaves");
    QTest::addColumn<bool>("saved");
    QTest::addColumn<bool>("editsKept");
    QTest::newRow("Save") << QMessageBox::Save << true << true << true;
    QTest::newRow("Discard") << QMessageBox::Discard << true << false << false;
    QTest::newRow("Cancel") << QMessageBox::Cancel << false << false << true;
}

void TestCustomActionPage::leavingWithEdits()
{
    QFETCH(QMessageBox::StandardButton, answer);
    QFETCH(bool, leaves);
    QFETCH(bool, saved);
    QFETCH(bool, editsKept);
    QVERIFY(m_page->confirmLeave()); // nothing to ask yet
    const QString skeleton = editor()->toPlainText();
    QTest::keyClicks(editor(), QStringLiteral("// edit"));
    const QString edited = editor()->toPlainText();

    ModalAnswer box(QStringLiteral("unsavedChangesBox"), [answer](QWidget *modal, QStringList &failures) {
        auto *question = qobject_cast<QMessageBox *>(modal);
        UI_CHECK(failures, question);
        UI_CHECK(failures, question->text().contains(kActionName));
        UI_CHECK(failures, question->button(answer));
        question->button(answer)->click();
    });
    QCOMPARE(m_page->confirmLeave(), leaves);
    UI_VERIFY_ANSWERED(box);
    QCOMPARE(stored().code, saved ? edited : skeleton);
    QCOMPARE(editor()->toPlainText(), editsKept ? edited : skeleton);
    QCOMPARE(m_page->isDirty(), !leaves);
}

void TestCustomActionPage::staleSaveOffersReload()
{
    QTest::keyClicks(editor(), QStringLiteral("// mine"));
    const QString theirs = handlerCode(QStringLiteral("  console.log('theirs');"));
    QVERIFY(service().saveDraft(m_action.id, theirs, {}, m_action.revision));
    // The page keeps the edits and warns.
    QVERIFY(editor()->toPlainText().contains(QStringLiteral("// mine")));
    QVERIFY2(message().contains(QStringLiteral("changed elsewhere")), qPrintable(message()));

    QTest::mouseClick(button(QStringLiteral("saveDraftButton")), Qt::LeftButton);
    QCOMPARE(stored().code, theirs);
    QVERIFY2(message().contains(QStringLiteral("not saved")), qPrintable(message()));
    auto *reload = find<QPushButton>(QStringLiteral("reloadButton"));
    QVERIFY(reload);
    QTest::mouseClick(reload, Qt::LeftButton);
    QCOMPARE(editor()->toPlainText(), theirs);
    QVERIFY(!m_page->isDirty());
    QCOMPARE(message(), QString());

    // Now a save goes through.
    QTest::keyClicks(editor(), QStringLiteral("// mine again"));
    QTest::mouseClick(button(QStringLiteral("saveDraftButton")), Qt::LeftButton);
    QCOMPARE(stored().code, editor()->toPlainText());
}

void TestCustomActionPage::deleteGoesBackToLibrary_data()
{
    QTest::addColumn<bool>("bound");
    QTest::newRow("not in a flow") << false;
    QTest::newRow("bound in the Send Phone Message flow") << true;
}

void TestCustomActionPage::deleteGoesBackToLibrary()
{
    QFETCH(bool, bound);
    if (bound) {
        deployStored();
        Binding binding;
        binding.kind = Binding::Kind::Custom;
        binding.actionId = m_action.id;
        binding.displayName = kActionName;
        const auto applied = m_tenant->tenant().flows().apply(kTrigger, {binding});
        QVERIFY2(applied, qPrintable(applied ? QString() : applied.error().message()));
        QCOMPARE(m_tenant->tenant().flows().bindingCount(m_action.id), 1);
    }
    QTest::keyClicks(editor(), QStringLiteral("// unsaved edits must not stop the way back"));
    QSignalSpy navigated(m_page.get(), &Page::navigate);
    ModalAnswer confirm(
        QStringLiteral("deleteActionConfirmation"), [bound](QWidget *modal, QStringList &failures) {
            auto *box = qobject_cast<QMessageBox *>(modal);
            UI_CHECK(failures, box);
            UI_CHECK(failures, box->text().contains(kActionName));
            UI_CHECK(failures,
                     box->informativeText().contains(
                         QStringLiteral("runs in the Send Phone Message flow and will be removed from it"))
                         == bound);
            auto *remove = box->findChild<QPushButton *>(QStringLiteral("confirmDeleteAction"));
            UI_CHECK(failures, remove);
            remove->click();
        });
    QTest::mouseClick(button(QStringLiteral("deleteActionButton")), Qt::LeftButton);
    QTRY_VERIFY(confirm.isDone());
    UI_VERIFY_ANSWERED(confirm);
    QTRY_COMPARE(navigated.size(), 1);
    QCOMPARE(navigated.first().at(0).value<Page::Id>(), Page::Id::ActionsLibrary);
    QCOMPARE(navigated.first().at(1).toString(), QStringLiteral("custom"));
    QCOMPARE(service().find(m_action.id).error().kind(), Error::Kind::NotFound);
    QCOMPARE(m_tenant->tenant().flows().bindingCount(m_action.id), 0);
    QVERIFY(m_page->confirmLeave());
}

void TestCustomActionPage::cancelledDeleteKeepsAction()
{
    QSignalSpy navigated(m_page.get(), &Page::navigate);
    ModalAnswer confirm(QStringLiteral("deleteActionConfirmation"),
                        [](QWidget *modal, QStringList &) { UiTest::closeModal(modal); });
    QTest::mouseClick(button(QStringLiteral("deleteActionButton")), Qt::LeftButton);
    QTRY_VERIFY(confirm.isDone());
    UI_VERIFY_ANSWERED(confirm);
    settleJobs();
    QVERIFY(service().find(m_action.id));
    QCOMPARE(navigated.size(), 0);
    QCOMPARE(m_page->actionId(), m_action.id);
}

void TestCustomActionPage::worksWithoutNode()
{
    // A fresh runtime (the page already started Node.js on the first one) that cannot find Node.js.
    m_page.reset();
    QVERIFY(m_tenant->reopen());
    m_tenant->tenant().actionRuntime().setNodeProgram(QStringLiteral("/nonexistent/node"));
    m_page = reopenedPage();
    m_page->show();
    auto *syntax = find<QLabel>(QStringLiteral("syntaxStatus"));
    QTRY_VERIFY2(syntax->text().contains(QStringLiteral("Node.js is not installed")),
                 qPrintable(syntax->text()));
    auto *note = find<QLabel>(QStringLiteral("runtimeNote"));
    QVERIFY(note);
    QTRY_VERIFY(!note->isHidden());
    QVERIFY2(note->text().contains(QStringLiteral("Node.js is not installed")), qPrintable(note->text()));

    // Editing and saving still work.
    QTest::keyClicks(editor(), QStringLiteral("// offline"));
    QTest::mouseClick(button(QStringLiteral("saveDraftButton")), Qt::LeftButton);
    QVERIFY(stored().code.contains(QStringLiteral("// offline")));
    QVERIFY(editor()->diagnostics().isEmpty());
}

void TestCustomActionPage::opensInMainWindow()
{
    m_page.reset();
    MainWindow window(m_tenant->tenant());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.showPage(Page::Id::CustomAction, m_action.id));
    auto *page = qobject_cast<CustomActionPage *>(window.page(Page::Id::CustomAction));
    QVERIFY(page);
    QCOMPARE(page->actionId(), m_action.id);
    QCOMPARE(page->findChild<QLabel *>(QStringLiteral("pageTitle"))->text(), kActionName);
    auto *back = page->findChild<QPushButton *>(QStringLiteral("backButton"));
    QVERIFY(back);
    QTest::mouseClick(back, Qt::LeftButton);
    QCOMPARE(window.currentPageId(), Page::Id::ActionsLibrary);
}

QTEST_MAIN(TestCustomActionPage)
#include "TestCustomActionPage.moc"
