#include "Pkce.h"

#include "core/tokens/TokenCodec.h"

#include <openssl/crypto.h>

namespace {

constexpr int kShortestVerifier = 43;
constexpr int kLongestVerifier = 128;

bool isUnreserved(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'A' && u <= u'Z') || (u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9') || u == u'-'
        || u == u'.' || u == u'_' || u == u'~';
}

} // namespace

namespace Pkce {

bool isValidVerifier(const QString &verifier)
{
    if (verifier.size() < kShortestVerifier || verifier.size() > kLongestVerifier)
        return false;
    for (const QChar c : verifier) {
        if (!isUnreserved(c))
            return false;
    }
    return true;
}

QString challengeS256(const QString &verifier)
{
    return QString::fromLatin1(TokenCodec::base64Url(TokenCodec::sha256(verifier.toUtf8())));
}

bool matchesS256(const QString &verifier, const QString &challenge)
{
    if (!isValidVerifier(verifier))
        return false;
    const QByteArray expected = challengeS256(verifier).toLatin1();
    const QByteArray given = challenge.toUtf8();
    // The lengths are no secret; the content is compared without an early exit.
    return !expected.isEmpty() && expected.size() == given.size()
        && CRYPTO_memcmp(expected.constData(), given.constData(), static_cast<size_t>(given.size())) == 0;
}

} // namespace Pkce
