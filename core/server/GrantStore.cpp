#include "GrantStore.h"

#include "core/common/Random.h"

#include <QCryptographicHash>

namespace {

Error invalidGrant(const QString &message)
{
    return Error(Error::Kind::Invalid, message);
}

} // namespace

GrantStore::GrantStore(Database &database)
    : m_rows(database)
{ }

QString GrantStore::newToken()
{
    return Random::urlSafe(43); // 258 bits
}

QByteArray GrantStore::hash(const QString &token)
{
    return QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256);
}

Result<QString> GrantStore::issue(LoginGrantRow row, const Grant &grant)
{
    const QString token = newToken();
    row.tokenHash = hash(token);
    row.data = grant.toJson();
    if (auto kept = m_rows.insert(row); !kept)
        return kept.error();
    return token;
}

Result<bool> GrantStore::spendOrRevoke(const LoginGrantRow &row)
{
    auto spent = row.spent ? Result<bool>(false) : m_rows.spend(row.tokenHash);
    if (!spent || spent.value())
        return spent;
    // Spent before (here or on another server, even a moment ago): a reuse, so its family goes.
    if (auto revoked = m_rows.removeFamily(row.family); !revoked)
        return revoked.error();
    return false;
}

Result<QString> GrantStore::issueCode(const Grant &grant,
                                      const QString &redirectUri,
                                      const QString &codeChallenge,
                                      const QDateTime &now)
{
    LoginGrantRow row;
    row.kind = LoginGrantRow::Kind::Code;
    row.family = newToken();
    row.redirectUri = redirectUri;
    row.codeChallenge = codeChallenge;
    row.expires = now.addSecs(CodeLifetimeSecs);
    return issue(row, grant);
}

Result<GrantStore::CodeGrant> GrantStore::redeemCode(const QString &code, const QDateTime &now)
{
    const QByteArray key = hash(code);
    auto found = m_rows.find(key, LoginGrantRow::Kind::Code);
    if (!found)
        return found.error();
    if (!found.value())
        return invalidGrant(QStringLiteral("Invalid authorization code"));
    const LoginGrantRow &row = *found.value();
    // A code that comes back is a stolen or replayed one: what its first use gave is withdrawn.
    if (auto spent = spendOrRevoke(row); !spent || !spent.value())
        return spent ? invalidGrant(QStringLiteral(
                   "Invalid authorization code (it was already used; the tokens it gave are revoked)"))
                     : spent.error();
    if (row.expires < now)
        return invalidGrant(QStringLiteral("Invalid authorization code (it has expired)"));
    return CodeGrant {Grant::fromJson(row.data), row.redirectUri, row.codeChallenge, row.family};
}

Result<QString> GrantStore::issueRefreshToken(const Grant &grant, const QString &family, const QDateTime &now)
{
    LoginGrantRow row;
    row.kind = LoginGrantRow::Kind::Refresh;
    row.family = family.isEmpty() ? newToken() : family;
    row.expires = now.addDays(RefreshTokenLifetimeDays);
    return issue(row, grant);
}

Result<std::pair<Grant, QString>> GrantStore::rotateRefreshToken(const QString &token, const QDateTime &now)
{
    const QByteArray key = hash(token);
    auto found = m_rows.find(key, LoginGrantRow::Kind::Refresh);
    if (!found)
        return found.error();
    if (!found.value())
        return invalidGrant(QStringLiteral("Unknown or invalid refresh token."));
    const LoginGrantRow &row = *found.value();
    if (row.expires < now) {
        discardResult(m_rows.remove(key), "an expired token is pruned later all the same");
        return invalidGrant(QStringLiteral("Unknown or invalid refresh token. (It has expired.)"));
    }
    if (auto spent = spendOrRevoke(row); !spent || !spent.value())
        return spent ? invalidGrant(QStringLiteral("Unknown or invalid refresh token. (It was already used: "
                                                   "every token of its family is revoked.)"))
                     : spent.error();
    return std::make_pair(Grant::fromJson(row.data), row.family);
}

Result<QString> GrantStore::issueAccessToken(const Grant &grant, const QDateTime &now)
{
    LoginGrantRow row;
    row.kind = LoginGrantRow::Kind::Access;
    row.expires = now.addSecs(AccessTokenLifetimeSecs);
    return issue(row, grant);
}

Result<Grant> GrantStore::accessToken(const QString &token, const QDateTime &now) const
{
    auto found = m_rows.find(hash(token), LoginGrantRow::Kind::Access);
    if (!found)
        return found.error();
    if (!found.value() || found.value()->expires < now)
        return Error(Error::Kind::NotFound, QStringLiteral("Invalid or expired access token"));
    return Grant::fromJson(found.value()->data);
}

void GrantStore::prune(const QDateTime &now)
{
    // A used code is kept until it expires, so that its reuse is still recognised and revokes.
    discardResult(m_rows.removeExpired(now), "what is not pruned now is pruned a minute later");
}
