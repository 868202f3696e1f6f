// The Management API's actions/actions endpoints over real HTTP, as deploy-cli and the Node SDK call them:
// the custom actions (CustomActionService) as Auth0's Action with versions, deploy and rollback; the
// installed Plivo integration listed as the Marketplace action it is and refused as a write; a write through
// the API is the service's own write (same stored action, same signals, same sapi log); a bad body is a 400
// naming the field and changes nothing; no reply ever carries a secret value.

#include "LoginServerFixture.h"
#include "ManagementApiCalls.h"
#include "core/actions/CustomActionService.h"
#include "core/actions/IntegrationService.h"
#include "core/actions/PlivoIntegration.h"
#include "tests/support/CustomActionJobResult.h"
#include "tests/support/StoreEngine.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace {

using Api = ManagementApiCalls;

const QString kSendPhone = QStringLiteral("send-phone-message");
const QByteArray kSecretValue = QByteArrayLiteral("s3cret-Value-that-never-leaves-9QpL2");
const QByteArray kPlivoToken = QByteArrayLiteral("tok3n-Sx9QpL2vWm7RzK4bN8cY1dF6gH0jT5");
const QString kCode = QStringLiteral("exports.onExecuteSendPhoneMessage = async (event, api) => {};\n");

QStringList names(const QJsonArray &actions)
{
    QStringList list;
    for (const QJsonValue &action : actions)
        list.append(action.toObject().value(QLatin1String("name")).toString());
    return list;
}

} // namespace

class TestManagementApiActions : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<LoginServerFixture> m_fixture;
    std::unique_ptr<ManagementApiCalls> m_api;
    LoginServerFixture &f() { return *m_fixture; }
    CustomActionService &actions() { return f().tenant().customActions(); }
    HttpAnswer call(const QByteArray &method,
                    const QString &path,
                    const QByteArray &body = {},
                    const QStringList &scopes = Api::actionScopes())
    {
        return m_api->call(method, path, body, scopes);
    }
    /// Installs Plivo with credentials (kPlivoToken) through IntegrationService; its id, empty on failure.
    QString installPlivo();
    /// An action made through the service with kCode as its draft; empty id on failure.
    CustomAction makeAction(const QString &name, const QString &trigger = kSendPhone)
    {
        return m_api->addAction(name, trigger, kCode);
    }
    /// The stored action @p id, with what differs between two equal writes (id, times) blanked.
    CustomAction comparable(const QString &id);

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();
    void listsCustomAndMarketplaceActions_data();
    void listsCustomAndMarketplaceActions();
    void marketplaceActionIsReadOnly();
    void createIsTheServicesWrite();
    void badBodiesChangeNothing_data();
    void badBodiesChangeNothing();
    void patchIsTheServicesWrite();
    void secretValuesNeverLeave();
    void scopesAreChecked_data();
    void scopesAreChecked();
};

void TestManagementApiActions::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestManagementApiActions::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_fixture = std::make_unique<LoginServerFixture>();
    QVERIFY(f().start());
    m_api = std::make_unique<ManagementApiCalls>(f());
    QVERIFY(m_api->valid());
}

void TestManagementApiActions::cleanup()
{
    m_api.reset();
    m_fixture.reset();
}

QString TestManagementApiActions::installPlivo()
{
    IntegrationJob *job = f().tenant().integrations().install(
        PlivoIntegration::CatalogId,
        {{PlivoIntegration::Number, QStringLiteral("+15554443232")}},
        {{PlivoIntegration::AuthId, QByteArrayLiteral("MAABCDEFGHJK12345678")},
         {PlivoIntegration::AuthToken, kPlivoToken}},
        false);
    QString id;
    connect(job, &IntegrationJob::finished, this, [&id](IntegrationJob *done) {
        if (done->succeeded())
            id = done->integration().id;
    });
    QSignalSpy finished(job, &IntegrationJob::finished);
    if (!finished.wait(10000))
        return {};
    return id;
}

CustomAction TestManagementApiActions::comparable(const QString &id)
{
    CustomAction action = actions().find(id).value();
    action.id.clear();
    action.createdAt = action.updatedAt = {};
    for (ActionSecret &secret : action.secrets)
        secret.updatedAt = {};
    return action;
}

void TestManagementApiActions::listsCustomAndMarketplaceActions_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("status");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<int>("total");

    const QStringList all {QStringLiteral("Alpha"), QStringLiteral("Beta"), QStringLiteral("Plivo")};
    QTest::newRow("all, sorted by name") << QString() << 200 << all << 3;
    QTest::newRow("installed=true: the Marketplace one")
        << "installed=true" << 200 << QStringList {QStringLiteral("Plivo")} << 1;
    QTest::newRow("installed=false: the custom ones") << "installed=false" << 200 << all.mid(0, 2) << 2;
    QTest::newRow("triggerId") << "triggerId=post-login" << 200 << QStringList {QStringLiteral("Beta")} << 1;
    QTest::newRow("actionName") << "actionName=Plivo" << 200 << QStringList {QStringLiteral("Plivo")} << 1;
    QTest::newRow("deployed=false") << "deployed=false" << 200 << all.mid(0, 2) << 2;
    QTest::newRow("deployed=true: the installed one") << "deployed=true" << 200 << all.mid(2) << 1;
    QTest::newRow("second page of one") << "page=1&per_page=1" << 200 << all.mid(1, 1) << 3;
    QTest::newRow("past the end") << "page=5&per_page=2" << 200 << QStringList() << 3;
    QTest::newRow("per_page 0") << "per_page=0" << 400 << QStringList {QStringLiteral("per_page")} << 0;
    QTest::newRow("per_page 101") << "per_page=101" << 400 << QStringList {QStringLiteral("per_page")} << 0;
    QTest::newRow("page -1") << "page=-1" << 400 << QStringList {QStringLiteral("page")} << 0;
    QTest::newRow("installed=yes") << "installed=yes" << 400 << QStringList {QStringLiteral("installed")}
                                   << 0;
}

void TestManagementApiActions::listsCustomAndMarketplaceActions()
{
    QFETCH(QString, query);
    QFETCH(int, status);
    QFETCH(QStringList, expected);
    QFETCH(int, total);
    QVERIFY(!installPlivo().isEmpty());
    QVERIFY(!makeAction(QStringLiteral("Beta"), QStringLiteral("post-login")).id.isEmpty());
    QVERIFY(!makeAction(QStringLiteral("Alpha")).id.isEmpty());

    const HttpAnswer answer = call("GET", QStringLiteral("actions/actions?") + query);
    QCOMPARE(answer.status, status);
    const QJsonObject body = answer.json();
    if (status != 200) {
        QCOMPARE(body.value(QLatin1String("statusCode")).toInt(), 400);
        QVERIFY2(body.value(QLatin1String("message")).toString().contains(expected.constFirst()),
                 answer.body);
        return;
    }
    QCOMPARE(names(body.value(QLatin1String("actions")).toArray()), expected);
    QCOMPARE(body.value(QLatin1String("total")).toInt(), total);
    QVERIFY(body.contains(QLatin1String("page")));
    QVERIFY(body.value(QLatin1String("per_page")).toInt() > 0);
}

void TestManagementApiActions::marketplaceActionIsReadOnly()
{
    const QString id = installPlivo();
    QVERIFY(!id.isEmpty());
    const HttpAnswer listed = call("GET", QStringLiteral("actions/actions?installed=true"));
    const QJsonObject plivo = listed.json().value(QLatin1String("actions")).toArray().at(0).toObject();
    QCOMPARE(plivo.value(QLatin1String("installed_integration_id")).toString(), id);
    QCOMPARE(plivo.value(QLatin1String("supported_triggers"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QLatin1String("id")),
             QJsonValue(kSendPhone));
    const QJsonObject integration = plivo.value(QLatin1String("integration")).toObject();
    QCOMPARE(integration.value(QLatin1String("feature_type")).toString(), QStringLiteral("action"));
    QCOMPARE(integration.value(QLatin1String("catalog_id")).toString(), QStringLiteral("plivo"));
    QCOMPARE(integration.value(QLatin1String("name")).toString(), QStringLiteral("Plivo"));
    const QJsonObject release = integration.value(QLatin1String("current_release")).toObject();
    QCOMPARE(release.value(QLatin1String("trigger")).toObject().value(QLatin1String("id")).toString(),
             kSendPhone);
    QCOMPARE(names(release.value(QLatin1String("required_secrets")).toArray()),
             (QStringList {PlivoIntegration::AuthId, PlivoIntegration::AuthToken}));
    QCOMPARE(names(release.value(QLatin1String("required_configuration")).toArray()),
             QStringList {PlivoIntegration::Number});
    QCOMPARE(call("GET", QStringLiteral("actions/actions/") + id).json(), plivo);

    QSignalSpy updated(&f().tenant().integrations(), &IntegrationService::integrationUpdated);
    QSignalSpy removed(&f().tenant().integrations(), &IntegrationService::integrationRemoved);
    for (const auto &[method, path] : {std::pair<QByteArray, QString> {"PATCH", QString()},
                                       {"DELETE", QString()},
                                       {"POST", QStringLiteral("/deploy")}}) {
        const HttpAnswer refused = call(method,
                                        QStringLiteral("actions/actions/") + id + path,
                                        Api::json({{QStringLiteral("name"), QStringLiteral("X")}}));
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.json().value(QLatin1String("errorCode")).toString(),
                 QStringLiteral("operation_not_supported"));
        QVERIFY2(
            refused.json().value(QLatin1String("message")).toString().contains(QLatin1String("Marketplace")),
            refused.body);
    }
    QCOMPARE(updated.count(), 0);
    QCOMPARE(removed.count(), 0);
    QVERIFY(f().tenant().integrations().find(id));
}

void TestManagementApiActions::createIsTheServicesWrite()
{
    const QJsonArray dependencies {QJsonObject {{QStringLiteral("name"), QStringLiteral("axios")},
                                                {QStringLiteral("version"), QStringLiteral("1.6.0")}}};
    const QByteArray body = Api::json(
        {{QStringLiteral("name"), QStringLiteral("Over HTTP")},
         {QStringLiteral("supported_triggers"),
          QJsonArray {QJsonObject {{QStringLiteral("id"), kSendPhone},
                                   {QStringLiteral("version"), QStringLiteral("v2")}}}},
         {QStringLiteral("code"), kCode},
         {QStringLiteral("runtime"), QStringLiteral("node22")},
         {QStringLiteral("dependencies"), dependencies},
         {QStringLiteral("secrets"),
          QJsonArray {QJsonObject {{QStringLiteral("name"), QStringLiteral("API_KEY")},
                                   {QStringLiteral("value"), QString::fromLatin1(kSecretValue)}}}}});
    QSignalSpy added(&actions(), &CustomActionService::actionAdded);
    QSignalSpy changed(&actions(), &CustomActionService::actionChanged);
    const int createEvents = m_api->sapiEvents(QStringLiteral("/api/v2/actions/actions"));
    const HttpAnswer answer = call("POST", QStringLiteral("actions/actions"), body);
    QCOMPARE(answer.status, 201);
    QVERIFY(!answer.body.contains(kSecretValue));
    const QString overHttp = answer.json().value(QLatin1String("id")).toString();
    QCOMPARE(answer.json().value(QLatin1String("status")).toString(), QStringLiteral("built"));
    QCOMPARE(
        answer.json().value(QLatin1String("secrets")).toArray().at(0).toObject().value(QLatin1String("name")),
        QJsonValue(QStringLiteral("API_KEY")));
    QCOMPARE(added.count(), 1);
    const int changesOverHttp = int(changed.count());
    const int updateEventsOverHttp = m_api->sapiEvents(QStringLiteral("/api/v2/actions/actions/") + overHttp);

    // The same write through the service, as the Library's pages make it.
    auto created = actions().create(QStringLiteral("By hand"), kSendPhone, QStringLiteral("node22"));
    QVERIFY(created);
    const QString byHand = created.value().id;
    QVERIFY(actions().saveDraft(
        byHand, kCode, {{QStringLiteral("axios"), QStringLiteral("1.6.0")}}, created.value().revision));
    QVERIFY(waitForJob(actions().setSecret(byHand, QStringLiteral("API_KEY"), kSecretValue)).succeeded);
    QCOMPARE(added.count(), 2);
    QCOMPARE(int(changed.count()) - changesOverHttp, changesOverHttp);
    QCOMPARE(m_api->sapiEvents(QStringLiteral("/api/v2/actions/actions")), createEvents + 2);
    QCOMPARE(m_api->sapiEvents(QStringLiteral("/api/v2/actions/actions/") + byHand), updateEventsOverHttp);
    CustomAction a = comparable(overHttp);
    CustomAction b = comparable(byHand);
    a.name = b.name;
    QCOMPARE(a.code, b.code);
    QCOMPARE(a.runtime, b.runtime);
    QCOMPARE(a.triggerId, b.triggerId);
    QCOMPARE(a.dependencies, b.dependencies);
    QCOMPARE(a.secretNames(), b.secretNames());
    QCOMPARE(a.revision, b.revision);
    QCOMPARE(a.deployedVersion, b.deployedVersion);
    const CustomActionJobResult secrets = waitForJob(actions().readSecrets(overHttp));
    QCOMPARE(secrets.secretValues.value(QStringLiteral("API_KEY")), kSecretValue);
}

void TestManagementApiActions::badBodiesChangeNothing_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");

    const QByteArray trigger = R"("supported_triggers":[{"id":"send-phone-message","version":"v2"}])";
    QTest::newRow("no name") << QByteArray("POST") << "{" + trigger + "}"
                             << "name";
    QTest::newRow("no trigger") << QByteArray("POST") << QByteArray(R"({"name":"A"})")
                                << "supported_triggers";
    QTest::newRow("two triggers") << QByteArray("POST")
                                  << QByteArray(R"({"name":"A","supported_triggers":[{"id":"post-login"},)"
                                                R"({"id":"send-phone-message"}]})")
                                  << "supported_triggers";
    QTest::newRow("unknown trigger") << QByteArray(
        "POST") << QByteArray(R"({"name":"A","supported_triggers":[{"id":"event-stream"}]})")
                                     << "supported_triggers";
    QTest::newRow("old trigger version")
        << QByteArray("POST")
        << QByteArray(R"({"name":"A","supported_triggers":[{"id":"send-phone-)"
                      R"(message","version":"v1"}]})")
        << "supported_triggers[0].version";
    QTest::newRow("taken name") << QByteArray("POST") << R"({"name":"Taken",)" + trigger + "}"
                                << "Taken";
    QTest::newRow("unknown runtime") << QByteArray("POST")
                                     << R"({"name":"A","runtime":"node8",)" + trigger + "}"
                                     << "runtime";
    QTest::newRow("bad dependency") << QByteArray("POST")
                                    << R"({"name":"A","dependencies":[{"name":"Not A Name!","version":"1"}],)"
            + trigger + "}"
                                    << "dependencies";
    QTest::newRow("secret without a value")
        << QByteArray("POST") << R"({"name":"A","secrets":[{"name":"KEY"}],)" + trigger + "}"
        << "secrets[0].value";
    QTest::newRow("bad secret name") << QByteArray("POST")
                                     << R"({"name":"A","secrets":[{"name":"1KEY","value":"v"}],)" + trigger
            + "}"
                                     << "secrets[0].name";
    QTest::newRow("unknown field") << QByteArray("POST") << R"({"name":"A","colour":"red",)" + trigger + "}"
                                   << "colour";
    QTest::newRow("modules") << QByteArray("POST")
                             << R"({"name":"A","modules":[{"module_name":"m"}],)" + trigger + "}"
                             << "modules";
    QTest::newRow("patch: other trigger")
        << QByteArray("PATCH") << QByteArray(R"({"supported_triggers":[{"id":"post-login"}]})")
        << "supported_triggers";
    QTest::newRow("patch: other runtime")
        << QByteArray("PATCH") << QByteArray(R"({"runtime":"node22"})") << "runtime";
    QTest::newRow("patch: taken name") << QByteArray("PATCH") << QByteArray(R"({"name":"Taken"})") << "Taken";
    QTest::newRow("patch: keep a secret it has not")
        << QByteArray("PATCH") << QByteArray(R"({"secrets":[{"name":"NEW","value":"_VALUE_NOT_SHOWN_"}]})")
        << "NEW";
    QTest::newRow("patch: code not a string")
        << QByteArray("PATCH") << QByteArray(R"({"code":12})") << "code";
}

void TestManagementApiActions::badBodiesChangeNothing()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    QVERIFY(!makeAction(QStringLiteral("Taken")).id.isEmpty());
    const CustomAction edited = makeAction(QStringLiteral("Edited"));
    QVERIFY(!edited.id.isEmpty());
    QSignalSpy added(&actions(), &CustomActionService::actionAdded);
    QSignalSpy changed(&actions(), &CustomActionService::actionChanged);
    const QString path = method == "POST" ? QStringLiteral("actions/actions")
                                          : QStringLiteral("actions/actions/") + edited.id;
    const HttpAnswer answer = call(method, path, body);
    QCOMPARE(answer.status, 400);
    QCOMPARE(answer.json().value(QLatin1String("statusCode")).toInt(), 400);
    QVERIFY2(answer.json().value(QLatin1String("message")).toString().contains(field), answer.body);
    QCOMPARE(added.count(), 0);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(actions().list().value().size(), 2);
    QCOMPARE(actions().find(edited.id).value().revision, edited.revision);
}

void TestManagementApiActions::patchIsTheServicesWrite()
{
    const CustomAction overHttp = makeAction(QStringLiteral("Over HTTP"));
    const CustomAction byHand = makeAction(QStringLiteral("By hand"));
    QVERIFY(!overHttp.id.isEmpty() && !byHand.id.isEmpty());
    const QString code = QStringLiteral("exports.onExecuteSendPhoneMessage = async () => { /* v2 */ };\n");
    QSignalSpy changed(&actions(), &CustomActionService::actionChanged);
    const QString path = QStringLiteral("/api/v2/actions/actions/");
    const int events = m_api->sapiEvents(path + overHttp.id);

    const HttpAnswer answer
        = call("PATCH",
               QStringLiteral("actions/actions/") + overHttp.id,
               Api::json({{QStringLiteral("name"), QStringLiteral("Renamed over HTTP")},
                          {QStringLiteral("code"), code},
                          {QStringLiteral("dependencies"),
                           QJsonArray {QJsonObject {{QStringLiteral("name"), QStringLiteral("lodash")},
                                                    {QStringLiteral("version"), QStringLiteral("4.17.21")}}}},
                          {QStringLiteral("runtime"), overHttp.runtime},
                          {QStringLiteral("supported_triggers"),
                           QJsonArray {QJsonObject {{QStringLiteral("id"), kSendPhone}}}}}));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json().value(QLatin1String("name")).toString(), QStringLiteral("Renamed over HTTP"));
    QCOMPARE(answer.json().value(QLatin1String("code")).toString(), code);
    const int changesOverHttp = int(changed.count());
    QCOMPARE(changesOverHttp, 2); // the draft, then the name, as the editor saves them

    auto saved = actions().saveDraft(
        byHand.id, code, {{QStringLiteral("lodash"), QStringLiteral("4.17.21")}}, byHand.revision);
    QVERIFY(saved);
    QVERIFY(actions().rename(byHand.id, QStringLiteral("Renamed by hand"), saved.value().revision));
    QCOMPARE(int(changed.count()), 2 * changesOverHttp);
    QCOMPARE(m_api->sapiEvents(path + overHttp.id) - events, m_api->sapiEvents(path + byHand.id) - events);
    CustomAction a = comparable(overHttp.id);
    CustomAction b = comparable(byHand.id);
    QCOMPARE(a.code, b.code);
    QCOMPARE(a.dependencies, b.dependencies);
    QCOMPARE(a.revision, b.revision);

    // The same body again changes nothing, as deploy-cli sends every action on each import.
    const HttpAnswer again = call("PATCH",
                                  QStringLiteral("actions/actions/") + overHttp.id,
                                  Api::json({{QStringLiteral("name"), QStringLiteral("Renamed over HTTP")},
                                             {QStringLiteral("code"), code}}));
    QCOMPARE(again.status, 200);
    QCOMPARE(int(changed.count()), 2 * changesOverHttp);
    QCOMPARE(call("GET", QStringLiteral("actions/actions/nope")).status, 404);
}

void TestManagementApiActions::secretValuesNeverLeave()
{
    const CustomAction action = makeAction(QStringLiteral("With secrets"));
    QVERIFY(waitForJob(actions().setSecret(action.id, QStringLiteral("KEPT"), kSecretValue)).succeeded);
    QVERIFY(waitForJob(actions().setSecret(action.id, QStringLiteral("DROPPED"), "old")).succeeded);
    QVERIFY(!installPlivo().isEmpty());
    const QByteArray replaced = "replaced-" + kSecretValue;
    const HttpAnswer patched = call(
        "PATCH",
        QStringLiteral("actions/actions/") + action.id,
        Api::json({{QStringLiteral("secrets"),
                    QJsonArray {QJsonObject {{QStringLiteral("name"), QStringLiteral("KEPT")},
                                             {QStringLiteral("value"), QStringLiteral("_VALUE_NOT_SHOWN_")}},
                                QJsonObject {{QStringLiteral("name"), QStringLiteral("SET")},
                                             {QStringLiteral("value"), QString::fromLatin1(replaced)}}}}}));
    QCOMPARE(patched.status, 200);
    const CustomActionJobResult read = waitForJob(actions().readSecrets(action.id));
    QCOMPARE(read.secretValues.value(QStringLiteral("KEPT")), kSecretValue);
    QCOMPARE(read.secretValues.value(QStringLiteral("SET")), replaced);
    QCOMPARE(read.secretValues.size(), 2);

    const QList<HttpAnswer> answers {patched,
                                     call("GET", QStringLiteral("actions/actions")),
                                     call("GET", QStringLiteral("actions/actions/") + action.id),
                                     call("GET", QStringLiteral("actions/actions?installed=true"))};
    for (const HttpAnswer &answer : answers) {
        QCOMPARE(answer.status, 200);
        for (const QByteArray &value :
             {kSecretValue, replaced, kPlivoToken, QByteArrayLiteral("MAABCDEFGHJK12345678")})
            QVERIFY2(!answer.body.contains(value), answer.body);
    }
    QCOMPARE(names(answers.at(2).json().value(QLatin1String("secrets")).toArray()),
             (QStringList {QStringLiteral("KEPT"), QStringLiteral("SET")}));
}

void TestManagementApiActions::scopesAreChecked_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("needed");

    QTest::newRow("list") << QByteArray("GET") << "actions/actions"
                          << "read:actions";
    QTest::newRow("create") << QByteArray("POST") << "actions/actions"
                            << "create:actions";
    QTest::newRow("get") << QByteArray("GET") << "actions/actions/{id}"
                         << "read:actions";
    QTest::newRow("update") << QByteArray("PATCH") << "actions/actions/{id}"
                            << "update:actions";
    QTest::newRow("delete") << QByteArray("DELETE") << "actions/actions/{id}"
                            << "delete:actions";
    QTest::newRow("deploy") << QByteArray("POST") << "actions/actions/{id}/deploy"
                            << "update:actions";
    QTest::newRow("versions") << QByteArray("GET") << "actions/actions/{id}/versions"
                              << "read:actions";
    QTest::newRow("rollback") << QByteArray("POST") << "actions/actions/{id}/versions/x/deploy"
                              << "update:actions";
    QTest::newRow("triggers") << QByteArray("GET") << "actions/triggers"
                              << "read:actions";
    QTest::newRow("bindings") << QByteArray("GET") << "actions/triggers/send-phone-message/bindings"
                              << "read:actions";
    QTest::newRow("apply bindings") << QByteArray("PATCH") << "actions/triggers/send-phone-message/bindings"
                                    << "update:actions";
}

void TestManagementApiActions::scopesAreChecked()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QString, needed);
    const CustomAction action = makeAction(QStringLiteral("Scoped"));
    path.replace(QLatin1String("{id}"), action.id);
    QStringList others = Api::actionScopes();
    others.removeAll(needed);
    QSignalSpy changed(&actions(), &CustomActionService::actionChanged);
    const HttpAnswer answer = call(method, path, R"({"name":"Scoped 2","bindings":[]})", others);
    QCOMPARE(answer.status, 403);
    QCOMPARE(answer.json().value(QLatin1String("errorCode")).toString(),
             QStringLiteral("insufficient_scope"));
    QVERIFY2(answer.json().value(QLatin1String("message")).toString().contains(needed), answer.body);
    QCOMPARE(changed.count(), 0);
    QVERIFY(actions().find(action.id));
}

QTEST_GUILESS_MAIN(TestManagementApiActions)
#include "TestManagementApiActions.moc"
