#include "SigningKeyRing.h"

#include "core/secrets/SecretJob.h"
#include "core/secrets/SecretStore.h"

#include <QJsonArray>
#include <QJsonDocument>

SigningKeyRing::SigningKeyRing(SecretStore &secrets, QString tenantId, QObject *parent)
    : QObject(parent)
    , m_secrets(secrets)
    , m_tenantId(std::move(tenantId))
{ }

SigningKeyRing::~SigningKeyRing() = default;

QString SigningKeyRing::secretKey(const QString &tenantId)
{
    return QStringLiteral("tenant/%1/signing_keys").arg(tenantId);
}

QList<SigningKey> SigningKeyRing::keys() const
{
    QList<SigningKey> all;
    if (m_current)
        all.append(*m_current);
    if (m_previous)
        all.append(*m_previous);
    return all;
}

QJsonObject SigningKeyRing::jwks() const
{
    QJsonArray list;
    for (const SigningKey &key : keys())
        list.append(key.publicJwk());
    return {{QStringLiteral("keys"), list}};
}

void SigningKeyRing::load()
{
    if (isLoaded() || m_busy)
        return;
    m_busy = true;
    SecretJob *job = m_secrets.read(secretKey(m_tenantId));
    connect(job, &SecretJob::finished, this, &SigningKeyRing::readFinished);
}

void SigningKeyRing::readFinished(SecretJob *job)
{
    if (job->status() == SecretJob::Status::NotFound) {
        auto first = SigningKey::generate();
        if (!first) {
            m_busy = false;
            Q_EMIT loaded(first.error().message());
            return;
        }
        store(first.takeValue(), std::nullopt, &SigningKeyRing::loaded);
        return;
    }
    m_busy = false;
    if (!job->succeeded()) {
        Q_EMIT loaded(tr("The signing keys could not be read from the %1: %2")
                          .arg(m_secrets.backendName(), job->errorString()));
        return;
    }
    const QJsonObject stored = QJsonDocument::fromJson(job->value()).object();
    auto current = SigningKey::fromPrivatePem(stored.value(QLatin1String("current")).toString().toUtf8());
    if (!current) {
        Q_EMIT loaded(tr("The stored signing key is damaged: %1").arg(current.error().message()));
        return;
    }
    m_current.emplace(current.takeValue());
    if (auto previous
        = SigningKey::fromPrivatePem(stored.value(QLatin1String("previous")).toString().toUtf8()))
        m_previous.emplace(previous.takeValue());
    Q_EMIT keysChanged();
    Q_EMIT loaded({});
}

void SigningKeyRing::rotate()
{
    if (!isLoaded() || m_busy) {
        Q_EMIT rotated(isLoaded() ? tr("A rotation is already under way")
                                  : tr("The signing keys are not loaded"));
        return;
    }
    auto next = SigningKey::generate();
    if (!next) {
        Q_EMIT rotated(next.error().message());
        return;
    }
    m_busy = true;
    store(next.takeValue(), m_current, &SigningKeyRing::rotated);
}

void SigningKeyRing::store(SigningKey current,
                           std::optional<SigningKey> previous,
                           void (SigningKeyRing::*done)(const QString &))
{
    QJsonObject stored {{QStringLiteral("current"), QString::fromUtf8(current.privatePem())}};
    if (previous)
        stored.insert(QStringLiteral("previous"), QString::fromUtf8(previous->privatePem()));
    SecretJob *job
        = m_secrets.write(secretKey(m_tenantId), QJsonDocument(stored).toJson(QJsonDocument::Compact));
    connect(job,
            &SecretJob::finished,
            this,
            [this, done, current = std::move(current), previous = std::move(previous)](SecretJob *job) {
                m_busy = false;
                if (!job->succeeded()) {
                    // Nothing changes: tokens keep being signed with the keys that are stored.
                    Q_EMIT(this->*done)
                    (tr("The signing keys could not be saved in the %1: %2")
                         .arg(m_secrets.backendName(), job->errorString()));
                    return;
                }
                m_current.emplace(current);
                m_previous.reset();
                if (previous)
                    m_previous.emplace(*previous);
                Q_EMIT keysChanged();
                Q_EMIT(this->*done)({});
            });
}
