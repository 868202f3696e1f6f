#include "PhoneMessagePipelineFixture.h"

#include "core/flows/FlowService.h"
#include "core/mfa/MfaService.h"
#include "core/plivo/DeliveryTracker.h"
#include "core/settings/TenantSettings.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

PhoneMessageRequest PhoneMessagePipelineFixture::requestFor(const QString &purpose)
{
    PhoneMessageRequest request;
    request.purpose = purpose;
    request.recipient = kRecipient;
    request.code = kCode;
    request.user = {{QStringLiteral("user_id"), QStringLiteral("auth0|42")},
                    {QStringLiteral("email"), QStringLiteral("ada@example.com")},
                    {QStringLiteral("phone_number"), kRecipient}};
    request.client = {{QStringLiteral("client_id"), QStringLiteral("abc123")},
                      {QStringLiteral("name"), QStringLiteral("My SPA")},
                      {QStringLiteral("metadata"), QJsonObject {}}};
    request.request = {{QStringLiteral("ip"), QStringLiteral("203.0.113.7")},
                       {QStringLiteral("language"), QStringLiteral("fr-FR,fr;q=0.9")},
                       {QStringLiteral("user_agent"), QStringLiteral("Mozilla/5.0")},
                       {QStringLiteral("hostname"), QStringLiteral("localhost")},
                       {QStringLiteral("method"), QStringLiteral("POST")}};
    return request;
}

void PhoneMessagePipelineFixture::setUp()
{
    m_temp = std::make_unique<TempTenant>();
    QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
    QVERIFY2(tenant().sms().startSandbox(), qPrintable(sandbox().errorString()));
    sandbox().setStateDelays(20, 60);
    tenant().sms().tracker(true).setPollIntervalMs(30);
    TenantSettings::Values values = tenant().settings().values();
    values.friendlyName = kName;
    QVERIFY(tenant().settings().save(values));
    PhoneFactorSettings factor = tenant().mfa().phoneFactor();
    factor.enabled = true;
    factor.enrollmentTemplate = QStringLiteral("Enroll {{code}} at {{tenant.friendly_name}} ({{locale}})");
    QVERIFY(tenant().mfa().savePhoneFactor(factor));
}

void PhoneMessagePipelineFixture::tearDown()
{
    m_plivo = {};
    m_temp.reset();
}

Integration PhoneMessagePipelineFixture::installPlivo(bool useSandbox)
{
    QHash<QString, QByteArray> secrets;
    if (!useSandbox)
        secrets = {{QStringLiteral("PLIVO_AUTH_ID"), QByteArrayLiteral("MAABCDEFGHIJ01234567")},
                   {QStringLiteral("PLIVO_AUTH_TOKEN"), QByteArrayLiteral("token-that-never-leaves")}};
    IntegrationJob *job
        = tenant().integrations().install(QStringLiteral("plivo"),
                                          {{QStringLiteral("PLIVO_NUMBER"), PlivoSandbox::senderNumber()}},
                                          secrets,
                                          useSandbox);
    Integration installed;
    QObject::connect(job, &IntegrationJob::finished, job, [&installed](IntegrationJob *done) {
        if (done->succeeded())
            installed = done->integration();
    });
    QSignalSpy finished(job, &IntegrationJob::finished);
    if (!finished.wait(5000) || installed.id.isEmpty())
        return {};
    if (!tenant().flows().apply(kPhone, {{Binding::Kind::Integration, installed.id, installed.name, 0}}))
        return {};
    return installed;
}

Execution PhoneMessagePipelineFixture::sendAndWait(const PhoneMessageRequest &request)
{
    PipelineRun *run = tenant().phoneMessages().send(request);
    QSignalSpy finished(run, &PipelineRun::finished);
    if (!finished.wait(5000))
        return {};
    return finished.at(0).at(0).value<Execution>();
}
