#include "core/actions/IntegrationService.h"
#include "core/delivery/SmsGateway.h"
#include "core/flows/FlowService.h"
#include "core/logs/LogStore.h"
#include "core/mfa/MfaService.h"
#include "core/pipelines/PhoneMessagePipeline.h"
#include "core/plivo/DeliveryTracker.h"
#include "core/plivo/PlivoSandbox.h"
#include "core/secrets/SecretJob.h"
#include "core/settings/TenantSettings.h"
#include "core/store/Database.h"
#include "core/store/FlowRepository.h"
#include "core/store/IntegrationRepository.h"
#include "tests/support/PhoneMessagePipelineFixture.h"
#include "tests/support/ResultText.h"
#include "tests/support/StoreEngine.h"
#include "tests/support/TempTenant.h"

#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <memory>

/// How runs of the Send Phone Message flow fail, stop and are recorded, against the local Plivo sandbox.
class TestExecutionFailures final : public QObject, private PhoneMessagePipelineFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void emptyFlowFails();
    void invalidRequestsFail_data();
    void invalidRequestsFail();
    void stopsAtTheFirstFailure();
    void laterFailureIsPartial();
    void providerRefusalCarriesPlivosText();
    void missingSecretIsNamed();
    void unsetSecretIsNamed();

private:
    /// Writes the Send Phone Message flow directly (FlowService refuses custom actions).
    bool writeFlow(const QList<Binding> &bindings);
    /// Whether @p execution was recorded as reported: status, error and the results' outcomes.
    bool isRecorded(const Execution &execution);
};

void TestExecutionFailures::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestExecutionFailures::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    setUp();
}

void TestExecutionFailures::cleanup()
{
    tearDown();
}

bool TestExecutionFailures::writeFlow(const QList<Binding> &bindings)
{
    FlowRepository repository(tenant().database());
    return tenant().database().transaction([&] { return repository.replace(kPhone, bindings); }).ok();
}

bool TestExecutionFailures::isRecorded(const Execution &execution)
{
    const auto found = tenant().phoneMessages().executions().find(execution.id);
    if (!found || !found.value().has_value())
        return false;
    const Execution &stored = *found.value();
    if (stored.status != execution.status || stored.error != execution.error
        || stored.results.size() != execution.results.size())
        return false;
    for (int i = 0; i < stored.results.size(); ++i) {
        if (stored.results.at(i).succeeded != execution.results.at(i).succeeded
            || stored.results.at(i).error != execution.results.at(i).error)
            return false;
    }
    return true;
}

void TestExecutionFailures::emptyFlowFails()
{
    PipelineRun *run = tenant().phoneMessages().send(requestFor(QStringLiteral("enrollment")));
    QSignalSpy started(run, &PipelineRun::actionStarted);
    QSignalSpy finished(run, &PipelineRun::finished);
    QVERIFY(finished.wait(5000));
    const Execution execution = finished.at(0).at(0).value<Execution>();
    QCOMPARE(execution.status, QStringLiteral("failed"));
    QVERIFY2(execution.error.startsWith(QStringLiteral("No action is bound in the Send Phone Message flow")),
             qPrintable(execution.error));
    QVERIFY(execution.results.isEmpty());
    QCOMPARE(started.count(), 0);
    QCOMPARE(sandbox().requestCount(), 0);
    QVERIFY(isRecorded(execution));
}

void TestExecutionFailures::invalidRequestsFail_data()
{
    QTest::addColumn<PhoneMessageRequest>("request");
    QTest::addColumn<QString>("expected");
    PhoneMessageRequest request = requestFor(QStringLiteral("authentication"));
    QTest::newRow("unknown purpose") << request << QStringLiteral("not “authentication”");
    request = requestFor(QStringLiteral("enrollment"));
    request.code.clear();
    QTest::newRow("no code") << request << QStringLiteral("no code");
    request = requestFor(QStringLiteral("enrollment"));
    request.recipient = QStringLiteral("4155550199");
    QTest::newRow("national number") << request << QStringLiteral("E.164");
    request.recipient = QStringLiteral("+1 call me");
    QTest::newRow("not a number") << request << QStringLiteral("not a phone number");
}

void TestExecutionFailures::invalidRequestsFail()
{
    QFETCH(PhoneMessageRequest, request);
    QFETCH(QString, expected);
    m_plivo = installPlivo(true);
    QVERIFY(!m_plivo.id.isEmpty());
    const Execution execution = sendAndWait(request);
    QCOMPARE(execution.status, QStringLiteral("failed"));
    QVERIFY2(execution.error.contains(expected), qPrintable(execution.error));
    QVERIFY(execution.results.isEmpty());
    QCOMPARE(sandbox().requestCount(), 0);
    QVERIFY(isRecorded(execution));
}

void TestExecutionFailures::stopsAtTheFirstFailure()
{
    m_plivo = installPlivo(true);
    QVERIFY(!m_plivo.id.isEmpty());
    const Binding custom {
        Binding::Kind::Custom, QStringLiteral("custom-1"), QStringLiteral("My SMS code"), 3};
    QVERIFY(writeFlow({custom, {Binding::Kind::Integration, m_plivo.id, m_plivo.name, 0}}));

    PipelineRun *run = tenant().phoneMessages().send(requestFor(QStringLiteral("enrollment")));
    QSignalSpy started(run, &PipelineRun::actionStarted);
    QSignalSpy finished(run, &PipelineRun::finished);
    QVERIFY(finished.wait(5000));
    const Execution execution = finished.at(0).at(0).value<Execution>();
    QCOMPARE(execution.status, QStringLiteral("failed"));
    QCOMPARE(started.count(), 1);
    QCOMPARE(execution.results.size(), 1);
    QCOMPARE(execution.results.at(0).index, 0);
    QCOMPARE(execution.results.at(0).actionName, QStringLiteral("My SMS code"));
    // A custom action that does not exist (any more) fails, and the flow stops there.
    const QString error = execution.results.at(0).error;
    QVERIFY2(error.startsWith(QStringLiteral("My SMS code has no deployed version")), qPrintable(error));
    QCOMPARE(execution.error, QStringLiteral("My SMS code failed: ") + error);
    LogFilter filter;
    filter.type = QStringLiteral("actions_execution_failed");
    const QList<LogEvent> logged = tenant().logs().query(filter).value();
    QCOMPARE(logged.size(), 1);
    QCOMPARE(logged.constFirst().details.value(QStringLiteral("execution_id")).toString(), execution.id);
    QCOMPARE(logged.constFirst().details.value(QStringLiteral("action_error")).toString(), error);
    QCOMPARE(sandbox().requestCount(), 0); // Plivo, second, never ran
    QVERIFY(isRecorded(execution));
}

void TestExecutionFailures::laterFailureIsPartial()
{
    m_plivo = installPlivo(true);
    QVERIFY(!m_plivo.id.isEmpty());
    const Binding custom {Binding::Kind::Custom, QStringLiteral("custom-1"), QStringLiteral("Audit"), 1};
    QVERIFY(writeFlow({{Binding::Kind::Integration, m_plivo.id, m_plivo.name, 0}, custom}));

    PipelineRun *run = tenant().phoneMessages().send(requestFor(QStringLiteral("enrollment")));
    QSignalSpy started(run, &PipelineRun::actionStarted);
    QSignalSpy finished(run, &PipelineRun::finished);
    QVERIFY(finished.wait(5000));
    const Execution execution = finished.at(0).at(0).value<Execution>();
    QCOMPARE(execution.status, QStringLiteral("partial"));
    QCOMPARE(started.count(), 2);
    QCOMPARE(started.at(0).at(1).toString(), QStringLiteral("Plivo"));
    QCOMPARE(started.at(1).at(1).toString(), QStringLiteral("Audit"));
    QCOMPARE(execution.results.size(), 2);
    QCOMPARE(execution.results.at(0).index, 0);
    QVERIFY(execution.results.at(0).succeeded);
    QCOMPARE(execution.results.at(1).index, 1);
    QVERIFY(!execution.results.at(1).succeeded);
    QVERIFY(execution.results.at(0).endedAt <= execution.results.at(1).startedAt);
    QCOMPARE(sandbox().messages().size(), 1);
    QVERIFY(isRecorded(execution));
}

void TestExecutionFailures::providerRefusalCarriesPlivosText()
{
    m_plivo = installPlivo(true);
    QVERIFY(!m_plivo.id.isEmpty());
    sandbox().setFailureMode(PlivoSandbox::FailureMode::BadRequest,
                             QStringLiteral("dst number is blocklisted"));
    const Execution execution = sendAndWait(requestFor(QStringLiteral("enrollment")));
    QCOMPARE(execution.status, QStringLiteral("failed"));
    QCOMPARE(execution.results.size(), 1);
    QVERIFY(!execution.results.at(0).succeeded);
    QVERIFY2(execution.results.at(0).error.contains(QStringLiteral("dst number is blocklisted")),
             qPrintable(execution.results.at(0).error));
    QVERIFY2(execution.error.startsWith(QStringLiteral("Plivo failed: ")), qPrintable(execution.error));
    QVERIFY(sandbox().messages().isEmpty());
    QVERIFY(isRecorded(execution));
}

void TestExecutionFailures::missingSecretIsNamed()
{
    m_plivo = installPlivo(false);
    QVERIFY(!m_plivo.id.isEmpty());
    const QString key
        = IntegrationService::secretKey(tenant().id(), m_plivo.id, QStringLiteral("PLIVO_AUTH_TOKEN"));
    SecretJob *removal = m_temp->secrets().remove(key);
    QSignalSpy removed(removal, &SecretJob::finished);
    QVERIFY(removed.wait(5000));

    const Execution execution = sendAndWait(requestFor(QStringLiteral("enrollment")));
    QCOMPARE(execution.status, QStringLiteral("failed"));
    QCOMPARE(execution.results.size(), 1);
    QVERIFY2(execution.error.contains(QStringLiteral("Auth Token")), qPrintable(execution.error));
    QVERIFY2(execution.error.contains(QStringLiteral("PLIVO_AUTH_TOKEN")), qPrintable(execution.error));
    QVERIFY(!execution.error.contains(QStringLiteral("token-that-never-leaves")));
    QVERIFY(isRecorded(execution));
}

void TestExecutionFailures::unsetSecretIsNamed()
{
    Integration plivo;
    plivo.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    plivo.catalogId = QStringLiteral("plivo");
    plivo.name = QStringLiteral("Plivo");
    plivo.trigger = kPhone;
    plivo.configuration = {{QStringLiteral("PLIVO_NUMBER"), PlivoSandbox::senderNumber()}};
    plivo.secretsSet = {QStringLiteral("PLIVO_AUTH_ID")};
    plivo.createdAt = plivo.updatedAt = QDateTime::currentDateTimeUtc();
    plivo.revision = 1;
    QVERIFY(IntegrationRepository(tenant().database()).insert(plivo));
    QVERIFY(writeFlow({{Binding::Kind::Integration, plivo.id, plivo.name, 0}}));

    const Execution execution = sendAndWait(requestFor(QStringLiteral("enrollment")));
    QCOMPARE(execution.status, QStringLiteral("failed"));
    QCOMPARE(execution.results.size(), 1);
    QCOMPARE(execution.results.at(0).error,
             QStringLiteral("Plivo lacks its secret Auth Token (PLIVO_AUTH_TOKEN): set it in the Library."));
    QVERIFY(isRecorded(execution));
}

QTEST_GUILESS_MAIN(TestExecutionFailures)
#include "TestExecutionFailures.moc"
