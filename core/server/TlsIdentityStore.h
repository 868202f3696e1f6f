#pragma once

#include "core/tokens/TlsIdentity.h"

#include <QObject>

#include <optional>

class SecretStore;
class SecretJob;

/**
 * @brief The tenant's TLS identity for an https:// domain (TlsIdentity: a private CA and a server
 *        certificate it signed), kept in the secret store only.
 *
 * load() reads it for the domain's host, creating it on first use. When the stored server certificate does
 * not name the host, or has less than RenewDays days left, a new one is issued by the same CA, so the
 * ca.pem an admin gave Node (NODE_EXTRA_CA_CERTS) keeps working. Asynchronous, as the keyring is: loaded()
 * reports. A stored identity that is damaged is reported, never replaced behind the admin's back.
 */
class TlsIdentityStore : public QObject
{
    Q_OBJECT

public:
    /// Days before its end at which a server certificate is issued again.
    static constexpr int RenewDays = 30;

    TlsIdentityStore(SecretStore &secrets, QString tenantId, QObject *parent = nullptr);
    ~TlsIdentityStore() override;

    /// Reads (or creates, or renews) the identity for @p host as of @p now; loaded() follows.
    void load(const QString &host, const QDateTime &now);
    /// The identity once loaded() reported success; nothing before.
    const std::optional<TlsIdentity> &identity() const { return m_identity; }
    /// Where the identity is kept in the secret store.
    static QString secretKey(const QString &tenantId);

Q_SIGNALS:
    /// @p error is empty on success.
    void loaded(const QString &error);

private:
    void readFinished(SecretJob *job, const QString &host, const QDateTime &now);
    /// Writes @p identity, then adopts it and reports.
    void store(TlsIdentity identity);

    SecretStore &m_secrets;
    QString m_tenantId;
    std::optional<TlsIdentity> m_identity;
    bool m_busy = false;
};
