// TenantImporter: an ImportPlan applied through the services, all of it or nothing; and the round trip of
// an export into a second tenant that exports the same file.

#include "ExchangeFixture.h"
#include "core/actions/CustomActionService.h"
#include "core/actions/IntegrationJob.h"
#include "core/actions/IntegrationService.h"
#include "core/actions/PlivoIntegration.h"
#include "core/applications/ApplicationService.h"
#include "core/exchange/TenantExporter.h"
#include "core/exchange/TenantImporter.h"
#include "core/flows/FlowService.h"
#include "core/logs/LogStore.h"
#include "core/mfa/MfaService.h"
#include "core/plivo/PlivoSandbox.h"
#include "tests/support/CustomActionJobResult.h"
#include "tests/support/SecretJobResult.h"
#include "tests/support/StoreEngine.h"
#include "tests/support/StoreFault.h"

#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

namespace {

const QString kCode = QStringLiteral("exports.onExecuteSendPhoneMessage = async (event, api) => {};\n");

QJsonObject notifyAction(const QString &code, const QJsonArray &secrets = {})
{
    return {{QStringLiteral("name"), QStringLiteral("Notify")},
            {QStringLiteral("code"), code},
            {QStringLiteral("runtime"), QStringLiteral("node18")},
            {QStringLiteral("deployed"), true},
            {QStringLiteral("secrets"), secrets},
            {QStringLiteral("supported_triggers"),
             QJsonArray {QJsonObject {{QStringLiteral("id"), QStringLiteral("send-phone-message")},
                                      {QStringLiteral("version"), QStringLiteral("v2")}}}}};
}

/// Applies @p plan to @p tenant; the importer's error ("<no answer>" when it never finished).
QString apply(Tenant &tenant, const ImportPlan &plan)
{
    TenantImporter importer(tenant);
    QSignalSpy finished(&importer, &TenantImporter::finished);
    importer.apply(plan);
    if (!finished.wait(60000))
        return QStringLiteral("<no answer>");
    return finished.first().first().toString();
}

QStringList applicationNames(Tenant &tenant)
{
    QStringList names;
    const QList<ApplicationSummary> summaries = tenant.applications().list().value();
    for (const ApplicationSummary &summary : summaries)
        names.append(summary.name);
    return names;
}

/// Creates the action @p name with the secrets @p secrets; its ID, or empty (with a warning).
QString createAction(Tenant &tenant, const QString &name, const QList<QPair<QString, QByteArray>> &secrets)
{
    auto created = tenant.customActions().create(name, QStringLiteral("send-phone-message"));
    if (!created) {
        qWarning("%s", qPrintable(created.error().message()));
        return {};
    }
    for (const auto &[secret, value] : secrets) {
        const CustomActionJobResult set
            = waitForJob(tenant.customActions().setSecret(created.value().id, secret, value));
        if (!set.succeeded) {
            qWarning("%s", qPrintable(set.message()));
            return {};
        }
    }
    return created.value().id;
}

/// The value of the secret @p name of action @p actionId in the tenant's keyring, or "<absent>".
QByteArray secretOf(Tenant &tenant, const QString &actionId, const QString &name)
{
    const SecretJobResult read
        = waitForJob(tenant.secrets().read(CustomActionService::secretKey(tenant.id(), actionId, name)));
    return read.status == SecretJob::Status::Done ? read.value : QByteArray("<absent>");
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestTenantImporter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();
    void appliesEveryChange();
    void failureChangesNothing();
    void failureAfterTheSecretsPutsThemBack();
    void roundTripIntoAnotherTenant();

private:
    ExchangeFixture *m_fixture = nullptr;
};

void TestTenantImporter::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestTenantImporter::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_fixture = new ExchangeFixture;
    const QString error = m_fixture->seed();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestTenantImporter::cleanup()
{
    delete m_fixture;
    m_fixture = nullptr;
}

void TestTenantImporter::appliesEveryChange()
{
    Tenant &tenant = m_fixture->tenant();
    QJsonObject document = m_fixture->exported();
    QJsonArray clients = document.value(QLatin1String("clients")).toArray();
    clients.append(
        QJsonObject {{QStringLiteral("name"), QStringLiteral("Imported App")},
                     {QStringLiteral("app_type"), QStringLiteral("spa")},
                     {QStringLiteral("callbacks"), QJsonArray {QStringLiteral("http://localhost:5173")}}});
    document.insert(QStringLiteral("clients"), clients);
    document.insert(
        QStringLiteral("actions"),
        QJsonArray {notifyAction(kCode,
                                 {QJsonObject {{QStringLiteral("name"), QStringLiteral("TOKEN")},
                                               {QStringLiteral("value"), QStringLiteral("s3cret")}}})});
    document.insert(
        QStringLiteral("triggers"),
        QJsonObject {{QStringLiteral("send-phone-message"),
                      QJsonArray {QJsonObject {{QStringLiteral("action_name"), QStringLiteral("Notify")},
                                               {QStringLiteral("display_name"), QStringLiteral("Notify")}},
                                  QJsonObject {{QStringLiteral("action_name"), QStringLiteral("Plivo")},
                                               {QStringLiteral("display_name"), QStringLiteral("Plivo")}}}}});
    document.insert(QStringLiteral("guardianPolicies"),
                    QJsonObject {{QStringLiteral("policies"), QJsonArray {}}});
    auto plan = m_fixture->plan(m_fixture->write(document));
    QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().message()));
    QCOMPARE(plan.value().summary(), QStringLiteral("2 to create, 2 to change, 0 to delete"));

    QSignalSpy created(&tenant.applications(), &ApplicationService::applicationCreated);
    QSignalSpy deployed(&tenant.customActions(), &CustomActionService::versionDeployed);
    QSignalSpy flows(&tenant.flows(), &FlowService::flowApplied);
    QSignalSpy mfa(&tenant.mfa(), &MfaService::policySaved);
    const QString error = apply(tenant, plan.value());
    QVERIFY2(error.isEmpty(), qPrintable(error));

    // The same writes as the pages: the services' signals, their state, and the sapi log events.
    QCOMPARE(created.size(), 1);
    QCOMPARE(deployed.size(), 1);
    QCOMPARE(flows.size(), 1);
    QCOMPARE(mfa.size(), 1);
    QVERIFY(applicationNames(tenant).contains(QStringLiteral("Imported App")));
    const QList<Binding> bound = tenant.flows().bindings(QStringLiteral("send-phone-message")).value();
    QCOMPARE(bound.size(), 2);
    QCOMPARE(bound.first().displayName, QStringLiteral("Notify"));
    QCOMPARE(bound.first().version, 1);
    QCOMPARE(tenant.mfa().policy(), MfaPolicy::Never);
    const QString actionId = tenant.customActions().list().value().first().id;
    QCOMPARE(waitForJob(tenant.secrets().read(
                            CustomActionService::secretKey(tenant.id(), actionId, QStringLiteral("TOKEN"))))
                 .value,
             QByteArray("s3cret"));
    LogFilter sapi;
    sapi.type = QStringLiteral("sapi");
    QVERIFY(tenant.logs().query(sapi).value().size() >= 4);

    // Applied: the same file now plans nothing but the secret's value, which a file that gives one sets
    // each time (the value is never read back to compare).
    auto again = m_fixture->plan(m_fixture->write(document));
    QVERIFY(again);
    QCOMPARE(again.value().describe(),
             QStringLiteral("~ actions  Notify\n    secret values set: (none) → [\"TOKEN\"]"));
}

void TestTenantImporter::failureChangesNothing()
{
    Tenant &tenant = m_fixture->tenant();
    const QJsonObject exportedBefore = m_fixture->exported();
    const int secretsBefore = m_fixture->temp().secrets().count();
    QJsonObject document = exportedBefore;
    QJsonArray clients = document.value(QLatin1String("clients")).toArray();
    clients.append(QJsonObject {{QStringLiteral("name"), QStringLiteral("Imported App")},
                                {QStringLiteral("app_type"), QStringLiteral("spa")}});
    document.insert(QStringLiteral("clients"), clients);
    // The code does not parse: the deploy (after the client and the action were written) fails.
    document.insert(
        QStringLiteral("actions"),
        QJsonArray {notifyAction(QStringLiteral("exports.onExecuteSendPhoneMessage = async (event, api => {"),
                                 {QJsonObject {{QStringLiteral("name"), QStringLiteral("TOKEN")},
                                               {QStringLiteral("value"), QStringLiteral("s3cret")}}})});
    document.insert(QStringLiteral("guardianPolicies"),
                    QJsonObject {{QStringLiteral("policies"), QJsonArray {}}});
    auto plan = m_fixture->plan(m_fixture->write(document));
    QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().message()));
    const QString error = apply(tenant, plan.value());
    QVERIFY2(error.startsWith(QLatin1String("Deploying action Notify: Line 1")), qPrintable(error));
    QCOMPARE(m_fixture->exported(), exportedBefore);
    QVERIFY(!applicationNames(tenant).contains(QStringLiteral("Imported App")));
    QVERIFY(tenant.customActions().list().value().isEmpty());
    QCOMPARE(tenant.mfa().policy(), MfaPolicy::Always);
    QCOMPARE(m_fixture->temp().secrets().count(), secretsBefore);
}

void TestTenantImporter::failureAfterTheSecretsPutsThemBack()
{
    // An import that replaces a secret, adds one, and deletes two actions with theirs, and fails at the
    // very end: the second deletion. The transaction rolls back, and the keyring gets back what it held.
    Tenant &tenant = m_fixture->tenant();
    const QString notify = createAction(tenant, QStringLiteral("Notify"), {{QStringLiteral("TOKEN"), "old"}});
    const QString other = createAction(tenant, QStringLiteral("Other"), {{QStringLiteral("KEY"), "keep"}});
    const QString third = createAction(tenant, QStringLiteral("Third"), {{QStringLiteral("T"), "third"}});
    QVERIFY(!notify.isEmpty() && !other.isEmpty() && !third.isEmpty());
    const QJsonObject exportedBefore = m_fixture->exported();
    const int secretsBefore = m_fixture->temp().secrets().count();

    QJsonObject document = exportedBefore;
    QJsonObject action = notifyAction(kCode,
                                      {QJsonObject {{QStringLiteral("name"), QStringLiteral("TOKEN")},
                                                    {QStringLiteral("value"), QStringLiteral("new")}},
                                       QJsonObject {{QStringLiteral("name"), QStringLiteral("EXTRA")},
                                                    {QStringLiteral("value"), QStringLiteral("added")}}});
    action.insert(QStringLiteral("deployed"), false);
    document.insert(QStringLiteral("actions"), QJsonArray {action});
    auto plan = m_fixture->plan(m_fixture->write(document), {true});
    QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().message()));
    QCOMPARE(plan.value().summary(), QStringLiteral("0 to create, 1 to change, 2 to delete"));
    QCOMPARE(StoreFault::refuse(tenant.database(),
                                QStringLiteral("keep_third"),
                                QStringLiteral("DELETE"),
                                QStringLiteral("custom_actions"),
                                QStringLiteral("the disk is full"),
                                QStringLiteral("OLD.name = 'Third'")),
             QString());

    const QString error = apply(tenant, plan.value());
    QVERIFY2(error.startsWith(QLatin1String("Deleting action Third:")), qPrintable(error));
    // Back by the time the import says it failed.
    QCOMPARE(secretOf(tenant, notify, QStringLiteral("TOKEN")), QByteArray("old"));
    QCOMPARE(secretOf(tenant, notify, QStringLiteral("EXTRA")), QByteArray("<absent>"));
    QCOMPARE(secretOf(tenant, other, QStringLiteral("KEY")), QByteArray("keep"));
    QCOMPARE(secretOf(tenant, third, QStringLiteral("T")), QByteArray("third"));
    QCOMPARE(m_fixture->temp().secrets().count(), secretsBefore);
    QCOMPARE(
        StoreFault::allow(tenant.database(), QStringLiteral("keep_third"), QStringLiteral("custom_actions")),
        QString());
    QCOMPARE(m_fixture->exported(), exportedBefore);
    // Nothing is left for the next open to repair or report.
    QSqlQuery journal = tenant.database().prepare(QStringLiteral("SELECT COUNT(*) FROM secret_journal"));
    QVERIFY(journal.exec() && journal.next());
    QCOMPARE(journal.value(0).toInt(), 0);
}

void TestTenantImporter::roundTripIntoAnotherTenant()
{
    // The first tenant gets a custom action in its flow too, so that every resource type travels.
    QJsonObject withAction = m_fixture->exported();
    withAction.insert(QStringLiteral("actions"), QJsonArray {notifyAction(kCode)});
    QJsonObject triggers = withAction.value(QLatin1String("triggers")).toObject();
    QJsonArray phoneFlow = triggers.value(QLatin1String("send-phone-message")).toArray();
    phoneFlow.append(QJsonObject {{QStringLiteral("action_name"), QStringLiteral("Notify")},
                                  {QStringLiteral("display_name"), QStringLiteral("Notify")}});
    triggers.insert(QStringLiteral("send-phone-message"), phoneFlow);
    withAction.insert(QStringLiteral("triggers"), triggers);
    auto setup = m_fixture->plan(m_fixture->write(withAction));
    QVERIFY(setup);
    QVERIFY(apply(m_fixture->tenant(), setup.value()).isEmpty());
    const QString first = m_fixture->write(m_fixture->exported());

    // A second tenant with only the Plivo integration (Deploy CLI files never hold Marketplace ones).
    TempTenant second;
    QVERIFY(second.isValid());
    IntegrationJob *install = second->integrations().install(
        PlivoIntegration::CatalogId, {{PlivoIntegration::Number, PlivoSandbox::senderNumber()}}, {}, true);
    QSignalSpy installed(install, &IntegrationJob::finished);
    QVERIFY(installed.wait());
    auto files = TenantFiles::read(first);
    QVERIFY(files);
    auto plan = ImportPlan::make(second.tenant(), files.value(), {});
    QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().message()));
    const QString error = apply(second.tenant(), plan.value());
    QVERIFY2(error.isEmpty(), qPrintable(error));

    QTemporaryDir again;
    QVERIFY(TenantFiles::write(
        TenantExporter::collect(second.tenant()).value(), again.path(), TenantFiles::Format::Yaml));
    const QByteArray yaml = readAll(first + QLatin1String("/tenant.yaml"));
    QVERIFY(yaml.contains("name: Notify"));
    QCOMPARE(readAll(again.filePath(QStringLiteral("tenant.yaml"))), yaml);
    QCOMPARE(readAll(again.filePath(QStringLiteral("actions/Notify/code.js"))), kCode.toUtf8());
}

QTEST_GUILESS_MAIN(TestTenantImporter)
#include "TestTenantImporter.moc"
