#pragma once

#include "core/common/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <memory>

struct evp_pkey_st; // OpenSSL's EVP_PKEY, kept out of this header

/**
 * @brief An RSA key (2048 bits or more) that signs and verifies RS256 signatures (RSASSA-PKCS1-v1_5 with
 *        SHA-256, RFC 7518 section 3.3): the login server's token signing key, or a public key only.
 *
 * A key pair comes from generate() or fromPrivatePem(); a public key only from fromPublicJwk(), and it can
 * verify but not sign. Copies share the same immutable OpenSSL key (reference counted), so a SigningKey is
 * cheap to copy and its const functions may run on several threads at once. A default-constructed key does
 * not exist: every key comes from one of the factories.
 */
class SigningKey
{
public:
    /// Size of the keys generate() makes, in bits.
    static constexpr int GeneratedBits = 2048;

    /// Shares @p other's OpenSSL key. A moved-from key may only be assigned to or destroyed.
    SigningKey(const SigningKey &other);
    SigningKey &operator=(const SigningKey &other);
    SigningKey(SigningKey &&other) noexcept = default;
    SigningKey &operator=(SigningKey &&other) noexcept = default;
    ~SigningKey() = default;

    /// A fresh random RSA key pair of GeneratedBits bits.
    static Result<SigningKey> generate();

    /**
     * @brief The key pair in @p pem, an unencrypted PEM private key (PKCS#8 as privatePem() writes it, or
     *        PKCS#1), checked in full (primes, n = pq, the exponents) before it is used; an Invalid error
     *        for anything else: garbage, a public key, an encrypted key (no passphrase is ever asked for),
     *        a damaged key pair, a key that is not RSA, a key shorter than 2048 bits.
     */
    static Result<SigningKey> fromPrivatePem(const QByteArray &pem);

    /**
     * @brief The public key a JWK describes (RFC 7517/7518: kty "RSA", base64url n and e); it verifies
     *        but cannot sign. An Invalid error when a member is missing or malformed, when "alg" is given
     *        and is not RS256, or when the numbers are no usable RSA public key of 2048 bits or more.
     *
     * The JWK's own "kid" is not kept: keyId() is always the key's RFC 7638 thumbprint.
     */
    static Result<SigningKey> fromPublicJwk(const QJsonObject &jwk);

    /// Whether this key can sign (it holds the private half).
    bool hasPrivateKey() const { return m_hasPrivateKey; }

    /**
     * @brief The private key as PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"), unencrypted: hand it to the
     *        secret store only, never to a log or a file. Empty for a public key only.
     */
    QByteArray privatePem() const;

    /// The key's id: its RFC 7638 JWK thumbprint (base64url SHA-256 of {"e","kty","n"}); stable across
    /// copies.
    QString keyId() const { return m_keyId; }

    /// The public key as a JWK for a JWKS: {kty "RSA", use "sig", alg "RS256", kid, n, e}.
    QJsonObject publicJwk() const;

    /// The RS256 signature of @p signingInput; an Invalid error for a public key only.
    Result<QByteArray> signRs256(const QByteArray &signingInput) const;

    /// Whether @p signature is this key's RS256 signature of @p input.
    bool verifyRs256(const QByteArray &input, const QByteArray &signature) const;

private:
    struct KeyRelease
    {
        void operator()(evp_pkey_st *key) const;
    };
    using KeyPointer = std::unique_ptr<evp_pkey_st, KeyRelease>;

    /// Takes ownership of @p key; fails when it is not an RSA key of 2048 bits or more.
    static Result<SigningKey> adopt(KeyPointer key, bool hasPrivateKey);

    SigningKey(KeyPointer key, bool hasPrivateKey, QString keyId);

    KeyPointer m_key; ///< null only in a moved-from key
    bool m_hasPrivateKey; ///< whether m_key holds the private half
    QString m_keyId; ///< RFC 7638 thumbprint, computed once
};
