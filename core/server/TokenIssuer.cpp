#include "TokenIssuer.h"

#include "core/server/GrantStore.h"
#include "core/server/SigningKeyRing.h"
#include "core/settings/TenantSettings.h"
#include "core/tokens/Jwt.h"

#include <QJsonArray>

TokenIssuer::TokenIssuer(const SigningKeyRing &keys, const TenantSettings &settings, GrantStore &grants)
    : m_keys(keys)
    , m_settings(settings)
    , m_grants(grants)
{ }

QString TokenIssuer::issuer() const
{
    QString domain = m_baseUrl.isEmpty() ? m_settings.domain() : m_baseUrl;
    while (domain.endsWith(QLatin1Char('/')))
        domain.chop(1);
    return domain + QLatin1Char('/');
}

QString TokenIssuer::userInfoUrl() const
{
    return issuer() + QLatin1String("userinfo");
}

QJsonObject TokenIssuer::userClaims(const QJsonObject &profile, const QString &scope)
{
    const QStringList scopes = scope.split(QLatin1Char(' '));
    QJsonObject claims {{QStringLiteral("sub"), profile.value(QLatin1String("user_id"))}};
    if (scopes.contains(QLatin1String("profile"))) {
        for (const char *name : {"name", "nickname", "picture", "updated_at"}) {
            const QString key = QString::fromLatin1(name);
            if (profile.contains(key))
                claims.insert(key, profile.value(key));
        }
    }
    if (scopes.contains(QLatin1String("email"))) {
        claims.insert(QStringLiteral("email"), profile.value(QLatin1String("email")));
        claims.insert(QStringLiteral("email_verified"),
                      profile.value(QLatin1String("email_verified")).toBool());
    }
    if (scopes.contains(QLatin1String("phone")) && profile.contains(QLatin1String("phone_number")))
        claims.insert(QStringLiteral("phone_number"), profile.value(QLatin1String("phone_number")));
    return claims;
}

Result<QByteArray> TokenIssuer::idToken(const Grant &grant, const QDateTime &now) const
{
    if (!m_keys.isLoaded())
        return Error(Error::Kind::Unavailable, QStringLiteral("The signing keys are not loaded"));
    return Jwt::sign(idClaims(grant, now), m_keys.current());
}

QJsonObject TokenIssuer::idClaims(const Grant &grant, const QDateTime &now) const
{
    QJsonObject claims = userClaims(grant.profile, grant.scope);
    // Custom claims of the Login flow first, so that they can never replace a registered claim.
    for (auto it = grant.idTokenClaims.begin(); it != grant.idTokenClaims.end(); ++it) {
        if (!claims.contains(it.key()))
            claims.insert(it.key(), it.value());
    }
    const qint64 issued = now.toSecsSinceEpoch();
    claims.insert(QStringLiteral("iss"), issuer());
    claims.insert(QStringLiteral("aud"), grant.clientId);
    claims.insert(QStringLiteral("azp"), grant.clientId);
    claims.insert(QStringLiteral("iat"), issued);
    claims.insert(QStringLiteral("exp"), issued + IdTokenLifetimeSecs);
    if (grant.authTime.isValid())
        claims.insert(QStringLiteral("auth_time"), grant.authTime.toSecsSinceEpoch());
    if (!grant.nonce.isEmpty())
        claims.insert(QStringLiteral("nonce"), grant.nonce);
    if (!grant.sid.isEmpty())
        claims.insert(QStringLiteral("sid"), grant.sid);
    return claims;
}

QJsonObject TokenIssuer::accessClaims(const Grant &grant, const QDateTime &now) const
{
    const qint64 issued = now.toSecsSinceEpoch();
    QJsonObject claims = grant.accessTokenClaims;
    const bool forUser = !grant.userId.isEmpty();
    claims.insert(QStringLiteral("iss"), issuer());
    claims.insert(QStringLiteral("sub"), forUser ? grant.userId : grant.clientId + QLatin1String("@clients"));
    claims.insert(QStringLiteral("aud"),
                  forUser && grant.hasScope(QStringLiteral("openid"))
                      ? QJsonValue(QJsonArray {grant.audience, userInfoUrl()})
                      : QJsonValue(grant.audience));
    claims.insert(QStringLiteral("iat"), issued);
    claims.insert(QStringLiteral("exp"), issued + GrantStore::AccessTokenLifetimeSecs);
    claims.insert(QStringLiteral("azp"), grant.clientId);
    claims.insert(QStringLiteral("scope"), grant.scope);
    if (!forUser)
        claims.insert(QStringLiteral("gty"), QStringLiteral("client-credentials"));
    return claims;
}

Result<TokenIssuer::Unsigned> TokenIssuer::prepare(const Grant &grant,
                                                   const std::optional<QString> &refreshFamily,
                                                   const QDateTime &now) const
{
    Unsigned prepared;
    prepared.reply = QJsonObject {{QStringLiteral("token_type"), QStringLiteral("Bearer")},
                                  {QStringLiteral("expires_in"), GrantStore::AccessTokenLifetimeSecs},
                                  {QStringLiteral("scope"), grant.scope}};
    const bool withId = grant.hasScope(QStringLiteral("openid")) && !grant.userId.isEmpty();
    if ((withId || !grant.audience.isEmpty()) && !m_keys.isLoaded())
        return Error(Error::Kind::Unavailable, QStringLiteral("The signing keys are not loaded"));
    if (grant.audience.isEmpty()) {
        auto opaque = m_grants.issueAccessToken(grant, now);
        if (!opaque)
            return opaque.error();
        prepared.reply.insert(QStringLiteral("access_token"), opaque.value());
    } else {
        prepared.accessClaims = accessClaims(grant, now);
    }
    if (withId)
        prepared.idClaims = idClaims(grant, now);
    if (refreshFamily) {
        auto refresh = m_grants.issueRefreshToken(grant, *refreshFamily, now);
        if (!refresh)
            return refresh.error();
        prepared.reply.insert(QStringLiteral("refresh_token"), refresh.value());
    }
    if (m_keys.isLoaded())
        prepared.key.emplace(m_keys.current());
    return prepared;
}

Result<QJsonObject> TokenIssuer::sign(const Unsigned &prepared)
{
    QJsonObject reply = prepared.reply;
    for (const auto &[claims, field] :
         {std::pair {&prepared.accessClaims, "access_token"}, std::pair {&prepared.idClaims, "id_token"}}) {
        if (!*claims)
            continue;
        auto token = Jwt::sign(**claims, *prepared.key);
        if (!token)
            return token.error();
        reply.insert(QLatin1String(field), QString::fromLatin1(token.value()));
    }
    return reply;
}

Result<QJsonObject> TokenIssuer::tokenReply(const Grant &grant,
                                            const std::optional<QString> &refreshFamily,
                                            const QDateTime &now) const
{
    auto prepared = prepare(grant, refreshFamily, now);
    if (!prepared)
        return prepared.error();
    return sign(prepared.value());
}

Result<QJsonObject> TokenIssuer::verify(const QString &token, const QDateTime &now) const
{
    auto claims = Jwt::verify(token.toLatin1(), m_keys.keys());
    if (!claims)
        return claims.error();
    if (claims.value().value(QLatin1String("iss")).toString() != issuer())
        return Error(Error::Kind::Invalid, QStringLiteral("The token was not issued by this tenant"));
    if (claims.value().value(QLatin1String("exp")).toInteger() < now.toSecsSinceEpoch())
        return Error(Error::Kind::Invalid, QStringLiteral("The token has expired"));
    return claims;
}

Result<QJsonObject> TokenIssuer::verifyAccessToken(const QString &token, const QDateTime &now) const
{
    auto claims = verify(token, now);
    if (!claims)
        return claims.error();
    const QJsonObject &payload = claims.value();
    const QJsonValue audience = payload.value(QLatin1String("aud"));
    const bool forUserInfo = audience.isArray() ? audience.toArray().contains(userInfoUrl())
                                                : audience.toString() == userInfoUrl();
    if (!forUserInfo)
        return Error(Error::Kind::Invalid,
                     QStringLiteral("The access token is not for this tenant's /userinfo"));
    return payload;
}
