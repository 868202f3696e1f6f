#include "TlsIdentityStore.h"

#include "core/secrets/SecretJob.h"
#include "core/secrets/SecretStore.h"

#include <QJsonDocument>

TlsIdentityStore::TlsIdentityStore(SecretStore &secrets, QString tenantId, QObject *parent)
    : QObject(parent)
    , m_secrets(secrets)
    , m_tenantId(std::move(tenantId))
{ }

TlsIdentityStore::~TlsIdentityStore() = default;

QString TlsIdentityStore::secretKey(const QString &tenantId)
{
    return QStringLiteral("tenant/%1/tls_identity").arg(tenantId);
}

void TlsIdentityStore::load(const QString &host, const QDateTime &now)
{
    if (m_busy)
        return;
    if (m_identity && m_identity->serves(host, now.addDays(RenewDays))) {
        Q_EMIT loaded({});
        return;
    }
    m_busy = true;
    SecretJob *job = m_secrets.read(secretKey(m_tenantId));
    connect(
        job, &SecretJob::finished, this, [this, host, now](SecretJob *job) { readFinished(job, host, now); });
}

void TlsIdentityStore::readFinished(SecretJob *job, const QString &host, const QDateTime &now)
{
    if (job->status() == SecretJob::Status::NotFound) {
        auto first = TlsIdentity::generate(host, now);
        if (!first) {
            m_busy = false;
            Q_EMIT loaded(
                tr("No TLS certificate could be made for %1: %2").arg(host, first.error().message()));
            return;
        }
        return store(first.takeValue());
    }
    if (!job->succeeded()) {
        m_busy = false;
        Q_EMIT loaded(tr("The TLS certificate could not be read from the %1: %2")
                          .arg(m_secrets.backendName(), job->errorString()));
        return;
    }
    auto stored = TlsIdentity::fromJson(QJsonDocument::fromJson(job->value()).object());
    if (!stored) {
        m_busy = false;
        Q_EMIT loaded(tr("The stored TLS certificate (%1 in the %2) is damaged: %3")
                          .arg(secretKey(m_tenantId), m_secrets.backendName(), stored.error().message()));
        return;
    }
    if (stored.value().serves(host, now.addDays(RenewDays))) {
        m_busy = false;
        m_identity.emplace(stored.takeValue());
        Q_EMIT loaded({});
        return;
    }
    // Another host, or close to its end: a new server certificate from the same CA.
    auto renewed = stored.value().reissued(host, now);
    if (!renewed) {
        m_busy = false;
        Q_EMIT loaded(tr("The TLS certificate could not be issued again for %1: %2")
                          .arg(host, renewed.error().message()));
        return;
    }
    store(renewed.takeValue());
}

void TlsIdentityStore::store(TlsIdentity identity)
{
    SecretJob *job = m_secrets.write(secretKey(m_tenantId),
                                     QJsonDocument(identity.toJson()).toJson(QJsonDocument::Compact));
    connect(job, &SecretJob::finished, this, [this, identity = std::move(identity)](SecretJob *job) {
        m_busy = false;
        if (!job->succeeded()) {
            Q_EMIT loaded(tr("The TLS certificate could not be saved in the %1: %2")
                              .arg(m_secrets.backendName(), job->errorString()));
            return;
        }
        m_identity.emplace(identity);
        Q_EMIT loaded({});
    });
}
