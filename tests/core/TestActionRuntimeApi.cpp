#include "core/runtime/ActionRuntime.h"
#include "core/runtime/ActionTriggers.h"
#include "tests/support/ScriptOutcomeText.h"
#include "tests/support/ScriptRequests.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using Status = ScriptOutcome::Status;

/// The event and api objects an action gets: secrets, dependencies, built-ins, api.cache, commands.
class TestActionRuntimeApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void secretsAndConfiguration();
    void dependency();
    void builtinsAndFetch();
    void cacheAcrossRuns();
    void cacheExpires();
    void postLoginCommands();
    void phoneApiHasOnlyCache();
    void skeletonsRun_data();
    void skeletonsRun();

private:
    std::unique_ptr<ActionRuntime> m_runtime;
};

void TestActionRuntimeApi::initTestCase()
{
    // One warm runtime for the suite, as the app has; tests of a fresh one make their own.
    m_runtime = std::make_unique<ActionRuntime>();
    if (m_runtime->nodeProgram().isEmpty())
        QSKIP("Node.js is not installed");
}

void TestActionRuntimeApi::cleanupTestCase()
{
    m_runtime.reset();
}

void TestActionRuntimeApi::secretsAndConfiguration()
{
    ScriptRequest request = phoneRequest(phoneHandler(
        QStringLiteral("return [event.secrets.PLIVO_AUTH_TOKEN, event.configuration.PLIVO_NUMBER, "
                       "event.message_options.code];")));
    request.secrets = QJsonObject {{QStringLiteral("PLIVO_AUTH_TOKEN"), QStringLiteral("s3cr3t-token")}};
    request.configuration = QJsonObject {{QStringLiteral("PLIVO_NUMBER"), QStringLiteral("+14155550100")}};
    const ScriptOutcome outcome = outcomeOf(m_runtime->run(request));
    QVERIFY2(outcome.succeeded(), describe(outcome));
    QCOMPARE(outcome.returnValue, jsonValue(R"(["s3cr3t-token","+14155550100","481516"])"));
}

void TestActionRuntimeApi::dependency()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString package = dir.filePath(QStringLiteral("node_modules/tiny-greeter"));
    QVERIFY(QDir().mkpath(package));
    QFile manifest(package + QStringLiteral("/package.json"));
    QVERIFY(manifest.open(QIODevice::WriteOnly));
    manifest.write(R"({"name":"tiny-greeter","version":"1.0.0","main":"index.js"})");
    manifest.close();
    QFile index(package + QStringLiteral("/index.js"));
    QVERIFY(index.open(QIODevice::WriteOnly));
    index.write("exports.greet = (name) => `Hello, ${name}`;\n");
    index.close();

    ScriptRequest request
        = phoneRequest(QStringLiteral("const { greet } = require('tiny-greeter');\n")
                       + phoneHandler(QStringLiteral("return greet(event.user.given_name);")));
    request.modulesDir = dir.filePath(QStringLiteral("node_modules"));
    ScriptOutcome outcome = outcomeOf(m_runtime->run(request));
    QVERIFY2(outcome.succeeded(), describe(outcome));
    QCOMPARE(outcome.returnValue, jsonValue(R"("Hello, Jordan")"));

    request.modulesDir.clear();
    outcome = outcomeOf(m_runtime->run(request));
    QCOMPARE(outcome.status, Status::Threw);
    QVERIFY2(outcome.error.contains(QStringLiteral("Cannot find module 'tiny-greeter'")), describe(outcome));
}

void TestActionRuntimeApi::builtinsAndFetch()
{
    const ScriptOutcome outcome = outcomeOf(m_runtime->run(phoneRequest(
        QStringLiteral("const crypto = require('crypto');\n"
                       "exports.onExecuteSendPhoneMessage = async () => {\n"
                       "  const response = await fetch('data:text/plain,pong');\n"
                       "  return [crypto.createHash('sha256').update('a').digest('hex').slice(0, 8), await "
                       "response.text()];\n"
                       "};\n"))));
    QVERIFY2(outcome.succeeded(), describe(outcome));
    QCOMPARE(outcome.returnValue, jsonValue(R"(["ca978112","pong"])"));
}

void TestActionRuntimeApi::cacheAcrossRuns()
{
    ScriptRequest set = phoneRequest(phoneHandler(QStringLiteral("return api.cache.set('token', 'abc');")));
    set.actionId = QStringLiteral("act_plivo");
    ScriptOutcome outcome = outcomeOf(m_runtime->run(set));
    QVERIFY2(outcome.succeeded(), describe(outcome));
    QCOMPARE(outcome.returnValue, jsonValue(R"({"type":"success"})"));

    ScriptRequest get = phoneRequest(phoneHandler(
        QStringLiteral("const entry = api.cache.get('token');\n"
                       "return entry && [entry.value, entry.expires_at - Date.now() > 14 * 60 * 1000];")));
    get.actionId = set.actionId;
    outcome = outcomeOf(m_runtime->run(get));
    QVERIFY2(outcome.succeeded(), describe(outcome));
    QCOMPARE(outcome.returnValue, jsonValue(R"(["abc",true])"));

    get.actionId = QStringLiteral("act_other"); // another action has its own cache
    QCOMPARE(outcomeOf(m_runtime->run(get)).returnValue, QJsonValue(QJsonValue::Undefined));
    set.actionId.clear(); // a one-off run's cache is not kept
    QVERIFY(outcomeOf(m_runtime->run(set)).succeeded());
    get.actionId.clear();
    QCOMPARE(outcomeOf(m_runtime->run(get)).returnValue, QJsonValue(QJsonValue::Undefined));
}

void TestActionRuntimeApi::cacheExpires()
{
    ScriptRequest request = phoneRequest(
        phoneHandler(QStringLiteral("api.cache.set('old', 'x', {expires_at: Date.now() - 1});\n"
                                    "api.cache.set('gone', 'y');\n"
                                    "api.cache.delete('gone');")));
    request.actionId = QStringLiteral("act_expiry");
    QVERIFY(outcomeOf(m_runtime->run(request)).succeeded());
    request.code = phoneHandler(QStringLiteral("return [api.cache.get('old'), api.cache.get('gone')];"));
    const ScriptOutcome outcome = outcomeOf(m_runtime->run(request));
    QVERIFY2(outcome.succeeded(), describe(outcome));
    QCOMPARE(outcome.returnValue, jsonValue("[null,null]"));
}

void TestActionRuntimeApi::postLoginCommands()
{
    ScriptRequest request;
    request.triggerId = QStringLiteral("post-login");
    request.event = ActionTriggers::sampleEvent(request.triggerId);
    request.code
        = QStringLiteral("exports.onExecutePostLogin = async (event, api) => {\n"
                         "  api.idToken.setCustomClaim('https://authdeck/roles', ['admin'])\n"
                         "     .accessToken.setCustomClaim('tier', 'gold');\n"
                         "  api.user.setUserMetadata('seen', true);\n"
                         "  api.user.setAppMetadata('plan', 'pro');\n"
                         "  api.multifactor.enable('any', {allowRememberBrowser: false});\n"
                         "  api.redirect.sendUserTo('https://example.com/consent', {query: {step: 1}});\n"
                         "  if (event.user.email.endsWith('@example.com')) api.access.deny('Not allowed');\n"
                         "};\n");
    const ScriptOutcome outcome = outcomeOf(m_runtime->run(request));
    QVERIFY2(outcome.succeeded(), describe(outcome));
    const QJsonValue expected
        = jsonValue("["
                    R"({"api":"idToken.setCustomClaim","args":["https://authdeck/roles",["admin"]]},)"
                    R"({"api":"accessToken.setCustomClaim","args":["tier","gold"]},)"
                    R"({"api":"user.setUserMetadata","args":["seen",true]},)"
                    R"({"api":"user.setAppMetadata","args":["plan","pro"]},)"
                    R"({"api":"multifactor.enable","args":["any",{"allowRememberBrowser":false}]},)"
                    R"({"api":"redirect.sendUserTo","args":["https://example.com/consent",)"
                    R"({"query":{"step":1}}]},)"
                    R"({"api":"access.deny","args":["Not allowed"]}])");
    QCOMPARE(QJsonValue(outcome.commands), expected);
}

void TestActionRuntimeApi::phoneApiHasOnlyCache()
{
    const ScriptOutcome outcome = outcomeOf(m_runtime->run(phoneRequest(phoneHandler(
        QStringLiteral("api.cache.get('k'); return [Object.keys(api), Object.keys(api.cache)];")))));
    QVERIFY2(outcome.succeeded(), describe(outcome));
    QCOMPARE(outcome.returnValue, jsonValue(R"([["cache"],["get","set","delete"]])"));
    QCOMPARE(QJsonValue(outcome.commands), jsonValue(R"([{"api":"cache.get","args":["k"]}])"));
}

void TestActionRuntimeApi::skeletonsRun_data()
{
    QTest::addColumn<QString>("triggerId");
    const QStringList ids = ActionTriggers::runnable();
    for (const QString &id : ids)
        QTest::newRow(qPrintable(id)) << id;
}

void TestActionRuntimeApi::skeletonsRun()
{
    QFETCH(QString, triggerId);
    ScriptRequest request;
    request.triggerId = triggerId;
    request.code = ActionTriggers::skeleton(triggerId);
    request.event = ActionTriggers::sampleEvent(triggerId);
    const ScriptOutcome outcome = outcomeOf(m_runtime->run(request));
    QVERIFY2(outcome.succeeded(), describe(outcome));
    QVERIFY(outcome.commands.isEmpty());
}

QTEST_GUILESS_MAIN(TestActionRuntimeApi)
#include "TestActionRuntimeApi.moc"
