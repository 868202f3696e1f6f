#include "SigningKey.h"

#include "core/tokens/OpenSsl.h"
#include "core/tokens/TokenCodec.h"

#include <QJsonValue>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <utility>

namespace {

using OpenSsl::BignumPointer;
using OpenSsl::BioPointer;
using OpenSsl::DigestContextPointer;
using OpenSsl::KeyContextPointer;
using ParamBuilderPointer
    = std::unique_ptr<OSSL_PARAM_BLD, OpenSsl::Releaser<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using ParamsPointer = std::unique_ptr<OSSL_PARAM, OpenSsl::Releaser<OSSL_PARAM, OSSL_PARAM_free>>;

/// RFC 7518 section 3.3: RS256 keys have 2048 bits or more.
constexpr int kMinimumBits = 2048;

Error invalid(const QString &message)
{
    return Error(Error::Kind::Invalid, message);
}

/// Refuses to ask for a passphrase: an encrypted PEM fails to load instead of prompting on the terminal.
int noPassphrase(char *, int, int, void *)
{
    return -1;
}

/// The big-endian bytes, without leading zeros, of the number @p name (n or e) of RSA key @p key.
QByteArray numberBytes(const EVP_PKEY *key, const char *name)
{
    BIGNUM *raw = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &raw) != 1)
        return {};
    const BignumPointer number(raw);
    QByteArray bytes(BN_num_bytes(number.get()), Qt::Uninitialized);
    BN_bn2bin(number.get(), reinterpret_cast<unsigned char *>(bytes.data()));
    return bytes;
}

/// The number @p base64 (a JWK member) encodes, or null when it is not base64url of a non-zero number.
BignumPointer numberFrom(const QJsonValue &base64)
{
    if (!base64.isString())
        return nullptr;
    const auto bytes = TokenCodec::fromBase64Url(base64.toString().toLatin1());
    if (!bytes || bytes->isEmpty())
        return nullptr;
    BignumPointer number(
        BN_bin2bn(reinterpret_cast<const unsigned char *>(bytes->constData()), int(bytes->size()), nullptr));
    if (number && BN_is_zero(number.get()))
        return nullptr;
    return number;
}

/// RFC 7638: base64url SHA-256 of the required members in lexical order, no whitespace.
QString thumbprint(const QByteArray &n, const QByteArray &e)
{
    const QByteArray canonical = QByteArrayLiteral("{\"e\":\"") + TokenCodec::base64Url(e)
        + QByteArrayLiteral("\",\"kty\":\"RSA\",\"n\":\"") + TokenCodec::base64Url(n)
        + QByteArrayLiteral("\"}");
    const QByteArray digest = TokenCodec::sha256(canonical);
    return digest.isEmpty() ? QString() : QString::fromLatin1(TokenCodec::base64Url(digest));
}

} // namespace

void SigningKey::KeyRelease::operator()(evp_pkey_st *key) const
{
    EVP_PKEY_free(key);
}

SigningKey::SigningKey(KeyPointer key, bool hasPrivateKey, QString keyId)
    : m_key(std::move(key))
    , m_hasPrivateKey(hasPrivateKey)
    , m_keyId(std::move(keyId))
{ }

SigningKey::SigningKey(const SigningKey &other)
    : m_hasPrivateKey(other.m_hasPrivateKey)
    , m_keyId(other.m_keyId)
{
    if (other.m_key && EVP_PKEY_up_ref(other.m_key.get()) == 1)
        m_key.reset(other.m_key.get());
}

SigningKey &SigningKey::operator=(const SigningKey &other)
{
    if (this != &other)
        *this = SigningKey(other);
    return *this;
}

Result<SigningKey> SigningKey::adopt(KeyPointer key, bool hasPrivateKey)
{
    if (!EVP_PKEY_is_a(key.get(), "RSA"))
        return invalid(QStringLiteral("The key is not an RSA key; RS256 needs one."));
    if (EVP_PKEY_get_bits(key.get()) < kMinimumBits)
        return invalid(QStringLiteral("The RSA key has %1 bits; RS256 needs at least %2.")
                           .arg(EVP_PKEY_get_bits(key.get()))
                           .arg(kMinimumBits));
    const QString keyId = thumbprint(numberBytes(key.get(), OSSL_PKEY_PARAM_RSA_N),
                                     numberBytes(key.get(), OSSL_PKEY_PARAM_RSA_E));
    if (keyId.isEmpty())
        return Error(
            Error::Kind::Unavailable,
            QStringLiteral("OpenSSL could not compute the key's thumbprint (%1).").arg(OpenSsl::reason()));
    return SigningKey(std::move(key), hasPrivateKey, keyId);
}

Result<SigningKey> SigningKey::generate()
{
    KeyPointer key(EVP_RSA_gen(GeneratedBits));
    if (!key)
        return Error(Error::Kind::Unavailable,
                     QStringLiteral("OpenSSL could not generate an RSA key (%1).").arg(OpenSsl::reason()));
    return adopt(std::move(key), true);
}

Result<SigningKey> SigningKey::fromPrivatePem(const QByteArray &pem)
{
    const BioPointer bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    KeyPointer key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr) : nullptr);
    if (!key) {
        ERR_clear_error(); // OpenSSL's reason ("unsupported", "bad decrypt") names its own last step only
        return invalid(QStringLiteral("The text is not an unencrypted PEM private key."));
    }
    // A damaged number still parses; the full check (primes, n = p q, e d = 1) catches it before it signs.
    const KeyContextPointer check(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
    if (EVP_PKEY_is_a(key.get(), "RSA") && (!check || EVP_PKEY_check(check.get()) != 1))
        return invalid(QStringLiteral("The PEM private key is not a consistent RSA key pair (OpenSSL: %1).")
                           .arg(OpenSsl::reason()));
    return adopt(std::move(key), true);
}

Result<SigningKey> SigningKey::fromPublicJwk(const QJsonObject &jwk)
{
    if (jwk.value(QLatin1String("kty")).toString() != QLatin1String("RSA"))
        return invalid(QStringLiteral("The JWK's kty is not \"RSA\"."));
    if (jwk.contains(QLatin1String("alg"))
        && jwk.value(QLatin1String("alg")).toString() != QLatin1String("RS256"))
        return invalid(QStringLiteral("The JWK's alg is not \"RS256\"."));
    const BignumPointer n = numberFrom(jwk.value(QLatin1String("n")));
    if (!n)
        return invalid(QStringLiteral("The JWK's modulus n is missing or not base64url."));
    const BignumPointer e = numberFrom(jwk.value(QLatin1String("e")));
    if (!e)
        return invalid(QStringLiteral("The JWK's exponent e is missing or not base64url."));
    if (BN_num_bits(n.get()) < kMinimumBits)
        return invalid(QStringLiteral("The JWK's modulus has %1 bits; RS256 needs at least %2.")
                           .arg(BN_num_bits(n.get()))
                           .arg(kMinimumBits));

    const ParamBuilderPointer builder(OSSL_PARAM_BLD_new());
    if (!builder || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1
        || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1)
        return Error(Error::Kind::Unavailable,
                     QStringLiteral("OpenSSL could not hold the JWK's numbers (%1).").arg(OpenSsl::reason()));
    const ParamsPointer params(OSSL_PARAM_BLD_to_param(builder.get()));
    const KeyContextPointer context(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
    EVP_PKEY *raw = nullptr;
    if (!params || !context || EVP_PKEY_fromdata_init(context.get()) != 1
        || EVP_PKEY_fromdata(context.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
        return invalid(
            QStringLiteral("The JWK is not an RSA public key (OpenSSL: %1).").arg(OpenSsl::reason()));
    KeyPointer key(raw);

    // SP 800-56B checks: n odd, composite and free of small factors, e odd and in range.
    const KeyContextPointer check(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
    if (!check || EVP_PKEY_public_check(check.get()) != 1)
        return invalid(QStringLiteral("The JWK's n and e are not a usable RSA public key (OpenSSL: %1).")
                           .arg(OpenSsl::reason()));
    return adopt(std::move(key), false);
}

QByteArray SigningKey::privatePem() const
{
    if (!m_hasPrivateKey)
        return {};
    const BioPointer bio(BIO_new(BIO_s_mem()));
    if (!bio
        || PEM_write_bio_PrivateKey(bio.get(), m_key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        ERR_clear_error();
        return {};
    }
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, qsizetype(size));
}

QJsonObject SigningKey::publicJwk() const
{
    const auto encoded = [this](const char *name) {
        return QString::fromLatin1(TokenCodec::base64Url(numberBytes(m_key.get(), name)));
    };
    return QJsonObject {
        {QStringLiteral("kty"), QStringLiteral("RSA")},
        {QStringLiteral("use"), QStringLiteral("sig")},
        {QStringLiteral("alg"), QStringLiteral("RS256")},
        {QStringLiteral("kid"), m_keyId},
        {QStringLiteral("n"), encoded(OSSL_PKEY_PARAM_RSA_N)},
        {QStringLiteral("e"), encoded(OSSL_PKEY_PARAM_RSA_E)},
    };
}

Result<QByteArray> SigningKey::signRs256(const QByteArray &signingInput) const
{
    if (!m_hasPrivateKey)
        return invalid(QStringLiteral("The key %1 is a public key only; it cannot sign.").arg(m_keyId));
    const DigestContextPointer context(EVP_MD_CTX_new());
    size_t size = 0;
    const auto *input = reinterpret_cast<const unsigned char *>(signingInput.constData());
    const auto inputSize = static_cast<size_t>(signingInput.size());
    if (!context || EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, m_key.get()) != 1
        || EVP_DigestSign(context.get(), nullptr, &size, input, inputSize) != 1)
        return Error(
            Error::Kind::Unavailable,
            QStringLiteral("OpenSSL could not start an RS256 signature (%1).").arg(OpenSsl::reason()));
    QByteArray signature(qsizetype(size), Qt::Uninitialized);
    if (EVP_DigestSign(
            context.get(), reinterpret_cast<unsigned char *>(signature.data()), &size, input, inputSize)
        != 1)
        return Error(Error::Kind::Unavailable,
                     QStringLiteral("OpenSSL could not sign with RS256 (%1).").arg(OpenSsl::reason()));
    signature.resize(qsizetype(size));
    return signature;
}

bool SigningKey::verifyRs256(const QByteArray &input, const QByteArray &signature) const
{
    const DigestContextPointer context(EVP_MD_CTX_new());
    const bool valid = context
        && EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha256(), nullptr, m_key.get()) == 1
        && EVP_DigestVerify(context.get(),
                            reinterpret_cast<const unsigned char *>(signature.constData()),
                            static_cast<size_t>(signature.size()),
                            reinterpret_cast<const unsigned char *>(input.constData()),
                            static_cast<size_t>(input.size()))
            == 1;
    ERR_clear_error(); // a wrong signature leaves its reason on the thread's queue; nobody reads it
    return valid;
}
