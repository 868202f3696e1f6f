#include "SmsGateway.h"

#include "core/actions/IntegrationService.h"
#include "core/delivery/SmsSend.h"
#include "core/phone/PhoneNumber.h"
#include "core/plivo/DeliveryTracker.h"
#include "core/plivo/PlivoCall.h"
#include "core/plivo/PlivoClient.h"
#include "core/plivo/PlivoSandbox.h"
#include "core/plivo/SmsText.h"
#include "core/secrets/SecretJob.h"
#include "core/store/SmsMessageRepository.h"

#include <QNetworkAccessManager>

namespace {

const QString kAuthId = QStringLiteral("PLIVO_AUTH_ID");
const QString kAuthToken = QStringLiteral("PLIVO_AUTH_TOKEN");
const QString kNumber = QStringLiteral("PLIVO_NUMBER");

} // namespace

SmsGateway::SmsGateway(IntegrationService &integrations, SmsMessageRepository &record, QObject *parent)
    : QObject(parent)
    , m_integrations(integrations)
    , m_record(record)
    , m_network(new QNetworkAccessManager(this))
    , m_sandbox(new PlivoSandbox(this))
    , m_plivo(new PlivoClient(*m_network, this))
    , m_sandboxClient(new PlivoClient(*m_network, this))
    , m_plivoTracker(new DeliveryTracker(*m_plivo, &record, this))
    , m_sandboxTracker(new DeliveryTracker(*m_sandboxClient, &record, this))
{
    m_plivoTracker->setPollIntervalMs(2000);
    // The sandbox answers at once: follow it closely so the test phone and the dialogs feel live.
    m_sandboxTracker->setPollIntervalMs(250);
    m_sandboxTracker->setMaxDurationMs(30000);
}

SmsGateway::~SmsGateway() = default;

bool SmsGateway::startSandbox(quint16 port)
{
    if (!m_sandbox->start(port))
        return false;
    m_sandboxClient->setBaseUrl(m_sandbox->baseUrl());
    return true;
}

PlivoClient &SmsGateway::client(bool useSandbox)
{
    return useSandbox ? *m_sandboxClient : *m_plivo;
}

DeliveryTracker &SmsGateway::tracker(bool useSandbox)
{
    return useSandbox ? *m_sandboxTracker : *m_plivoTracker;
}

PlivoCall *SmsGateway::testConnection(const PlivoCredentials &credentials, bool useSandbox)
{
    return client(useSandbox).getAccount(useSandbox ? PlivoSandbox::credentials() : credentials);
}

PlivoCall *SmsGateway::listNumbers(const PlivoCredentials &credentials, bool useSandbox)
{
    return client(useSandbox).listSmsNumbers(useSandbox ? PlivoSandbox::credentials() : credentials);
}

SmsSend *SmsGateway::send(const Integration &integration,
                          const QString &to,
                          const QString &text,
                          const QString &source)
{
    auto *job = new SmsSend(this);
    const auto fail = [job](const QString &error) {
        QMetaObject::invokeMethod(
            job, [job, error] { job->fail(error); }, Qt::QueuedConnection);
        return job;
    };
    if (const auto problem = SmsText::check(text))
        return fail(*problem);
    const auto recipient = PhoneNumber::toE164(to);
    if (!recipient)
        return fail(tr("The recipient is not a phone number: %1").arg(recipient.error().message()));
    const QString from = integration.configuration.value(kNumber);
    if (integration.useSandbox) {
        if (!m_sandbox->isRunning())
            return fail(tr("The local test phone is not running: %1").arg(m_sandbox->errorString()));
        QMetaObject::invokeMethod(
            job,
            [=] { sendWith(job, true, PlivoSandbox::credentials(), from, recipient.value(), text, source); },
            Qt::QueuedConnection);
        return job;
    }

    // Both secrets come from the secret store, one after the other.
    const QString id = integration.id;
    connect(m_integrations.readSecret(id, kAuthId), &SecretJob::finished, job, [=](SecretJob *authId) {
        if (!authId->succeeded())
            return job->fail(
                tr("The Auth ID of %1 cannot be read: %2").arg(integration.name, authId->errorString()));
        const QString authIdValue = QString::fromUtf8(authId->value());
        connect(m_integrations.readSecret(id, kAuthToken), &SecretJob::finished, job, [=](SecretJob *token) {
            if (!token->succeeded())
                return job->fail(tr("The Auth Token of %1 cannot be read: %2")
                                     .arg(integration.name, token->errorString()));
            sendWith(job,
                     false,
                     {authIdValue, QString::fromUtf8(token->value())},
                     from,
                     recipient.value(),
                     text,
                     source);
        });
    });
    return job;
}

void SmsGateway::sendWith(SmsSend *job,
                          bool useSandbox,
                          const PlivoCredentials &credentials,
                          const QString &from,
                          const QString &to,
                          const QString &text,
                          const QString &source)
{
    PlivoCall *call = client(useSandbox).sendSms(credentials, from, to, text);
    connect(call, &PlivoCall::finished, job, [=](const PlivoResult &result) {
        if (!result.succeeded() || result.messageUuids().isEmpty())
            return job->fail(result.message());
        const QString uuid = result.messageUuids().constFirst();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        m_record.recordSent({uuid, to, from, QStringLiteral("queued"), {}, source, now, now});
        job->accept(uuid);

        DeliveryTracker &follow = tracker(useSandbox);
        connect(&follow,
                &DeliveryTracker::stateChanged,
                job,
                [job, uuid](const QString &which, const PlivoMessage &m) {
                    if (which == uuid)
                        job->updateState(m);
                });
        connect(&follow,
                &DeliveryTracker::finished,
                job,
                [job, uuid](const QString &which, const PlivoMessage &, bool timedOut) {
                    if (which == uuid)
                        job->finish(timedOut);
                });
        follow.track(credentials, uuid);
    });
}
