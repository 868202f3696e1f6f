// The demo tenant: the whole story configured against the local test phone, all or nothing, and a demo
// that an earlier Authdeck left half made completed.

#include "core/actions/IntegrationService.h"
#include "core/applications/ApplicationService.h"
#include "core/flows/FlowService.h"
#include "core/login/UserStore.h"
#include "core/mfa/MfaService.h"
#include "core/plivo/PlivoSandbox.h"
#include "core/store/Database.h"
#include "core/tenant/DemoSeeder.h"
#include "core/tenant/SetupChecklist.h"
#include "tests/support/ResultText.h"
#include "tests/support/StoreEngine.h"
#include "tests/support/StoreFault.h"
#include "tests/support/TempTenant.h"

#include <QSignalSpy>
#include <QTest>

namespace {

const QString kPhone = QStringLiteral("send-phone-message");

/// Runs a seeder on @p tenant to its end; its error, or "<no answer>" when it never finished.
QString seed(Tenant &tenant)
{
    DemoSeeder seeder(tenant);
    QSignalSpy finished(&seeder, &DemoSeeder::finished);
    seeder.start();
    if (!finished.wait(10000))
        return QStringLiteral("<no answer>");
    return finished.first().first().toString();
}

/// The steps of the setup checklist that are not done, with their details; empty when all are.
QStringList stepsNotDone(Tenant &tenant)
{
    SetupChecklist checklist(tenant);
    QStringList open;
    for (const SetupChecklist::Item &item : checklist.items()) {
        if (item.state != SetupChecklist::State::Done)
            open.append(item.title + QLatin1String(": ") + item.detail);
    }
    return open;
}

} // namespace

class TestDemoSeeder final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();

    void configuresTheWholeStory();
    void leavesAnUsedTenantAlone();
    void leavesACompleteDemoAlone();
    void completesAHalfMadeDemo_data();
    void completesAHalfMadeDemo();
    void failureMidwayLeavesNothing_data();
    void failureMidwayLeavesNothing();
};

void TestDemoSeeder::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestDemoSeeder::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
}

void TestDemoSeeder::configuresTheWholeStory()
{
    TempTenant tenant;
    QVERIFY2(tenant.isValid(), qPrintable(tenant.error()));
    QCOMPARE(seed(tenant.tenant()), QString());

    QCOMPARE(stepsNotDone(tenant.tenant()), QStringList());
    QVERIFY(tenant->users().list({}).value().size() == 1);
}

void TestDemoSeeder::leavesAnUsedTenantAlone()
{
    TempTenant tenant;
    QVERIFY(tenant->applications().create({QStringLiteral("Mine"), ApplicationType::Native, {}, {}}));
    QCOMPARE(seed(tenant.tenant()), QString());
    QCOMPARE(tenant->applications().count().value(), 1);
    QVERIFY(tenant->users().list({}).value().isEmpty());
}

void TestDemoSeeder::leavesACompleteDemoAlone()
{
    TempTenant tenant;
    QCOMPARE(seed(tenant.tenant()), QString());
    // The admin turns the policy off; --demo again keeps their choice.
    QVERIFY(tenant->mfa().setPolicy(MfaPolicy::Never));
    QCOMPARE(seed(tenant.tenant()), QString());
    QCOMPARE(tenant->mfa().policy(), MfaPolicy::Never);
    QCOMPARE(tenant->applications().count().value(), 1);
    QCOMPARE(tenant->users().list({}).value().size(), 1);
}

void TestDemoSeeder::completesAHalfMadeDemo_data()
{
    // How far an earlier seeder, which wrote step by step, got before it was killed.
    QTest::addColumn<int>("stepsMade");
    QTest::newRow("the application without its URLs") << 1;
    QTest::newRow("the application") << 2;
    QTest::newRow("the application and Plivo") << 3;
    QTest::newRow("up to the flow") << 4;
    QTest::newRow("up to the factor") << 5;
    QTest::newRow("up to the policy") << 6;
}

void TestDemoSeeder::completesAHalfMadeDemo()
{
    QFETCH(int, stepsMade);
    TempTenant tenant;
    QVERIFY2(tenant.isValid(), qPrintable(tenant.error()));

    auto app = tenant->applications().create(
        {QStringLiteral("My React App"), ApplicationType::SinglePage, QStringLiteral("React"), {}});
    QVERIFY2(app, errorBytes(app));
    if (stepsMade >= 2) {
        Application edited = app.value();
        edited.callbacks = edited.logoutUrls = edited.webOrigins = {QStringLiteral("http://localhost:3000")};
        QVERIFY(tenant->applications().update(edited));
    }
    if (stepsMade >= 3) {
        IntegrationJob *job
            = tenant->integrations().install(QStringLiteral("plivo"),
                                             {{QStringLiteral("PLIVO_NUMBER"), PlivoSandbox::senderNumber()}},
                                             {},
                                             true);
        QSignalSpy installed(job, &IntegrationJob::finished);
        QVERIFY(installed.wait());
        const Integration plivo
            = tenant->integrations().findByCatalogId(QStringLiteral("plivo")).value().value();
        if (stepsMade >= 4) {
            Binding binding;
            binding.actionId = plivo.id;
            binding.displayName = plivo.name;
            QVERIFY(tenant->flows().apply(kPhone, {binding}));
        }
    }
    if (stepsMade >= 5) {
        PhoneFactorSettings factor = tenant->mfa().phoneFactor();
        factor.enabled = true;
        QVERIFY(tenant->mfa().savePhoneFactor(factor));
    }
    if (stepsMade >= 6)
        QVERIFY(tenant->mfa().setPolicy(MfaPolicy::Always));
    // Half made: no demo user, and before the policy some steps of the checklist still open.
    QVERIFY(!tenant->users().findByEmail(QLatin1String(DemoSeeder::DemoEmail)).value().has_value());
    QCOMPARE(stepsNotDone(tenant.tenant()).isEmpty(), stepsMade == 6);

    QCOMPARE(seed(tenant.tenant()), QString());
    QCOMPARE(stepsNotDone(tenant.tenant()), QStringList());
    QCOMPARE(tenant->applications().count().value(), 1);
    QCOMPARE(tenant->integrations().list().value().size(), 1);
    QCOMPARE(tenant->flows().bindings(kPhone).value().size(), 1);
    QVERIFY(tenant->users().findByEmail(QLatin1String(DemoSeeder::DemoEmail)).value().has_value());
}

void TestDemoSeeder::failureMidwayLeavesNothing_data()
{
    // The table whose insert fails: each step of the story in turn, the demo user last.
    QTest::addColumn<QString>("table");
    QTest::newRow("the application") << QStringLiteral("applications");
    QTest::newRow("the Plivo integration") << QStringLiteral("integrations");
    QTest::newRow("the flow") << QStringLiteral("flow_bindings");
    QTest::newRow("the factor") << QStringLiteral("mfa_phone_factor");
    QTest::newRow("the policy") << QStringLiteral("mfa_policies");
    QTest::newRow("the demo user") << QStringLiteral("users");
}

void TestDemoSeeder::failureMidwayLeavesNothing()
{
    QFETCH(QString, table);
    TempTenant tenant;
    QVERIFY2(tenant.isValid(), qPrintable(tenant.error()));
    QCOMPARE(StoreFault::refuse(tenant->database(),
                                QStringLiteral("fail_demo"),
                                QStringLiteral("INSERT"),
                                table,
                                QStringLiteral("the disk is full")),
             QString());

    const QString error = seed(tenant.tenant());
    QVERIFY2(error.contains(QStringLiteral("the disk is full")), qPrintable(error));

    // Nothing of the story is left, not even the steps before the one that failed, and no secret.
    QCOMPARE(tenant->applications().count().value(), 0);
    QCOMPARE(tenant->integrations().list().value().size(), 0);
    QCOMPARE(tenant->flows().bindings(kPhone).value().size(), 0);
    QCOMPARE(tenant->mfa().phoneFactor().enabled, false);
    QCOMPARE(tenant->mfa().policy(), MfaPolicy::Never);
    QCOMPARE(tenant->users().list({}).value().size(), 0);
    QCOMPARE(tenant.secrets().count(), 0);

    // Once the disk has room again, a rerun makes the whole demo, in the same session and after a restart.
    QCOMPARE(StoreFault::allow(tenant->database(), QStringLiteral("fail_demo"), table), QString());
    QVERIFY(tenant.reopen());
    QCOMPARE(seed(tenant.tenant()), QString());
    QCOMPARE(stepsNotDone(tenant.tenant()), QStringList());
    QCOMPARE(tenant->users().list({}).value().size(), 1);
}

QTEST_GUILESS_MAIN(TestDemoSeeder)
#include "TestDemoSeeder.moc"
