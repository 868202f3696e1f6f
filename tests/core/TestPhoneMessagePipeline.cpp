#include "core/actions/IntegrationService.h"
#include "core/delivery/SmsGateway.h"
#include "core/flows/FlowService.h"
#include "core/mfa/MfaService.h"
#include "core/pipelines/PhoneMessagePipeline.h"
#include "core/plivo/DeliveryTracker.h"
#include "core/plivo/PlivoSandbox.h"
#include "core/settings/TenantSettings.h"
#include "core/store/Database.h"
#include "tests/support/PhoneMessagePipelineFixture.h"
#include "tests/support/ResultText.h"
#include "tests/support/StoreEngine.h"
#include "tests/support/TempTenant.h"

#include <QPointer>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

#include <memory>

namespace {

QStringList sortedKeys(const QJsonObject &object)
{
    QStringList keys = object.keys();
    keys.sort();
    return keys;
}

} // namespace

/// The Send Phone Message flow run end to end against the local Plivo sandbox.
class TestPhoneMessagePipeline final : public QObject, private PhoneMessagePipelineFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void eventShape_data();
    void eventShape();
    void smsArrivesWithTheRenderedText();
    void deliveryIsFollowedAfterFinished();
    void recordedWithoutCodeOrText();
};

void TestPhoneMessagePipeline::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestPhoneMessagePipeline::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    setUp();
}

void TestPhoneMessagePipeline::cleanup()
{
    tearDown();
}

void TestPhoneMessagePipeline::eventShape_data()
{
    QTest::addColumn<QString>("purpose");
    QTest::addColumn<QString>("text");
    QTest::newRow("enrollment uses the enrollment template")
        << QStringLiteral("enrollment") << QStringLiteral("Enroll 918273 at Acme Login (fr-FR)");
    QTest::newRow("second factor uses the verification template")
        << QStringLiteral("second-factor-authentication")
        << QStringLiteral("918273 is your verification code for Acme Login");
}

void TestPhoneMessagePipeline::eventShape()
{
    QFETCH(QString, purpose);
    QFETCH(QString, text);
    m_plivo = installPlivo(true);
    QVERIFY(!m_plivo.id.isEmpty());
    const PhoneMessageRequest request = requestFor(purpose);
    PipelineRun *run = tenant().phoneMessages().send(request);
    const QJsonObject event = run->actionEvent();
    QCOMPARE(sortedKeys(event),
             (QStringList {QStringLiteral("client"),
                           QStringLiteral("message_options"),
                           QStringLiteral("request"),
                           QStringLiteral("tenant"),
                           QStringLiteral("user")}));
    const QJsonObject options = event.value(QStringLiteral("message_options")).toObject();
    QCOMPARE(options,
             (QJsonObject {{QStringLiteral("action"), purpose},
                           {QStringLiteral("code"), kCode},
                           {QStringLiteral("message_type"), QStringLiteral("sms")},
                           {QStringLiteral("recipient"), kRecipient},
                           {QStringLiteral("text"), text}}));
    QCOMPARE(event.value(QStringLiteral("tenant")).toObject(),
             (QJsonObject {{QStringLiteral("id"), tenant().id()}}));
    QCOMPARE(event.value(QStringLiteral("user")).toObject(), request.user);
    QCOMPARE(event.value(QStringLiteral("client")).toObject(), request.client);
    QCOMPARE(event.value(QStringLiteral("request")).toObject(), request.request);
    QVERIFY(!event.contains(QStringLiteral("secrets")));

    QSignalSpy finished(run, &PipelineRun::finished);
    QVERIFY(finished.wait(5000));
    QCOMPARE(sandbox().messages().value(0).text, text);

    // Without a client, event.client (optional in Auth0's event) is left out.
    PhoneMessageRequest bare = request;
    bare.client = {};
    QVERIFY(!PhoneMessagePipeline::buildEvent(bare, text, tenant().id()).contains(QStringLiteral("client")));
}

void TestPhoneMessagePipeline::smsArrivesWithTheRenderedText()
{
    m_plivo = installPlivo(true);
    QVERIFY(!m_plivo.id.isEmpty());
    QSignalSpy received(&sandbox(), &PlivoSandbox::messageReceived);
    PipelineRun *run
        = tenant().phoneMessages().send(requestFor(QStringLiteral("second-factor-authentication")));
    QSignalSpy started(run, &PipelineRun::actionStarted);
    QSignalSpy actionFinished(run, &PipelineRun::actionFinished);
    QSignalSpy finished(run, &PipelineRun::finished);
    QCOMPARE(finished.count(), 0); // never from inside send()
    QVERIFY(finished.wait(5000));

    QCOMPARE(received.count(), 1);
    const auto message = received.at(0).at(0).value<PlivoSandbox::Message>();
    QCOMPARE(message.to, kRecipient);
    QCOMPARE(message.from, PlivoSandbox::senderNumber());
    QCOMPARE(message.text, QStringLiteral("918273 is your verification code for Acme Login"));

    QCOMPARE(started.count(), 1);
    QCOMPARE(started.at(0).at(0).toInt(), 0);
    QCOMPARE(started.at(0).at(1).toString(), QStringLiteral("Plivo"));
    QCOMPARE(actionFinished.count(), 1);
    const Execution execution = finished.at(0).at(0).value<Execution>();
    QCOMPARE(execution.status, QStringLiteral("final"));
    QVERIFY(execution.succeeded());
    QCOMPARE(execution.error, QString());
    QCOMPARE(execution.triggerId, kPhone);
    QCOMPARE(execution.results.size(), 1);
    const ActionRunResult &result = execution.results.at(0);
    QVERIFY(result.succeeded);
    QCOMPARE(result.actionName, QStringLiteral("Plivo"));
    QCOMPARE(result.actionId, m_plivo.id);
    QCOMPARE(result.messageUuid, message.uuid);
    QVERIFY(result.startedAt <= result.endedAt);
    QCOMPARE(run->execution().id, execution.id);
}

void TestPhoneMessagePipeline::deliveryIsFollowedAfterFinished()
{
    m_plivo = installPlivo(true);
    QVERIFY(!m_plivo.id.isEmpty());
    PipelineRun *run = tenant().phoneMessages().send(requestFor(QStringLiteral("enrollment")));
    QPointer<PipelineRun> alive(run);
    QSignalSpy finished(run, &PipelineRun::finished);
    QSignalSpy delivery(run, &PipelineRun::deliveryStateChanged);
    QVERIFY(finished.wait(5000));
    const Execution execution = finished.at(0).at(0).value<Execution>();

    QTRY_VERIFY_WITH_TIMEOUT(alive.isNull(), 5000); // the run goes once the state is final
    QVERIFY(delivery.count() >= 1);
    const QList<QVariant> last = delivery.constLast();
    QCOMPARE(last.at(0).toInt(), 0);
    QCOMPARE(last.at(1).toString(), execution.results.at(0).messageUuid);
    QCOMPARE(last.at(2).toString(), QStringLiteral("delivered"));
    QCOMPARE(finished.count(), 1);

    const auto recorded = tenant().phoneMessages().executions().find(execution.id);
    QVERIFY2(recorded, errorBytes(recorded));
    QVERIFY(recorded.value().has_value());
    QCOMPARE(recorded.value()->results.at(0).deliveryState, QStringLiteral("delivered"));
}

void TestPhoneMessagePipeline::recordedWithoutCodeOrText()
{
    m_plivo = installPlivo(true);
    QVERIFY(!m_plivo.id.isEmpty());
    const Execution execution = sendAndWait(requestFor(QStringLiteral("enrollment")));
    QCOMPARE(execution.status, QStringLiteral("final"));

    const auto found = tenant().phoneMessages().executions().find(execution.id);
    QVERIFY2(found, errorBytes(found));
    QVERIFY(found.value().has_value());
    const Execution &stored = *found.value();
    QCOMPARE(stored.status, QStringLiteral("final"));
    QCOMPARE(stored.results.size(), 1);
    QCOMPARE(stored.results.at(0).messageUuid, execution.results.at(0).messageUuid);
    const QJsonObject options = stored.event.value(QStringLiteral("message_options")).toObject();
    QCOMPARE(sortedKeys(options),
             (QStringList {
                 QStringLiteral("action"), QStringLiteral("message_type"), QStringLiteral("recipient")}));
    QCOMPARE(
        stored.event.value(QStringLiteral("user")).toObject().value(QStringLiteral("user_id")).toString(),
        QStringLiteral("auth0|42"));

    // Not a trace of the code in any stored column.
    for (const QString &table : {QStringLiteral("executions"), QStringLiteral("execution_results")}) {
        QSqlQuery query = tenant().database().prepare(QStringLiteral("SELECT * FROM %1").arg(table));
        QVERIFY(query.exec());
        int rows = 0;
        while (query.next()) {
            ++rows;
            for (int column = 0; column < query.record().count(); ++column)
                QVERIFY2(!query.value(column).toString().contains(kCode), qPrintable(table));
        }
        QCOMPARE(rows, 1);
    }
}

QTEST_GUILESS_MAIN(TestPhoneMessagePipeline)
#include "TestPhoneMessagePipeline.moc"
