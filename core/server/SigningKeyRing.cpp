#include "SigningKeyRing.h"

#include "core/secrets/SecretJob.h"
#include "core/secrets/SecretStore.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLockFile>
#include <QStandardPaths>
#include <QTimer>

namespace {

/// How often load() tries the lock again while another process holds it.
constexpr int LockRetryMs = 25;

} // namespace

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

QString SigningKeyRing::lockPath(const QString &tenantId)
{
    // The keyring is the user's, so is the lock: in the user's runtime folder, named by a hash of the id.
    const QByteArray id
        = QCryptographicHash::hash(tenantId.toUtf8(), QCryptographicHash::Sha256).toHex().left(32);
    return QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation)
        + QStringLiteral("/authdeck-signing-keys-%1.lock").arg(QLatin1String(id));
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
    m_lock = std::make_unique<QLockFile>(lockPath(m_tenantId));
    // Stale only when its holder has died, never by age: a keyring asking to be unlocked may keep it long.
    m_lock->setStaleLockTime(0);
    m_lockDeadline.setRemainingTime(kLockWaitMs);
    lockThenRead();
}

void SigningKeyRing::lockThenRead()
{
    if (m_lock->tryLock(0)) {
        SecretJob *job = m_secrets.read(secretKey(m_tenantId));
        connect(job, &SecretJob::finished, this, &SigningKeyRing::readFinished);
        return;
    }
    if (m_lock->error() != QLockFile::LockFailedError) {
        finishLoad(tr("The signing keys could not be locked: %1 cannot be written").arg(m_lock->fileName()));
        return;
    }
    if (m_lockDeadline.hasExpired()) {
        finishLoad(tr("Another Authdeck process has held the signing keys' lock (%1) for more than %2 s")
                       .arg(m_lock->fileName())
                       .arg(kLockWaitMs / 1000));
        return;
    }
    QTimer::singleShot(LockRetryMs, this, &SigningKeyRing::lockThenRead);
}

void SigningKeyRing::readFinished(SecretJob *job)
{
    if (job->status() == SecretJob::Status::NotFound) {
        // The lock stays held until the new keys are written, so that a server starting now finds them.
        auto first = SigningKey::generate();
        if (!first)
            return finishLoad(first.error().message());
        store(first.takeValue(), std::nullopt, &SigningKeyRing::finishLoad);
        return;
    }
    if (!job->succeeded())
        return finishLoad(tr("The signing keys could not be read from the %1: %2")
                              .arg(m_secrets.backendName(), job->errorString()));
    const QJsonObject stored = QJsonDocument::fromJson(job->value()).object();
    auto current = SigningKey::fromPrivatePem(stored.value(QLatin1String("current")).toString().toUtf8());
    if (!current)
        return finishLoad(tr("The stored signing key is damaged: %1").arg(current.error().message()));
    m_current.emplace(current.takeValue());
    if (auto previous
        = SigningKey::fromPrivatePem(stored.value(QLatin1String("previous")).toString().toUtf8()))
        m_previous.emplace(previous.takeValue());
    Q_EMIT keysChanged();
    finishLoad({});
}

void SigningKeyRing::finishLoad(const QString &error)
{
    m_lock.reset();
    m_busy = false;
    Q_EMIT loaded(error);
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
