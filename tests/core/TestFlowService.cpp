#include "core/actions/IntegrationService.h"
#include "core/flows/FlowService.h"
#include "core/flows/Trigger.h"
#include "core/store/Database.h"
#include "core/store/IntegrationRepository.h"
#include "tests/support/ResultText.h"
#include "tests/support/StoreEngine.h"
#include "tests/support/StoreFault.h"
#include "tests/support/TempTenant.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <memory>

using Bindings = QList<Binding>;

namespace {

const QString kPhone = QStringLiteral("send-phone-message");
const QString kLogin = QStringLiteral("post-login");

/// What an IntegrationJob reported, kept after the job has deleted itself.
struct JobOutcome
{
    bool finished = false;
    bool succeeded = false;
    Integration integration;
};

/// Waits until @p job finishes and has deleted itself.
JobOutcome waitFor(IntegrationJob *job)
{
    JobOutcome outcome;
    QPointer<IntegrationJob> alive(job);
    QObject::connect(job, &IntegrationJob::finished, job, [&outcome](IntegrationJob *done) {
        outcome.succeeded = done->succeeded();
        outcome.integration = done->integration();
    });
    outcome.finished = QTest::qWaitFor([&alive] { return alive.isNull(); }, 5000);
    return outcome;
}

Binding bindingOf(const Integration &integration)
{
    return {Binding::Kind::Integration, integration.id, integration.name, 0};
}

/// A catalog of two input-free integrations for Send Phone Message.
QByteArray twoEntryCatalog()
{
    QByteArray json = QByteArrayLiteral("{\"integrations\": [");
    for (const char *id : {"alpha", "bravo"}) {
        json += QByteArray(json.endsWith('[') ? "" : ",") + "{\"id\": \"" + id + "\", \"name\": \"" + id
            + "\", \"publisher\": \"Test\", \"summary\": \"s\", \"description\": \"d\", "
            + "\"trigger\": \"send-phone-message\", \"version\": \"1.0.0\", \"inputs\": []}";
    }
    return json + "]}";
}

} // namespace

/// Applying, counting and describing the flows of the triggers, and how uninstalling affects them.
class TestFlowService final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void triggersInDashboardOrder_data();
    void triggersInDashboardOrder();
    void countsListEveryTrigger();
    void availableActionsListInstalledIntegrations_data();
    void availableActionsListInstalledIntegrations();
    void describeMarksWhatIsWrong_data();
    void describeMarksWhatIsWrong();
    void describeMarksIncompleteConfiguration();
    void applyRefusesInvalidLists_data();
    void applyRefusesInvalidLists();
    void applyIsAtomic();
    void bindingCountFollowsFlows();
    void uninstallRemovesBindingAndAnnounces();
    void uninstallIsAllOrNothing_data();
    void uninstallIsAllOrNothing();

private:
    FlowService &flows() { return m_temp->tenant().flows(); }
    IntegrationService &integrations() { return m_temp->tenant().integrations(); }
    /// Installs Plivo on the local test phone; an integration without id when that failed.
    Integration installPlivo();
    /// Adds an integration row for a catalog entry Authdeck does not ship (incomplete by definition).
    Integration insertRow(const QString &catalogId, const QString &trigger);

    std::unique_ptr<TempTenant> m_temp;
};

void TestFlowService::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestFlowService::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_temp = std::make_unique<TempTenant>();
    QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
}

void TestFlowService::cleanup()
{
    m_temp.reset();
}

Integration TestFlowService::installPlivo()
{
    const JobOutcome outcome
        = waitFor(integrations().install(QStringLiteral("plivo"),
                                         {{QStringLiteral("PLIVO_NUMBER"), QStringLiteral("+14155550100")}},
                                         {},
                                         true));
    return outcome.finished && outcome.succeeded ? outcome.integration : Integration();
}

Integration TestFlowService::insertRow(const QString &catalogId, const QString &trigger)
{
    Integration integration;
    integration.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    integration.catalogId = catalogId;
    integration.name = catalogId;
    integration.trigger = trigger;
    integration.createdAt = integration.updatedAt = QDateTime::currentDateTimeUtc();
    integration.revision = 1;
    const auto inserted = IntegrationRepository(m_temp->tenant().database()).insert(integration);
    return inserted ? integration : Integration();
}

void TestFlowService::triggersInDashboardOrder_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("version");
    const QStringList ids {QStringLiteral("post-login"),
                           QStringLiteral("credentials-exchange"),
                           QStringLiteral("pre-user-registration"),
                           QStringLiteral("post-user-registration"),
                           QStringLiteral("post-change-password"),
                           QStringLiteral("send-phone-message")};
    const QStringList labels {QStringLiteral("Login"),
                              QStringLiteral("Machine to Machine"),
                              QStringLiteral("Pre User Registration"),
                              QStringLiteral("Post User Registration"),
                              QStringLiteral("Post Change Password"),
                              QStringLiteral("Send Phone Message")};
    for (int i = 0; i < ids.size(); ++i) {
        const QString version = i == 0 ? QStringLiteral("v3") : QStringLiteral("v2");
        QTest::newRow(qPrintable(ids.at(i))) << i << ids.at(i) << labels.at(i) << version;
    }
}

void TestFlowService::triggersInDashboardOrder()
{
    QFETCH(int, index);
    QFETCH(QString, id);
    QFETCH(QString, label);
    QFETCH(QString, version);
    QCOMPARE(Triggers::all().size(), 6);
    const Trigger &trigger = Triggers::all().at(index);
    QCOMPARE(trigger.id, id);
    QCOMPARE(trigger.label, label);
    QCOMPARE(trigger.version, version);
    QVERIFY(!trigger.description.isEmpty());
    QCOMPARE(Triggers::find(id), &trigger);
    QCOMPARE(Triggers::find(id + QStringLiteral("-x")), nullptr);
}

void TestFlowService::countsListEveryTrigger()
{
    auto counts = flows().counts();
    QVERIFY2(counts, errorBytes(counts));
    QCOMPARE(counts.value().size(), Triggers::all().size());
    for (const Trigger &trigger : Triggers::all())
        QCOMPARE(counts.value().value(trigger.id, -1), 0);

    const Integration plivo = installPlivo();
    QVERIFY(!plivo.id.isEmpty());
    QVERIFY(flows().apply(kPhone, {bindingOf(plivo)}));
    counts = flows().counts();
    QVERIFY2(counts, errorBytes(counts));
    QCOMPARE(counts.value().value(kPhone), 1);
    QCOMPARE(counts.value().value(kLogin, -1), 0);
    QCOMPARE(counts.value().size(), Triggers::all().size());
}

void TestFlowService::availableActionsListInstalledIntegrations_data()
{
    QTest::addColumn<QString>("triggerId");
    QTest::addColumn<bool>("listsPlivo");
    QTest::newRow("send-phone-message") << kPhone << true;
    QTest::newRow("post-login") << kLogin << false;
}

void TestFlowService::availableActionsListInstalledIntegrations()
{
    QFETCH(QString, triggerId);
    QFETCH(bool, listsPlivo);
    QVERIFY(flows().availableActions(triggerId).isEmpty());
    const Integration plivo = installPlivo();
    QVERIFY(!plivo.id.isEmpty());

    const QList<ActionRef> actions = flows().availableActions(triggerId);
    QCOMPARE(actions.size(), listsPlivo ? 1 : 0);
    if (!listsPlivo)
        return;
    const ActionRef &ref = actions.first();
    QCOMPARE(ref.kind, Binding::Kind::Integration);
    QCOMPARE(ref.actionId, plivo.id);
    QCOMPARE(ref.name, QStringLiteral("Plivo"));
    QCOMPARE(ref.triggerId, kPhone);
    QCOMPARE(ref.subtitle, QStringLiteral("Integration · Plivo"));
    QVERIFY(ref.complete);
    QVERIFY(ref.available);
    QCOMPARE(ref.problem, QString());
    QCOMPARE(ref.toBinding(), bindingOf(plivo));
}

void TestFlowService::describeMarksWhatIsWrong_data()
{
    QTest::addColumn<QString>("situation");
    QTest::addColumn<bool>("available");
    QTest::newRow("installed") << QStringLiteral("installed") << true;
    QTest::newRow("uninstalled") << QStringLiteral("uninstalled") << false;
    QTest::newRow("another trigger") << QStringLiteral("another trigger") << false;
    QTest::newRow("custom action") << QStringLiteral("custom") << false;
}

void TestFlowService::describeMarksWhatIsWrong()
{
    QFETCH(QString, situation);
    QFETCH(bool, available);
    const Integration plivo = installPlivo();
    QVERIFY(!plivo.id.isEmpty());
    Binding binding = bindingOf(plivo);
    QString triggerId = kPhone;
    if (situation == QLatin1String("uninstalled"))
        QVERIFY(waitFor(integrations().uninstall(plivo.id)).succeeded);
    else if (situation == QLatin1String("another trigger"))
        triggerId = kLogin;
    else if (situation == QLatin1String("custom"))
        binding.kind = Binding::Kind::Custom;

    const ActionRef ref = flows().describe(triggerId, binding);
    QCOMPARE(ref.available, available);
    QCOMPARE(ref.complete, available);
    QCOMPARE(ref.problem.isEmpty(), available);
    QCOMPARE(ref.actionId, plivo.id);
    QCOMPARE(ref.name, QStringLiteral("Plivo"));
    QCOMPARE(ref.triggerId, situation == QLatin1String("another trigger") ? kPhone : triggerId);
    if (!available)
        QVERIFY2(ref.problem.contains(QStringLiteral("Plivo")), qPrintable(ref.problem));
}

void TestFlowService::describeMarksIncompleteConfiguration()
{
    const Integration unknown = insertRow(QStringLiteral("retired"), kPhone);
    QVERIFY(!unknown.id.isEmpty());
    const ActionRef ref = flows().describe(kPhone, bindingOf(unknown));
    QVERIFY(ref.available);
    QVERIFY(!ref.complete);
    QVERIFY(!ref.problem.isEmpty());
    QCOMPARE(flows().availableActions(kPhone).size(), 1);
    QVERIFY(!flows().availableActions(kPhone).first().complete);
}

void TestFlowService::applyRefusesInvalidLists_data()
{
    QTest::addColumn<QString>("triggerId");
    QTest::addColumn<QString>("second"); // what follows Plivo: "plivo", "ghost" or "custom"
    QTest::newRow("unknown trigger") << QStringLiteral("on-tuesday") << QString();
    QTest::newRow("another trigger's action") << kLogin << QString();
    QTest::newRow("duplicate") << kPhone << QStringLiteral("plivo");
    QTest::newRow("unknown action") << kPhone << QStringLiteral("ghost");
    QTest::newRow("custom action") << kPhone << QStringLiteral("custom");
}

void TestFlowService::applyRefusesInvalidLists()
{
    QFETCH(QString, triggerId);
    QFETCH(QString, second);
    const Integration plivo = installPlivo();
    QVERIFY(!plivo.id.isEmpty());
    QVERIFY(flows().apply(kPhone, {bindingOf(plivo)}));
    QSignalSpy applied(&flows(), &FlowService::flowApplied);

    Bindings list {bindingOf(plivo)};
    if (second == QLatin1String("plivo"))
        list.append(bindingOf(plivo));
    else if (second == QLatin1String("ghost"))
        list.append({Binding::Kind::Integration, QUuid::createUuid().toString(), QStringLiteral("Ghost"), 0});
    else if (second == QLatin1String("custom"))
        list.append({Binding::Kind::Custom, QUuid::createUuid().toString(), QStringLiteral("Mine"), 1});

    const auto result = flows().apply(triggerId, list);
    QVERIFY(!result);
    QCOMPARE(result.error().kind(), Error::Kind::Invalid);
    QCOMPARE(applied.count(), 0);
    QCOMPARE(flows().bindings(kPhone).value(), Bindings {bindingOf(plivo)});
    QCOMPARE(flows().bindings(kLogin).value(), Bindings());
}

void TestFlowService::applyIsAtomic()
{
    auto catalog = IntegrationCatalog::parse(twoEntryCatalog(), QStringLiteral("test catalog"));
    QVERIFY2(catalog, errorBytes(catalog));
    Database &database = m_temp->tenant().database();
    IntegrationService service(database, m_temp->secrets(), m_temp->tenant().id(), catalog.takeValue());
    FlowService flowService(database, service, m_temp->tenant().customActions());
    const Integration alpha = waitFor(service.install(QStringLiteral("alpha"), {}, {}, false)).integration;
    const Integration bravo = waitFor(service.install(QStringLiteral("bravo"), {}, {}, false)).integration;
    QVERIFY(!alpha.id.isEmpty() && !bravo.id.isEmpty());
    QVERIFY(flowService.apply(kPhone, {bindingOf(bravo)}));
    QSignalSpy applied(&flowService, &FlowService::flowApplied);

    // The second insert fails after the old rows are deleted and the first new one is written.
    QCOMPARE(StoreFault::refuse(database,
                                QStringLiteral("boom"),
                                QStringLiteral("INSERT"),
                                QStringLiteral("flow_bindings"),
                                QStringLiteral("boom"),
                                QStringLiteral("NEW.action_id = '%1' AND NEW.position = 1").arg(bravo.id)),
             QString());
    const auto result = flowService.apply(kPhone, {bindingOf(alpha), bindingOf(bravo)});
    QVERIFY(!result);
    QCOMPARE(result.error().kind(), Error::Kind::Storage);
    QVERIFY2(result.error().message().contains(QStringLiteral("boom")), qPrintable(result.error().message()));
    QCOMPARE(applied.count(), 0);
    QCOMPARE(flowService.bindings(kPhone).value(), Bindings {bindingOf(bravo)});

    QCOMPARE(StoreFault::allow(database, QStringLiteral("boom"), QStringLiteral("flow_bindings")), QString());
    QVERIFY(flowService.apply(kPhone, {bindingOf(alpha), bindingOf(bravo)}));
    QCOMPARE(applied.count(), 1);
    QCOMPARE(flowService.bindings(kPhone).value(), (Bindings {bindingOf(alpha), bindingOf(bravo)}));
}

void TestFlowService::bindingCountFollowsFlows()
{
    const Integration plivo = installPlivo();
    QVERIFY(!plivo.id.isEmpty());
    QCOMPARE(flows().bindingCount(plivo.id), 0);
    QCOMPARE(integrations().bindingCount(plivo.id), 0);
    QVERIFY(flows().apply(kPhone, {bindingOf(plivo)}));
    QCOMPARE(flows().bindingCount(plivo.id), 1);
    QCOMPARE(integrations().bindingCount(plivo.id), 1);
    QVERIFY(flows().apply(kPhone, {}));
    QCOMPARE(flows().bindingCount(plivo.id), 0);
    QCOMPARE(integrations().bindingCount(plivo.id), 0);
}

void TestFlowService::uninstallRemovesBindingAndAnnounces()
{
    const Integration before = insertRow(QStringLiteral("acme"), kPhone);
    const Integration plivo = installPlivo();
    const Integration after = insertRow(QStringLiteral("zeta"), kPhone);
    QVERIFY(!before.id.isEmpty() && !plivo.id.isEmpty() && !after.id.isEmpty());
    QVERIFY(flows().apply(kPhone, {bindingOf(before), bindingOf(plivo), bindingOf(after)}));
    QSignalSpy applied(&flows(), &FlowService::flowApplied);
    QSignalSpy removed(&integrations(), &IntegrationService::integrationRemoved);

    const JobOutcome outcome = waitFor(integrations().uninstall(plivo.id));
    QVERIFY(outcome.finished && outcome.succeeded);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(applied.count(), 1);
    QCOMPARE(applied.at(0).at(0).toString(), kPhone);
    QCOMPARE(flows().bindings(kPhone).value(), (Bindings {bindingOf(before), bindingOf(after)}));
    QCOMPARE(flows().counts().value().value(kPhone), 2);
    QCOMPARE(integrations().bindingCount(plivo.id), 0);
    QVERIFY(!flows().describe(kPhone, bindingOf(plivo)).available);

    // An unbound integration changes no flow.
    QVERIFY(waitFor(integrations().uninstall(after.id)).succeeded);
    QCOMPARE(applied.count(), 2);
    QVERIFY(flows().apply(kPhone, {}));
    QCOMPARE(applied.count(), 3);
    QVERIFY(waitFor(integrations().uninstall(before.id)).succeeded);
    QCOMPARE(removed.count(), 3);
    QCOMPARE(applied.count(), 3);
}

void TestFlowService::uninstallIsAllOrNothing_data()
{
    QTest::addColumn<QString>("table");
    QTest::newRow("the row cannot be removed") << QStringLiteral("integrations");
    QTest::newRow("the bindings cannot be removed") << QStringLiteral("flow_bindings");
}

void TestFlowService::uninstallIsAllOrNothing()
{
    QFETCH(QString, table);
    const Integration plivo = installPlivo();
    QVERIFY(!plivo.id.isEmpty());
    QVERIFY(flows().apply(kPhone, {bindingOf(plivo)}));
    QSignalSpy applied(&flows(), &FlowService::flowApplied);
    QSignalSpy removed(&integrations(), &IntegrationService::integrationRemoved);

    Database &database = m_temp->tenant().database();
    QCOMPARE(StoreFault::refuse(
                 database, QStringLiteral("jam"), QStringLiteral("DELETE"), table, QStringLiteral("jammed")),
             QString());
    const JobOutcome failed = waitFor(integrations().uninstall(plivo.id));
    QVERIFY(failed.finished);
    QVERIFY(!failed.succeeded);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(applied.count(), 0);
    QVERIFY(integrations().find(plivo.id));
    QCOMPARE(flows().bindings(kPhone).value(), Bindings {bindingOf(plivo)});
    QCOMPARE(integrations().bindingCount(plivo.id), 1);

    QCOMPARE(StoreFault::allow(database, QStringLiteral("jam"), table), QString());
    QVERIFY(waitFor(integrations().uninstall(plivo.id)).succeeded);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(applied.count(), 1);
    QCOMPARE(flows().bindings(kPhone).value(), Bindings());
}

QTEST_GUILESS_MAIN(TestFlowService)
#include "TestFlowService.moc"
