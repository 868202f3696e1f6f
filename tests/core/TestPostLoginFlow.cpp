// The Login flow (post-login) in a login: deployed custom actions run on Node.js after the password, and
// what they ask for is applied: a custom claim in the profile, a deny that ends the login, MFA asked for
// although the policy is Never, and a throw that fails the login and is logged.

#include "core/actions/CustomActionService.h"
#include "core/flows/FlowService.h"
#include "core/login/LoginEngine.h"
#include "core/login/LoginTransaction.h"
#include "core/login/UserStore.h"
#include "core/logs/LogStore.h"
#include "core/mfa/MfaService.h"
#include "core/tenant/Tenant.h"
#include "tests/support/CustomActionJobResult.h"
#include "tests/support/ResultText.h"
#include "tests/support/StoreEngine.h"
#include "tests/support/TempTenant.h"

#include <QTest>

#include <memory>

namespace {

const QString kEmail = QStringLiteral("ada@example.com");
const QString kPassword = QStringLiteral("correct horse battery");

} // namespace

class TestPostLoginFlow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void outcomeOfTheActions_data();
    void outcomeOfTheActions();
    void actionsRunInOrder();

private:
    Tenant &tenant() { return m_temp->tenant(); }
    /// Deploys an action with @p body as its handler's body; its id, or empty.
    QString deploy(const QString &name, const QString &body);
    bool bind(const QStringList &ids);
    std::unique_ptr<LoginTransaction> logIn();

    std::unique_ptr<TempTenant> m_temp;
};

void TestPostLoginFlow::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestPostLoginFlow::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_temp = std::make_unique<TempTenant>();
    QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
    QVERIFY(tenant().users().create(kEmail, kPassword));
    PhoneFactorSettings phone = tenant().mfa().phoneFactor();
    phone.enabled = true;
    QVERIFY(tenant().mfa().savePhoneFactor(phone));
    QVERIFY(tenant().mfa().setPolicy(MfaPolicy::Never));
}

void TestPostLoginFlow::cleanup()
{
    m_temp.reset();
}

QString TestPostLoginFlow::deploy(const QString &name, const QString &body)
{
    CustomActionService &actions = tenant().customActions();
    auto created = actions.create(name, QStringLiteral("post-login"));
    if (!created)
        return {};
    const QString code
        = QStringLiteral("exports.onExecutePostLogin = async (event, api) => {\n%1\n};\n").arg(body);
    if (!actions.saveDraft(created.value().id, code, {}, created.value().revision))
        return {};
    const CustomActionJobResult deployed = waitForJob(actions.deploy(created.value().id));
    if (!deployed.succeeded) {
        qWarning("%s", qPrintable(deployed.message()));
        return {};
    }
    return created.value().id;
}

bool TestPostLoginFlow::bind(const QStringList &ids)
{
    QList<Binding> bindings;
    for (const QString &id : ids)
        bindings.append({Binding::Kind::Custom, id, tenant().customActions().find(id).value().name, 1});
    return bool(tenant().flows().apply(QStringLiteral("post-login"), bindings));
}

std::unique_ptr<LoginTransaction> TestPostLoginFlow::logIn()
{
    std::unique_ptr<LoginTransaction> t(
        new LoginTransaction(tenant().login(), {QStringLiteral("abc"), QStringLiteral("My SPA")}));
    t->logIn(kEmail, kPassword);
    if (!QTest::qWaitFor([&t] { return !t->isBusy() && t->state() != LoginTransaction::State::Login; },
                         30000))
        qWarning("the login did not settle: %s", qPrintable(t->error()));
    return t;
}

void TestPostLoginFlow::outcomeOfTheActions_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<LoginTransaction::State>("state");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("logType");

    QTest::newRow("custom claim") << "console.log('hello', event.user.email);\n"
                                     "api.idToken.setCustomClaim('https://authdeck.test/role', 'admin');"
                                  << LoginTransaction::State::Done << QString() << "s";
    QTest::newRow("deny") << "if (event.connection.name === 'Username-Password-Authentication')\n"
                             "  api.access.deny('Logins are closed for maintenance.');"
                          << LoginTransaction::State::Failed << "Logins are closed for maintenance."
                          << "f";
    QTest::newRow("mfa asked for although the policy is Never")
        << "api.multifactor.enable('any');" << LoginTransaction::State::Enroll << QString()
        << "gd_start_enroll";
    QTest::newRow("throw") << "throw new Error('directory offline');" << LoginTransaction::State::Failed
                           << "We could not log you in. Try again later."
                           << "actions_execution_failed";
}

void TestPostLoginFlow::outcomeOfTheActions()
{
    QFETCH(QString, body);
    QFETCH(LoginTransaction::State, state);
    QFETCH(QString, error);
    QFETCH(QString, logType);
    const QString id = deploy(QStringLiteral("Rule"), body);
    QVERIFY(!id.isEmpty());
    QVERIFY(bind({id}));

    auto t = logIn();
    QCOMPARE(t->state(), state);
    QCOMPARE(t->error(), error);
    LogFilter filter;
    filter.type = logType;
    QCOMPARE(tenant().logs().query(filter).value().size(), 1);
    if (state == LoginTransaction::State::Done) {
        QCOMPARE(t->profile().value(QStringLiteral("https://authdeck.test/role")).toString(),
                 QStringLiteral("admin"));
        bool console = false;
        for (const TimelineEntry &entry : t->timeline())
            console |= entry.text.contains(QStringLiteral("hello ada@example.com"));
        QVERIFY(console);
    }
    if (logType == QLatin1String("actions_execution_failed")) {
        const LogEvent failed = tenant().logs().query(filter).value().constFirst();
        QCOMPARE(failed.details.value(QStringLiteral("trigger_id")).toString(), QStringLiteral("post-login"));
        QCOMPARE(failed.details.value(QStringLiteral("action_error")).toString(),
                 QStringLiteral("Error: directory offline"));
    }
}

void TestPostLoginFlow::actionsRunInOrder()
{
    // The second action sees nothing of the first but runs after it; a deny in the first stops the flow.
    const QString deny = deploy(QStringLiteral("Deny"), QStringLiteral("api.access.deny('first');"));
    const QString claim
        = deploy(QStringLiteral("Claim"), QStringLiteral("api.idToken.setCustomClaim('second', true);"));
    QVERIFY(!deny.isEmpty() && !claim.isEmpty());
    QVERIFY(bind({claim, deny}));
    auto t = logIn();
    QCOMPARE(t->state(), LoginTransaction::State::Failed);
    QCOMPARE(t->error(), QStringLiteral("first"));

    QVERIFY(bind({deny, claim}));
    auto again = logIn();
    QCOMPARE(again->state(), LoginTransaction::State::Failed);
    int ran = 0;
    for (const TimelineEntry &entry : again->timeline())
        ran += entry.text.endsWith(QStringLiteral(" succeeded")) ? 1 : 0;
    QCOMPARE(ran, 1); // Deny ran; Claim never did
}

QTEST_GUILESS_MAIN(TestPostLoginFlow)
#include "TestPostLoginFlow.moc"
