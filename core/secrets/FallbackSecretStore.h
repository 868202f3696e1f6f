#pragma once

#include "core/secrets/MemorySecretStore.h"

/**
 * @brief The tenant's secret store: the system keyring, or memory for this run once the admin agrees.
 *
 * Until switchToMemory() is called every job goes to the primary store, and a failure there is
 * reported, never hidden. After it, secrets are held in memory only and are gone when Authdeck quits;
 * nothing is ever written to disk in their place.
 */
class FallbackSecretStore : public SecretStore
{
    Q_OBJECT

public:
    /// Takes ownership of @p primary.
    explicit FallbackSecretStore(SecretStore *primary, QObject *parent = nullptr);

    SecretJob *read(const QString &key) override;
    SecretJob *write(const QString &key, const QByteArray &value) override;
    SecretJob *remove(const QString &key) override;

    bool isPersistent() const override;
    QString backendName() const override;

    bool isMemoryOnly() const { return m_memoryOnly; }
    /// From now on, keep secrets in memory for this run only.
    void switchToMemory();

Q_SIGNALS:
    void backendChanged();

private:
    SecretStore *active() const;

    SecretStore *m_primary;
    MemorySecretStore *m_memory;
    bool m_memoryOnly = false;
};
