#pragma once

#include "core/common/Result.h"
#include "core/server/Grant.h"
#include "core/store/LoginGrantRepository.h"

#include <QString>

class Database;

/**
 * @brief The login server's authorization codes, refresh tokens and opaque access tokens.
 *
 * Kept in the tenant's database, so that every login server of the tenant redeems what any of them issued,
 * and only as a SHA-256 hash of each code and token, so that the store never holds a usable credential.
 * Codes are single-use and live CodeLifetimeSecs; redeeming one twice revokes the refresh tokens that its
 * first use issued (RFC 6749 §4.1.2). Refresh tokens rotate: each use returns a new one in the same family,
 * and presenting a token that was already rotated revokes the whole family (reuse detection). Of two
 * servers redeeming one code (or rotating one token) at once, exactly one succeeds.
 */
class GrantStore
{
public:
    static constexpr int CodeLifetimeSecs = 60;
    static constexpr int AccessTokenLifetimeSecs = 86400;
    static constexpr int RefreshTokenLifetimeDays = 30;

    /// What redeeming a code gives: the grant, and the PKCE and redirect checks the caller must make.
    struct CodeGrant
    {
        Grant grant;
        QString redirectUri;
        QString codeChallenge; ///< S256; empty when the request had none
        QString family; ///< where refresh tokens issued for this code go
    };

    explicit GrantStore(Database &database);

    /// A new code for @p grant.
    [[nodiscard]] Result<QString> issueCode(const Grant &grant,
                                            const QString &redirectUri,
                                            const QString &codeChallenge,
                                            const QDateTime &now);
    /// Uses @p code up; an Invalid error for an unknown, expired or reused code (a reuse revokes).
    [[nodiscard]] Result<CodeGrant> redeemCode(const QString &code, const QDateTime &now);

    /// A new refresh token for @p grant in @p family (a new family when empty).
    [[nodiscard]] Result<QString>
    issueRefreshToken(const Grant &grant, const QString &family, const QDateTime &now);
    /// Rotates @p token: the grant it carries and its family; an Invalid error when it is unknown, expired,
    /// revoked or already rotated (then its whole family is revoked).
    [[nodiscard]] Result<std::pair<Grant, QString>> rotateRefreshToken(const QString &token,
                                                                       const QDateTime &now);

    /// A new opaque access token for @p grant (for /userinfo).
    [[nodiscard]] Result<QString> issueAccessToken(const Grant &grant, const QDateTime &now);
    /// The grant behind an opaque access token; NotFound when unknown or expired.
    [[nodiscard]] Result<Grant> accessToken(const QString &token, const QDateTime &now) const;

    /// Drops what has expired.
    void prune(const QDateTime &now);

    /// 43 random URL-safe characters (258 bits).
    static QString newToken();
    static QByteArray hash(const QString &token);

private:
    /// Keeps a new credential of @p row's kind for @p grant; the credential.
    Result<QString> issue(LoginGrantRow row, const Grant &grant);
    /// Uses @p row up; false when it was used already, and then the refresh tokens of its family are revoked.
    Result<bool> spendOrRevoke(const LoginGrantRow &row);

    LoginGrantRepository m_rows;
};
