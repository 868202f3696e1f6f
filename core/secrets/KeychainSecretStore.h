#pragma once

#include "core/secrets/SecretStore.h"

/**
 * @brief Secrets in the system keyring (Secret Service, macOS Keychain, Windows Credential Store)
 *        through QtKeychain.
 *
 * Every job carries a timeout, since a keyring that wants to prompt can leave a job hanging.
 * Insecure fallbacks (plain files) are off: a secret is never written to disk by Authdeck itself.
 */
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT

public:
    explicit KeychainSecretStore(QObject *parent = nullptr);

    SecretJob *read(const QString &key) override;
    SecretJob *write(const QString &key, const QByteArray &value) override;
    SecretJob *remove(const QString &key) override;

    bool isPersistent() const override { return true; }
    QString backendName() const override;

    /// The service name entries are filed under in the keyring.
    QString service() const { return m_service; }
    void setService(const QString &service) { m_service = service; }

    int timeoutMs() const { return m_timeoutMs; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

private:
    QString m_service;
    int m_timeoutMs = 5000;
};
