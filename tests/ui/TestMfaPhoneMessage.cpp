// Security > Multi-factor Auth > Phone Message on the real main window: the factor's state, its
// delivery through the Send Phone Message flow, Save, and the prompt when leaving with changes. The
// templates' preview and rules are in TestMfaTemplates.

#include "core/actions/IntegrationService.h"
#include "core/flows/FlowService.h"
#include "core/mfa/MfaService.h"
#include "core/settings/TenantSettings.h"
#include "core/tenant/Tenant.h"
#include "tests/support/ResultText.h"
#include "tests/support/TempTenant.h"
#include "tests/ui/MfaPageFixture.h"
#include "tests/ui/UiTestHelpers.h"
#include "ui/common/MessageBar.h"
#include "ui/mfa/TemplateEditor.h"
#include "ui/shell/MainWindow.h"

#include <QCheckBox>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <algorithm>
#include <memory>

namespace {

const QString kFriendlyName = QStringLiteral("Acme Test");
const QString kSendPhoneMessage = QStringLiteral("send-phone-message");
const QString kNoAction = QStringLiteral("No action is bound: codes cannot be sent");

} // namespace

class TestMfaPhoneMessage : public QObject, private MfaPageFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void factorStateAndConfigure();
    void flowNote_data();
    void flowNote();
    void enableAndSave();
    void providerAndMethodBothChecked();
    void unsavedChanges_data();
    void unsavedChanges();
    void noPromptWithoutEdits();

private:
    MfaService &mfa() { return m_tenant->tenant().mfa(); }
    Page *phonePage() const { return m_window->page(Page::Id::PhoneMessage); }
    /// Opens Security > Multi-factor Auth, then Phone Message through its Configure button.
    bool openPhonePage();
    /// Replaces the flow of send-phone-message with Plivo (@p plivo) or with nothing.
    bool applyFlow(bool plivo);
    /// Types @p text in @p edit; long texts are pasted in one go, as the admin would.
    static void enterTemplate(QPlainTextEdit *edit, const QString &text);
    template<typename T>
    T *child(QWidget *in, const QString &name) const
    {
        return in ? in->findChild<T *>(name) : nullptr;
    }
    template<typename T>
    T *inEditor(const QString &name, const QString &editor = QStringLiteral("enrollmentTemplate")) const
    {
        return child<T>(child<TemplateEditor>(phonePage(), editor), name);
    }
};

void TestMfaPhoneMessage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AuthdeckTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_mfaphonemessage"));
}

void TestMfaPhoneMessage::init()
{
    setUp({kFriendlyName, false, true});
}

void TestMfaPhoneMessage::cleanup()
{
    tearDown();
}

bool TestMfaPhoneMessage::openPhonePage()
{
    if (!m_window->showPage(Page::Id::MultiFactor))
        return false;
    auto *configure
        = child<QPushButton>(m_window->page(Page::Id::MultiFactor), QStringLiteral("configurePhoneButton"));
    if (!configure)
        return false;
    QTest::mouseClick(configure, Qt::LeftButton);
    return m_window->currentPageId() == Page::Id::PhoneMessage && phonePage()->isVisible();
}

bool TestMfaPhoneMessage::applyFlow(bool plivo)
{
    QList<Binding> bindings;
    if (plivo)
        bindings.append({Binding::Kind::Integration, m_plivoId, QStringLiteral("Plivo"), 0});
    return m_tenant->tenant().flows().apply(kSendPhoneMessage, bindings).ok();
}

void TestMfaPhoneMessage::enterTemplate(QPlainTextEdit *edit, const QString &text)
{
    // QTest::keyClicks() types ASCII only: other text is pasted, as long texts are.
    const bool ascii = std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x80; });
    if (text.size() <= 120 && ascii) {
        UiTest::retype(edit, text);
        return;
    }
    edit->setFocus();
    edit->selectAll();
    edit->insertPlainText(text);
}

void TestMfaPhoneMessage::factorStateAndConfigure()
{
    QVERIFY(m_window->showPage(Page::Id::MultiFactor));
    Page *page = m_window->page(Page::Id::MultiFactor);
    QCOMPARE(page->objectName(), QStringLiteral("multi-factorPage"));
    QVERIFY(page->isVisible());
    auto *state = child<QLabel>(page, QStringLiteral("phoneFactorState"));
    QVERIFY(state);
    QCOMPARE(state->text(), QStringLiteral("Disabled"));
    QVERIFY(openPhonePage());
    QCOMPARE(phonePage()->objectName(), QStringLiteral("phone-messagePage"));
    QVERIFY(!page->isVisible());
}

void TestMfaPhoneMessage::flowNote_data()
{
    QTest::addColumn<bool>("plivoAtOpen");
    QTest::addColumn<bool>("plivoLater");

    QTest::newRow("empty flow") << false << false;
    QTest::newRow("Plivo applied") << true << true;
    QTest::newRow("Plivo applied while the page shows") << false << true;
    QTest::newRow("flow emptied while the page shows") << true << false;
}

void TestMfaPhoneMessage::flowNote()
{
    QFETCH(bool, plivoAtOpen);
    QFETCH(bool, plivoLater);
    const QString applied = QStringLiteral("Plivo, applied");
    QVERIFY(applyFlow(plivoAtOpen));
    QVERIFY(openPhonePage());
    auto *note = child<QLabel>(phonePage(), QStringLiteral("flowNote"));
    QVERIFY(note);
    QCOMPARE(note->text(), plivoAtOpen ? applied : kNoAction);

    if (plivoLater != plivoAtOpen)
        QVERIFY(applyFlow(plivoLater));
    const QString expected = plivoLater ? applied : kNoAction;
    QCOMPARE(note->text(), expected);
    QVERIFY(m_window->showPage(Page::Id::MultiFactor));
    auto *factorNote
        = child<QLabel>(m_window->page(Page::Id::MultiFactor), QStringLiteral("phoneFactorNote"));
    QVERIFY(factorNote);
    QCOMPARE(factorNote->text(), QStringLiteral("Delivery: Custom (Send Phone Message flow): ") + expected);
}

void TestMfaPhoneMessage::enableAndSave()
{
    QVERIFY(openPhonePage());
    auto *enabled = child<QCheckBox>(phonePage(), QStringLiteral("phoneFactorEnabled"));
    auto *save = child<QPushButton>(phonePage(), QStringLiteral("savePhoneButton"));
    auto *bar = child<MessageBar>(phonePage(), QStringLiteral("messageBar"));
    QVERIFY(enabled && save && bar);
    QVERIFY(!enabled->isChecked());
    QVERIFY(!save->isEnabled());

    UiTest::clickToggle(enabled);
    QVERIFY(enabled->isChecked());
    QVERIFY(save->isEnabled());
    QVERIFY(!mfa().phoneFactor().enabled); // nothing is stored before Save
    QSignalSpy changed(&mfa(), &MfaService::changed);
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY(mfa().phoneFactor().enabled);
    QCOMPARE(changed.count(), 1);
    QVERIFY(bar->isVisible());
    QCOMPARE(bar->level(), MessageBar::Level::Success);
    QCOMPARE(bar->text(), QStringLiteral("Phone Message settings saved."));
    QVERIFY(!save->isEnabled());

    // Back to Multi-factor Auth without a prompt: the factor shows Enabled.
    auto *back = child<QPushButton>(phonePage(), QStringLiteral("backButton"));
    QVERIFY(back);
    QTest::mouseClick(back, Qt::LeftButton);
    QCOMPARE(m_window->currentPageId(), Page::Id::MultiFactor);
    auto *state = child<QLabel>(m_window->page(Page::Id::MultiFactor), QStringLiteral("phoneFactorState"));
    QVERIFY(state);
    QCOMPARE(state->text(), QStringLiteral("Enabled"));

    // Stored in the tenant file.
    m_window.reset();
    QVERIFY2(m_tenant->reopen(), qPrintable(m_tenant->error()));
    QVERIFY(mfa().phoneFactor().enabled);
}

void TestMfaPhoneMessage::providerAndMethodBothChecked()
{
    QVERIFY(openPhonePage());
    auto *custom = child<QRadioButton>(phonePage(), QStringLiteral("providerCustom"));
    auto *sms = child<QRadioButton>(phonePage(), QStringLiteral("methodSms"));
    auto *save = child<QPushButton>(phonePage(), QStringLiteral("savePhoneButton"));
    QVERIFY(custom && sms && save);
    QVERIFY(custom->isChecked());
    QVERIFY(sms->isChecked());
    UiTest::clickToggle(sms);
    QVERIFY(custom->isChecked());
    QVERIFY(sms->isChecked());
    UiTest::clickToggle(custom);
    QVERIFY(custom->isChecked());
    QVERIFY(sms->isChecked());
    QVERIFY(!save->isEnabled()); // choosing what is already chosen changes nothing
    QCOMPARE(mfa().phoneFactor().provider, QStringLiteral("phone-message-hook"));
    QCOMPARE(mfa().phoneFactor().messageTypes, QStringList {QStringLiteral("sms")});
}

void TestMfaPhoneMessage::unsavedChanges_data()
{
    QTest::addColumn<QString>("edited"); // the enrollment template typed; empty: Enabled ticked instead
    QTest::addColumn<QMessageBox::StandardButton>("answer");
    QTest::addColumn<bool>("leaves");
    QTest::addColumn<bool>("saved");
    const QString good = QStringLiteral("Edited {{code}}");

    QTest::newRow("template edited, Cancel: stays") << good << QMessageBox::Cancel << false << false;
    QTest::newRow("template edited, Discard: leaves") << good << QMessageBox::Discard << true << false;
    QTest::newRow("template edited, Save: saves and leaves") << good << QMessageBox::Save << true << true;
    QTest::newRow("bad template, Save: refused, stays")
        << QStringLiteral("Edited") << QMessageBox::Save << false << false;
    QTest::newRow("Enabled ticked, Cancel: stays") << QString() << QMessageBox::Cancel << false << false;
    QTest::newRow("Enabled ticked, Discard: leaves") << QString() << QMessageBox::Discard << true << false;
}

void TestMfaPhoneMessage::unsavedChanges()
{
    QFETCH(QString, edited);
    QFETCH(QMessageBox::StandardButton, answer);
    QFETCH(bool, leaves);
    QFETCH(bool, saved);
    QVERIFY(openPhonePage());
    auto *edit = inEditor<QPlainTextEdit>(QStringLiteral("templateEdit"));
    auto *enabled = child<QCheckBox>(phonePage(), QStringLiteral("phoneFactorEnabled"));
    auto *back = child<QPushButton>(phonePage(), QStringLiteral("backButton"));
    auto *save = child<QPushButton>(phonePage(), QStringLiteral("savePhoneButton"));
    auto *bar = child<MessageBar>(phonePage(), QStringLiteral("messageBar"));
    QVERIFY(edit && enabled && back && save && bar);
    const PhoneFactorSettings before = mfa().phoneFactor();
    if (edited.isEmpty())
        UiTest::clickToggle(enabled);
    else
        enterTemplate(edit, edited);
    QVERIFY(save->isEnabled());

    ModalAnswer prompt(QStringLiteral("unsavedChangesBox"), [&](QWidget *modal, QStringList &failures) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        UI_CHECK(failures, box && box->button(answer));
        QTest::mouseClick(box->button(answer), Qt::LeftButton);
    });
    QTest::mouseClick(back, Qt::LeftButton);
    UI_VERIFY_ANSWERED(prompt);
    QCOMPARE(m_window->currentPageId(), leaves ? Page::Id::MultiFactor : Page::Id::PhoneMessage);
    QCOMPARE(phonePage()->isVisible(), !leaves);
    PhoneFactorSettings expected = before;
    if (saved)
        expected.enrollmentTemplate = edited;
    QVERIFY(mfa().phoneFactor() == expected);

    // Kept unless discarded; a refused save says why.
    const bool kept = answer != QMessageBox::Discard;
    QCOMPARE(edit->toPlainText(), !edited.isEmpty() && kept ? edited : before.enrollmentTemplate);
    QCOMPARE(enabled->isChecked(), edited.isEmpty() && kept);
    QCOMPARE(save->isEnabled(), kept && !saved);
    if (answer == QMessageBox::Save && !saved)
        QCOMPARE(bar->level(), MessageBar::Level::Error);
    QCOMPARE(bar->isVisible(), answer == QMessageBox::Save && !leaves);
}

void TestMfaPhoneMessage::noPromptWithoutEdits()
{
    QVERIFY(openPhonePage());
    auto *edit = inEditor<QPlainTextEdit>(QStringLiteral("templateEdit"));
    QVERIFY(edit);
    // Edited, then typed back as it was: nothing to save, nothing to ask.
    const QString stored = edit->toPlainText();
    enterTemplate(edit, QStringLiteral("x{{code}}"));
    enterTemplate(edit, stored);
    ModalAnswer none(
        QStringLiteral("unsavedChangesBox"), [](QWidget *, QStringList &) {}, 300);
    QVERIFY(m_window->showPage(Page::Id::GettingStarted));
    QTRY_VERIFY(none.isDone());
    QVERIFY(!none.answered());
}

QTEST_MAIN(TestMfaPhoneMessage)
#include "TestMfaPhoneMessage.moc"
