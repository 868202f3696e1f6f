// The Try your login window by clicks, against the local Plivo sandbox: sign up, enroll a phone, a
// wrong code then the right one read from the Test phone, It Works!; a second login that only asks for
// the code; Resend after its cooldown; and Reset MFA on the Users page, after which a login enrolls again.

#include "core/actions/IntegrationService.h"
#include "core/applications/ApplicationService.h"
#include "core/common/Clock.h"
#include "core/delivery/SmsGateway.h"
#include "core/flows/FlowService.h"
#include "core/login/LoginEngine.h"
#include "core/login/UserStore.h"
#include "core/mfa/MfaService.h"
#include "core/plivo/DeliveryTracker.h"
#include "core/plivo/PlivoSandbox.h"
#include "tests/support/SandboxActions.h"
#include "tests/support/TempTenant.h"
#include "tests/ui/UiTestHelpers.h"
#include "ui/testphone/TestPhoneModel.h"
#include "ui/trylogin/TryLoginWindow.h"
#include "ui/users/UserListModel.h"
#include "ui/users/UsersPage.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTest>

#include <memory>

class TestTryLogin final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();
    void signUpEnrollAndVerify();
    void secondLoginAsksOnlyForTheCode();
    void resendAfterTheCooldown();
    void resetMfaOnUsersPageEnrollsAgain();
    void customActionSendsTheCode();

private:
    QString currentScreen() const;
    QString lastCode() const;
    QWidget *visibleScreen() const;
    template<typename T>
    T *onScreen(const char *name) const
    {
        return visibleScreen()->findChild<T *>(QLatin1String(name));
    }
    void signUp(const QString &email);
    /// Signs @p email up through the window and enrolls a US number, up to It Works!
    void signUpAndEnroll(const QString &email);

    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<TryLoginWindow> m_window;
    FakeClock m_clock {QDateTime::currentDateTimeUtc()};
};

void TestTryLogin::init()
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    Tenant &tenant = m_tenant->tenant();
    tenant.setClock(m_clock);
    QVERIFY(tenant.sms().startSandbox());
    tenant.sms().sandbox().setStateDelays(20, 60);
    tenant.sms().tracker(true).setPollIntervalMs(30);

    IntegrationJob *job = tenant.integrations().install(
        QStringLiteral("plivo"), {{QStringLiteral("PLIVO_NUMBER"), PlivoSandbox::senderNumber()}}, {}, true);
    QSignalSpy installed(job, &IntegrationJob::finished);
    QVERIFY(installed.wait());
    auto plivo = tenant.integrations().findByCatalogId(QStringLiteral("plivo"));
    QVERIFY(plivo && plivo.value());
    Binding binding;
    binding.actionId = plivo.value()->id;
    binding.displayName = plivo.value()->name;
    QVERIFY(tenant.flows().apply(QStringLiteral("send-phone-message"), {binding}));
    PhoneFactorSettings phone = tenant.mfa().phoneFactor();
    phone.enabled = true;
    QVERIFY(tenant.mfa().savePhoneFactor(phone));
    QVERIFY(tenant.mfa().setPolicy(MfaPolicy::Always));
    auto app
        = tenant.applications().create({QStringLiteral("My React App"), ApplicationType::SinglePage, {}, {}});
    QVERIFY(app);

    m_window
        = std::make_unique<TryLoginWindow>(tenant, LoginContext {app.value().clientId, app.value().name});
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestTryLogin::cleanup()
{
    m_window.reset();
    m_tenant.reset();
}

QWidget *TestTryLogin::visibleScreen() const
{
    return m_window->findChild<QStackedWidget *>()->currentWidget();
}

QString TestTryLogin::currentScreen() const
{
    const auto *card = visibleScreen()->findChild<QFrame *>();
    return card ? card->objectName() : QString();
}

QString TestTryLogin::lastCode() const
{
    const auto messages = m_tenant->tenant().sms().sandbox().messages();
    return messages.isEmpty() ? QString() : TestPhoneModel::codeIn(messages.constFirst().text);
}

void TestTryLogin::signUp(const QString &email)
{
    QTest::mouseClick(onScreen<QPushButton>("showSignUpLink"), Qt::LeftButton);
    QTRY_COMPARE(currentScreen(), QStringLiteral("signUpScreen"));
    QTest::keyClicks(onScreen<QLineEdit>("emailEdit"), email);
    QTest::keyClicks(onScreen<QLineEdit>("passwordEdit"), QStringLiteral("correct horse battery"));
    QTest::mouseClick(onScreen<QPushButton>("continueButton"), Qt::LeftButton);
}

void TestTryLogin::signUpEnrollAndVerify()
{
    QCOMPARE(currentScreen(), QStringLiteral("loginScreen"));
    signUp(QStringLiteral("ada@example.com"));
    QTRY_COMPARE(currentScreen(), QStringLiteral("enrollScreen"));

    auto *country = onScreen<QComboBox>("countryCombo");
    const int us = country->findData(QStringLiteral("US"));
    QVERIFY(us >= 0);
    QVERIFY(country->itemText(us).contains(QStringLiteral("+1")));
    country->setCurrentIndex(us);
    // A number that is not one: the enrollment error, inline, and still on this screen.
    QTest::keyClicks(onScreen<QLineEdit>("phoneEdit"), QStringLiteral("12"));
    QTest::mouseClick(onScreen<QPushButton>("enrollButton"), Qt::LeftButton);
    QTRY_VERIFY(onScreen<QLabel>("screenError")->isVisible());
    QCOMPARE(currentScreen(), QStringLiteral("enrollScreen"));
    QVERIFY(m_tenant->tenant().sms().sandbox().messages().isEmpty());

    onScreen<QLineEdit>("phoneEdit")->clear();
    QTest::keyClicks(onScreen<QLineEdit>("phoneEdit"), QStringLiteral("(201) 555-0123"));
    QTest::mouseClick(onScreen<QPushButton>("enrollButton"), Qt::LeftButton);
    QTRY_COMPARE(currentScreen(), QStringLiteral("challengeScreen"));
    QTRY_VERIFY(!lastCode().isEmpty());
    QCOMPARE(m_tenant->tenant().sms().sandbox().messages().constFirst().to, QStringLiteral("+12015550123"));
    const QString masked = onScreen<QLabel>("maskedPhone")->text();
    QVERIFY2(masked.endsWith(QStringLiteral("0123")) && !masked.contains(QStringLiteral("555")),
             qPrintable(masked));
    QVERIFY(!onScreen<QPushButton>("resendButton")->isEnabled()); // cooldown

    // A wrong code first, then the right one.
    const QString code = lastCode();
    const QString wrong
        = code == QStringLiteral("000000") ? QStringLiteral("111111") : QStringLiteral("000000");
    QTest::keyClicks(onScreen<QLineEdit>("codeEdit"), wrong);
    QTest::mouseClick(onScreen<QPushButton>("verifyButton"), Qt::LeftButton);
    QTRY_COMPARE(onScreen<QLabel>("screenError")->text(), QStringLiteral("The code you entered is invalid"));
    onScreen<QLineEdit>("codeEdit")->clear();
    QTest::keyClicks(onScreen<QLineEdit>("codeEdit"), code);
    QTest::mouseClick(onScreen<QPushButton>("verifyButton"), Qt::LeftButton);
    QTRY_COMPARE(currentScreen(), QStringLiteral("doneScreen"));
    const QString profile = onScreen<QPlainTextEdit>("profileJson")->toPlainText();
    QVERIFY2(profile.contains(QStringLiteral("ada@example.com")), qPrintable(profile));
    QVERIFY(m_window->findChild<QListWidget *>(QStringLiteral("timeline"))->count() >= 4);
}

void TestTryLogin::secondLoginAsksOnlyForTheCode()
{
    signUp(QStringLiteral("grace@example.com"));
    QTRY_COMPARE(currentScreen(), QStringLiteral("enrollScreen"));
    auto *country = onScreen<QComboBox>("countryCombo");
    country->setCurrentIndex(country->findData(QStringLiteral("US")));
    QTest::keyClicks(onScreen<QLineEdit>("phoneEdit"), QStringLiteral("2015550199"));
    QTest::mouseClick(onScreen<QPushButton>("enrollButton"), Qt::LeftButton);
    QTRY_VERIFY(!lastCode().isEmpty());
    QTest::keyClicks(onScreen<QLineEdit>("codeEdit"), lastCode());
    QTest::mouseClick(onScreen<QPushButton>("verifyButton"), Qt::LeftButton);
    QTRY_COMPARE(currentScreen(), QStringLiteral("doneScreen"));

    QTest::mouseClick(onScreen<QPushButton>("tryAgainButton"), Qt::LeftButton);
    QTRY_COMPARE(currentScreen(), QStringLiteral("loginScreen"));
    const int sent = int(m_tenant->tenant().sms().sandbox().messages().size());
    QTest::keyClicks(onScreen<QLineEdit>("emailEdit"), QStringLiteral("grace@example.com"));
    QTest::keyClicks(onScreen<QLineEdit>("passwordEdit"), QStringLiteral("correct horse battery"));
    QTest::mouseClick(onScreen<QPushButton>("continueButton"), Qt::LeftButton);
    QTRY_COMPARE(currentScreen(), QStringLiteral("challengeScreen"));
    QTRY_COMPARE(int(m_tenant->tenant().sms().sandbox().messages().size()), sent + 1);
    QTest::keyClicks(onScreen<QLineEdit>("codeEdit"), lastCode());
    QTest::mouseClick(onScreen<QPushButton>("verifyButton"), Qt::LeftButton);
    QTRY_COMPARE(currentScreen(), QStringLiteral("doneScreen"));
}

void TestTryLogin::signUpAndEnroll(const QString &email)
{
    signUp(email);
    QTRY_COMPARE(currentScreen(), QStringLiteral("enrollScreen"));
    auto *country = onScreen<QComboBox>("countryCombo");
    country->setCurrentIndex(country->findData(QStringLiteral("US")));
    QTest::keyClicks(onScreen<QLineEdit>("phoneEdit"), QStringLiteral("2015550142"));
    QTest::mouseClick(onScreen<QPushButton>("enrollButton"), Qt::LeftButton);
    QTRY_COMPARE(currentScreen(), QStringLiteral("challengeScreen"));
    QTRY_VERIFY(!lastCode().isEmpty());
    QTest::keyClicks(onScreen<QLineEdit>("codeEdit"), lastCode());
    QTest::mouseClick(onScreen<QPushButton>("verifyButton"), Qt::LeftButton);
    QTRY_COMPARE(currentScreen(), QStringLiteral("doneScreen"));
}

void TestTryLogin::resendAfterTheCooldown()
{
    signUp(QStringLiteral("ada@example.com"));
    QTRY_COMPARE(currentScreen(), QStringLiteral("enrollScreen"));
    QTest::keyClicks(onScreen<QLineEdit>("phoneEdit"), QStringLiteral("+1 201 555 0123"));
    QTest::mouseClick(onScreen<QPushButton>("enrollButton"), Qt::LeftButton);
    QTRY_COMPARE(currentScreen(), QStringLiteral("challengeScreen"));
    QTRY_VERIFY(!lastCode().isEmpty());
    const QString first = lastCode();
    auto *resend = onScreen<QPushButton>("resendButton");
    QVERIFY(!resend->isEnabled());
    QVERIFY2(resend->text().contains(QStringLiteral("30")) || resend->text().contains(QStringLiteral("29")),
             qPrintable(resend->text()));

    // The countdown follows the engine's clock; past 30 s, Resend sends a new code.
    m_clock.advanceSecs(31);
    QTRY_VERIFY(resend->isEnabled());
    QCOMPARE(resend->text(), QStringLiteral("Resend"));
    const int sent = int(m_tenant->tenant().sms().sandbox().messages().size());
    QTest::mouseClick(resend, Qt::LeftButton);
    QTRY_COMPARE(int(m_tenant->tenant().sms().sandbox().messages().size()), sent + 1);
    QTRY_VERIFY(!resend->isEnabled()); // a new cooldown
    const QString second = lastCode();
    QVERIFY(!second.isEmpty());
    const auto *timeline = m_window->findChild<QListWidget *>(QStringLiteral("timeline"));
    QVERIFY(!timeline->findItems(QStringLiteral("Resend requested"), Qt::MatchContains).isEmpty());

    // The first code no longer works (unless the new one happens to be the same); the new one does.
    if (first != second) {
        QTest::keyClicks(onScreen<QLineEdit>("codeEdit"), first);
        QTest::mouseClick(onScreen<QPushButton>("verifyButton"), Qt::LeftButton);
        QTRY_VERIFY(onScreen<QLabel>("screenError")->isVisible());
        QCOMPARE(currentScreen(), QStringLiteral("challengeScreen"));
        onScreen<QLineEdit>("codeEdit")->clear();
    }
    QTest::keyClicks(onScreen<QLineEdit>("codeEdit"), second);
    QTest::mouseClick(onScreen<QPushButton>("verifyButton"), Qt::LeftButton);
    QTRY_COMPARE(currentScreen(), QStringLiteral("doneScreen"));
}

void TestTryLogin::resetMfaOnUsersPageEnrollsAgain()
{
    const QString email = QStringLiteral("grace@example.com");
    signUpAndEnroll(email);
    const QString id = m_tenant->tenant().users().findByEmail(email).value()->id;

    UsersPage users(m_tenant->tenant());
    users.resize(1000, 640);
    users.show();
    QVERIFY(QTest::qWaitForWindowExposed(&users));
    users.open({});
    QVERIFY(users.selectUser(id));
    auto *reset = users.findChild<QPushButton *>(QStringLiteral("resetMfaButton"));
    QVERIFY(reset && reset->isEnabled());
    ModalAnswer answer(QStringLiteral("resetMfaConfirmation"), [](QWidget *modal, QStringList &failures) {
        auto *confirm = modal->findChild<QPushButton *>(QStringLiteral("confirmResetMfa"));
        UI_CHECK(failures, confirm);
        QTest::mouseClick(confirm, Qt::LeftButton);
    });
    QTest::mouseClick(reset, Qt::LeftButton);
    UI_VERIFY_ANSWERED(answer);
    QVERIFY(!m_tenant->tenant().users().find(id).value().isEnrolled());

    // The next login asks for a phone again, and enrolls the new one.
    m_clock.advanceSecs(60);
    QTest::mouseClick(onScreen<QPushButton>("tryAgainButton"), Qt::LeftButton);
    QTRY_COMPARE(currentScreen(), QStringLiteral("loginScreen"));
    QTest::keyClicks(onScreen<QLineEdit>("emailEdit"), email);
    QTest::keyClicks(onScreen<QLineEdit>("passwordEdit"), QStringLiteral("correct horse battery"));
    QTest::mouseClick(onScreen<QPushButton>("continueButton"), Qt::LeftButton);
    QTRY_COMPARE(currentScreen(), QStringLiteral("enrollScreen"));
    QTest::keyClicks(onScreen<QLineEdit>("phoneEdit"), QStringLiteral("+44 7700 900123"));
    QTest::mouseClick(onScreen<QPushButton>("enrollButton"), Qt::LeftButton);
    QTRY_COMPARE(currentScreen(), QStringLiteral("challengeScreen"));
    QTRY_COMPARE(m_tenant->tenant().sms().sandbox().messages().constFirst().to,
                 QStringLiteral("+447700900123"));
    QTest::keyClicks(onScreen<QLineEdit>("codeEdit"), lastCode());
    QTest::mouseClick(onScreen<QPushButton>("verifyButton"), Qt::LeftButton);
    QTRY_COMPARE(currentScreen(), QStringLiteral("doneScreen"));
    QCOMPARE(m_tenant->tenant().users().find(id).value().phoneNumber, QStringLiteral("+447700900123"));
    // The Users page shows the new enrollment, masked.
    const int row = users.model()->rowOf(id);
    QTRY_VERIFY(users.model()
                    ->index(row, UserListModel::MfaColumn)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("+44******0123")));
}

void TestTryLogin::customActionSendsTheCode()
{
    // The Send Phone Message flow holds only a custom action that calls Plivo (the sandbox) with fetch.
    QVERIFY(!deployPhoneAction(m_tenant->tenant(), QStringLiteral("Send with fetch"), sendWithFetchCode())
                 .isEmpty());
    signUp(QStringLiteral("lin@example.com"));
    QTRY_COMPARE(currentScreen(), QStringLiteral("enrollScreen"));
    QTest::keyClicks(onScreen<QLineEdit>("phoneEdit"), QStringLiteral("+1 201 555 0177"));
    QTest::mouseClick(onScreen<QPushButton>("enrollButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(currentScreen(), QStringLiteral("challengeScreen"), 20000);
    QTRY_VERIFY(!lastCode().isEmpty());
    QCOMPARE(m_tenant->tenant().sms().sandbox().messages().constFirst().to, QStringLiteral("+12015550177"));
    const auto *timeline = m_window->findChild<QListWidget *>(QStringLiteral("timeline"));
    QVERIFY(!timeline->findItems(QStringLiteral("Send with fetch succeeded"), Qt::MatchContains).isEmpty());
    QVERIFY(!timeline->findItems(QStringLiteral("Send with fetch console: log: queued"), Qt::MatchContains)
                 .isEmpty());
    QTest::keyClicks(onScreen<QLineEdit>("codeEdit"), lastCode());
    QTest::mouseClick(onScreen<QPushButton>("verifyButton"), Qt::LeftButton);
    QTRY_COMPARE(currentScreen(), QStringLiteral("doneScreen"));
}

QTEST_MAIN(TestTryLogin)
#include "TestTryLogin.moc"
