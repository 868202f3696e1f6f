// The Secrets section of the custom action page: Add Secret, Replace value and Remove through their
// dialogs, names refused under the field, the buttons while a change runs, a failed change in the message
// bar, and values that never show again in any widget.

#include "core/actions/CustomActionService.h"
#include "core/tenant/Tenant.h"
#include "tests/support/SecretJobResult.h"
#include "tests/ui/CustomActionFixture.h"
#include "tests/ui/UiTestHelpers.h"
#include "ui/customactions/ActionSecretsPanel.h"
#include "ui/customactions/SecretDialog.h"

#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QTest>
#include <QTreeWidget>

namespace {

const QString kName = QStringLiteral("PLIVO_AUTH_TOKEN");
const QString kValue = QStringLiteral("s3cr3t-Value-9f1c");
const QString kNewValue = QStringLiteral("n3w-Value-77aa");

/// Fills the secret dialog and saves it; checks it closed.
ModalAnswer::Handler fillSecret(const QString &name, const QString &value)
{
    return [name, value](QWidget *modal, QStringList &failures) {
        auto *nameField = modal->findChild<QLineEdit *>(QStringLiteral("secretName"));
        auto *valueField = modal->findChild<QLineEdit *>(QStringLiteral("secretValue"));
        auto *save = modal->findChild<QPushButton *>(QStringLiteral("saveSecretButton"));
        UI_CHECK(failures, nameField && valueField && save);
        UI_CHECK(failures, valueField->echoMode() == QLineEdit::Password);
        if (!name.isNull())
            UiTest::retype(nameField, name);
        UiTest::retype(valueField, value);
        save->click();
        UI_CHECK(failures, !modal->isVisible());
    };
}

} // namespace

class TestActionSecretsPanel : public QObject, public CustomActionFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { initApplication(QStringLiteral("tst_ui_customactionsecrets")); }
    void init();
    void cleanup() { tearDown(); }

    void startsEmpty();
    void addSecret();
    void badNamesAreRefusedInline_data();
    void badNamesAreRefusedInline();
    void emptyValueIsRefused();
    void replaceValue();
    void removeSecret_data();
    void removeSecret();
    void failedChangeIsReported();

private:
    QTreeWidget *list() const { return find<QTreeWidget>(QStringLiteral("secretsList")); }
    QPushButton *button(const QString &name) const { return find<QPushButton>(name); }
    /// Adds @p name = @p value through the dialog and waits until the list shows it.
    void addThroughDialog(const QString &name, const QString &value);
    /// The value stored for @p name, read back from the secret store.
    QByteArray storedValue(const QString &name);
    /// Selects the list's row @p name.
    void select(const QString &name);
    /// Waits until no SecretDialog is left (they delete themselves once closed).
    void waitForDialogsGone();
};

void TestActionSecretsPanel::init()
{
    setUp();
    find<QTabWidget>(QStringLiteral("sidePanel"))
        ->setCurrentWidget(find<QWidget>(QStringLiteral("secretsPanel")));
}

void TestActionSecretsPanel::addThroughDialog(const QString &name, const QString &value)
{
    ModalAnswer dialog(QStringLiteral("secretDialog"), fillSecret(name, value));
    QTest::mouseClick(button(QStringLiteral("addSecretButton")), Qt::LeftButton);
    QTRY_VERIFY(dialog.isDone());
    UI_VERIFY_ANSWERED(dialog);
    QTRY_VERIFY(!list()->findItems(name, Qt::MatchExactly).isEmpty());
}

QByteArray TestActionSecretsPanel::storedValue(const QString &name)
{
    const SecretJobResult read = waitForJob(
        m_tenant->secrets().read(CustomActionService::secretKey(m_tenant->tenant().id(), m_action.id, name)));
    return read.succeeded() ? read.value : QByteArray();
}

void TestActionSecretsPanel::select(const QString &name)
{
    const QList<QTreeWidgetItem *> rows = list()->findItems(name, Qt::MatchExactly);
    QCOMPARE(rows.size(), 1);
    list()->setCurrentItem(rows.first());
    QVERIFY(rows.first()->isSelected());
}

void TestActionSecretsPanel::waitForDialogsGone()
{
    QTRY_VERIFY(m_page->findChildren<SecretDialog *>().isEmpty());
}

void TestActionSecretsPanel::startsEmpty()
{
    QVERIFY(list()->isHidden());
    QVERIFY(!find<QLabel>(QStringLiteral("secretsEmpty"))->isHidden());
    QVERIFY(button(QStringLiteral("addSecretButton"))->isEnabled());
    QVERIFY(!button(QStringLiteral("replaceSecretButton"))->isEnabled());
    QVERIFY(!button(QStringLiteral("removeSecretButton"))->isEnabled());
}

void TestActionSecretsPanel::addSecret()
{
    ModalAnswer dialog(QStringLiteral("secretDialog"), fillSecret(kName, kValue));
    QTest::mouseClick(button(QStringLiteral("addSecretButton")), Qt::LeftButton);
    QTRY_VERIFY(dialog.isDone());
    UI_VERIFY_ANSWERED(dialog);
    // While the secret store works, nothing else can be changed.
    QVERIFY(!button(QStringLiteral("addSecretButton"))->isEnabled());
    QTRY_VERIFY(button(QStringLiteral("addSecretButton"))->isEnabled());

    QCOMPARE(list()->topLevelItemCount(), 1);
    QCOMPARE(list()->topLevelItem(0)->text(0), kName);
    QVERIFY2(list()->topLevelItem(0)->text(1).startsWith(QStringLiteral("set ")),
             qPrintable(list()->topLevelItem(0)->text(1)));
    QVERIFY(find<QLabel>(QStringLiteral("secretsEmpty"))->isHidden());
    QCOMPARE(message(), QStringLiteral("Secret %1 saved.").arg(kName));
    QCOMPARE(stored().secretNames(), QStringList {kName});
    QCOMPARE(storedValue(kName), kValue.toUtf8());

    waitForDialogsGone();
    const QStringList texts = allWidgetTexts();
    QVERIFY(texts.contains(kName)); // the look-up sees the list
    for (const QString &text : texts)
        QVERIFY2(!text.contains(kValue), qPrintable(text));
}

void TestActionSecretsPanel::badNamesAreRefusedInline_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("error");
    QTest::newRow("empty") << QString() << QStringLiteral("Give the secret a name.");
    QTest::newRow("starts with a digit")
        << QStringLiteral("1TOKEN") << QStringLiteral("cannot be a secret name");
    QTest::newRow("with a dash") << QStringLiteral("AUTH-TOKEN") << QStringLiteral("cannot be a secret name");
    QTest::newRow("already set") << QStringLiteral("EXISTING") << QStringLiteral("use Replace value");
}

void TestActionSecretsPanel::badNamesAreRefusedInline()
{
    QFETCH(QString, name);
    QFETCH(QString, error);
    addThroughDialog(QStringLiteral("EXISTING"), QStringLiteral("first"));
    QTRY_VERIFY(button(QStringLiteral("addSecretButton"))->isEnabled());

    ModalAnswer dialog(QStringLiteral("secretDialog"), [&](QWidget *modal, QStringList &failures) {
        auto *nameField = modal->findChild<QLineEdit *>(QStringLiteral("secretName"));
        auto *valueField = modal->findChild<QLineEdit *>(QStringLiteral("secretValue"));
        auto *nameError = modal->findChild<QLabel *>(QStringLiteral("secretNameError"));
        UI_CHECK(failures, nameField && valueField && nameError);
        UiTest::retype(nameField, name);
        UiTest::retype(valueField, kValue);
        modal->findChild<QPushButton *>(QStringLiteral("saveSecretButton"))->click();
        UI_CHECK(failures, modal->isVisible());
        UI_CHECK(failures, !nameError->isHidden());
        UI_CHECK(failures, nameError->text().contains(error));
        UI_CHECK(failures, nameField->property("invalid").toBool());
        UiTest::closeModal(modal);
    });
    QTest::mouseClick(button(QStringLiteral("addSecretButton")), Qt::LeftButton);
    QTRY_VERIFY(dialog.isDone());
    UI_VERIFY_ANSWERED(dialog);
    settleJobs();
    QCOMPARE(stored().secretNames(), QStringList {QStringLiteral("EXISTING")});
    QCOMPARE(storedValue(QStringLiteral("EXISTING")), QByteArray("first"));
}

void TestActionSecretsPanel::emptyValueIsRefused()
{
    ModalAnswer dialog(QStringLiteral("secretDialog"), [](QWidget *modal, QStringList &failures) {
        UiTest::retype(modal->findChild<QLineEdit *>(QStringLiteral("secretName")), kName);
        modal->findChild<QPushButton *>(QStringLiteral("saveSecretButton"))->click();
        auto *valueError = modal->findChild<QLabel *>(QStringLiteral("secretValueError"));
        UI_CHECK(failures, modal->isVisible());
        UI_CHECK(failures, valueError && !valueError->isHidden());
        UiTest::closeModal(modal);
    });
    QTest::mouseClick(button(QStringLiteral("addSecretButton")), Qt::LeftButton);
    QTRY_VERIFY(dialog.isDone());
    UI_VERIFY_ANSWERED(dialog);
    QVERIFY(stored().secrets.isEmpty());
}

void TestActionSecretsPanel::replaceValue()
{
    addThroughDialog(kName, kValue);
    QTRY_VERIFY(button(QStringLiteral("addSecretButton"))->isEnabled());
    select(kName);
    QVERIFY(button(QStringLiteral("replaceSecretButton"))->isEnabled());

    ModalAnswer dialog(QStringLiteral("secretDialog"), [](QWidget *modal, QStringList &failures) {
        auto *nameField = modal->findChild<QLineEdit *>(QStringLiteral("secretName"));
        auto *valueField = modal->findChild<QLineEdit *>(QStringLiteral("secretValue"));
        UI_CHECK(failures, nameField && valueField);
        UI_CHECK(failures, nameField->text() == kName);
        UI_CHECK(failures, nameField->isReadOnly());
        UI_CHECK(failures, valueField->text().isEmpty()); // the old value is never shown
        fillSecret(QString(), kNewValue)(modal, failures);
    });
    QTest::mouseClick(button(QStringLiteral("replaceSecretButton")), Qt::LeftButton);
    QTRY_VERIFY(dialog.isDone());
    UI_VERIFY_ANSWERED(dialog);
    QTRY_VERIFY(button(QStringLiteral("addSecretButton"))->isEnabled());
    QCOMPARE(message(), QStringLiteral("The value of %1 was replaced.").arg(kName));
    QCOMPARE(storedValue(kName), kNewValue.toUtf8());
    QCOMPARE(stored().secretNames(), QStringList {kName});

    waitForDialogsGone();
    for (const QString &text : allWidgetTexts()) {
        QVERIFY2(!text.contains(kValue), qPrintable(text));
        QVERIFY2(!text.contains(kNewValue), qPrintable(text));
    }
}

void TestActionSecretsPanel::removeSecret_data()
{
    QTest::addColumn<bool>("confirm");
    QTest::newRow("confirmed") << true;
    QTest::newRow("cancelled") << false;
}

void TestActionSecretsPanel::removeSecret()
{
    QFETCH(bool, confirm);
    addThroughDialog(kName, kValue);
    QTRY_VERIFY(button(QStringLiteral("addSecretButton"))->isEnabled());
    select(kName);

    ModalAnswer box(
        QStringLiteral("removeSecretConfirmation"), [confirm](QWidget *modal, QStringList &failures) {
            auto *question = qobject_cast<QMessageBox *>(modal);
            UI_CHECK(failures, question);
            UI_CHECK(failures, question->text().contains(kName));
            if (!confirm)
                return UiTest::closeModal(modal);
            auto *remove = question->findChild<QPushButton *>(QStringLiteral("confirmRemoveSecret"));
            UI_CHECK(failures, remove);
            remove->click();
        });
    QTest::mouseClick(button(QStringLiteral("removeSecretButton")), Qt::LeftButton);
    QTRY_VERIFY(box.isDone());
    UI_VERIFY_ANSWERED(box);
    if (confirm) {
        QTRY_COMPARE(message(), QStringLiteral("Secret %1 removed.").arg(kName));
        QVERIFY(list()->isHidden());
        QVERIFY(!find<QLabel>(QStringLiteral("secretsEmpty"))->isHidden());
        QVERIFY(button(QStringLiteral("addSecretButton"))->isEnabled());
        QVERIFY(stored().secrets.isEmpty());
        QCOMPARE(storedValue(kName), QByteArray());
    } else {
        settleJobs();
        QCOMPARE(list()->topLevelItemCount(), 1);
        QCOMPARE(storedValue(kName), kValue.toUtf8());
    }
}

void TestActionSecretsPanel::failedChangeIsReported()
{
    // The action goes away behind the page's back: the change it asks for fails, in the message bar.
    auto *panel = find<ActionSecretsPanel>(QStringLiteral("secretsPanel"));
    CustomAction gone = stored();
    gone.id = QStringLiteral("00000000-0000-0000-0000-000000000000");
    panel->setAction(gone);
    ModalAnswer dialog(QStringLiteral("secretDialog"), fillSecret(kName, kValue));
    QTest::mouseClick(button(QStringLiteral("addSecretButton")), Qt::LeftButton);
    QTRY_VERIFY(dialog.isDone());
    UI_VERIFY_ANSWERED(dialog);
    QTRY_VERIFY2(message().startsWith(QStringLiteral("The secret was not changed")), qPrintable(message()));
    QVERIFY(button(QStringLiteral("addSecretButton"))->isEnabled());
    QVERIFY(stored().secrets.isEmpty());
}

QTEST_MAIN(TestActionSecretsPanel)
#include "TestActionSecretsPanel.moc"
