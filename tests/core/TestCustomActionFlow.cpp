// Custom actions in the Send Phone Message flow, on Node.js: a custom action that sends the code through
// the Plivo sandbox with Node's own fetch carries a whole login; one that throws stops the flow, is logged
// as actions_execution_failed and the user reads "There was a problem sending the SMS".

#include "core/actions/CustomActionService.h"
#include "core/common/Clock.h"
#include "core/delivery/SmsGateway.h"
#include "core/flows/FlowService.h"
#include "core/login/LoginEngine.h"
#include "core/login/LoginTransaction.h"
#include "core/login/UserStore.h"
#include "core/logs/LogStore.h"
#include "core/mfa/MfaService.h"
#include "core/pipelines/PhoneMessagePipeline.h"
#include "core/plivo/PlivoSandbox.h"
#include "core/tenant/Tenant.h"
#include "tests/support/CustomActionJobResult.h"
#include "tests/support/ResultText.h"
#include "tests/support/SandboxActions.h"
#include "tests/support/StoreEngine.h"
#include "tests/support/TempTenant.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace {

const char *const kThrows = R"js(
exports.onExecuteSendPhoneMessage = async (event, api) => {
  throw new Error('The SMS provider is down');
};
)js";

} // namespace

class TestCustomActionFlow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void fetchThroughTheSandboxCarriesALogin();
    void aThrowStopsTheFlow();
    void deletingAnActionTakesItOutOfTheFlow();

private:
    Tenant &tenant() { return m_temp->tenant(); }
    /// Creates, deploys and binds an action with @p code and the sandbox's secrets; its id, or empty.
    QString deployAndBind(const QString &name, const QString &code);

    std::unique_ptr<TempTenant> m_temp;
    FakeClock m_clock {QDateTime::currentDateTimeUtc()};
};

void TestCustomActionFlow::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestCustomActionFlow::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_temp = std::make_unique<TempTenant>();
    QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
    tenant().setClock(m_clock);
    QVERIFY(tenant().sms().startSandbox());
    PhoneFactorSettings phone = tenant().mfa().phoneFactor();
    phone.enabled = true;
    QVERIFY(tenant().mfa().savePhoneFactor(phone));
    QVERIFY(tenant().mfa().setPolicy(MfaPolicy::Always));
}

void TestCustomActionFlow::cleanup()
{
    m_temp.reset();
}

QString TestCustomActionFlow::deployAndBind(const QString &name, const QString &code)
{
    return deployPhoneAction(tenant(), name, code);
}

void TestCustomActionFlow::fetchThroughTheSandboxCarriesALogin()
{
    QVERIFY(!deployAndBind(QStringLiteral("Send with fetch"), sendWithFetchCode()).isEmpty());
    QVERIFY(tenant().mfa().problemsWithAlways().isEmpty());

    std::unique_ptr<LoginTransaction> t(new LoginTransaction(tenant().login(), {}));
    QSignalSpy timeline(t.get(), &LoginTransaction::timelineEntryAdded);
    t->signUp(QStringLiteral("ada@example.com"), QStringLiteral("correct horse battery"));
    QTRY_COMPARE(t->state(), LoginTransaction::State::Enroll);
    t->enroll(QStringLiteral("US"), QStringLiteral("201 555 0123"));
    QTRY_VERIFY_WITH_TIMEOUT(!t->isBusy(), 30000);
    QVERIFY2(t->error().isEmpty(), qPrintable(t->error()));
    QCOMPARE(t->state(), LoginTransaction::State::Challenge);

    // The code reached the test phone through the action's own HTTP request.
    const QList<PlivoSandbox::Message> messages = tenant().sms().sandbox().messages();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.constFirst().to, QStringLiteral("+12015550123"));
    static const QRegularExpression digits(QStringLiteral("\\b([0-9]{6})\\b"));
    const QString code = digits.match(messages.constFirst().text).captured(1);
    QCOMPARE(code.size(), 6);
    bool sawConsole = false;
    for (const QVariantList &entry : std::as_const(timeline))
        sawConsole |= entry.at(0).value<TimelineEntry>().text.contains(QStringLiteral("queued"));
    QVERIFY(sawConsole);

    t->verify(code);
    QCOMPARE(t->state(), LoginTransaction::State::Done);
}

void TestCustomActionFlow::aThrowStopsTheFlow()
{
    QVERIFY(!deployAndBind(QStringLiteral("Always fails"), QLatin1String(kThrows)).isEmpty());
    QVERIFY(
        tenant().users().create(QStringLiteral("ada@example.com"), QStringLiteral("correct horse battery")));

    std::unique_ptr<LoginTransaction> t(new LoginTransaction(tenant().login(), {}));
    t->logIn(QStringLiteral("ada@example.com"), QStringLiteral("correct horse battery"));
    QTRY_COMPARE(t->state(), LoginTransaction::State::Enroll);
    t->enroll(QStringLiteral("US"), QStringLiteral("201 555 0123"));
    QTRY_VERIFY_WITH_TIMEOUT(!t->isBusy(), 30000);
    QCOMPARE(t->error(), QStringLiteral("There was a problem sending the SMS"));
    QCOMPARE(t->state(), LoginTransaction::State::Enroll);
    QVERIFY(tenant().sms().sandbox().messages().isEmpty());

    LogFilter filter;
    filter.type = QStringLiteral("actions_execution_failed");
    const QList<LogEvent> failures = tenant().logs().query(filter).value();
    QCOMPARE(failures.size(), 1);
    QCOMPARE(failures.constFirst().details.value(QStringLiteral("action_error")).toString(),
             QStringLiteral("Error: The SMS provider is down"));
    filter.type = QStringLiteral("gd_send_sms_failure");
    const QList<LogEvent> sendFailures = tenant().logs().query(filter).value();
    QCOMPARE(sendFailures.size(), 1);
    QVERIFY(sendFailures.constFirst().description.contains(QStringLiteral("The SMS provider is down")));
}

void TestCustomActionFlow::deletingAnActionTakesItOutOfTheFlow()
{
    const QString id = deployAndBind(QStringLiteral("Send with fetch"), sendWithFetchCode());
    QVERIFY(!id.isEmpty());
    QCOMPARE(tenant().flows().bindings(QStringLiteral("send-phone-message")).value().size(), 1);
    QCOMPARE(tenant().flows().availableActions(QStringLiteral("send-phone-message")).size(), 1);
    QSignalSpy applied(&tenant().flows(), &FlowService::flowApplied);
    const CustomActionJobResult removed = waitForJob(tenant().customActions().remove(id));
    QVERIFY2(removed.succeeded, qPrintable(removed.message()));
    QVERIFY(tenant().flows().bindings(QStringLiteral("send-phone-message")).value().isEmpty());
    QCOMPARE(applied.count(), 1);
    QVERIFY(tenant().flows().availableActions(QStringLiteral("send-phone-message")).isEmpty());
}

QTEST_GUILESS_MAIN(TestCustomActionFlow)
#include "TestCustomActionFlow.moc"
