// Editing an application on the real main window: leaving the page or closing the window with unsaved
// changes, and changes to the same application made by another process or another window.

#include "core/applications/ApplicationService.h"
#include "core/secrets/MemorySecretStore.h"
#include "core/tenant/Tenant.h"
#include "tests/support/ResultText.h"
#include "tests/ui/ApplicationFlowFixture.h"
#include "tests/ui/UiTestHelpers.h"
#include "ui/applications/ApplicationListModel.h"
#include "ui/applications/ApplicationPage.h"
#include "ui/applications/ApplicationSettingsTab.h"
#include "ui/applications/ApplicationsPage.h"
#include "ui/common/MessageBar.h"
#include "ui/common/UrlListEdit.h"
#include "ui/shell/MainWindow.h"

#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTest>

/// Unsaved changes and concurrent edits of an application, through the widgets.
class TestApplicationFlowEditing : public QObject, private ApplicationFlowFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void unsavedChangesPrompt_data();
    void unsavedChangesPrompt();
    void closingTheWindowAsksToo();
    void conflictOffersReload();
    void changeFromThisProcess_data();
    void changeFromThisProcess();
};

void TestApplicationFlowEditing::initTestCase()
{
    initApplication(QStringLiteral("tst_ui_applicationflowediting"));
}

void TestApplicationFlowEditing::init()
{
    setUp();
}

void TestApplicationFlowEditing::cleanup()
{
    tearDown();
}

void TestApplicationFlowEditing::unsavedChangesPrompt_data()
{
    QTest::addColumn<QString>("edited");
    QTest::addColumn<QMessageBox::StandardButton>("answer");
    QTest::addColumn<bool>("leaves");
    QTest::addColumn<bool>("saves");

    const QString name = QStringLiteral("Edited Name");
    QTest::newRow("Cancel: stays, edits kept") << name << QMessageBox::Cancel << false << false;
    QTest::newRow("Discard: leaves, nothing saved") << name << QMessageBox::Discard << true << false;
    QTest::newRow("Save: saves, then leaves") << name << QMessageBox::Save << true << true;
    QTest::newRow("Save a blank name: refused, stays") << QString() << QMessageBox::Save << false << false;
}

void TestApplicationFlowEditing::unsavedChangesPrompt()
{
    QFETCH(QString, edited);
    QFETCH(QMessageBox::StandardButton, answer);
    QFETCH(bool, leaves);
    QFETCH(bool, saves);
    const QString original = QStringLiteral("Original Name");

    auto created = service().create({original, ApplicationType::SinglePage, {}, {}});
    QVERIFY2(created, errorBytes(created));
    const QString clientId = created.value().clientId;
    QVERIFY(openSettings(clientId));
    auto *nameEdit = settingsTab()->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    QVERIFY(nameEdit);
    UiTest::retype(nameEdit, edited);
    QVERIFY(settingsTab()->isDirty());

    ModalAnswer prompt(QStringLiteral("unsavedChangesBox"), [&](QWidget *modal, QStringList &failures) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        UI_CHECK(failures, box);
        QAbstractButton *button = box->button(answer);
        UI_CHECK(failures, button);
        QTest::mouseClick(button, Qt::LeftButton);
    });
    const bool left = m_window->showPage(Page::Id::Applications);
    UI_VERIFY_ANSWERED(prompt);

    QCOMPARE(left, leaves);
    QCOMPARE(m_window->currentPageId(), leaves ? Page::Id::Applications : Page::Id::Application);
    auto stored = service().find(clientId);
    QVERIFY2(stored, errorBytes(stored));
    QCOMPARE(stored.value().name, saves ? edited : original);
    if (!leaves) {
        QCOMPARE(nameEdit->text(), edited);
        QVERIFY(settingsTab()->isDirty());
        QVERIFY(applicationPage()->isVisible());
        auto *message = settingsTab()->findChild<MessageBar *>(QStringLiteral("messageBar"),
                                                               Qt::FindDirectChildrenOnly);
        QVERIFY(message);
        QCOMPARE(message->isVisible(), answer == QMessageBox::Save); // a refused save says why
        return;
    }
    QVERIFY(!settingsTab()->isDirty());
    QCOMPARE(nameEdit->text(), saves ? edited : original);
    auto *applications = qobject_cast<ApplicationsPage *>(m_window->page(Page::Id::Applications));
    QVERIFY(applications);
    const int row = applications->model()->rowOf(clientId);
    QVERIFY(row >= 0);
    QCOMPARE(applications->model()->index(row, ApplicationListModel::NameColumn).data().toString(),
             saves ? edited : original);
}

void TestApplicationFlowEditing::closingTheWindowAsksToo()
{
    auto created = service().create({QStringLiteral("Unsaved App"), ApplicationType::SinglePage, {}, {}});
    QVERIFY2(created, errorBytes(created));
    QVERIFY(openSettings(created.value().clientId));
    auto *nameEdit = settingsTab()->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    QVERIFY(nameEdit);
    UiTest::retype(nameEdit, QStringLiteral("Half Edited"));

    ModalAnswer prompt(QStringLiteral("unsavedChangesBox"), [](QWidget *modal, QStringList &failures) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        UI_CHECK(failures, box);
        UI_CHECK(failures, box->button(QMessageBox::Cancel));
        QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
    });
    QVERIFY(!m_window->close());
    UI_VERIFY_ANSWERED(prompt);
    QVERIFY(m_window->isVisible());
    QCOMPARE(nameEdit->text(), QStringLiteral("Half Edited"));
}

void TestApplicationFlowEditing::conflictOffersReload()
{
    auto created = service().create({QStringLiteral("Shared App"), ApplicationType::SinglePage, {}, {}});
    QVERIFY2(created, errorBytes(created));
    const QString clientId = created.value().clientId;
    QVERIFY(openSettings(clientId));
    ApplicationSettingsTab *settings = settingsTab();
    auto *nameEdit = settings->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    auto *callbacks = settings->findChild<UrlListEdit *>(QStringLiteral("callbacksEdit"));
    auto *save = settings->findChild<QPushButton *>(QStringLiteral("saveButton"));
    auto *message
        = settings->findChild<MessageBar *>(QStringLiteral("messageBar"), Qt::FindDirectChildrenOnly);
    auto *title = applicationPage()->findChild<QLabel *>(QStringLiteral("pageTitle"));
    QVERIFY(nameEdit && callbacks && save && message && title);

    // Another process changes the application in the same tenant file.
    const QString theirName = QStringLiteral("Renamed Elsewhere");
    const QStringList theirCallbacks {QStringLiteral("https://elsewhere.example.com/callback")};
    {
        MemorySecretStore otherSecrets;
        auto other = Tenant::open(m_tenant->path(), otherSecrets);
        QVERIFY2(other, errorBytes(other));
        auto theirs = other.value()->applications().find(clientId);
        QVERIFY2(theirs, errorBytes(theirs));
        Application changed = theirs.value();
        changed.name = theirName;
        changed.callbacks = theirCallbacks;
        auto updated = other.value()->applications().update(changed);
        QVERIFY2(updated, errorBytes(updated));
    }

    UiTest::retype(nameEdit, QStringLiteral("Renamed Here"));
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY(message->isVisible());
    QCOMPARE(message->level(), MessageBar::Level::Warning);
    QVERIFY(!message->text().isEmpty());
    auto *reload = message->findChild<QPushButton *>(QStringLiteral("reloadButton"));
    QVERIFY(reload);
    QTRY_VERIFY(reload->isVisible()); // a widget added to a shown bar is shown on the next event loop turn
    auto stored = service().find(clientId);
    QVERIFY2(stored, errorBytes(stored));
    QCOMPARE(stored.value().name, theirName); // ours was refused
    QCOMPARE(nameEdit->text(), QStringLiteral("Renamed Here")); // and kept on screen until reload

    QTest::mouseClick(reload, Qt::LeftButton);
    QCOMPARE(nameEdit->text(), theirName);
    QCOMPARE(callbacks->urls(), theirCallbacks);
    QVERIFY(!settings->isDirty());
    QVERIFY(!save->isEnabled());
    QVERIFY(!message->findChild<QPushButton *>(QStringLiteral("reloadButton")));
    QCOMPARE(title->text(), theirName);

    // What is on screen now is the current revision: saving it works.
    UiTest::retype(nameEdit, QStringLiteral("Renamed Here"));
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(message->level(), MessageBar::Level::Success);
    stored = service().find(clientId);
    QVERIFY2(stored, errorBytes(stored));
    QCOMPARE(stored.value().name, QStringLiteral("Renamed Here"));
    QCOMPARE(stored.value().callbacks, theirCallbacks);
}

void TestApplicationFlowEditing::changeFromThisProcess_data()
{
    QTest::addColumn<bool>("editing");

    QTest::newRow("not editing: the page shows the change") << false;
    QTest::newRow("editing: a warning, edits kept") << true;
}

void TestApplicationFlowEditing::changeFromThisProcess()
{
    QFETCH(bool, editing);
    auto created = service().create({QStringLiteral("Watched App"), ApplicationType::SinglePage, {}, {}});
    QVERIFY2(created, errorBytes(created));
    const QString clientId = created.value().clientId;
    QVERIFY(openSettings(clientId));
    auto *nameEdit = settingsTab()->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    auto *message
        = settingsTab()->findChild<MessageBar *>(QStringLiteral("messageBar"), Qt::FindDirectChildrenOnly);
    auto *title = applicationPage()->findChild<QLabel *>(QStringLiteral("pageTitle"));
    QVERIFY(nameEdit && message && title);
    const QString local = QStringLiteral("Local Edit");
    if (editing)
        UiTest::retype(nameEdit, local);

    // Another window of this process saves the application through the same service.
    const QString changedName = QStringLiteral("Changed In Another Window");
    Application changed = created.value();
    changed.name = changedName;
    auto updated = service().update(changed);
    QVERIFY2(updated, errorBytes(updated));

    if (!editing) {
        QCOMPARE(nameEdit->text(), changedName);
        QCOMPARE(title->text(), changedName);
        QVERIFY(!settingsTab()->isDirty());
        return;
    }
    QCOMPARE(nameEdit->text(), local);
    QVERIFY(message->isVisible());
    QCOMPARE(message->level(), MessageBar::Level::Warning);
    QVERIFY(message->findChild<QPushButton *>(QStringLiteral("reloadButton")));

    // Saving is refused as a conflict, which does offer Reload.
    auto *save = settingsTab()->findChild<QPushButton *>(QStringLiteral("saveButton"));
    QVERIFY(save);
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(message->level(), MessageBar::Level::Warning);
    QVERIFY(message->findChild<QPushButton *>(QStringLiteral("reloadButton")));
    auto stored = service().find(clientId);
    QVERIFY2(stored, errorBytes(stored));
    QCOMPARE(stored.value().name, changedName);
}

QTEST_MAIN(TestApplicationFlowEditing)
#include "TestApplicationFlowEditing.moc"
