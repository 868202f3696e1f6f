#include "core/actions/CustomActionService.h"
#include "core/actions/DependencyInstaller.h"
#include "core/runtime/ActionRuntime.h"
#include "core/runtime/ActionTriggers.h"
#include "core/store/Database.h"
#include "tests/support/CustomActionJobResult.h"
#include "tests/support/NpmRegistryServer.h"
#include "tests/support/ResultText.h"
#include "tests/support/ScriptRequests.h"
#include "tests/support/StoreEngine.h"
#include "tests/support/StoreFault.h"
#include "tests/support/TempTenant.h"

#include <QFile>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

const QString kTrigger = QStringLiteral("send-phone-message");

} // namespace

/// Deploying custom actions to numbered versions, rolling back, and test runs of the draft.
class TestCustomActionVersions final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void initTestCase_data();
    void init();
    void cleanup();

    void deployMakesNumberedImmutableVersions();
    void syntaxErrorBlocksDeploy();
    void missingNodeBlocksDeploy();
    void failedTransactionLeavesNoVersion();
    void deployInstallsDependencies();
    void unknownDependencyBlocksDeploy();
    void rollbackKeepsOrReplacesTheDraft();
    void rollbackToUnknownVersionChangesNothing();
    void removeTakesVersionsAlong();
    void testRunsDraftWithSecretsAndDependencies();

private:
    CustomActionService &service() { return m_temp->tenant().customActions(); }
    /// An action whose draft is @p code; fails the test when it cannot be made.
    CustomAction create(const QString &code);
    /// Deploys @p id and fails the test unless it succeeds; returns the new version.
    CustomActionVersion deploy(const QString &id);
    int versionRows();

    QTemporaryDir m_npmCache;
    std::unique_ptr<QTemporaryDir> m_cacheRoot;
    std::unique_ptr<NpmRegistryServer> m_registry;
    std::unique_ptr<TempTenant> m_temp;
};

void TestCustomActionVersions::initTestCase()
{
    QVERIFY(m_npmCache.isValid());
    qputenv("NPM_CONFIG_CACHE", QFile::encodeName(m_npmCache.path()));
}

void TestCustomActionVersions::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestCustomActionVersions::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_temp = std::make_unique<TempTenant>();
    QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
    m_cacheRoot = std::make_unique<QTemporaryDir>();
    m_registry = std::make_unique<NpmRegistryServer>();
    QVERIFY2(m_registry->start(), qPrintable(m_registry->errorString()));
    m_registry->addPackage(QStringLiteral("authdeck-greeting"),
                           QStringLiteral("1.0.0"),
                           "module.exports = (name) => 'hello ' + name;\n");
    DependencyInstaller &installer = service().dependencyInstaller();
    installer.setCacheRoot(m_cacheRoot->path());
    installer.setRegistry(m_registry->url());
    installer.setFetchRetries(0);
}

void TestCustomActionVersions::cleanup()
{
    m_temp.reset();
    m_registry.reset();
    m_cacheRoot.reset();
}

CustomAction TestCustomActionVersions::create(const QString &code)
{
    auto created = service().create(QStringLiteral("Send with fetch"), kTrigger);
    if (!created) {
        QTest::qFail(errorBytes(created).constData(), __FILE__, __LINE__);
        return {};
    }
    auto saved = service().saveDraft(created.value().id, code, {}, created.value().revision);
    if (!saved) {
        QTest::qFail(errorBytes(saved).constData(), __FILE__, __LINE__);
        return {};
    }
    return saved.value();
}

CustomActionVersion TestCustomActionVersions::deploy(const QString &id)
{
    const CustomActionJobResult deployed = waitForJob(service().deploy(id));
    if (!deployed.succeeded)
        QTest::qFail(deployed.message().toUtf8().constData(), __FILE__, __LINE__);
    return deployed.version;
}

int TestCustomActionVersions::versionRows()
{
    QSqlQuery query
        = m_temp->tenant().database().prepare(QStringLiteral("SELECT count(*) FROM custom_action_versions"));
    return query.exec() && query.next() ? query.value(0).toInt() : -1;
}

void TestCustomActionVersions::deployMakesNumberedImmutableVersions()
{
    const QString first = phoneHandler(QStringLiteral("  console.log('one');"));
    const CustomAction action = create(first);
    QSignalSpy deployedSpy(&service(), &CustomActionService::versionDeployed);

    const CustomActionJobResult one = waitForJob(service().deploy(action.id));
    QVERIFY2(one.succeeded, qPrintable(one.message()));
    QCOMPARE(one.version.number, 1);
    QVERIFY(one.version.deployed);
    QCOMPARE(one.version.code, first);
    QCOMPARE(one.version.runtime, QStringLiteral("node18"));
    QCOMPARE(one.action.deployedVersion, 1);
    QVERIFY(one.action.allChangesDeployed);
    QCOMPARE(deployedSpy.count(), 1);
    QCOMPARE(deployedSpy.at(0).at(1).toInt(), 1);
    QVERIFY(service().isDeployed(action.id));

    // Editing the draft leaves the deployed version as it was.
    const QString second = phoneHandler(QStringLiteral("  console.log('two');"));
    auto edited = service().saveDraft(action.id, second, {}, one.action.revision);
    QVERIFY2(edited, errorBytes(edited));
    QVERIFY(!edited.value().allChangesDeployed);
    QCOMPARE(service().deployedVersion(action.id).value().code, first);

    QCOMPARE(deploy(action.id).number, 2);
    auto versions = service().versions(action.id);
    QVERIFY2(versions, errorBytes(versions));
    QCOMPARE(versions.value().size(), 2);
    QCOMPARE(versions.value().at(0).number, 2);
    QVERIFY(versions.value().at(0).deployed);
    QCOMPARE(versions.value().at(0).code, second);
    QCOMPARE(versions.value().at(1).number, 1);
    QVERIFY(!versions.value().at(1).deployed);
    QCOMPARE(versions.value().at(1).code, first);
    QCOMPARE(service().version(action.id, 1).value().createdAt, one.version.createdAt);
    QCOMPARE(service().deployedVersion(action.id).value().number, 2);
    QVERIFY(service().find(action.id).value().allChangesDeployed);
    QCOMPARE(deployedSpy.count(), 2);
}

void TestCustomActionVersions::syntaxErrorBlocksDeploy()
{
    const CustomAction action = create(phoneHandler(QStringLiteral("  const x = ;")));
    QSignalSpy deployedSpy(&service(), &CustomActionService::versionDeployed);

    const CustomActionJobResult deployed = waitForJob(service().deploy(action.id));
    QVERIFY(!deployed.succeeded);
    QCOMPARE(deployed.kind(), Error::Kind::Invalid);
    QVERIFY2(deployed.message().startsWith(QStringLiteral("Line 2: ")), qPrintable(deployed.message()));
    QVERIFY2(deployed.message().contains(QStringLiteral("Unexpected token")), qPrintable(deployed.message()));
    QCOMPARE(versionRows(), 0);
    QCOMPARE(service().find(action.id).value().deployedVersion, 0);
    QCOMPARE(service().deployedVersion(action.id).error().kind(), Error::Kind::NotFound);
    QCOMPARE(deployedSpy.count(), 0);
}

void TestCustomActionVersions::missingNodeBlocksDeploy()
{
    const CustomAction action = create(phoneHandler(QString()));
    m_temp->tenant().actionRuntime().setNodeProgram(QStringLiteral("/nonexistent/bin/node"));

    const CustomActionJobResult deployed = waitForJob(service().deploy(action.id));
    QVERIFY(!deployed.succeeded);
    QCOMPARE(deployed.kind(), Error::Kind::Unavailable);
    QVERIFY2(deployed.message().startsWith(QStringLiteral("The code could not be checked: ")),
             qPrintable(deployed.message()));
    QCOMPARE(versionRows(), 0);
}

void TestCustomActionVersions::failedTransactionLeavesNoVersion()
{
    const CustomAction action = create(phoneHandler(QString()));
    // The version row is written, then pointing the action at it fails: both must be rolled back.
    QCOMPARE(StoreFault::refuse(m_temp->tenant().database(),
                                QStringLiteral("refuse_deploy"),
                                QStringLiteral("UPDATE OF deployed_version"),
                                QStringLiteral("custom_actions"),
                                QStringLiteral("disk full")),
             QString());
    QSignalSpy deployedSpy(&service(), &CustomActionService::versionDeployed);

    const CustomActionJobResult failed = waitForJob(service().deploy(action.id));
    QVERIFY(!failed.succeeded);
    QCOMPARE(failed.kind(), Error::Kind::Storage);
    QCOMPARE(versionRows(), 0);
    QCOMPARE(service().find(action.id).value().deployedVersion, 0);
    QCOMPARE(deployedSpy.count(), 0);

    QCOMPARE(StoreFault::allow(m_temp->tenant().database(),
                               QStringLiteral("refuse_deploy"),
                               QStringLiteral("custom_actions")),
             QString());
    QCOMPARE(deploy(action.id).number, 1);
}

void TestCustomActionVersions::deployInstallsDependencies()
{
    const CustomAction action = create(phoneHandler(QString()));
    const QList<ActionDependency> dependencies {
        {QStringLiteral("authdeck-greeting"), QStringLiteral("^1.0.0")}};
    auto saved = service().saveDraft(action.id, action.code, dependencies, action.revision);
    QVERIFY2(saved, errorBytes(saved));

    const CustomActionVersion version = deploy(action.id);
    QCOMPARE(version.dependencies, dependencies);
    QVERIFY(service().dependencyInstaller().isInstalled(dependencies));
    QVERIFY(m_registry->requests().contains(QStringLiteral("/authdeck-greeting")));
    QCOMPARE(service().deployedVersion(action.id).value().dependencies, dependencies);
}

void TestCustomActionVersions::unknownDependencyBlocksDeploy()
{
    const CustomAction action = create(phoneHandler(QString()));
    auto saved = service().saveDraft(action.id,
                                     action.code,
                                     {{QStringLiteral("left-pad-nowhere"), QStringLiteral("1.0.0")}},
                                     action.revision);
    QVERIFY2(saved, errorBytes(saved));

    const CustomActionJobResult deployed = waitForJob(service().deploy(action.id));
    QVERIFY(!deployed.succeeded);
    QCOMPARE(deployed.message(), QStringLiteral("Package left-pad-nowhere was not found in the registry."));
    QCOMPARE(versionRows(), 0);
}

void TestCustomActionVersions::rollbackKeepsOrReplacesTheDraft()
{
    const QString first = phoneHandler(QStringLiteral("  // first"));
    const QString second = phoneHandler(QStringLiteral("  // second"));
    const CustomAction action = create(first);
    deploy(action.id);
    QVERIFY(service().saveDraft(action.id, second, {}, service().find(action.id).value().revision));
    deploy(action.id);
    const int revision = service().find(action.id).value().revision;
    QSignalSpy deployedSpy(&service(), &CustomActionService::versionDeployed);

    // Back to version 1; the draft stays the second code.
    auto back = service().rollback(action.id, 1, false);
    QVERIFY2(back, errorBytes(back));
    QCOMPARE(back.value().number, 1);
    QVERIFY(back.value().deployed);
    CustomAction stored = service().find(action.id).value();
    QCOMPARE(stored.deployedVersion, 1);
    QCOMPARE(stored.code, second);
    QCOMPARE(stored.revision, revision);
    QVERIFY(!stored.allChangesDeployed);
    QCOMPARE(deployedSpy.count(), 1);
    QCOMPARE(service().versions(action.id).value().size(), 2); // no new version

    // With updateDraft, the draft becomes version 1 too.
    QVERIFY(service().rollback(action.id, 1, true));
    stored = service().find(action.id).value();
    QCOMPARE(stored.code, first);
    QCOMPARE(stored.revision, revision + 1);
    QVERIFY(stored.allChangesDeployed);
    QCOMPARE(service().version(action.id, 2).value().code, second);
}

void TestCustomActionVersions::rollbackToUnknownVersionChangesNothing()
{
    const CustomAction action = create(phoneHandler(QString()));
    deploy(action.id);
    QSignalSpy deployedSpy(&service(), &CustomActionService::versionDeployed);

    auto back = service().rollback(action.id, 7, true);
    QVERIFY(!back);
    QCOMPARE(back.error().kind(), Error::Kind::NotFound);
    QCOMPARE(service().find(action.id).value().deployedVersion, 1);
    QCOMPARE(deployedSpy.count(), 0);
}

void TestCustomActionVersions::removeTakesVersionsAlong()
{
    const CustomAction action = create(phoneHandler(QString()));
    deploy(action.id);
    deploy(action.id);
    QCOMPARE(versionRows(), 2);

    const CustomActionJobResult removed = waitForJob(service().remove(action.id));
    QVERIFY2(removed.succeeded, qPrintable(removed.message()));
    QCOMPARE(removed.action.deployedVersion, 2);
    QCOMPARE(versionRows(), 0);
    QCOMPARE(service().versions(action.id).error().kind(), Error::Kind::NotFound);
}

void TestCustomActionVersions::testRunsDraftWithSecretsAndDependencies()
{
    const CustomAction action = create(phoneHandler(QString()));
    const QList<ActionDependency> dependencies {
        {QStringLiteral("authdeck-greeting"), QStringLiteral("1.0.0")}};
    QVERIFY(service().saveDraft(action.id, action.code, dependencies, action.revision));
    QVERIFY(waitForJob(service().setSecret(action.id, QStringLiteral("TOKEN"), "s3cret")).succeeded);

    // Unsaved code, as the editor holds it.
    const QString code = phoneHandler(QStringLiteral(
        "  const greet = require('authdeck-greeting');\n"
        "  return { greeting: greet(event.message_options.recipient), token: event.secrets.TOKEN };"));
    const QJsonObject event = ActionTriggers::sampleEvent(kTrigger);
    const CustomActionJobResult tested = waitForJob(service().test(action.id, code, event));
    QVERIFY2(tested.succeeded, qPrintable(tested.message()));
    QVERIFY2(tested.outcome.succeeded(), qPrintable(tested.outcome.error));
    const QJsonObject returned = tested.outcome.returnValue.toObject();
    const QString recipient = event.value(QStringLiteral("message_options"))
                                  .toObject()
                                  .value(QStringLiteral("recipient"))
                                  .toString();
    QVERIFY(!recipient.isEmpty());
    QCOMPARE(returned.value(QStringLiteral("greeting")).toString(), QStringLiteral("hello ") + recipient);
    QCOMPARE(returned.value(QStringLiteral("token")).toString(), QStringLiteral("s3cret"));

    // A test deploys nothing, and a failing handler is a finished test with its error.
    QCOMPARE(versionRows(), 0);
    const CustomActionJobResult thrown = waitForJob(
        service().test(action.id, phoneHandler(QStringLiteral("  throw new Error('no route');")), event));
    QVERIFY2(thrown.succeeded, qPrintable(thrown.message()));
    QCOMPARE(thrown.outcome.status, ScriptOutcome::Status::Threw);
    QVERIFY2(thrown.outcome.error.contains(QStringLiteral("no route")), qPrintable(thrown.outcome.error));
}

QTEST_GUILESS_MAIN(TestCustomActionVersions)
#include "TestCustomActionVersions.moc"
