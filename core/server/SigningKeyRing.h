#pragma once

#include "core/tokens/SigningKey.h"

#include <QDeadlineTimer>
#include <QJsonObject>
#include <QList>
#include <QObject>

#include <memory>
#include <optional>

class QLockFile;
class SecretStore;
class SecretJob;

/**
 * @brief The tenant's token signing keys: the current RS256 key pair and, after a rotation, the previous
 *        one, kept in the secret store only (one secret, so a rotation is written whole or not at all).
 *
 * load() reads them, creating the first key pair when the tenant has none; rotate() makes a new current
 * key and keeps the old one as previous, so that tokens it signed still verify against the JWKS. Both are
 * asynchronous (the keyring is) and report through loaded() and rotated().
 *
 * Login servers of one user on one machine share the keyring entry. load() holds a lock file (lockPath())
 * from its read until the first keys are written, so that servers starting at once on a new tenant make one
 * key pair between them, not one each; it waits for the lock on a timer, never blocking the event loop.
 */
class SigningKeyRing : public QObject
{
    Q_OBJECT

public:
    SigningKeyRing(SecretStore &secrets, QString tenantId, QObject *parent = nullptr);
    ~SigningKeyRing() override;

    /// Reads the keys (or creates the first pair); loaded() follows. Nothing happens when loaded.
    void load();
    bool isLoaded() const { return m_current.has_value(); }
    /// Only valid once loaded.
    const SigningKey &current() const { return *m_current; }
    /// The current key and, after a rotation, the previous one.
    QList<SigningKey> keys() const;
    /// {"keys": [the public JWK of each key]}
    QJsonObject jwks() const;
    /// Makes a new current key, keeping the current one as previous; rotated() follows.
    void rotate();

    /// Where the keys are kept in the secret store.
    static QString secretKey(const QString &tenantId);
    /// The lock file load() holds while it reads the keys of @p tenantId, and makes them when there are none.
    static QString lockPath(const QString &tenantId);
    /// How long load() waits for another process holding the lock.
    static constexpr int kLockWaitMs = 10'000;

Q_SIGNALS:
    /// @p error is empty on success.
    void loaded(const QString &error);
    void rotated(const QString &error);
    void keysChanged();

private:
    /// Takes the lock and reads the keys, or tries again shortly while another process holds it.
    void lockThenRead();
    void readFinished(SecretJob *job);
    /// Releases the lock and reports the end of load().
    void finishLoad(const QString &error);
    /// Writes @p current and @p previous, then adopts them and calls @p done with the outcome.
    void store(SigningKey current,
               std::optional<SigningKey> previous,
               void (SigningKeyRing::*done)(const QString &));

    SecretStore &m_secrets;
    QString m_tenantId;
    std::optional<SigningKey> m_current;
    std::optional<SigningKey> m_previous;
    bool m_busy = false;
    std::unique_ptr<QLockFile> m_lock; ///< held by load() from its read until it has keys
    QDeadlineTimer m_lockDeadline;
};
