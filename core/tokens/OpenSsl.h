#pragma once

// What the token code shares on OpenSSL (SigningKey, TlsIdentity): owning pointers that free each OpenSSL
// object with its own function, and the library's reason for a failure. For core/tokens' .cpp files only.

#include <QString>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>

namespace OpenSsl {

template<typename T, void (*Release)(T *)>
struct Releaser
{
    void operator()(T *object) const { Release(object); }
};

using BioPointer = std::unique_ptr<BIO, Releaser<BIO, BIO_free_all>>;
using BignumPointer = std::unique_ptr<BIGNUM, Releaser<BIGNUM, BN_free>>;
using KeyPointer = std::unique_ptr<EVP_PKEY, Releaser<EVP_PKEY, EVP_PKEY_free>>;
using KeyContextPointer = std::unique_ptr<EVP_PKEY_CTX, Releaser<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using DigestContextPointer = std::unique_ptr<EVP_MD_CTX, Releaser<EVP_MD_CTX, EVP_MD_CTX_free>>;
using CertificatePointer = std::unique_ptr<X509, Releaser<X509, X509_free>>;
using ExtensionPointer = std::unique_ptr<X509_EXTENSION, Releaser<X509_EXTENSION, X509_EXTENSION_free>>;

/// OpenSSL's reason for the latest failure on this thread, for a message; empties the thread's error queue.
inline QString reason()
{
    const char *text = ERR_reason_error_string(ERR_peek_last_error());
    ERR_clear_error();
    return text ? QString::fromLatin1(text) : QStringLiteral("no reason given");
}

} // namespace OpenSsl
