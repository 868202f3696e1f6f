#include "GrantStore.h"

#include "core/common/Random.h"

#include <QCryptographicHash>

namespace {

Error invalidGrant(const QString &message)
{
    return Error(Error::Kind::Invalid, message);
}

} // namespace

QString GrantStore::newToken()
{
    return Random::urlSafe(43); // 258 bits
}

QByteArray GrantStore::hash(const QString &token)
{
    return QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256);
}

QString GrantStore::issueCode(const Grant &grant,
                              const QString &redirectUri,
                              const QString &codeChallenge,
                              const QDateTime &now)
{
    const QString code = newToken();
    m_codes.insert(
        hash(code),
        {CodeGrant {grant, redirectUri, codeChallenge, newToken()}, now.addSecs(CodeLifetimeSecs)});
    return code;
}

Result<GrantStore::CodeGrant> GrantStore::redeemCode(const QString &code, const QDateTime &now)
{
    auto it = m_codes.find(hash(code));
    if (it == m_codes.end())
        return invalidGrant(QStringLiteral("Invalid authorization code"));
    if (it->used) {
        // A code that comes back is a stolen or replayed one: what its first use gave is withdrawn.
        revokeFamily(it->grant.family);
        return invalidGrant(QStringLiteral(
            "Invalid authorization code (it was already used; the tokens it gave are revoked)"));
    }
    if (it->expires < now) {
        m_codes.erase(it);
        return invalidGrant(QStringLiteral("Invalid authorization code (it has expired)"));
    }
    it->used = true;
    return it->grant;
}

QString GrantStore::issueRefreshToken(const Grant &grant, const QString &family, const QDateTime &now)
{
    const QString token = newToken();
    m_refreshTokens.insert(
        hash(token), {grant, family.isEmpty() ? newToken() : family, now.addDays(RefreshTokenLifetimeDays)});
    return token;
}

Result<std::pair<Grant, QString>> GrantStore::rotateRefreshToken(const QString &token, const QDateTime &now)
{
    auto it = m_refreshTokens.find(hash(token));
    if (it == m_refreshTokens.end())
        return invalidGrant(QStringLiteral("Unknown or invalid refresh token."));
    if (it->rotated) {
        const QString family = it->family;
        revokeFamily(family);
        return invalidGrant(QStringLiteral("Unknown or invalid refresh token. (It was already used: every "
                                           "token of its family is revoked.)"));
    }
    if (it->expires < now) {
        m_refreshTokens.erase(it);
        return invalidGrant(QStringLiteral("Unknown or invalid refresh token. (It has expired.)"));
    }
    it->rotated = true;
    return std::make_pair(it->grant, it->family);
}

QString GrantStore::issueAccessToken(const Grant &grant, const QDateTime &now)
{
    const QString token = newToken();
    m_accessTokens.insert(hash(token), {grant, now.addSecs(AccessTokenLifetimeSecs)});
    return token;
}

Result<Grant> GrantStore::accessToken(const QString &token, const QDateTime &now) const
{
    const auto it = m_accessTokens.constFind(hash(token));
    if (it == m_accessTokens.constEnd() || it->expires < now)
        return Error(Error::Kind::NotFound, QStringLiteral("Invalid or expired access token"));
    return it->grant;
}

void GrantStore::revokeFamily(const QString &family)
{
    m_refreshTokens.removeIf([&family](const auto &entry) { return entry.value().family == family; });
}

void GrantStore::prune(const QDateTime &now)
{
    // A used code is kept until it expires, so that its reuse is still recognised and revokes.
    m_codes.removeIf([&now](const auto &entry) { return entry.value().expires < now; });
    m_refreshTokens.removeIf([&now](const auto &entry) { return entry.value().expires < now; });
    m_accessTokens.removeIf([&now](const auto &entry) { return entry.value().expires < now; });
}
