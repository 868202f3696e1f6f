#include "PasswordHasher.h"

#include <sodium.h>

namespace {

bool initialised()
{
    static const bool ok = sodium_init() >= 0;
    return ok;
}

} // namespace

PasswordHasher::PasswordHasher(unsigned long long opsLimit, size_t memLimit)
    : m_opsLimit(opsLimit)
    , m_memLimit(memLimit)
{ }

PasswordHasher PasswordHasher::interactive()
{
    return PasswordHasher(crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

PasswordHasher PasswordHasher::minimal()
{
    return PasswordHasher(crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
}

QString PasswordHasher::hash(const QString &password) const
{
    if (!initialised())
        return {};
    QByteArray bytes = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    const int rc = crypto_pwhash_str_alg(
        out, bytes.constData(), size_t(bytes.size()), m_opsLimit, m_memLimit, crypto_pwhash_ALG_ARGON2ID13);
    sodium_memzero(bytes.data(), size_t(bytes.size()));
    if (rc != 0)
        return {};
    return QString::fromLatin1(out);
}

bool PasswordHasher::verify(const QString &encoded, const QString &password)
{
    if (!initialised() || encoded.isEmpty())
        return false;
    const QByteArray hash = encoded.toLatin1();
    QByteArray bytes = password.toUtf8();
    const bool ok = crypto_pwhash_str_verify(hash.constData(), bytes.constData(), size_t(bytes.size())) == 0;
    sodium_memzero(bytes.data(), size_t(bytes.size()));
    return ok;
}
