// The version history of the custom action page: versions newest first with the Deployed badge, a
// version's code read-only and compared with the draft, Roll back with and without replacing the draft,
// a cancelled roll back, and an action never deployed.

#include "core/actions/CustomActionService.h"
#include "tests/ui/CustomActionFixture.h"
#include "tests/ui/UiTestHelpers.h"
#include "ui/customactions/VersionHistoryDialog.h"
#include "ui/editor/CodeEditor.h"
#include "ui/editor/DiffView.h"

#include <QCheckBox>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTest>
#include <QTreeWidget>

namespace {

const QString kFirst = handlerCode(QStringLiteral("  console.log('first');"));
const QString kSecond = handlerCode(QStringLiteral("  console.log('second');"));

} // namespace

class TestVersionHistory : public QObject, public CustomActionFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { initApplication(QStringLiteral("tst_ui_customactionversions")); }
    void init();
    void cleanup() { tearDown(); }

    void listsVersionsNewestFirst();
    void showsCodeAndDiffWithTheDraft();
    void rollback_data();
    void rollback();
    void cancelledRollbackChangesNothing();
    void neverDeployed();

private:
    /// Clicks Version History and returns the dialog (nullptr when none opened).
    VersionHistoryDialog *openHistory();
    QTreeWidget *versionList(VersionHistoryDialog *dialog) const
    {
        return dialog->findChild<QTreeWidget *>(QStringLiteral("versionList"));
    }
};

void TestVersionHistory::init()
{
    setUp(kFirst);
    deployStored();
    QVERIFY(service().saveDraft(m_action.id, kSecond, {}, stored().revision));
    deployStored();
    // Reopen so that the page shows the second version's draft.
    m_page = reopenedPage();
    m_page->resize(1280, 820);
    m_page->show();
    QCOMPARE(status(), QStringLiteral("Deployed · v2"));
}

VersionHistoryDialog *TestVersionHistory::openHistory()
{
    QTest::mouseClick(find<QPushButton>(QStringLiteral("versionHistoryButton")), Qt::LeftButton);
    auto *dialog = m_page->findChild<VersionHistoryDialog *>(QStringLiteral("versionHistory"));
    return dialog && dialog->isVisible() ? dialog : nullptr;
}

void TestVersionHistory::listsVersionsNewestFirst()
{
    VersionHistoryDialog *dialog = openHistory();
    QVERIFY(dialog);
    QVERIFY(dialog->isModal());
    QTreeWidget *list = versionList(dialog);
    QCOMPARE(list->topLevelItemCount(), 2);
    QCOMPARE(list->topLevelItem(0)->text(0), QStringLiteral("Version 2"));
    QCOMPARE(list->topLevelItem(1)->text(0), QStringLiteral("Version 1"));
    QVERIFY(!list->topLevelItem(0)->text(1).isEmpty());
    auto *badge = qobject_cast<QLabel *>(list->itemWidget(list->topLevelItem(0), 2));
    QVERIFY(badge);
    QCOMPARE(badge->text(), QStringLiteral("Deployed"));
    QVERIFY(!list->itemWidget(list->topLevelItem(1), 2));
    // The newest is selected, and it is the deployed one: nothing to roll back to.
    QCOMPARE(dialog->selectedNumber(), 2);
    QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("rollbackButton"))->isEnabled());
    dialog->close();
}

void TestVersionHistory::showsCodeAndDiffWithTheDraft()
{
    // The draft compared is the editor's, unsaved edits included.
    QTest::keyClicks(editor(), QStringLiteral("// typed"));
    VersionHistoryDialog *dialog = openHistory();
    QVERIFY(dialog);
    QVERIFY(dialog->selectVersion(1));
    auto *code = dialog->findChild<CodeEditor *>(QStringLiteral("versionCode"));
    QVERIFY(code);
    QVERIFY(code->isReadOnly());
    QCOMPARE(code->toPlainText(), kFirst);
    auto *diff = dialog->findChild<DiffView *>(QStringLiteral("versionDiff"));
    QVERIFY(diff);
    QCOMPARE(diff->findChild<QLabel *>(QStringLiteral("diffBeforeTitle"))->text(),
             QStringLiteral("Version 1"));
    QCOMPARE(diff->findChild<QLabel *>(QStringLiteral("diffAfterTitle"))->text(), QStringLiteral("Draft"));
    QCOMPARE(diff->counts().added, 2); // 'second' and the typed line
    QCOMPARE(diff->counts().removed, 2);
    QVERIFY(diff->textView()->toPlainText().contains(QStringLiteral("// typed")));
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("versionDetails"))
                ->text()
                .startsWith(QStringLiteral("Version 1 · deployed")));
    QVERIFY(dialog->findChild<QPushButton *>(QStringLiteral("rollbackButton"))->isEnabled());

    QVERIFY(dialog->selectVersion(2));
    QCOMPARE(code->toPlainText(), kSecond);
    QCOMPARE(diff->findChild<QLabel *>(QStringLiteral("diffBeforeTitle"))->text(),
             QStringLiteral("Version 2"));
    QCOMPARE(diff->counts().removed, 1);
    dialog->close();
}

void TestVersionHistory::rollback_data()
{
    QTest::addColumn<bool>("replaceDraft");
    QTest::addColumn<bool>("unsavedEdits");
    QTest::newRow("keep the draft") << false << false;
    QTest::newRow("replace the draft") << true << false;
    QTest::newRow("replace the draft over unsaved edits") << true << true;
}

void TestVersionHistory::rollback()
{
    QFETCH(bool, replaceDraft);
    QFETCH(bool, unsavedEdits);
    if (unsavedEdits)
        QTest::keyClicks(editor(), QStringLiteral("// unsaved"));
    const QString draft = editor()->toPlainText();
    VersionHistoryDialog *dialog = openHistory();
    QVERIFY(dialog);
    QVERIFY(dialog->selectVersion(1));

    ModalAnswer confirm(QStringLiteral("rollbackConfirmation"), [&](QWidget *modal, QStringList &failures) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        UI_CHECK(failures, box);
        UI_CHECK(failures, box->text().contains(QStringLiteral("version 1")));
        UI_CHECK(failures, box->informativeText().contains(QStringLiteral("not saved")) == unsavedEdits);
        auto *check = box->findChild<QCheckBox *>(QStringLiteral("replaceDraftCheck"));
        UI_CHECK(failures, check);
        UI_CHECK(failures,
                 check->text() == QStringLiteral("Also replace the draft with this version's code"));
        UI_CHECK(failures, !check->isChecked());
        check->setChecked(replaceDraft);
        box->findChild<QPushButton *>(QStringLiteral("confirmRollback"))->click();
    });
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("rollbackButton")), Qt::LeftButton);
    QTRY_VERIFY(confirm.isDone());
    UI_VERIFY_ANSWERED(confirm);
    QTRY_VERIFY(m_page->findChildren<VersionHistoryDialog *>().isEmpty());

    QCOMPARE(service().deployedVersion(m_action.id).value().number, 1);
    QCOMPARE(stored().code, replaceDraft ? kFirst : kSecond);
    QCOMPARE(editor()->toPlainText(), replaceDraft ? kFirst : draft);
    QCOMPARE(m_page->isDirty(), !replaceDraft && unsavedEdits);
    QCOMPARE(status(),
             replaceDraft ? QStringLiteral("Deployed · v1") : QStringLiteral("Draft — changes not deployed"));
    QVERIFY2(message().startsWith(QStringLiteral("Version 1 is deployed again")), qPrintable(message()));
    // No version was made: the old one runs again.
    QCOMPARE(service().versions(m_action.id).value().size(), 2);
}

void TestVersionHistory::cancelledRollbackChangesNothing()
{
    VersionHistoryDialog *dialog = openHistory();
    QVERIFY(dialog);
    QVERIFY(dialog->selectVersion(1));
    ModalAnswer confirm(QStringLiteral("rollbackConfirmation"),
                        [](QWidget *modal, QStringList &) { UiTest::closeModal(modal); });
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("rollbackButton")), Qt::LeftButton);
    QTRY_VERIFY(confirm.isDone());
    UI_VERIFY_ANSWERED(confirm);
    QVERIFY(dialog->isVisible());
    QCOMPARE(service().deployedVersion(m_action.id).value().number, 2);
    QCOMPARE(status(), QStringLiteral("Deployed · v2"));
    dialog->close();
}

void TestVersionHistory::neverDeployed()
{
    auto other = service().create(QStringLiteral("Never deployed"), kTrigger);
    QVERIFY(other);
    m_page->open(other.value().id);
    QCOMPARE(status(), QStringLiteral("Not deployed yet"));
    VersionHistoryDialog *dialog = openHistory();
    QVERIFY(dialog);
    QVERIFY(dialog->versions().isEmpty());
    QVERIFY(versionList(dialog)->isHidden());
    QVERIFY(!dialog->findChild<QLabel *>(QStringLiteral("versionsEmpty"))->isHidden());
    QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("rollbackButton"))->isEnabled());
    dialog->close();
}

QTEST_MAIN(TestVersionHistory)
#include "TestVersionHistory.moc"
