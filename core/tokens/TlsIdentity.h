#pragma once

#include "core/common/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <memory>

/**
 * @brief A tenant's TLS identity: a private certificate authority and a server certificate it signed for
 *        one host, so the login server can serve https:// to Auth0's own tools. Keys are EC P-256.
 *
 * Node trusts the server when the admin hands it caCertificatePem() as NODE_EXTRA_CA_CERTS; reissued()
 * keeps that CA, so a trusted ca.pem stays valid when the host changes or the certificate nears expiry.
 * Copies share the same immutable OpenSSL objects, so a TlsIdentity is cheap to copy and its const
 * functions may run on several threads at once. Every identity comes from generate() or fromJson().
 */
class TlsIdentity
{
public:
    /// How long a CA generate() makes is valid, in years.
    static constexpr int CaValidityYears = 10;
    /// How long a server certificate is valid, in days (the limit browsers accept, 398, less one).
    static constexpr int ServerValidityDays = 397;

    /**
     * @brief A new CA and a server certificate it signed for @p host, both valid from @p now less an hour.
     *
     * The CA is self-signed: basicConstraints critical CA:TRUE pathlen 0, keyUsage keyCertSign and cRLSign,
     * subject CN "Authdeck tenant CA <first 8 hex digits of its serial>", valid CaValidityYears. The server
     * certificate names @p host in its subject CN and subjectAltName (DNS for a name, IP for an IPv4 or
     * IPv6 address; "localhost" also gets IP 127.0.0.1 and ::1), is CA:FALSE with keyUsage
     * digitalSignature and extendedKeyUsage serverAuth, valid ServerValidityDays. Both carry subject and
     * authority key identifiers and random 128-bit serials. An Invalid error for an empty or malformed
     * host (a scheme, a port, brackets or spaces included); Unavailable when OpenSSL fails.
     */
    static Result<TlsIdentity> generate(const QString &host,
                                        const QDateTime &now = QDateTime::currentDateTimeUtc());

    /**
     * @brief The identity toJson() wrote: {"host", "ca_certificate", "ca_private_key", "certificate",
     *        "private_key"}, all strings, the last four PEM.
     *
     * Checked in full: every PEM parses, each key matches its certificate, the CA is a CA, the server
     * certificate is signed by it and names the host. An Invalid error naming what is wrong otherwise.
     */
    static Result<TlsIdentity> fromJson(const QJsonObject &json);

    /// The identity with both private keys: hand it to the secret store only, never to a log or a file.
    QJsonObject toJson() const;

    /// The host the server certificate was issued for: a lower-case name or a normalised IP address.
    QString host() const { return m_host; }
    /// The CA's certificate (PEM): what the admin gives Node as NODE_EXTRA_CA_CERTS.
    QByteArray caCertificatePem() const;
    /// The server certificate (PEM).
    QByteArray certificatePem() const;
    /// The server's private key, PKCS#8 PEM, unencrypted: for the login server's TLS setup only.
    QByteArray privateKeyPem() const;
    /// When the server certificate expires (its notAfter), in UTC.
    QDateTime expiresAt() const;

    /// Whether the server certificate names @p host (a DNS name, case-insensitive, or an IP address) and
    /// is valid at @p now.
    bool serves(const QString &host, const QDateTime &now = QDateTime::currentDateTimeUtc()) const;

    /// A new server certificate for @p host, as generate() makes one, signed by this identity's CA; the
    /// same errors as generate().
    Result<TlsIdentity> reissued(const QString &host,
                                 const QDateTime &now = QDateTime::currentDateTimeUtc()) const;

private:
    struct Parts; ///< the CA's and the server's certificates and keys, defined in the .cpp

    TlsIdentity(QString host, std::shared_ptr<const Parts> parts);

    QString m_host;
    std::shared_ptr<const Parts> m_parts; ///< never null
};
