// LoginServer: /userinfo, /v2/logout and the discovery document.

#include "LoginServer.h"
#include "core/applications/ApplicationService.h"
#include "core/applications/UrlRules.h"
#include "core/common/Clock.h"
#include "core/common/Random.h"
#include "core/login/LoginEngine.h"
#include "core/model/LogEvent.h"
#include "core/server/GrantStore.h"
#include "core/server/HostedLogin.h"
#include "core/server/PageTemplate.h"
#include "core/server/ServerReply.h"
#include "core/server/ServerRequest.h"
#include "core/server/SessionStore.h"
#include "core/server/TokenIssuer.h"
#include "core/settings/TenantSettings.h"
#include "core/tokens/Pkce.h"

#include <QJsonArray>
#include <QUrlQuery>

void LoginServer::userInfo(const ServerRequest &request, const std::function<void(ServerReply)> &respond)
{
    const QString token = request.bearerToken();
    auto unauthorized = [&respond](const QString &description) {
        ServerReply reply = ServerReply::error(401, QStringLiteral("invalid_token"), description);
        reply.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        respond(reply);
    };
    if (token.isEmpty())
        return unauthorized(tr("An access token is required (Authorization: Bearer)"));
    const QDateTime now = m_engine.clock().now();
    QString userId;
    QString scope;
    if (token.count(QLatin1Char('.')) == 2) {
        auto claims = m_issuer->verifyAccessToken(token, now);
        if (!claims)
            return unauthorized(claims.error().message());
        userId = claims.value().value(QLatin1String("sub")).toString();
        scope = claims.value().value(QLatin1String("scope")).toString();
    } else {
        auto grant = m_grants->accessToken(token, now);
        if (!grant && grant.error().kind() == Error::Kind::Storage)
            return respond(
                ServerReply::error(503, QStringLiteral("temporarily_unavailable"), grant.error().message()));
        if (!grant)
            return unauthorized(grant.error().message());
        userId = grant.value().userId;
        scope = grant.value().scope;
    }
    auto user = m_engine.users().find(userId);
    if (!user)
        return unauthorized(tr("The user of this token no longer exists"));
    QJsonObject profile {
        {QStringLiteral("user_id"), user.value().id},
        {QStringLiteral("email"), user.value().email},
        {QStringLiteral("email_verified"), false},
        {QStringLiteral("name"), user.value().email},
        {QStringLiteral("nickname"), user.value().email.section(QLatin1Char('@'), 0, 0)},
        {QStringLiteral("updated_at"), user.value().updatedAt.toUTC().toString(Qt::ISODateWithMs)}};
    if (user.value().isEnrolled())
        profile.insert(QStringLiteral("phone_number"), user.value().phoneNumber);
    ServerReply reply = ServerReply::json(TokenIssuer::userClaims(profile, scope)).noStore();
    if (!request.origin().isEmpty())
        reply.header("Access-Control-Allow-Origin", request.origin().toUtf8()).header("Vary", "Origin");
    respond(reply);
}

void LoginServer::logout(const ServerRequest &request, const std::function<void(ServerReply)> &respond)
{
    const QString clientId = request.param(QStringLiteral("client_id"));
    const QString returnTo = request.param(QStringLiteral("returnTo"));
    std::optional<Application> application;
    if (!clientId.isEmpty()) {
        auto found = m_applications.find(clientId);
        if (!found)
            return respond(m_hosted->errorPage(
                400, QStringLiteral("invalid_request"), tr("Unknown client: %1").arg(clientId)));
        application = found.value();
    }
    if (!returnTo.isEmpty() && (!application || !UrlRules::allows(application->logoutUrls, returnTo)))
        return respond(m_hosted->errorPage(
            400,
            QStringLiteral("invalid_request"),
            application
                ? tr("The returnTo URL %1 is not in the list of allowed logout URLs of the application %2.")
                      .arg(returnTo, application->name)
                : tr("A returnTo URL needs the client_id of the application that allows it.")));

    const QString cookie = QString::fromLatin1(SessionStore::CookieName);
    const auto session = m_sessions->find(request.cookie(cookie), m_engine.clock().now());
    if (session) {
        LogEvent event;
        event.type = QString(LogCodes::SuccessfulLogout);
        event.clientId = clientId;
        event.clientName = application ? application->name : QString();
        event.userId = session->userId;
        event.userName = session->claims.profile.value(QLatin1String("email")).toString();
        event.ip = request.ip();
        event.userAgent = request.userAgent();
        if (auto ended = m_sessions->end(session->id); !ended)
            return respond(
                ServerReply::error(503, QStringLiteral("temporarily_unavailable"), ended.error().message()));
        discardResult(m_engine.logs().record(event), "LogStore counts and announces a failed record itself");
    }
    ServerReply reply;
    if (!returnTo.isEmpty()) {
        reply = ServerReply::redirect(returnTo);
    } else {
        auto body = PageTemplate::load(QStringLiteral("logged-out"));
        auto layout = PageTemplate::load(QStringLiteral("layout"));
        if (!body || !layout)
            return respond(ServerReply::error(
                500, QStringLiteral("server_error"), tr("A login page template is missing")));
        const QVariantMap values {{QStringLiteral("title"), tr("Logged out")},
                                  {QStringLiteral("tenantName"), m_settings.friendlyName()},
                                  {QStringLiteral("body"), body.value().render({})}};
        reply = ServerReply::page(layout.value().render(values));
    }
    reply.cookie(cookie, {}, 0, m_hosted->secureCookies());
    respond(reply);
}

QUrl LoginServer::loginPageUrl(const Application &application) const
{
    if (m_state != State::Running || application.callbacks.isEmpty())
        return {};
    QUrl address = url();
    address.setPath(QStringLiteral("/authorize"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("client_id"), application.clientId);
    query.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    query.addQueryItem(QStringLiteral("redirect_uri"), application.callbacks.first());
    query.addQueryItem(QStringLiteral("scope"), QStringLiteral("openid profile email"));
    query.addQueryItem(QStringLiteral("state"), Random::urlSafe(24));
    query.addQueryItem(QStringLiteral("nonce"), Random::urlSafe(24));
    query.addQueryItem(QStringLiteral("code_challenge"), Pkce::challengeS256(Random::urlSafe(64)));
    query.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    address.setQuery(query);
    return address;
}

ServerReply LoginServer::discovery() const
{
    const QString issuer = m_issuer->issuer();
    QJsonObject document {
        {QStringLiteral("issuer"), issuer},
        {QStringLiteral("authorization_endpoint"), QString(issuer + QLatin1String("authorize"))},
        {QStringLiteral("token_endpoint"), QString(issuer + QLatin1String("oauth/token"))},
        {QStringLiteral("userinfo_endpoint"), QString(issuer + QLatin1String("userinfo"))},
        {QStringLiteral("jwks_uri"), QString(issuer + QLatin1String(".well-known/jwks.json"))},
        {QStringLiteral("end_session_endpoint"), QString(issuer + QLatin1String("v2/logout"))},
        {QStringLiteral("response_types_supported"), QJsonArray {QStringLiteral("code")}},
        {QStringLiteral("response_modes_supported"),
         QJsonArray {QStringLiteral("query"), QStringLiteral("web_message")}},
        {QStringLiteral("grant_types_supported"),
         QJsonArray {QStringLiteral("authorization_code"),
                     QStringLiteral("refresh_token"),
                     QStringLiteral("client_credentials")}},
        {QStringLiteral("subject_types_supported"), QJsonArray {QStringLiteral("public")}},
        {QStringLiteral("id_token_signing_alg_values_supported"), QJsonArray {QStringLiteral("RS256")}},
        {QStringLiteral("code_challenge_methods_supported"), QJsonArray {QStringLiteral("S256")}},
        {QStringLiteral("token_endpoint_auth_methods_supported"),
         QJsonArray {QStringLiteral("client_secret_basic"),
                     QStringLiteral("client_secret_post"),
                     QStringLiteral("none")}},
        {QStringLiteral("scopes_supported"),
         QJsonArray {QStringLiteral("openid"),
                     QStringLiteral("profile"),
                     QStringLiteral("email"),
                     QStringLiteral("phone"),
                     QStringLiteral("offline_access")}},
        {QStringLiteral("claims_supported"),
         QJsonArray {QStringLiteral("sub"),
                     QStringLiteral("iss"),
                     QStringLiteral("aud"),
                     QStringLiteral("exp"),
                     QStringLiteral("iat"),
                     QStringLiteral("auth_time"),
                     QStringLiteral("nonce"),
                     QStringLiteral("sid"),
                     QStringLiteral("name"),
                     QStringLiteral("nickname"),
                     QStringLiteral("email"),
                     QStringLiteral("email_verified"),
                     QStringLiteral("phone_number"),
                     QStringLiteral("updated_at")}}};
    return ServerReply::json(document).header("Access-Control-Allow-Origin", "*");
}
