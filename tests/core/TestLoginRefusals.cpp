// Logins that are refused after the email is known: a user blocked on the Users page, and a Login flow
// action that calls api.access.deny. Each ends the transaction in Failed with Auth0's text, says why in the
// timeline and is logged as Auth0 logs it, and nothing of a success happens.

#include "core/actions/CustomActionService.h"
#include "core/flows/FlowService.h"
#include "core/login/LoginEngine.h"
#include "core/login/LoginTransaction.h"
#include "core/login/UserStore.h"
#include "core/logs/LogStore.h"
#include "core/mfa/MfaService.h"
#include "core/tenant/Tenant.h"
#include "tests/support/CustomActionJobResult.h"
#include "tests/support/LoginFlowAction.h"
#include "tests/support/StoreEngine.h"
#include "tests/support/TempTenant.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace {

const QString kEmail = QStringLiteral("ada@example.com");
const QString kPassword = QStringLiteral("lovelace-1815");

} // namespace

class TestLoginRefusals final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void refusedLoginEnds_data();
    void refusedLoginEnds();
    void unblockedUserLogsInAgain();

private:
    Tenant &tenant() { return m_temp->tenant(); }
    /// Logs kEmail in and waits until the transaction has left the Login screen.
    std::unique_ptr<LoginTransaction> logIn();
    int logged(const QString &type);

    std::unique_ptr<TempTenant> m_temp;
};

void TestLoginRefusals::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestLoginRefusals::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_temp = std::make_unique<TempTenant>();
    QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
    tenant().users().setPasswordHasher(PasswordHasher::minimal());
    // A login that goes through asks for an enrollment: a refusal must not get that far.
    PhoneFactorSettings phone = tenant().mfa().phoneFactor();
    phone.enabled = true;
    QVERIFY(tenant().mfa().savePhoneFactor(phone));
    QVERIFY(tenant().mfa().setPolicy(MfaPolicy::Always));
}

void TestLoginRefusals::cleanup()
{
    m_temp.reset();
}

std::unique_ptr<LoginTransaction> TestLoginRefusals::logIn()
{
    std::unique_ptr<LoginTransaction> t(
        new LoginTransaction(tenant().login(), {QStringLiteral("client123"), QStringLiteral("My SPA")}));
    t->logIn(kEmail, kPassword);
    if (!QTest::qWaitFor([&t] { return !t->isBusy() && t->state() != LoginTransaction::State::Login; },
                         30000))
        qWarning("the login did not settle: %s", qPrintable(t->error()));
    return t;
}

int TestLoginRefusals::logged(const QString &type)
{
    LogFilter filter;
    filter.type = type;
    return int(tenant().logs().query(filter).value().size());
}

void TestLoginRefusals::refusedLoginEnds_data()
{
    QTest::addColumn<bool>("blocked");
    QTest::addColumn<QString>("loginAction");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("logType");

    QTest::newRow("blocked user") << true << QString() << "user is blocked"
                                  << "fu";
    QTest::newRow("denied by the Login flow")
        << false << "api.access.deny('Logins are closed for maintenance.');"
        << "Logins are closed for maintenance."
        << "f";
}

void TestLoginRefusals::refusedLoginEnds()
{
    QFETCH(bool, blocked);
    QFETCH(QString, loginAction);
    QFETCH(QString, error);
    QFETCH(QString, logType);
    auto user = tenant().users().create(kEmail, kPassword);
    QVERIFY(user);
    if (blocked)
        QVERIFY(tenant().users().block(user.value().id));
    if (!loginAction.isEmpty())
        QVERIFY(bindLoginAction(tenant(), loginAction));

    auto t = logIn();
    QCOMPARE(t->state(), LoginTransaction::State::Failed);
    QCOMPARE(t->error(), error);
    QVERIFY(t->profile().isEmpty());
    const TimelineEntry last = t->timeline().constLast();
    QCOMPARE(last.step, QStringLiteral("failed"));
    QVERIFY2(last.text.contains(error), qPrintable(last.text));

    LogFilter filter;
    filter.type = logType;
    const QList<LogEvent> refusals = tenant().logs().query(filter).value();
    QCOMPARE(refusals.size(), 1);
    QCOMPARE(refusals.constFirst().description, error);
    QCOMPARE(refusals.constFirst().userId, user.value().id);
    QCOMPARE(refusals.constFirst().userName, kEmail);
    QCOMPARE(refusals.constFirst().clientName, QStringLiteral("My SPA"));
    const QString otherFailure = logType == QLatin1String("f") ? QStringLiteral("fu") : QStringLiteral("f");
    for (const QString &other : {QStringLiteral("s"), QStringLiteral("fp"), otherFailure})
        QVERIFY2(logged(other) == 0, qPrintable(other));
    QCOMPARE(logged(QStringLiteral("gd_start_enroll")), 0);
    QCOMPARE(tenant().users().find(user.value().id).value().loginsCount, 0);

    // A refused transaction stays refused: another try needs a new one.
    t->logIn(kEmail, kPassword);
    QVERIFY(!t->isBusy());
    QCOMPARE(t->state(), LoginTransaction::State::Failed);
    QCOMPARE(logged(logType), 1);
}

void TestLoginRefusals::unblockedUserLogsInAgain()
{
    auto user = tenant().users().create(kEmail, kPassword);
    QVERIFY(user);
    QVERIFY(tenant().users().block(user.value().id));
    QCOMPARE(logIn()->state(), LoginTransaction::State::Failed);
    QVERIFY(tenant().users().unblock(user.value().id));
    QCOMPARE(logIn()->state(), LoginTransaction::State::Enroll);
    QCOMPARE(logged(QStringLiteral("fu")), 1);
}

QTEST_GUILESS_MAIN(TestLoginRefusals)
#include "TestLoginRefusals.moc"
