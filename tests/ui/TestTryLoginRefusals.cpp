// The Try your login window when the login is refused: a user blocked on the Users page, and a Login flow
// action that calls api.access.deny. The window shows the failure screen with Auth0's text (never It Works!),
// the timeline says why, the log has Auth0's event, and Back to login starts over.

#include "core/actions/CustomActionService.h"
#include "core/applications/ApplicationService.h"
#include "core/flows/FlowService.h"
#include "core/login/LoginEngine.h"
#include "core/login/UserStore.h"
#include "core/logs/LogStore.h"
#include "core/mfa/MfaService.h"
#include "core/tenant/Tenant.h"
#include "tests/support/CustomActionJobResult.h"
#include "tests/support/LoginFlowAction.h"
#include "tests/support/TempTenant.h"
#include "ui/trylogin/TimelineDelegate.h"
#include "ui/trylogin/TryLoginWindow.h"

#include <QAccessible>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTest>

#include <memory>

namespace {

const QString kEmail = QStringLiteral("ada@example.com");
const QString kPassword = QStringLiteral("correct horse battery");

} // namespace

class TestTryLoginRefusals final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();
    void refusedLoginShowsTheFailureScreen_data();
    void refusedLoginShowsTheFailureScreen();
    void backToLoginAfterTheUserIsUnblocked();

private:
    Tenant &tenant() { return m_tenant->tenant(); }
    QWidget *visibleScreen() const { return m_window->findChild<QStackedWidget *>()->currentWidget(); }
    QString currentScreen() const;
    template<typename T>
    T *onScreen(const char *name) const
    {
        return visibleScreen()->findChild<T *>(QLatin1String(name));
    }
    void logIn();
    int logged(const QString &type, const QString &description);

    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<TryLoginWindow> m_window;
    QString m_userId;
};

void TestTryLoginRefusals::init()
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    tenant().users().setPasswordHasher(PasswordHasher::minimal());
    auto user = tenant().users().create(kEmail, kPassword);
    QVERIFY(user);
    m_userId = user.value().id;
    // A login that goes through asks for an enrollment.
    PhoneFactorSettings phone = tenant().mfa().phoneFactor();
    phone.enabled = true;
    QVERIFY(tenant().mfa().savePhoneFactor(phone));
    QVERIFY(tenant().mfa().setPolicy(MfaPolicy::Always));
    auto app = tenant().applications().create(
        {QStringLiteral("My React App"), ApplicationType::SinglePage, {}, {}});
    QVERIFY(app);
    m_window
        = std::make_unique<TryLoginWindow>(tenant(), LoginContext {app.value().clientId, app.value().name});
    m_window->show();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

void TestTryLoginRefusals::cleanup()
{
    m_window.reset();
    m_tenant.reset();
}

QString TestTryLoginRefusals::currentScreen() const
{
    const auto *card = visibleScreen()->findChild<QFrame *>();
    return card ? card->objectName() : QString();
}

void TestTryLoginRefusals::logIn()
{
    QTest::keyClicks(onScreen<QLineEdit>("emailEdit"), kEmail);
    QTest::keyClicks(onScreen<QLineEdit>("passwordEdit"), kPassword);
    QTest::mouseClick(onScreen<QPushButton>("continueButton"), Qt::LeftButton);
}

int TestTryLoginRefusals::logged(const QString &type, const QString &description)
{
    LogFilter filter;
    filter.type = type;
    int count = 0;
    const QList<LogEvent> events = tenant().logs().query(filter).value();
    for (const LogEvent &event : events)
        count += event.description == description && event.userId == m_userId ? 1 : 0;
    return count;
}

void TestTryLoginRefusals::refusedLoginShowsTheFailureScreen_data()
{
    QTest::addColumn<bool>("blocked");
    QTest::addColumn<QString>("loginAction");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("logType");

    QTest::newRow("blocked user") << true << QString() << "user is blocked"
                                  << "fu";
    QTest::newRow("denied by the Login flow")
        << false << "api.access.deny('Logins are closed for maintenance.');"
        << "Logins are closed for maintenance."
        << "f";
}

void TestTryLoginRefusals::refusedLoginShowsTheFailureScreen()
{
    QFETCH(bool, blocked);
    QFETCH(QString, loginAction);
    QFETCH(QString, reason);
    QFETCH(QString, logType);
    if (blocked)
        QVERIFY(tenant().users().block(m_userId));
    if (!loginAction.isEmpty())
        QVERIFY(bindLoginAction(tenant(), loginAction));

    logIn();
    QTRY_VERIFY_WITH_TIMEOUT(currentScreen() != QLatin1String("loginScreen"), 30000);
    QCOMPARE(currentScreen(), QStringLiteral("failedScreen"));
    QCOMPARE(onScreen<QLabel>("screenTitle")->text(), QStringLiteral("Access denied"));
    auto *shown = onScreen<QLabel>("failureReason");
    QVERIFY(shown && shown->isVisible());
    QCOMPARE(shown->text(), reason);
    // Nothing of a success is on screen.
    for (const QLabel *label : m_window->findChildren<QLabel *>()) {
        if (label->isVisible())
            QVERIFY2(!label->text().contains(QStringLiteral("It Works")), qPrintable(label->text()));
    }

    // The timeline ends with the reason; the log has Auth0's event with it.
    auto *timeline = m_window->findChild<QListWidget *>(QStringLiteral("timeline"));
    const QListWidgetItem *last = timeline->item(timeline->count() - 1);
    QCOMPARE(last->data(TimelineDelegate::StepRole).toString(), QStringLiteral("failed"));
    QVERIFY2(last->data(TimelineDelegate::TextRole).toString().contains(reason), qPrintable(last->text()));
    QCOMPARE(logged(logType, reason), 1);
    QCOMPARE(logged(QStringLiteral("s"), {}), 0);

    // Back to login, by keyboard: it has the focus.
    auto *back = onScreen<QPushButton>("backToLoginButton");
    QTRY_COMPARE(QApplication::focusWidget(), back);
    QTest::keyClick(back, Qt::Key_Space);
    QTRY_COMPARE(currentScreen(), QStringLiteral("loginScreen"));
    QCOMPARE(timeline->count(), 1);
    QVERIFY(onScreen<QLineEdit>("passwordEdit")->text().isEmpty());
}

void TestTryLoginRefusals::backToLoginAfterTheUserIsUnblocked()
{
    QVERIFY(tenant().users().block(m_userId));
    logIn();
    QTRY_COMPARE(currentScreen(), QStringLiteral("failedScreen"));
    QVERIFY(tenant().users().unblock(m_userId));
    QTest::mouseClick(onScreen<QPushButton>("backToLoginButton"), Qt::LeftButton);
    QTRY_COMPARE(currentScreen(), QStringLiteral("loginScreen"));
    QTest::keyClicks(onScreen<QLineEdit>("passwordEdit"), kPassword);
    QTest::mouseClick(onScreen<QPushButton>("continueButton"), Qt::LeftButton);
    QTRY_COMPARE(currentScreen(), QStringLiteral("enrollScreen"));
}

QTEST_MAIN(TestTryLoginRefusals)
#include "TestTryLoginRefusals.moc"
