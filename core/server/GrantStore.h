#pragma once

#include "core/common/Result.h"
#include "core/server/Grant.h"

#include <QHash>
#include <QString>

/**
 * @brief The login server's authorization codes, refresh tokens and opaque access tokens.
 *
 * Only a SHA-256 hash of each code and token is kept, so the store never holds a usable credential.
 * Codes are single-use and live CodeLifetimeSecs; redeeming one twice revokes the refresh tokens that its
 * first use issued (RFC 6749 §4.1.2). Refresh tokens rotate: each use returns a new one in the same family,
 * and presenting a token that was already rotated revokes the whole family (reuse detection). Kept in
 * memory: they end with the server, as its sessions do.
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

    /// A new code for @p grant.
    QString issueCode(const Grant &grant,
                      const QString &redirectUri,
                      const QString &codeChallenge,
                      const QDateTime &now);
    /// Uses @p code up; an Invalid error for an unknown, expired or reused code (a reuse revokes).
    Result<CodeGrant> redeemCode(const QString &code, const QDateTime &now);

    /// A new refresh token for @p grant in @p family (a new family when empty).
    QString issueRefreshToken(const Grant &grant, const QString &family, const QDateTime &now);
    /// Rotates @p token: the grant it carries and its family; an Invalid error when it is unknown, expired,
    /// revoked or already rotated (then its whole family is revoked).
    Result<std::pair<Grant, QString>> rotateRefreshToken(const QString &token, const QDateTime &now);

    /// A new opaque access token for @p grant (for /userinfo).
    QString issueAccessToken(const Grant &grant, const QDateTime &now);
    /// The grant behind an opaque access token; NotFound when unknown or expired.
    Result<Grant> accessToken(const QString &token, const QDateTime &now) const;

    /// Drops what has expired.
    void prune(const QDateTime &now);

    /// 43 random URL-safe characters (258 bits).
    static QString newToken();
    static QByteArray hash(const QString &token);

private:
    struct Code
    {
        CodeGrant grant;
        QDateTime expires;
        bool used = false;
    };
    struct Refresh
    {
        Grant grant;
        QString family;
        QDateTime expires;
        bool rotated = false;
    };
    struct Access
    {
        Grant grant;
        QDateTime expires;
    };

    void revokeFamily(const QString &family);

    QHash<QByteArray, Code> m_codes;
    QHash<QByteArray, Refresh> m_refreshTokens;
    QHash<QByteArray, Access> m_accessTokens;
};
