// The Management API's deploy, versions and delete of custom actions over real HTTP: a deploy answers with
// the new ActionVersion once the code was checked (a syntax error is a 400 with its line), versions are paged
// newest first with stable ids, a rollback is CustomActionService::rollback, and deleting an action bound in
// a flow is refused (409 naming the flow) unless force=true, which detaches it through the service.

#include "LoginServerFixture.h"
#include "ManagementApiCalls.h"
#include "core/actions/CustomActionService.h"
#include "core/flows/FlowService.h"
#include "tests/support/CustomActionJobResult.h"
#include "tests/support/StoreEngine.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace {

using Api = ManagementApiCalls;

const QString kSendPhone = QStringLiteral("send-phone-message");
const QString kCode = QStringLiteral("exports.onExecuteSendPhoneMessage = async (event, api) => {};\n");

} // namespace

class TestManagementApiActionVersions : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<LoginServerFixture> m_fixture;
    std::unique_ptr<ManagementApiCalls> m_api;
    LoginServerFixture &f() { return *m_fixture; }
    CustomActionService &actions() { return f().tenant().customActions(); }
    HttpAnswer call(const QByteArray &method, const QString &path, const QByteArray &body = {})
    {
        return m_api->call(method, path, body, Api::actionScopes());
    }
    CustomAction makeAction(const QString &name) { return m_api->addAction(name, kSendPhone, kCode); }

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();
    void deployVersionsAndRollback();
    void syntaxErrorIsA400WithTheLine();
    void deleteRefusesABoundActionUnlessForced();
};

void TestManagementApiActionVersions::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestManagementApiActionVersions::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_fixture = std::make_unique<LoginServerFixture>();
    QVERIFY(f().start());
    m_api = std::make_unique<ManagementApiCalls>(f());
    QVERIFY(m_api->valid());
}

void TestManagementApiActionVersions::cleanup()
{
    m_api.reset();
    m_fixture.reset();
}

void TestManagementApiActionVersions::deployVersionsAndRollback()
{
    const CustomAction action = makeAction(QStringLiteral("Deployed"));
    const QString path = QStringLiteral("actions/actions/") + action.id;
    QSignalSpy deployed(&actions(), &CustomActionService::versionDeployed);
    const HttpAnswer first = call("POST", path + QStringLiteral("/deploy"));
    QCOMPARE(first.status, 200);
    QCOMPARE(first.json().value(QLatin1String("number")).toInt(), 1);
    QCOMPARE(first.json().value(QLatin1String("deployed")).toBool(), true);
    QCOMPARE(first.json().value(QLatin1String("action_id")).toString(), action.id);
    QCOMPARE(deployed.count(), 1);
    const QString v1 = first.json().value(QLatin1String("id")).toString();

    const QString code2 = QStringLiteral("exports.onExecuteSendPhoneMessage = async () => { /* 2 */ };\n");
    QCOMPARE(call("PATCH", path, Api::json({{QStringLiteral("code"), code2}})).status, 200);
    QCOMPARE(call("GET", path).json().value(QLatin1String("all_changes_deployed")).toBool(), false);
    const HttpAnswer second = call("POST", path + QStringLiteral("/deploy"));
    QCOMPARE(second.json().value(QLatin1String("number")).toInt(), 2);
    const QJsonObject current = call("GET", path).json();
    QCOMPARE(
        current.value(QLatin1String("deployed_version")).toObject().value(QLatin1String("code")).toString(),
        code2);
    QCOMPARE(current.value(QLatin1String("all_changes_deployed")).toBool(), true);

    const QJsonObject versions = call("GET", path + QStringLiteral("/versions?per_page=1")).json();
    QCOMPARE(versions.value(QLatin1String("total")).toInt(), 2);
    QCOMPARE(versions.value(QLatin1String("per_page")).toInt(), 1);
    QCOMPARE(versions.value(QLatin1String("versions"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QLatin1String("number"))
                 .toInt(),
             2);
    const QJsonObject one = call("GET", path + QStringLiteral("/versions/") + v1).json();
    QCOMPARE(one.value(QLatin1String("id")).toString(), v1);
    QCOMPARE(one.value(QLatin1String("code")).toString(), kCode);
    QCOMPARE(one.value(QLatin1String("deployed")).toBool(), false);
    QCOMPARE(call("GET", path + QStringLiteral("/versions/") + QStringLiteral("nope")).status, 404);

    const HttpAnswer rolledBack = call("POST",
                                       path + QStringLiteral("/versions/") + v1 + QStringLiteral("/deploy"),
                                       R"({"update_draft":true})");
    QCOMPARE(rolledBack.status, 200);
    QCOMPARE(rolledBack.json().value(QLatin1String("id")).toString(), v1);
    QCOMPARE(rolledBack.json().value(QLatin1String("deployed")).toBool(), true);
    QCOMPARE(actions().find(action.id).value().deployedVersion, 1);
    QCOMPARE(actions().find(action.id).value().code, kCode);
    QCOMPARE(deployed.count(), 3);
}

void TestManagementApiActionVersions::syntaxErrorIsA400WithTheLine()
{
    const CustomAction action = makeAction(QStringLiteral("Broken"));
    QVERIFY(actions().saveDraft(
        action.id, QStringLiteral("exports.x = 1;\nexports.y = (;\n"), {}, action.revision));
    const HttpAnswer answer = call("POST", QStringLiteral("actions/actions/%1/deploy").arg(action.id));
    QCOMPARE(answer.status, 400);
    QVERIFY2(answer.json().value(QLatin1String("message")).toString().contains(QLatin1String("Line 2")),
             answer.body);
    QVERIFY(!actions().find(action.id).value().isDeployed());
}

void TestManagementApiActionVersions::deleteRefusesABoundActionUnlessForced()
{
    const CustomAction action = makeAction(QStringLiteral("Bound"));
    QVERIFY(waitForJob(actions().deploy(action.id)).succeeded);
    QVERIFY(
        f().tenant().flows().apply(kSendPhone, {Binding {Binding::Kind::Custom, action.id, action.name, 1}}));
    QSignalSpy removed(&actions(), &CustomActionService::actionRemoved);
    QSignalSpy flowApplied(&f().tenant().flows(), &FlowService::flowApplied);
    const QString path = QStringLiteral("actions/actions/") + action.id;

    const HttpAnswer refused = call("DELETE", path);
    QCOMPARE(refused.status, 409);
    QVERIFY2(refused.json().value(QLatin1String("message")).toString().contains(kSendPhone), refused.body);
    QVERIFY(actions().find(action.id));
    QCOMPARE(f().tenant().flows().bindings(kSendPhone).value().size(), 1);

    QCOMPARE(call("DELETE", path + QStringLiteral("?force=true")).status, 204);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(flowApplied.count(), 1);
    QVERIFY(f().tenant().flows().bindings(kSendPhone).value().isEmpty());
    QCOMPARE(call("GET", path).status, 404);

    // An unbound action goes without force.
    const CustomAction loose = makeAction(QStringLiteral("Loose"));
    QCOMPARE(call("DELETE", QStringLiteral("actions/actions/") + loose.id).status, 204);
    QCOMPARE(m_api->sapiEvents(QStringLiteral("/api/v2/actions/actions/") + loose.id),
             2); // created draft, deleted
}

QTEST_GUILESS_MAIN(TestManagementApiActionVersions)
#include "TestManagementApiActionVersions.moc"
