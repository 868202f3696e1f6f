#include "TlsIdentity.h"

#include "core/tokens/OpenSsl.h"

#include <QHostAddress>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QRegularExpression>
#include <QStringList>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <ctime>
#include <optional>
#include <utility>

namespace {

using OpenSsl::BignumPointer;
using OpenSsl::BioPointer;
using OpenSsl::CertificatePointer;
using OpenSsl::ExtensionPointer;
using OpenSsl::KeyPointer;
using Extensions = QList<QPair<int, QByteArray>>;

/// RFC 5280 section 4.1.2.6 (ub-common-name): a longer host cannot be the subject's CN.
constexpr int kCommonNameLimit = 64;

Error invalid(const QString &message)
{
    return Error(Error::Kind::Invalid, message);
}

Error unavailable(const QString &what)
{
    return Error(Error::Kind::Unavailable,
                 QStringLiteral("OpenSSL could not %1 (%2).").arg(what, OpenSsl::reason()));
}

/// Refuses to ask for a passphrase: an encrypted PEM fails to load instead of prompting on the terminal.
int noPassphrase(char *, int, int, void *)
{
    return -1;
}

/// A host a certificate can name: a lower-case DNS name or a normalised IP address.
struct Host
{
    QString text;
    bool isAddress = false;
};

/// @p text as a Host, or nothing when it is not an ASCII DNS name (RFC 1123 labels) or an IP address.
std::optional<Host> hostFrom(const QString &text)
{
    static const QRegularExpression dottedQuad(QStringLiteral("^[0-9]{1,3}(\\.[0-9]{1,3}){3}$"));
    static const QRegularExpression label(QStringLiteral("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"));
    static const QRegularExpression digits(QStringLiteral("^[0-9]+$"));
    if (text.contains(u':') || dottedQuad.match(text).hasMatch()) {
        QHostAddress address;
        if (!address.setAddress(text) || !address.scopeId().isEmpty())
            return std::nullopt;
        return Host {address.toString(), true};
    }
    const QString name = text.toLower();
    if (name.isEmpty() || name.size() > 253)
        return std::nullopt;
    const QStringList labels = name.split(u'.');
    for (const QString &part : labels) {
        if (!label.match(part).hasMatch())
            return std::nullopt;
    }
    if (digits.match(labels.last()).hasMatch()) // a mistyped address such as 10.1.2, not a name
        return std::nullopt;
    return Host {name, false};
}

Error hostError(const QString &host)
{
    if (host.trimmed().isEmpty())
        return invalid(
            QStringLiteral("The TLS host is empty: give the login server's host, e.g. localhost."));
    return invalid(
        QStringLiteral("\"%1\" is not a host name or an IP address: give the host alone (e.g. localhost "
                       "or 127.0.0.1), without a scheme, a port, brackets or spaces.")
            .arg(host));
}

/// Whether @p certificate's subjectAltName names @p host (DNS names case-insensitively).
bool names(X509 *certificate, const Host &host)
{
    const QByteArray text = host.text.toLatin1();
    const int named = host.isAddress
        ? X509_check_ip_asc(certificate, text.constData(), 0)
        : X509_check_host(
            certificate, text.constData(), size_t(text.size()), X509_CHECK_FLAG_NEVER_CHECK_SUBJECT, nullptr);
    return named == 1;
}

bool setTime(ASN1_TIME *field, const QDateTime &when)
{
    return ASN1_TIME_set(field, time_t(when.toSecsSinceEpoch())) != nullptr;
}

/// A random 128-bit serial (the top bit set, so always 16 bytes long): positive, never zero, within
/// RFC 5280's 20 octets, and 127 bits of randomness, well above the CA/Browser Forum's 64.
BignumPointer randomSerial()
{
    BignumPointer serial(BN_new());
    if (!serial || BN_rand(serial.get(), 128, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ANY) != 1)
        return nullptr;
    return serial;
}

/// What a certificate says besides its key and serial.
struct Contents
{
    QString commonName;
    QDateTime from;
    QDateTime until;
    Extensions extensions; ///< NID and OpenSSL config text, added in order
};

/// A version 3 certificate of @p key with @p serial and @p contents, signed by @p issuer and @p issuerKey
/// (itself and
/// @p key when @p issuer is null); null when OpenSSL fails.
CertificatePointer signedCertificate(
    EVP_PKEY *key, const BIGNUM *serial, const Contents &contents, X509 *issuer, EVP_PKEY *issuerKey)
{
    CertificatePointer certificate(X509_new());
    X509 *raw = certificate.get();
    if (!raw || !serial || X509_set_version(raw, X509_VERSION_3) != 1
        || !BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(raw))
        || !setTime(X509_getm_notBefore(raw), contents.from)
        || !setTime(X509_getm_notAfter(raw), contents.until) || X509_set_pubkey(raw, key) != 1)
        return nullptr;
    X509_NAME *subject = X509_get_subject_name(raw);
    const QByteArray name = contents.commonName.toUtf8();
    const auto *bytes = reinterpret_cast<const unsigned char *>(name.constData());
    if (X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8, bytes, int(name.size()), -1, 0) != 1
        || X509_set_issuer_name(raw, issuer ? X509_get_subject_name(issuer) : subject) != 1)
        return nullptr;
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer ? issuer : raw, raw, nullptr, nullptr, 0);
    for (const auto &[nid, value] : contents.extensions) {
        const ExtensionPointer extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value.constData()));
        if (!extension || X509_add_ext(raw, extension.get(), -1) != 1)
            return nullptr;
    }
    if (X509_sign(raw, issuer ? issuerKey : key, EVP_sha256()) <= 0)
        return nullptr;
    return certificate;
}

/// A key pair and its certificate.
struct Issued
{
    KeyPointer key;
    CertificatePointer certificate;
};

Result<Issued> issueCa(const QDateTime &now)
{
    KeyPointer key(EVP_EC_gen("P-256"));
    if (!key)
        return unavailable(QStringLiteral("generate the CA's key"));
    const QDateTime from = now.addSecs(-3600);
    Contents contents {QString(),
                       from,
                       from.addYears(TlsIdentity::CaValidityYears),
                       {{NID_basic_constraints, "critical,CA:TRUE,pathlen:0"},
                        {NID_key_usage, "critical,keyCertSign,cRLSign"},
                        {NID_subject_key_identifier, "hash"},
                        {NID_authority_key_identifier, "keyid:always"}}};
    // The serial's first digits tell one tenant's CA from another's in a trust store.
    const BignumPointer serial = randomSerial();
    char *hex = serial ? BN_bn2hex(serial.get()) : nullptr;
    if (!hex)
        return unavailable(QStringLiteral("make the CA's serial number"));
    contents.commonName
        = QStringLiteral("Authdeck tenant CA %1").arg(QString::fromLatin1(hex).left(8).toLower());
    OPENSSL_free(hex);
    CertificatePointer certificate = signedCertificate(key.get(), serial.get(), contents, nullptr, nullptr);
    if (!certificate)
        return unavailable(QStringLiteral("make the CA's certificate"));
    return Issued {std::move(key), std::move(certificate)};
}

Result<Issued> issueServer(const Host &host, X509 *ca, EVP_PKEY *caKey, const QDateTime &now)
{
    KeyPointer key(EVP_EC_gen("P-256"));
    if (!key)
        return unavailable(QStringLiteral("generate the server's key"));
    const QByteArray text = host.text.toLatin1();
    QByteArray alternativeNames = (host.isAddress ? "IP:" : "DNS:") + text;
    if (text == "localhost")
        alternativeNames += ",IP:127.0.0.1,IP:::1";
    const QDateTime from = now.addSecs(-3600);
    const Contents contents {host.text.size() <= kCommonNameLimit ? host.text
                                                                  : QStringLiteral("Authdeck login server"),
                             from,
                             from.addDays(TlsIdentity::ServerValidityDays),
                             {{NID_basic_constraints, "critical,CA:FALSE"},
                              {NID_key_usage, "critical,digitalSignature"},
                              {NID_ext_key_usage, "serverAuth"},
                              {NID_subject_key_identifier, "hash"},
                              {NID_authority_key_identifier, "keyid:always"},
                              {NID_subject_alt_name, alternativeNames}}};
    CertificatePointer certificate = signedCertificate(key.get(), randomSerial().get(), contents, ca, caKey);
    if (!certificate)
        return unavailable(QStringLiteral("make the server certificate for %1").arg(host.text));
    return Issued {std::move(key), std::move(certificate)};
}

/// The first object @p read (PEM_read_bio_X509 or PEM_read_bio_PrivateKey) finds in @p pem, or null.
template<typename Pointer, typename Object>
Pointer fromPem(const QByteArray &pem, Object *(*read)(BIO *, Object **, pem_password_cb *, void *))
{
    const BioPointer bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    Pointer object(bio ? read(bio.get(), nullptr, noPassphrase, nullptr) : nullptr);
    ERR_clear_error();
    return object;
}

/// @p certificate, or @p key as unencrypted PKCS#8, in PEM.
QByteArray pemOf(X509 *certificate, EVP_PKEY *key)
{
    const BioPointer bio(BIO_new(BIO_s_mem()));
    if (!bio
        || (certificate ? PEM_write_bio_X509(bio.get(), certificate)
                        : PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr))
            != 1) {
        ERR_clear_error();
        return {};
    }
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, qsizetype(size));
}

QDateTime dateTimeFrom(const ASN1_TIME *time)
{
    std::tm fields {};
    if (ASN1_TIME_to_tm(time, &fields) != 1)
        return {};
    return QDateTime(QDate(fields.tm_year + 1900, fields.tm_mon + 1, fields.tm_mday),
                     QTime(fields.tm_hour, fields.tm_min, fields.tm_sec),
                     Qt::UTC);
}

const QString kHost = QStringLiteral("host");
const QString kCaCertificate = QStringLiteral("ca_certificate");
const QString kCaPrivateKey = QStringLiteral("ca_private_key");
const QString kCertificate = QStringLiteral("certificate");
const QString kPrivateKey = QStringLiteral("private_key");

} // namespace

struct TlsIdentity::Parts
{
    std::shared_ptr<const Issued> ca; ///< shared with the identities reissued() makes
    Issued server;
};

TlsIdentity::TlsIdentity(QString host, std::shared_ptr<const Parts> parts)
    : m_host(std::move(host))
    , m_parts(std::move(parts))
{ }

Result<TlsIdentity> TlsIdentity::generate(const QString &host, const QDateTime &now)
{
    const std::optional<Host> parsed = hostFrom(host);
    if (!parsed)
        return hostError(host);
    Result<Issued> ca = issueCa(now);
    if (!ca)
        return ca.error();
    Result<Issued> server = issueServer(*parsed, ca.value().certificate.get(), ca.value().key.get(), now);
    if (!server)
        return server.error();
    return TlsIdentity(
        parsed->text,
        std::make_shared<Parts>(Parts {std::make_shared<const Issued>(ca.takeValue()), server.takeValue()}));
}

Result<TlsIdentity> TlsIdentity::fromJson(const QJsonObject &json)
{
    for (const QString &field : {kHost, kCaCertificate, kCaPrivateKey, kCertificate, kPrivateKey}) {
        if (json.value(field).toString().isEmpty())
            return invalid(QStringLiteral("The TLS identity has no \"%1\" text.").arg(field));
    }
    const QString hostText = json.value(kHost).toString();
    const std::optional<Host> host = hostFrom(hostText);
    if (!host)
        return invalid(QStringLiteral("The TLS identity's host \"%1\" is not a host name or an IP address.")
                           .arg(hostText));
    const auto pem = [&json](const QString &field) { return json.value(field).toString().toUtf8(); };
    Issued ca {fromPem<KeyPointer>(pem(kCaPrivateKey), PEM_read_bio_PrivateKey),
               fromPem<CertificatePointer>(pem(kCaCertificate), PEM_read_bio_X509)};
    Issued server {fromPem<KeyPointer>(pem(kPrivateKey), PEM_read_bio_PrivateKey),
                   fromPem<CertificatePointer>(pem(kCertificate), PEM_read_bio_X509)};
    QString problem;
    if (!ca.certificate)
        problem = QStringLiteral("ca_certificate is not a PEM certificate");
    else if (!ca.key)
        problem = QStringLiteral("ca_private_key is not an unencrypted PEM private key");
    else if (!server.certificate)
        problem = QStringLiteral("certificate is not a PEM certificate");
    else if (!server.key)
        problem = QStringLiteral("private_key is not an unencrypted PEM private key");
    else if (X509_check_private_key(ca.certificate.get(), ca.key.get()) != 1)
        problem = QStringLiteral("ca_private_key does not belong to its ca_certificate");
    else if (X509_check_private_key(server.certificate.get(), server.key.get()) != 1)
        problem = QStringLiteral("private_key does not belong to its certificate");
    else if (X509_check_ca(ca.certificate.get()) == 0)
        problem = QStringLiteral("ca_certificate is not a certificate authority");
    else if (X509_check_issued(ca.certificate.get(), server.certificate.get()) != X509_V_OK
             || X509_verify(server.certificate.get(), X509_get0_pubkey(ca.certificate.get())) != 1)
        problem = QStringLiteral("certificate is not signed by its ca_certificate");
    else if (!names(server.certificate.get(), *host))
        problem = QStringLiteral("certificate does not name its host \"%1\"").arg(host->text);
    ERR_clear_error();
    if (!problem.isEmpty())
        return invalid(QStringLiteral("The TLS identity's %1.").arg(problem));
    return TlsIdentity(
        host->text,
        std::make_shared<Parts>(Parts {std::make_shared<const Issued>(std::move(ca)), std::move(server)}));
}

QJsonObject TlsIdentity::toJson() const
{
    return {{kHost, m_host},
            {kCaCertificate, QString::fromLatin1(caCertificatePem())},
            {kCaPrivateKey, QString::fromLatin1(pemOf(nullptr, m_parts->ca->key.get()))},
            {kCertificate, QString::fromLatin1(certificatePem())},
            {kPrivateKey, QString::fromLatin1(privateKeyPem())}};
}

QByteArray TlsIdentity::caCertificatePem() const
{
    return pemOf(m_parts->ca->certificate.get(), nullptr);
}

QByteArray TlsIdentity::certificatePem() const
{
    return pemOf(m_parts->server.certificate.get(), nullptr);
}

QByteArray TlsIdentity::privateKeyPem() const
{
    return pemOf(nullptr, m_parts->server.key.get());
}

QDateTime TlsIdentity::expiresAt() const
{
    return dateTimeFrom(X509_get0_notAfter(m_parts->server.certificate.get()));
}

bool TlsIdentity::serves(const QString &host, const QDateTime &now) const
{
    const std::optional<Host> parsed = hostFrom(host);
    if (!parsed || !now.isValid())
        return false;
    X509 *certificate = m_parts->server.certificate.get();
    time_t at = time_t(now.toSecsSinceEpoch());
    const bool serves = names(certificate, *parsed)
        && X509_cmp_time(X509_get0_notBefore(certificate), &at) < 0
        && X509_cmp_time(X509_get0_notAfter(certificate), &at) > 0;
    ERR_clear_error();
    return serves;
}

Result<TlsIdentity> TlsIdentity::reissued(const QString &host, const QDateTime &now) const
{
    const std::optional<Host> parsed = hostFrom(host);
    if (!parsed)
        return hostError(host);
    Result<Issued> server = issueServer(*parsed, m_parts->ca->certificate.get(), m_parts->ca->key.get(), now);
    if (!server)
        return server.error();
    return TlsIdentity(parsed->text, std::make_shared<Parts>(Parts {m_parts->ca, server.takeValue()}));
}
