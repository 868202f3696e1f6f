// The Management API's actions/triggers endpoints over real HTTP, as deploy-cli calls them: the triggers
// Authdeck knows, each one's bindings in execution order (paged), and PATCH bindings, which replaces the flow
// through FlowService::apply (its validation, one transaction, flowApplied, the sapi log); a refused binding
// is a 400 naming it and leaves the flow as it was. Action modules are not held (404 not_supported).

#include "LoginServerFixture.h"
#include "ManagementApiCalls.h"
#include "core/actions/CustomActionService.h"
#include "core/actions/IntegrationService.h"
#include "core/actions/PlivoIntegration.h"
#include "core/flows/FlowService.h"
#include "core/flows/Trigger.h"
#include "tests/support/CustomActionJobResult.h"
#include "tests/support/StoreEngine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace {

const QStringList kScopes {QStringLiteral("read:actions"), QStringLiteral("update:actions")};
const QString kSendPhone = QStringLiteral("send-phone-message");
const QString kBindings = QStringLiteral("actions/triggers/send-phone-message/bindings");

} // namespace

class TestManagementApiTriggers : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<LoginServerFixture> m_fixture;
    std::unique_ptr<ManagementApiCalls> m_api;
    QString m_plivo; ///< the installed integration's id
    CustomAction m_deployed; ///< "Audit", deployed, for send-phone-message
    CustomAction m_draft; ///< "Draft", never deployed
    LoginServerFixture &f() { return *m_fixture; }
    FlowService &flows() { return f().tenant().flows(); }
    HttpAnswer call(const QByteArray &method, const QString &path, const QByteArray &body = {})
    {
        return m_api->call(method, path, body, kScopes);
    }
    /// The display names of the send-phone-message flow, as FlowService reads it.
    QStringList flow();

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();
    void listsTheTriggers();
    void applyIsTheServicesWrite_data();
    void applyIsTheServicesWrite();
    void refusedBindingsChangeNothing_data();
    void refusedBindingsChangeNothing();
    void bindingsArePaged();
    void modulesAndUnknownTriggersAnswer404();
};

void TestManagementApiTriggers::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestManagementApiTriggers::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_fixture = std::make_unique<LoginServerFixture>();
    QVERIFY(f().start());
    m_api = std::make_unique<ManagementApiCalls>(f());
    QVERIFY(m_api->valid());
    IntegrationJob *job = f().tenant().integrations().install(
        PlivoIntegration::CatalogId, {{PlivoIntegration::Number, QStringLiteral("+15554443232")}}, {}, true);
    connect(job, &IntegrationJob::finished, this, [this](IntegrationJob *done) {
        m_plivo = done->integration().id;
    });
    QSignalSpy installed(job, &IntegrationJob::finished);
    QVERIFY(installed.wait(10000));
    QVERIFY(!m_plivo.isEmpty());
    CustomActionService &actions = f().tenant().customActions();
    auto audit = actions.create(QStringLiteral("Audit"), kSendPhone);
    QVERIFY(audit);
    const CustomActionJobResult deployed = waitForJob(actions.deploy(audit.value().id));
    QVERIFY2(deployed.succeeded, qPrintable(deployed.message()));
    m_deployed = deployed.action;
    auto draft = actions.create(QStringLiteral("Draft"), kSendPhone);
    QVERIFY(draft);
    m_draft = draft.value();
}

void TestManagementApiTriggers::cleanup()
{
    m_api.reset();
    m_fixture.reset();
}

QStringList TestManagementApiTriggers::flow()
{
    QStringList names;
    const auto bindings = flows().bindings(kSendPhone);
    for (const Binding &binding : bindings.value())
        names.append(binding.displayName);
    return names;
}

void TestManagementApiTriggers::listsTheTriggers()
{
    const HttpAnswer answer = call("GET", QStringLiteral("actions/triggers"));
    QCOMPARE(answer.status, 200);
    const QJsonArray triggers = answer.json().value(QLatin1String("triggers")).toArray();
    QCOMPARE(triggers.size(), Triggers::all().size());
    for (int i = 0; i < triggers.size(); ++i) {
        const QJsonObject trigger = triggers.at(i).toObject();
        QCOMPARE(trigger.value(QLatin1String("id")).toString(), Triggers::all().at(i).id);
        QCOMPARE(trigger.value(QLatin1String("version")).toString(), Triggers::all().at(i).version);
        QCOMPARE(trigger.value(QLatin1String("status")).toString(), QStringLiteral("CURRENT"));
        QVERIFY(trigger.value(QLatin1String("runtimes"))
                    .toArray()
                    .contains(trigger.value(QLatin1String("default_runtime"))));
        QCOMPARE(trigger.value(QLatin1String("binding_policy")).toString(), QStringLiteral("trigger-bound"));
        QVERIFY(trigger.value(QLatin1String("compatible_triggers")).isArray());
    }
}

void TestManagementApiTriggers::applyIsTheServicesWrite_data()
{
    QTest::addColumn<QString>("refs"); ///< type:value pairs; value "PLIVO"/"AUDIT" stands for the id
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("by name, as deploy-cli") << "action_name:Plivo,action_name:Audit"
                                            << QStringList {QStringLiteral("Plivo"), QStringLiteral("Audit")};
    QTest::newRow("by id, the other order") << "action_id:AUDIT,action_id:PLIVO"
                                            << QStringList {QStringLiteral("Audit"), QStringLiteral("Plivo")};
    QTest::newRow("name ignoring case") << "action_name:plivo" << QStringList {QStringLiteral("Plivo")};
    QTest::newRow("empty: the flow is cleared") << QString() << QStringList();
}

void TestManagementApiTriggers::applyIsTheServicesWrite()
{
    QFETCH(QString, refs);
    QFETCH(QStringList, expected);
    QJsonArray bindings;
    for (const QString &ref : refs.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        QString value = ref.section(QLatin1Char(':'), 1);
        value = value == QLatin1String("PLIVO") ? m_plivo
            : value == QLatin1String("AUDIT")   ? m_deployed.id
                                                : value;
        bindings.append(
            QJsonObject {{QStringLiteral("ref"),
                          QJsonObject {{QStringLiteral("type"), ref.section(QLatin1Char(':'), 0, 0)},
                                       {QStringLiteral("value"), value}}}});
    }
    QSignalSpy applied(&flows(), &FlowService::flowApplied);
    const QString logged = QStringLiteral("/api/v2/") + kBindings;
    const int events = m_api->sapiEvents(logged);
    const HttpAnswer answer = call(
        "PATCH", kBindings, QJsonDocument(QJsonObject {{QStringLiteral("bindings"), bindings}}).toJson());
    QCOMPARE(answer.status, 200);
    QCOMPARE(applied.count(), 1);
    QCOMPARE(applied.at(0).at(0).toString(), kSendPhone);
    QCOMPARE(m_api->sapiEvents(logged), events + 1);
    QCOMPARE(flow(), expected);
    const QJsonArray returned = answer.json().value(QLatin1String("bindings")).toArray();
    QCOMPARE(returned.size(), expected.size());
    for (int i = 0; i < returned.size(); ++i) {
        const QJsonObject binding = returned.at(i).toObject();
        QCOMPARE(binding.value(QLatin1String("trigger_id")).toString(), kSendPhone);
        QCOMPARE(binding.value(QLatin1String("display_name")).toString(), expected.at(i));
        QCOMPARE(binding.value(QLatin1String("action")).toObject().value(QLatin1String("name")).toString(),
                 expected.at(i));
        QVERIFY(!binding.value(QLatin1String("id")).toString().isEmpty());
    }
    // The GET lists the same, and a binding_id ref keeps a binding (deploy-cli's export reads action.name).
    const QJsonObject listed = call("GET", kBindings).json();
    QCOMPARE(listed.value(QLatin1String("bindings")).toArray(), returned);
    QCOMPARE(listed.value(QLatin1String("total")).toInt(), expected.size());
    if (returned.isEmpty())
        return;
    const QString first = returned.at(0).toObject().value(QLatin1String("id")).toString();
    const QByteArray keep
        = QStringLiteral(R"({"bindings":[{"ref":{"type":"binding_id","value":"%1"},"display_name":"Kept"}]})")
              .arg(first)
              .toUtf8();
    const HttpAnswer kept = call("PATCH", kBindings, keep);
    QCOMPARE(kept.status, 200);
    QCOMPARE(flow(), QStringList {QStringLiteral("Kept")});
    QCOMPARE(kept.json()
                 .value(QLatin1String("bindings"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QLatin1String("id"))
                 .toString(),
             first);
}

void TestManagementApiTriggers::refusedBindingsChangeNothing_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("named");

    QTest::newRow("no bindings") << QByteArray("{}") << "bindings";
    QTest::newRow("unknown ref type")
        << QByteArray(R"({"bindings":[{"ref":{"type":"slug","value":"x"}}]})") << "bindings[0].ref.type";
    QTest::newRow("no such action") << QByteArray(
        R"({"bindings":[{"ref":{"type":"action_name","value":"Plivo"}},)"
        R"({"ref":{"type":"action_name","value":"Nope"}}]})")
                                    << "bindings[1]";
    QTest::newRow("never deployed") << QByteArray(
        R"({"bindings":[{"ref":{"type":"action_name","value":"Draft"}}]})")
                                    << "bindings[0]: Draft was never deployed";
    QTest::newRow("twice") << QByteArray(R"({"bindings":[{"ref":{"type":"action_name","value":"Audit"}},)"
                                         R"({"ref":{"type":"action_name","value":"Audit"}}]})")
                           << "bindings[1]: Audit is already";
    QTest::newRow("stale binding id")
        << QByteArray(R"({"bindings":[{"ref":{"type":"binding_id","value":"x"}}]})") << "bindings[0]";
}

void TestManagementApiTriggers::refusedBindingsChangeNothing()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, named);
    QVERIFY(flows().apply(kSendPhone,
                          {Binding {Binding::Kind::Integration, m_plivo, QStringLiteral("Plivo"), 0}}));
    QSignalSpy applied(&flows(), &FlowService::flowApplied);
    const HttpAnswer answer = call("PATCH", kBindings, body);
    QCOMPARE(answer.status, 400);
    QCOMPARE(answer.json().value(QLatin1String("statusCode")).toInt(), 400);
    QVERIFY2(answer.json().value(QLatin1String("message")).toString().contains(named), answer.body);
    QCOMPARE(applied.count(), 0);
    QCOMPARE(flow(), QStringList {QStringLiteral("Plivo")});
}

void TestManagementApiTriggers::bindingsArePaged()
{
    QVERIFY(flows().apply(kSendPhone,
                          {Binding {Binding::Kind::Integration, m_plivo, QStringLiteral("Plivo"), 0},
                           Binding {Binding::Kind::Custom, m_deployed.id, QStringLiteral("Audit"), 0}}));
    const QJsonObject second = call("GET", kBindings + QStringLiteral("?page=1&per_page=1")).json();
    QCOMPARE(second.value(QLatin1String("total")).toInt(), 2);
    QCOMPARE(second.value(QLatin1String("page")).toInt(), 1);
    QCOMPARE(second.value(QLatin1String("per_page")).toInt(), 1);
    const QJsonArray items = second.value(QLatin1String("bindings")).toArray();
    QCOMPARE(items.size(), 1);
    const QJsonObject action = items.at(0).toObject().value(QLatin1String("action")).toObject();
    QCOMPARE(action.value(QLatin1String("id")).toString(), m_deployed.id);
    QCOMPARE(
        action.value(QLatin1String("deployed_version")).toObject().value(QLatin1String("number")).toInt(), 1);
    QCOMPARE(call("GET", kBindings + QStringLiteral("?per_page=500")).status, 400);
    // Other triggers are there, empty, as deploy-cli reads each.
    const QJsonObject postLogin = call("GET", QStringLiteral("actions/triggers/post-login/bindings")).json();
    QCOMPARE(postLogin.value(QLatin1String("total")).toInt(), 0);
    QVERIFY(postLogin.value(QLatin1String("bindings")).isArray());
}

void TestManagementApiTriggers::modulesAndUnknownTriggersAnswer404()
{
    const HttpAnswer modules = call("GET", QStringLiteral("actions/modules?page=0&per_page=100"));
    QCOMPARE(modules.status, 404);
    QCOMPARE(modules.json().value(QLatin1String("errorCode")).toString(), QStringLiteral("not_supported"));
    const HttpAnswer unknown = call("GET", QStringLiteral("actions/triggers/event-stream/bindings"));
    QCOMPARE(unknown.status, 404);
    QVERIFY2(
        unknown.json().value(QLatin1String("message")).toString().contains(QLatin1String("event-stream")),
        unknown.body);
}

QTEST_GUILESS_MAIN(TestManagementApiTriggers)
#include "TestManagementApiTriggers.moc"
