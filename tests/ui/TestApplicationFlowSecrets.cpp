// The client secret of an application on the real main window: hidden until revealed, rotated after a
// confirmation, absent for public applications; and deleting an application, which needs its exact name.

#include "core/applications/ApplicationService.h"
#include "tests/support/ResultText.h"
#include "tests/support/SecretJobResult.h"
#include "tests/ui/ApplicationFlowFixture.h"
#include "tests/ui/UiTestHelpers.h"
#include "ui/applications/ApplicationListModel.h"
#include "ui/applications/ApplicationPage.h"
#include "ui/applications/ApplicationSettingsTab.h"
#include "ui/applications/ApplicationsPage.h"
#include "ui/common/MessageBar.h"
#include "ui/common/SecretField.h"
#include "ui/shell/MainWindow.h"

#include <QDialogButtonBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

/// The client secret of an application and deleting it, through the widgets.
class TestApplicationFlowSecrets : public QObject, private ApplicationFlowFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void deleteNeedsTheExactName_data();
    void deleteNeedsTheExactName();
    void publicApplicationHasNoSecret();
    void clientSecretIsHiddenUntilRevealed();
    void rotateClientSecret_data();
    void rotateClientSecret();
};

void TestApplicationFlowSecrets::initTestCase()
{
    initApplication(QStringLiteral("tst_ui_applicationflowsecrets"));
}

void TestApplicationFlowSecrets::init()
{
    setUp();
}

void TestApplicationFlowSecrets::cleanup()
{
    tearDown();
}

void TestApplicationFlowSecrets::deleteNeedsTheExactName_data()
{
    QTest::addColumn<bool>("confirm");

    QTest::newRow("Delete: the application goes") << true;
    QTest::newRow("Cancel: the application stays") << false;
}

void TestApplicationFlowSecrets::deleteNeedsTheExactName()
{
    QFETCH(bool, confirm);
    const QString name = QStringLiteral("Doomed App");
    auto created = service().create({name, ApplicationType::SinglePage, {}, {}});
    QVERIFY2(created, errorBytes(created));
    const QString clientId = created.value().clientId;
    QVERIFY(openSettings(clientId));
    auto *remove = settingsTab()->findChild<QPushButton *>(QStringLiteral("deleteButton"));
    QVERIFY(remove);

    bool enabledAtFirst = true;
    bool enabledOtherCase = true;
    bool enabledPrefix = true;
    bool enabledExact = false;
    ModalAnswer answer(
        QStringLiteral("deleteApplicationDialog"), [&](QWidget *dialog, QStringList &failures) {
            auto *button = dialog->findChild<QPushButton *>(QStringLiteral("confirmDeleteButton"));
            auto *nameEdit = dialog->findChild<QLineEdit *>(QStringLiteral("confirmNameEdit"));
            UI_CHECK(failures, button);
            UI_CHECK(failures, nameEdit);
            enabledAtFirst = button->isEnabled();
            UiTest::retype(nameEdit, name.toLower());
            enabledOtherCase = button->isEnabled();
            UiTest::retype(nameEdit, name.left(name.size() - 1));
            enabledPrefix = button->isEnabled();
            QTest::keyClick(nameEdit, name.back().toLatin1());
            UI_CHECK(failures, nameEdit->text() == name);
            enabledExact = button->isEnabled();
            if (confirm) {
                QTest::mouseClick(button, Qt::LeftButton);
            } else {
                auto *box = dialog->findChild<QDialogButtonBox *>();
                UI_CHECK(failures, box);
                UI_CHECK(failures, box->button(QDialogButtonBox::Cancel));
                QTest::mouseClick(box->button(QDialogButtonBox::Cancel), Qt::LeftButton);
            }
        });
    QTest::mouseClick(remove, Qt::LeftButton);
    UI_VERIFY_ANSWERED(answer);
    QVERIFY(!enabledAtFirst);
    QVERIFY(!enabledOtherCase);
    QVERIFY(!enabledPrefix);
    QVERIFY(enabledExact);

    auto *applications = qobject_cast<ApplicationsPage *>(m_window->page(Page::Id::Applications));
    QVERIFY(applications);
    const auto found = service().find(clientId);
    if (confirm) {
        QVERIFY(!found);
        QCOMPARE(found.error().kind(), Error::Kind::NotFound);
        QTRY_COMPARE(m_window->currentPageId(), Page::Id::Applications);
        QCOMPARE(applications->model()->rowOf(clientId), -1);
    } else {
        QVERIFY2(found, errorBytes(found));
        QCOMPARE(m_window->currentPageId(), Page::Id::Application);
        QCOMPARE(applicationPage()->clientId(), clientId);
    }
}

void TestApplicationFlowSecrets::publicApplicationHasNoSecret()
{
    auto created = service().create({QStringLiteral("Public SPA"), ApplicationType::SinglePage, {}, {}});
    QVERIFY2(created, errorBytes(created));
    QVERIFY(openSettings(created.value().clientId));
    auto *field = settingsTab()->findChild<SecretField *>(QStringLiteral("clientSecret"));
    auto *rotate = settingsTab()->findChild<QPushButton *>(QStringLiteral("rotateSecretButton"));
    QVERIFY(field && rotate);
    QVERIFY(!field->isVisible());
    QVERIFY(!rotate->isVisible());
    QVERIFY(!field->hasSecret());
    QCOMPARE(m_tenant->secrets().count(), 0);
}

void TestApplicationFlowSecrets::clientSecretIsHiddenUntilRevealed()
{
    auto created = service().create({QStringLiteral("Billing Site"), ApplicationType::RegularWeb, {}, {}});
    QVERIFY2(created, errorBytes(created));
    const QString clientId = created.value().clientId;
    QVERIFY(openSettings(clientId));
    auto *field = settingsTab()->findChild<SecretField *>(QStringLiteral("clientSecret"));
    QVERIFY(field);
    QVERIFY(field->isVisible());

    QTRY_VERIFY(field->hasSecret());
    const SecretJobResult stored = storedSecret(clientId);
    QVERIFY2(stored.succeeded(), qPrintable(stored.errorString));
    QCOMPARE(stored.value.size(), ApplicationService::ClientSecretLength);
    QCOMPARE(field->lineEdit()->text(), QString::fromLatin1(stored.value));
    QCOMPARE(field->lineEdit()->echoMode(), QLineEdit::Password);
    QVERIFY(field->lineEdit()->displayText() != field->lineEdit()->text());
    QVERIFY(!field->isRevealed());

    QTest::mouseClick(field->revealButton(), Qt::LeftButton);
    QVERIFY(field->isRevealed());
    QCOMPARE(field->lineEdit()->echoMode(), QLineEdit::Normal);
    QCOMPARE(field->lineEdit()->displayText(), QString::fromLatin1(stored.value));

    QTest::mouseClick(field->revealButton(), Qt::LeftButton);
    QVERIFY(!field->isRevealed());
    QCOMPARE(field->lineEdit()->echoMode(), QLineEdit::Password);
}

void TestApplicationFlowSecrets::rotateClientSecret_data()
{
    QTest::addColumn<bool>("confirm");

    QTest::newRow("Rotate: a new secret") << true;
    QTest::newRow("Cancel: the same secret") << false;
}

void TestApplicationFlowSecrets::rotateClientSecret()
{
    QFETCH(bool, confirm);
    auto created = service().create({QStringLiteral("Backend"), ApplicationType::RegularWeb, {}, {}});
    QVERIFY2(created, errorBytes(created));
    const QString clientId = created.value().clientId;
    QVERIFY(openSettings(clientId));
    auto *field = settingsTab()->findChild<SecretField *>(QStringLiteral("clientSecret"));
    auto *rotate = settingsTab()->findChild<QPushButton *>(QStringLiteral("rotateSecretButton"));
    auto *message
        = settingsTab()->findChild<MessageBar *>(QStringLiteral("messageBar"), Qt::FindDirectChildrenOnly);
    QVERIFY(field && rotate && message);
    QTRY_VERIFY(field->hasSecret());
    const SecretJobResult before = storedSecret(clientId);
    QVERIFY2(before.succeeded(), qPrintable(before.errorString));

    QSignalSpy rotated(&service(), &ApplicationService::clientSecretRotated);
    QVERIFY(rotated.isValid());
    ModalAnswer answer(QStringLiteral("rotateConfirmation"), [&](QWidget *modal, QStringList &failures) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        UI_CHECK(failures, box);
        QAbstractButton *button = confirm ? box->findChild<QPushButton *>(QStringLiteral("confirmRotate"))
                                          : box->button(QMessageBox::Cancel);
        UI_CHECK(failures, button);
        QTest::mouseClick(button, Qt::LeftButton);
    });
    QTest::mouseClick(rotate, Qt::LeftButton);
    UI_VERIFY_ANSWERED(answer);

    // Secret jobs run in the order they were made: this read sees any rotation the click started.
    const SecretJobResult after = storedSecret(clientId);
    QVERIFY2(after.succeeded(), qPrintable(after.errorString));
    QCOMPARE(rotated.count(), confirm ? 1 : 0);
    QCOMPARE(after.value != before.value, confirm);
    QCOMPARE(after.value.size(), ApplicationService::ClientSecretLength);
    QTRY_COMPARE(field->lineEdit()->text(), QString::fromLatin1(after.value));
    QTRY_VERIFY(field->hasSecret());
    QVERIFY(rotate->isEnabled());
    if (confirm) {
        QCOMPARE(rotated.constFirst().constFirst().toString(), clientId);
        QCOMPARE(message->level(), MessageBar::Level::Success);
        QVERIFY(message->isVisible());
    } else {
        QVERIFY(!message->isVisible());
    }
}

QTEST_MAIN(TestApplicationFlowSecrets)
#include "TestApplicationFlowSecrets.moc"
