// Security > Multi-factor Auth > Define policies on the real main window: Always asks for confirmation
// and names what would make logins fail; saving it shows in Getting Started.

#include "core/actions/IntegrationService.h"
#include "core/delivery/SmsGateway.h"
#include "core/flows/FlowService.h"
#include "core/mfa/MfaPolicy.h"
#include "core/mfa/MfaService.h"
#include "core/plivo/DeliveryTracker.h"
#include "core/plivo/PlivoSandbox.h"
#include "core/settings/TenantSettings.h"
#include "core/tenant/Tenant.h"
#include "tests/support/ResultText.h"
#include "tests/support/TempTenant.h"
#include "tests/ui/MfaPageFixture.h"
#include "tests/ui/UiTestHelpers.h"
#include "ui/common/MessageBar.h"
#include "ui/shell/MainWindow.h"

#include <QAccessible>
#include <QAccessibleActionInterface>
#include <QCheckBox>
#include <QFrame>
#include <QJsonArray>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <memory>

namespace {

const QString kFactorOff = QStringLiteral("The Phone Message factor is off");
const QString kNoAction = QStringLiteral("No action is bound in the Send Phone Message flow");

} // namespace

class TestMfaPolicy : public QObject, private MfaPageFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void cancelAlways_data();
    void cancelAlways();
    void chooseAlwaysWithoutMouse_data();
    void chooseAlwaysWithoutMouse();
    void confirmAndSaveAlways_data();
    void confirmAndSaveAlways();
    void gettingStartedStepsTurnDone();
    void backToNever();
    void unsavedPolicy_data();
    void unsavedPolicy();

private:
    MfaService &mfa() { return m_tenant->tenant().mfa(); }
    Page *page() const { return m_window->page(Page::Id::MultiFactor); }
    template<typename T>
    T *child(const QString &name) const
    {
        return page()->findChild<T *>(name);
    }
    /// Turns the factor on or off (stored) and puts Plivo in the flow or empties it.
    void configure(bool factorOn, bool plivoApplied);
    /// Clicks Always and answers the confirmation with Continue; returns its informative text.
    QString confirmAlways();
    /// The "Done" / "To do" badge of Getting Started card @p name ("step4"), after showing the page.
    QString stepState(const QString &name);
};

void TestMfaPolicy::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AuthdeckTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_mfapolicy"));
}

void TestMfaPolicy::init()
{
    setUp({QStringLiteral("Acme Test"), true, true});
}

void TestMfaPolicy::cleanup()
{
    tearDown();
}

void TestMfaPolicy::configure(bool factorOn, bool plivoApplied)
{
    PhoneFactorSettings factor = mfa().phoneFactor();
    factor.enabled = factorOn;
    const auto saved = mfa().savePhoneFactor(factor);
    QVERIFY2(saved, errorBytes(saved));
    QList<Binding> bindings;
    if (plivoApplied)
        bindings.append({Binding::Kind::Integration, m_plivoId, QStringLiteral("Plivo"), 0});
    const auto applied = m_tenant->tenant().flows().apply(QStringLiteral("send-phone-message"), bindings);
    QVERIFY2(applied, errorBytes(applied));
}

QString TestMfaPolicy::confirmAlways()
{
    QString informative;
    ModalAnswer answer(QStringLiteral("alwaysConfirmation"), [&](QWidget *modal, QStringList &failures) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        UI_CHECK(failures, box);
        informative = box->informativeText();
        auto *proceed = box->findChild<QPushButton *>(QStringLiteral("confirmAlways"));
        UI_CHECK(failures, proceed);
        QTest::mouseClick(proceed, Qt::LeftButton);
    });
    UiTest::clickToggle(child<QRadioButton>(QStringLiteral("policyAlways")));
    if (!answer.failures().isEmpty() || !answer.answered())
        QTest::qFail(qPrintable(answer.failures().join(QLatin1Char('\n'))), __FILE__, __LINE__);
    return informative;
}

QString TestMfaPolicy::stepState(const QString &name)
{
    if (!m_window->showPage(Page::Id::GettingStarted))
        return QStringLiteral("(not shown)");
    auto *step = m_window->page(Page::Id::GettingStarted)->findChild<QFrame *>(name);
    if (!step)
        return QStringLiteral("(no card)");
    const QList<QLabel *> labels = step->findChildren<QLabel *>();
    for (const QLabel *label : labels) {
        if (label->property("role").toString() == QLatin1String("badge"))
            return label->text();
    }
    return QStringLiteral("(no badge)");
}

void TestMfaPolicy::cancelAlways_data()
{
    QTest::addColumn<QString>("how");

    QTest::newRow("Cancel button") << QStringLiteral("cancel");
    QTest::newRow("Escape key") << QStringLiteral("escape");
    QTest::newRow("dialog closed") << QStringLiteral("close");
}

void TestMfaPolicy::cancelAlways()
{
    QFETCH(QString, how);
    QVERIFY(m_window->showPage(Page::Id::MultiFactor));
    auto *never = child<QRadioButton>(QStringLiteral("policyNever"));
    auto *always = child<QRadioButton>(QStringLiteral("policyAlways"));
    auto *save = child<QPushButton>(QStringLiteral("savePolicyButton"));
    auto *bar = child<MessageBar>(QStringLiteral("messageBar"));
    QVERIFY(never && always && save && bar);
    QVERIFY(never->isChecked());
    QVERIFY(!save->isEnabled());

    QSignalSpy changed(&mfa(), &MfaService::changed);
    ModalAnswer answer(QStringLiteral("alwaysConfirmation"), [&](QWidget *modal, QStringList &failures) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        UI_CHECK(failures, box);
        UI_CHECK(failures, box->findChild<QPushButton *>(QStringLiteral("confirmAlways")));
        UI_CHECK(failures, box->button(QMessageBox::Cancel));
        UI_CHECK(failures, always->isChecked()); // the choice shows while the admin decides
        if (how == QLatin1String("cancel"))
            QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
        else if (how == QLatin1String("escape"))
            QTest::keyClick(box, Qt::Key_Escape);
        else
            box->reject();
    });
    UiTest::clickToggle(always);
    UI_VERIFY_ANSWERED(answer);
    QVERIFY(never->isChecked());
    QVERIFY(!always->isChecked());
    QVERIFY(!save->isEnabled());
    QVERIFY(!bar->isVisible());
    QCOMPARE(changed.count(), 0);
    QCOMPARE(mfa().policy(), MfaPolicy::Never);
    QCOMPARE(MfaPolicies::toApi(mfa().policy()), QJsonArray());
}

void TestMfaPolicy::chooseAlwaysWithoutMouse_data()
{
    QTest::addColumn<QString>("how");
    QTest::addColumn<bool>("confirm");

    for (const char *how : {"Down arrow from Never", "Space on Always", "accessibility toggle action"}) {
        QTest::addRow("%s, Continue", how) << QString::fromLatin1(how) << true;
        QTest::addRow("%s, Cancel", how) << QString::fromLatin1(how) << false;
    }
}

void TestMfaPolicy::chooseAlwaysWithoutMouse()
{
    QFETCH(QString, how);
    QFETCH(bool, confirm);
    QVERIFY(m_window->showPage(Page::Id::MultiFactor));
    auto *never = child<QRadioButton>(QStringLiteral("policyNever"));
    auto *always = child<QRadioButton>(QStringLiteral("policyAlways"));
    auto *save = child<QPushButton>(QStringLiteral("savePolicyButton"));
    QVERIFY(never && always && save);
    QVERIFY(never->isChecked());
    QVERIFY(!save->isEnabled());

    // The same confirmation as a click, whatever chose Always.
    ModalAnswer answer(
        QStringLiteral("alwaysConfirmation"),
        [&](QWidget *modal, QStringList &failures) {
            auto *box = qobject_cast<QMessageBox *>(modal);
            UI_CHECK(failures, box);
            UI_CHECK(failures, always->isChecked());
            QAbstractButton *choice = confirm ? box->findChild<QPushButton *>(QStringLiteral("confirmAlways"))
                                              : box->button(QMessageBox::Cancel);
            UI_CHECK(failures, choice);
            QTest::keyClick(choice, Qt::Key_Space);
        },
        2000);
    if (how.startsWith(QLatin1String("Down arrow"))) {
        never->setFocus();
        QTest::keyClick(never, Qt::Key_Down);
    } else if (how.startsWith(QLatin1String("Space"))) {
        always->setFocus();
        QTest::keyClick(always, Qt::Key_Space);
    } else {
        QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(always);
        QVERIFY(accessible && accessible->actionInterface());
        QAccessibleActionInterface *actions = accessible->actionInterface();
        QVERIFY(actions->actionNames().contains(QAccessibleActionInterface::toggleAction()));
        actions->doAction(QAccessibleActionInterface::toggleAction());
    }
    QTRY_VERIFY_WITH_TIMEOUT(answer.isDone(), 5000);
    UI_VERIFY_ANSWERED(answer);

    // Cancelled, the choice goes back to Never once, with no second question.
    ModalAnswer again(
        QStringLiteral("alwaysConfirmation"), [](QWidget *, QStringList &) {}, 300);
    QTRY_VERIFY(again.isDone());
    QVERIFY(!again.answered());
    QCOMPARE(always->isChecked(), confirm);
    QCOMPARE(never->isChecked(), !confirm);
    QCOMPARE(save->isEnabled(), confirm);
    QCOMPARE(mfa().policy(), MfaPolicy::Never); // chosen, not saved yet
    if (!confirm)
        return;

    // Saved from the keyboard too.
    save->setFocus();
    QTest::keyClick(save, Qt::Key_Space);
    QCOMPARE(mfa().policy(), MfaPolicy::Always);
    QVERIFY(!save->isEnabled());
}

void TestMfaPolicy::confirmAndSaveAlways_data()
{
    QTest::addColumn<bool>("factorOn");
    QTest::addColumn<bool>("plivoApplied");
    QTest::addColumn<QStringList>("problems");

    QTest::newRow("factor off and empty flow") << false << false << QStringList {kFactorOff, kNoAction};
    QTest::newRow("factor off") << false << true << QStringList {kFactorOff};
    QTest::newRow("empty flow") << true << false << QStringList {kNoAction};
    QTest::newRow("everything configured") << true << true << QStringList();
}

void TestMfaPolicy::confirmAndSaveAlways()
{
    QFETCH(bool, factorOn);
    QFETCH(bool, plivoApplied);
    QFETCH(QStringList, problems);
    configure(factorOn, plivoApplied);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(m_window->showPage(Page::Id::MultiFactor));
    auto *always = child<QRadioButton>(QStringLiteral("policyAlways"));
    auto *save = child<QPushButton>(QStringLiteral("savePolicyButton"));
    auto *bar = child<MessageBar>(QStringLiteral("messageBar"));
    QVERIFY(always && save && bar);

    const QString informative = confirmAlways();
    if (QTest::currentTestFailed())
        return;
    QVERIFY(always->isChecked());
    QVERIFY(save->isEnabled());
    QCOMPARE(mfa().policy(), MfaPolicy::Never); // chosen, not saved yet
    if (problems.isEmpty())
        QCOMPARE(informative, QString());
    else
        QVERIFY2(informative.startsWith(QStringLiteral("Logins will fail until this is fixed: ")),
                 qPrintable(informative));
    for (const QString &problem : {kFactorOff, kNoAction})
        QVERIFY2(informative.contains(problem) == problems.contains(problem), qPrintable(informative));

    QSignalSpy changed(&mfa(), &MfaService::changed);
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(mfa().policy(), MfaPolicy::Always);
    QCOMPARE(MfaPolicies::toApi(mfa().policy()), QJsonArray {QStringLiteral("all-applications")});
    QVERIFY(!save->isEnabled());
    QVERIFY(always->isChecked());
    QVERIFY(bar->isVisible());
    if (problems.isEmpty()) {
        QCOMPARE(bar->level(), MessageBar::Level::Success);
        QCOMPARE(bar->text(), QStringLiteral("The policy was saved."));
    } else {
        QCOMPARE(bar->level(), MessageBar::Level::Warning);
        QVERIFY2(bar->text().startsWith(QStringLiteral("Saved, but logins will fail: ")),
                 qPrintable(bar->text()));
    }
    for (const QString &problem : {kFactorOff, kNoAction})
        QVERIFY2(bar->text().contains(problem) == problems.contains(problem), qPrintable(bar->text()));
}

void TestMfaPolicy::gettingStartedStepsTurnDone()
{
    configure(false, true);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(stepState(QStringLiteral("step3")), QStringLiteral("Done"));
    QCOMPARE(stepState(QStringLiteral("step4")), QStringLiteral("To do"));
    QCOMPARE(stepState(QStringLiteral("step5")), QStringLiteral("To do"));

    // Step 4: the factor, turned on in the Phone Message page.
    QVERIFY(m_window->showPage(Page::Id::PhoneMessage));
    Page *phone = m_window->page(Page::Id::PhoneMessage);
    auto *enabled = phone->findChild<QCheckBox *>(QStringLiteral("phoneFactorEnabled"));
    auto *savePhone = phone->findChild<QPushButton *>(QStringLiteral("savePhoneButton"));
    QVERIFY(enabled && savePhone);
    UiTest::clickToggle(enabled);
    QTest::mouseClick(savePhone, Qt::LeftButton);
    QVERIFY(mfa().phoneFactor().enabled);
    QCOMPARE(stepState(QStringLiteral("step4")), QStringLiteral("Done"));
    QCOMPARE(stepState(QStringLiteral("step5")), QStringLiteral("To do"));

    // Step 5: Always, confirmed and saved.
    QVERIFY(m_window->showPage(Page::Id::MultiFactor));
    confirmAlways();
    if (QTest::currentTestFailed())
        return;
    QTest::mouseClick(child<QPushButton>(QStringLiteral("savePolicyButton")), Qt::LeftButton);
    QCOMPARE(mfa().policy(), MfaPolicy::Always);
    QCOMPARE(stepState(QStringLiteral("step4")), QStringLiteral("Done"));
    QCOMPARE(stepState(QStringLiteral("step5")), QStringLiteral("Done"));
    auto *step5 = m_window->page(Page::Id::GettingStarted)->findChild<QFrame *>(QStringLiteral("step5"));
    QVERIFY(step5);
    QCOMPARE(step5->accessibleName(), QStringLiteral("Step 5: Require Multi-factor Auth: Always, Done"));
    bool saysEveryLogin = false;
    const QList<QLabel *> labels = step5->findChildren<QLabel *>();
    for (const QLabel *label : labels)
        saysEveryLogin = saysEveryLogin || label->text() == QLatin1String("Every login asks for a code.");
    QVERIFY(saysEveryLogin);
}

void TestMfaPolicy::backToNever()
{
    configure(true, true);
    if (QTest::currentTestFailed())
        return;
    const auto stored = mfa().setPolicy(MfaPolicy::Always);
    QVERIFY2(stored, errorBytes(stored));
    QVERIFY(m_window->showPage(Page::Id::MultiFactor));
    auto *never = child<QRadioButton>(QStringLiteral("policyNever"));
    auto *always = child<QRadioButton>(QStringLiteral("policyAlways"));
    auto *save = child<QPushButton>(QStringLiteral("savePolicyButton"));
    auto *bar = child<MessageBar>(QStringLiteral("messageBar"));
    QVERIFY(never && always && save && bar);
    QVERIFY(always->isChecked());

    // Never needs no confirmation.
    ModalAnswer none(
        QStringLiteral("alwaysConfirmation"), [](QWidget *, QStringList &) {}, 300);
    UiTest::clickToggle(never);
    QTRY_VERIFY(none.isDone());
    QVERIFY(!none.answered());
    QVERIFY(never->isChecked());
    QVERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(mfa().policy(), MfaPolicy::Never);
    QCOMPARE(MfaPolicies::toApi(mfa().policy()), QJsonArray());
    QCOMPARE(bar->level(), MessageBar::Level::Success);
    QCOMPARE(bar->text(), QStringLiteral("The policy was saved."));
    QCOMPARE(stepState(QStringLiteral("step5")), QStringLiteral("To do"));
}

void TestMfaPolicy::unsavedPolicy_data()
{
    QTest::addColumn<QMessageBox::StandardButton>("answer");
    QTest::addColumn<bool>("leaves");
    QTest::addColumn<bool>("savedAlways");

    QTest::newRow("Cancel: stays") << QMessageBox::Cancel << false << false;
    QTest::newRow("Discard: leaves, Never") << QMessageBox::Discard << true << false;
    QTest::newRow("Save: leaves, Always") << QMessageBox::Save << true << true;
}

void TestMfaPolicy::unsavedPolicy()
{
    QFETCH(QMessageBox::StandardButton, answer);
    QFETCH(bool, leaves);
    QFETCH(bool, savedAlways);
    QVERIFY(m_window->showPage(Page::Id::MultiFactor));
    confirmAlways();
    if (QTest::currentTestFailed())
        return;
    ModalAnswer prompt(QStringLiteral("unsavedChangesBox"), [&](QWidget *modal, QStringList &failures) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        UI_CHECK(failures, box && box->button(answer));
        QTest::mouseClick(box->button(answer), Qt::LeftButton);
    });
    QCOMPARE(m_window->showPage(Page::Id::GettingStarted), leaves);
    UI_VERIFY_ANSWERED(prompt);
    QCOMPARE(m_window->currentPageId(), leaves ? Page::Id::GettingStarted : Page::Id::MultiFactor);
    QCOMPARE(mfa().policy(), savedAlways ? MfaPolicy::Always : MfaPolicy::Never);
    const bool alwaysShown = answer != QMessageBox::Discard;
    QCOMPARE(child<QRadioButton>(QStringLiteral("policyAlways"))->isChecked(), alwaysShown);
    QCOMPARE(child<QRadioButton>(QStringLiteral("policyNever"))->isChecked(), !alwaysShown);
}

QTEST_MAIN(TestMfaPolicy)
#include "TestMfaPolicy.moc"
