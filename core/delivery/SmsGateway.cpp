#include "SmsGateway.h"

#include "core/actions/IntegrationService.h"
#include "core/actions/PlivoIntegration.h"
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

AccountCheck *
SmsGateway::testConnection(const QString &integrationId, const PlivoOverrides &typed, bool useSandbox)
{
    return checkAccount(PlivoResult::Operation::GetAccount,
                        integrationId,
                        typed,
                        useSandbox,
                        [](PlivoClient &client, const PlivoCredentials &credentials) {
                            return client.getAccount(credentials);
                        });
}

AccountCheck *
SmsGateway::listNumbers(const QString &integrationId, const PlivoOverrides &typed, bool useSandbox)
{
    return checkAccount(PlivoResult::Operation::ListNumbers,
                        integrationId,
                        typed,
                        useSandbox,
                        [](PlivoClient &client, const PlivoCredentials &credentials) {
                            return client.listSmsNumbers(credentials);
                        });
}

AccountCheck *
SmsGateway::checkAccount(PlivoResult::Operation operation,
                         const QString &integrationId,
                         const PlivoOverrides &typed,
                         bool useSandbox,
                         const std::function<PlivoCall *(PlivoClient &, const PlivoCredentials &)> &start)
{
    auto *check = new AccountCheck(this);
    const auto call = [=](const PlivoCredentials &credentials) {
        connect(start(client(useSandbox), credentials), &PlivoCall::finished, check, &AccountCheck::finish);
    };
    const auto refuse = [=](const QString &why) {
        check->finish(PlivoResult::failure(operation, PlivoResult::Status::Rejected, why, false));
    };
    if (useSandbox) {
        call(PlivoSandbox::credentials());
        return check;
    }
    const PlivoCredentials given {typed.authId.trimmed(), typed.authToken};
    if (!given.authId.isEmpty() && !given.authToken.isEmpty()) {
        call(given);
        return check;
    }
    if (integrationId.isEmpty()) {
        refuse(tr("Enter the Auth ID and the Auth Token first."));
        return check;
    }
    // A field left empty keeps its stored secret: read it here, it never leaves core.
    const auto stored = [=](const QString &key,
                            const QString &typedValue,
                            const std::function<void(QString)> &done) {
        if (!typedValue.isEmpty())
            return done(typedValue);
        connect(
            m_integrations.readSecret(integrationId, key), &SecretJob::finished, check, [=](SecretJob *job) {
                if (!job->succeeded())
                    return refuse(tr("The stored %1 cannot be read: %2").arg(key, job->errorString()));
                done(QString::fromUtf8(job->value()));
            });
    };
    stored(PlivoIntegration::AuthId, given.authId, [=](const QString &authId) {
        stored(PlivoIntegration::AuthToken, given.authToken, [=](const QString &authToken) {
            call({authId, authToken});
        });
    });
    return check;
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
    const QString from = integration.configuration.value(PlivoIntegration::Number);
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
    connect(
        m_integrations.readSecret(id, PlivoIntegration::AuthId),
        &SecretJob::finished,
        job,
        [=](SecretJob *authId) {
            if (!authId->succeeded())
                return job->fail(
                    tr("The Auth ID of %1 cannot be read: %2").arg(integration.name, authId->errorString()));
            const QString authIdValue = QString::fromUtf8(authId->value());
            connect(m_integrations.readSecret(id, PlivoIntegration::AuthToken),
                    &SecretJob::finished,
                    job,
                    [=](SecretJob *token) {
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
        // The message is on its way either way: a failed record only loses its line in the history.
        discardResult(m_record.recordSent({uuid, to, from, QStringLiteral("queued"), {}, source, now, now}),
                      "Plivo accepted the message; only its history line is lost");
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
