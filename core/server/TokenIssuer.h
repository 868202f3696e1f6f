#pragma once

#include "core/common/Result.h"
#include "core/server/Grant.h"
#include "core/tokens/SigningKey.h"

#include <QDateTime>
#include <QJsonObject>

#include <optional>

class GrantStore;
class SigningKeyRing;
class TenantSettings;

/**
 * @brief Makes the tokens of a grant: the ID token (RS256, with the claims auth0-spa-js checks and the
 *        profile getUser() returns), the access token (a JWT for an audience, opaque otherwise) and,
 *        when asked and allowed, a rotating refresh token.
 */
class TokenIssuer
{
public:
    static constexpr int IdTokenLifetimeSecs = 36000;

    TokenIssuer(const SigningKeyRing &keys, const TenantSettings &settings, GrantStore &grants);

    /// The base URL the server answers on (the domain, unless a run overrides its port); "" for the domain.
    void setBaseUrl(const QString &url) { m_baseUrl = url; }
    /// The base URL with a trailing "/": the iss of every token.
    QString issuer() const;
    QString userInfoUrl() const;
    /// The identifier of the tenant's Management API: the issuer followed by "api/v2/".
    QString managementAudience() const { return managementAudienceOf(issuer()); }
    /// The Management API's identifier on a server whose base URL (with or without its "/") is @p base.
    static QString managementAudienceOf(QString base)
    {
        if (!base.endsWith(QLatin1Char('/')))
            base += QLatin1Char('/');
        return base + QLatin1String("api/v2/");
    }

    /**
     * @brief The body of a successful token reply for @p grant: access_token, token_type, expires_in and
     *        scope; id_token when openid was granted; refresh_token when @p refreshFamily is given.
     * @param refreshFamily the family a new refresh token joins ("" for a new one); nothing for none
     */
    Result<QJsonObject>
    tokenReply(const Grant &grant, const std::optional<QString> &refreshFamily, const QDateTime &now) const;
    Result<QByteArray> idToken(const Grant &grant, const QDateTime &now) const;

    /// A token reply with everything but its signatures: made on the server's thread (it issues the
    /// opaque and refresh tokens), signed anywhere by sign() (RS256 costs most of an exchange).
    struct Unsigned
    {
        QJsonObject reply;
        std::optional<QJsonObject> idClaims;
        std::optional<QJsonObject> accessClaims;
        std::optional<SigningKey> key;
    };
    Result<Unsigned>
    prepare(const Grant &grant, const std::optional<QString> &refreshFamily, const QDateTime &now) const;
    /// Signs what prepare() made; thread-safe (it touches nothing but @p prepared).
    static Result<QJsonObject> sign(const Unsigned &prepared);

    /// The claims of a JWT this tenant signed: signature (current or previous key), issuer and expiry
    /// checked.
    Result<QJsonObject> verify(const QString &token, const QDateTime &now) const;
    /// The claims of a JWT access token that this tenant signed for /userinfo; an error when the
    /// signature, issuer, audience or expiry is wrong.
    Result<QJsonObject> verifyAccessToken(const QString &token, const QDateTime &now) const;

    /// The OIDC claims of @p profile (Auth0's profile shape) that @p scope allows, with "sub".
    static QJsonObject userClaims(const QJsonObject &profile, const QString &scope);

private:
    QJsonObject idClaims(const Grant &grant, const QDateTime &now) const;
    QJsonObject accessClaims(const Grant &grant, const QDateTime &now) const;

    const SigningKeyRing &m_keys;
    const TenantSettings &m_settings;
    GrantStore &m_grants;
    QString m_baseUrl;
};
