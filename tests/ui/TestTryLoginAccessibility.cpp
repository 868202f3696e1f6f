// The Try your login window as a screen reader and a keyboard user meet it: named fields, a labelled country
// picker that starts on the locale's country (the United States when the locale has none), a Resend button
// whose name stays put while its countdown runs, and timeline entries that read as one sentence.

#include "core/actions/IntegrationService.h"
#include "core/applications/ApplicationService.h"
#include "core/common/Clock.h"
#include "core/delivery/SmsGateway.h"
#include "core/flows/FlowService.h"
#include "core/login/LoginEngine.h"
#include "core/login/UserStore.h"
#include "core/mfa/MfaService.h"
#include "core/plivo/PlivoSandbox.h"
#include "tests/support/TempTenant.h"
#include "ui/trylogin/TimelineDelegate.h"
#include "ui/trylogin/TryLoginWindow.h"

#include <QAccessible>
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

class TestTryLoginAccessibility final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();
    void profileIsNamed();
    void countryPickerIsLabelled();
    void countryStartsOnTheLocale_data();
    void countryStartsOnTheLocale();
    void resendKeepsItsName();
    void timelineEntriesReadAsSentences();

private:
    QWidget *visibleScreen() const { return m_window->findChild<QStackedWidget *>()->currentWidget(); }
    QString currentScreen() const;
    template<typename T>
    T *onScreen(const char *name) const
    {
        return visibleScreen()->findChild<T *>(QLatin1String(name));
    }
    static QString accessible(QWidget *widget, QAccessible::Text text);
    /// Signs a user up through the window, up to the enrollment screen.
    void signUp();
    /// Enrolls a US number, up to the challenge screen with its code sent.
    void enroll();

    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<TryLoginWindow> m_window;
    FakeClock m_clock {QDateTime::currentDateTimeUtc()};
    LoginContext m_context;
};

void TestTryLoginAccessibility::init()
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    Tenant &tenant = m_tenant->tenant();
    tenant.setClock(m_clock);
    tenant.users().setPasswordHasher(PasswordHasher::minimal());
    QVERIFY(tenant.sms().startSandbox());
    tenant.sms().sandbox().setStateDelays(20, 60);
    IntegrationJob *job = tenant.integrations().install(
        QStringLiteral("plivo"), {{QStringLiteral("PLIVO_NUMBER"), PlivoSandbox::senderNumber()}}, {}, true);
    QSignalSpy installed(job, &IntegrationJob::finished);
    QVERIFY(installed.wait());
    auto plivo = tenant.integrations().findByCatalogId(QStringLiteral("plivo"));
    QVERIFY(plivo && plivo.value());
    QVERIFY(tenant.flows().apply(QStringLiteral("send-phone-message"),
                                 {{Binding::Kind::Integration, plivo.value()->id, plivo.value()->name, 0}}));
    PhoneFactorSettings phone = tenant.mfa().phoneFactor();
    phone.enabled = true;
    QVERIFY(tenant.mfa().savePhoneFactor(phone));
    QVERIFY(tenant.mfa().setPolicy(MfaPolicy::Always));
    auto app
        = tenant.applications().create({QStringLiteral("My React App"), ApplicationType::SinglePage, {}, {}});
    QVERIFY(app);
    m_context = {app.value().clientId, app.value().name};
    m_window = std::make_unique<TryLoginWindow>(tenant, m_context);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestTryLoginAccessibility::cleanup()
{
    m_window.reset();
    m_tenant.reset();
}

QString TestTryLoginAccessibility::currentScreen() const
{
    const auto *card = visibleScreen()->findChild<QFrame *>();
    return card ? card->objectName() : QString();
}

QString TestTryLoginAccessibility::accessible(QWidget *widget, QAccessible::Text text)
{
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(widget);
    return iface ? iface->text(text) : QStringLiteral("<no interface>");
}

void TestTryLoginAccessibility::signUp()
{
    QTest::mouseClick(onScreen<QPushButton>("showSignUpLink"), Qt::LeftButton);
    QTRY_COMPARE(currentScreen(), QStringLiteral("signUpScreen"));
    QTest::keyClicks(onScreen<QLineEdit>("emailEdit"), QStringLiteral("ada@example.com"));
    QTest::keyClicks(onScreen<QLineEdit>("passwordEdit"), QStringLiteral("correct horse battery"));
    QTest::mouseClick(onScreen<QPushButton>("continueButton"), Qt::LeftButton);
    QTRY_COMPARE(currentScreen(), QStringLiteral("enrollScreen"));
}

void TestTryLoginAccessibility::enroll()
{
    auto *country = onScreen<QComboBox>("countryCombo");
    country->setCurrentIndex(country->findData(QStringLiteral("US")));
    QTest::keyClicks(onScreen<QLineEdit>("phoneEdit"), QStringLiteral("(201) 555-0123"));
    QTest::mouseClick(onScreen<QPushButton>("enrollButton"), Qt::LeftButton);
    QTRY_COMPARE(currentScreen(), QStringLiteral("challengeScreen"));
    QTRY_VERIFY(!m_tenant->tenant().sms().sandbox().messages().isEmpty());
}

void TestTryLoginAccessibility::profileIsNamed()
{
    auto *profile = m_window->findChild<QPlainTextEdit *>(QStringLiteral("profileJson"));
    QVERIFY(profile);
    QCOMPARE(accessible(profile, QAccessible::Name), QStringLiteral("User profile"));
}

void TestTryLoginAccessibility::countryPickerIsLabelled()
{
    signUp();
    auto *country = onScreen<QComboBox>("countryCombo");
    QVERIFY(country);
    // A visible label bound to the picker, which the accessibility tree relates to it: on Linux the
    // combo box's own name is its current value, and AT-SPI gives its label through this relation.
    auto *label = onScreen<QLabel>("countryLabel");
    QVERIFY(label && label->isVisible());
    QCOMPARE(label->buddy(), country);
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(country);
    QVERIFY(iface);
    QStringList labels;
    for (const auto &[other, relation] : iface->relations(QAccessible::Label))
        labels << other->text(QAccessible::Name);
    QCOMPARE(labels, QStringList {QStringLiteral("Country code")});
    // The phone field is labelled the same way, and named.
    QCOMPARE(accessible(onScreen<QLineEdit>("phoneEdit"), QAccessible::Name), QStringLiteral("Phone number"));
}

void TestTryLoginAccessibility::countryStartsOnTheLocale_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QString>("region");

    QTest::newRow("C locale: the United States") << QLocale::c() << "US";
    QTest::newRow("German (Germany)") << QLocale(QLocale::German, QLocale::Germany) << "DE";
    QTest::newRow("English (United Kingdom)") << QLocale(QLocale::English, QLocale::UnitedKingdom) << "GB";
}

void TestTryLoginAccessibility::countryStartsOnTheLocale()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, region);
    const QLocale before;
    QLocale::setDefault(locale);
    TryLoginWindow window(m_tenant->tenant(), m_context);
    QLocale::setDefault(before);
    auto *country = window.findChild<QComboBox *>(QStringLiteral("countryCombo"));
    QCOMPARE(country->currentData().toString(), region);
    QCOMPARE(country->currentIndex(), 0);
}

void TestTryLoginAccessibility::resendKeepsItsName()
{
    signUp();
    enroll();
    auto *resend = onScreen<QPushButton>("resendButton");
    QVERIFY(!resend->isEnabled());
    QVERIFY2(resend->text().startsWith(QStringLiteral("Resend in")), qPrintable(resend->text()));
    QCOMPARE(accessible(resend, QAccessible::Name), QStringLiteral("Resend"));
    const QString countdown = accessible(resend, QAccessible::Description);
    QVERIFY2(countdown.contains(QStringLiteral("30")) || countdown.contains(QStringLiteral("29")),
             qPrintable(countdown));

    m_clock.advanceSecs(10);
    QTRY_VERIFY(accessible(resend, QAccessible::Description) != countdown);
    QCOMPARE(accessible(resend, QAccessible::Name), QStringLiteral("Resend"));

    m_clock.advanceSecs(21);
    QTRY_VERIFY(resend->isEnabled());
    QCOMPARE(accessible(resend, QAccessible::Name), QStringLiteral("Resend"));
    QCOMPARE(accessible(resend, QAccessible::Description), QString());

    // "Didn't receive a code?" stays on one line beside Resend.
    auto *hint = onScreen<QLabel>("noCodeHint");
    QVERIFY(hint);
    QCOMPARE(hint->text(), QStringLiteral("Didn't receive a code?"));
    QVERIFY2(hint->height() < 2 * hint->fontMetrics().lineSpacing(),
             qPrintable(QString::number(hint->height())));
    QVERIFY(hint->width() >= hint->fontMetrics().horizontalAdvance(hint->text()));
}

void TestTryLoginAccessibility::timelineEntriesReadAsSentences()
{
    signUp();
    auto *timeline = m_window->findChild<QListWidget *>(QStringLiteral("timeline"));
    QTRY_VERIFY(timeline->count() >= 3);
    for (int row = 0; row < timeline->count(); ++row) {
        const QListWidgetItem *item = timeline->item(row);
        const QString time = item->data(TimelineDelegate::TimeRole).toString();
        const QString step = item->data(TimelineDelegate::StepRole).toString();
        const QString text = item->data(TimelineDelegate::TextRole).toString();
        QVERIFY2(!time.isEmpty() && !step.isEmpty() && !text.isEmpty(), qPrintable(item->text()));
        QCOMPARE(item->text(),
                 QStringLiteral("%1, %2: %3").arg(time, TimelineDelegate::stepLabel(step), text));
    }
    QCOMPARE(timeline->item(0)->data(TimelineDelegate::StepRole).toString(), QStringLiteral("login"));
    QVERIFY(timeline->item(0)->text().contains(QStringLiteral(", Login: Login page shown for My React App")));

    // A long entry wraps inside its column: its row grows when the window narrows.
    QListWidgetItem *longest = timeline->item(0);
    for (int row = 1; row < timeline->count(); ++row) {
        if (timeline->item(row)->text().size() > longest->text().size())
            longest = timeline->item(row);
    }
    const int wide = timeline->visualItemRect(longest).height();
    m_window->resize(760, m_window->height());
    QTRY_VERIFY(timeline->visualItemRect(longest).height() > wide);
    QVERIFY(timeline->visualItemRect(longest).width() <= timeline->viewport()->width());
}

QTEST_MAIN(TestTryLoginAccessibility)
#include "TestTryLoginAccessibility.moc"
