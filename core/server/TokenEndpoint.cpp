#include "TokenEndpoint.h"

#include "core/applications/ApplicationService.h"
#include "core/applications/ClientGrantService.h"
#include "core/applications/UrlRules.h"
#include "core/common/Clock.h"
#include "core/login/LoginEngine.h"
#include "core/logs/LogStore.h"
#include "core/model/LogEvent.h"
#include "core/secrets/SecretJob.h"
#include "core/server/GrantStore.h"
#include "core/server/ServerRequest.h"
#include "core/server/TokenIssuer.h"
#include "core/tokens/Pkce.h"

#include <QFutureWatcher>
#include <QtConcurrent>

#include <sodium.h>

struct TokenEndpoint::Exchange
{
    ServerRequest request;
    Application application;
    Respond respond;
    QString failType; ///< the log type of a failure of this grant (feacft, fertft or feccft)
};

namespace {

bool isPublic(const Application &application)
{
    return application.tokenEndpointAuthMethod == QLatin1String("none")
        || application.type == ApplicationType::SinglePage || application.type == ApplicationType::Native;
}

/// The log type of a failed exchange of @p grantType (an unknown grant counts as a code exchange).
QString failureType(const QString &grantType)
{
    if (grantType == QLatin1String("refresh_token"))
        return QString(LogCodes::FailedRefreshExchange);
    if (grantType == QLatin1String("client_credentials"))
        return QString(LogCodes::FailedClientCredentialsExchange);
    return QString(LogCodes::FailedCodeExchange);
}

bool sameSecret(const QByteArray &a, const QByteArray &b)
{
    return a.size() == b.size() && sodium_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

} // namespace

TokenEndpoint::TokenEndpoint(ApplicationService &applications,
                             GrantStore &grants,
                             const TokenIssuer &issuer,
                             LogStore &logs,
                             const LoginEngine &engine,
                             const ClientGrantService &clientGrants,
                             QObject *parent)
    : QObject(parent)
    , m_applications(applications)
    , m_grants(grants)
    , m_issuer(issuer)
    , m_logs(logs)
    , m_engine(engine)
    , m_clientGrants(clientGrants)
{ }

QByteArray TokenEndpoint::allowedOrigin(const ServerRequest &request, const Application &application) const
{
    const QString origin = request.origin();
    if (origin.isEmpty() || !UrlRules::allows(application.webOrigins, origin))
        return {};
    return origin.toUtf8();
}

void TokenEndpoint::preflight(const ServerRequest &request, const Respond &respond)
{
    // A preflight names no client: the origin must be an allowed web origin of some application; the
    // request that follows is checked against its own client.
    ServerReply reply;
    reply.status = 204;
    const QString origin = request.origin();
    auto summaries = m_applications.list();
    if (summaries && !origin.isEmpty()) {
        for (const ApplicationSummary &summary : summaries.value()) {
            auto application = m_applications.find(summary.clientId);
            if (application && UrlRules::allows(application.value().webOrigins, origin)) {
                reply.header("Access-Control-Allow-Origin", origin.toUtf8())
                    .header("Access-Control-Allow-Methods", "POST")
                    .header("Access-Control-Allow-Headers", "Content-Type, Auth0-Client, Authorization")
                    .header("Access-Control-Max-Age", "86400")
                    .header("Vary", "Origin");
                break;
            }
        }
    }
    respond(reply);
}

void TokenEndpoint::token(const ServerRequest &request, const Respond &respond)
{
    QString clientId = request.param(QStringLiteral("client_id"));
    const auto [basicUser, basicSecret] = request.basicCredentials();
    if (clientId.isEmpty())
        clientId = basicUser;
    const QString grantType = request.param(QStringLiteral("grant_type"));
    Exchange exchange {request, {}, respond, failureType(grantType)};
    if (grantType.isEmpty())
        return fail(exchange,
                    400,
                    QStringLiteral("invalid_request"),
                    QStringLiteral("Missing required parameter: grant_type"));
    if (clientId.isEmpty())
        return fail(exchange,
                    401,
                    QStringLiteral("invalid_client"),
                    QStringLiteral("Missing required parameter: client_id"));
    auto application = m_applications.find(clientId);
    if (!application)
        return fail(exchange,
                    401,
                    QStringLiteral("invalid_client"),
                    QStringLiteral("Unknown client: %1").arg(clientId));
    exchange.application = application.value();
    if (grantType != QLatin1String("authorization_code") && grantType != QLatin1String("refresh_token")
        && grantType != QLatin1String("client_credentials"))
        return fail(exchange,
                    400,
                    QStringLiteral("unsupported_grant_type"),
                    QStringLiteral("Unsupported grant type: %1").arg(grantType));
    if (!exchange.application.grantTypes.contains(grantType))
        return fail(exchange,
                    403,
                    QStringLiteral("unauthorized_client"),
                    QStringLiteral("Grant type '%1' not allowed for the client.").arg(grantType));
    authenticate(exchange, [this, exchange, grantType] {
        if (grantType == QLatin1String("authorization_code"))
            authorizationCode(exchange);
        else if (grantType == QLatin1String("refresh_token"))
            refreshToken(exchange);
        else
            clientCredentials(exchange);
    });
}

void TokenEndpoint::authenticate(const Exchange &exchange, const std::function<void()> &then)
{
    const QString grantType = exchange.request.param(QStringLiteral("grant_type"));
    const bool mustAuthenticate
        = grantType == QLatin1String("client_credentials") || !isPublic(exchange.application);
    QString secret = exchange.request.param(QStringLiteral("client_secret"));
    if (secret.isEmpty())
        secret = exchange.request.basicCredentials().second;
    if (!mustAuthenticate && secret.isEmpty())
        return then();
    if (secret.isEmpty())
        return fail(exchange,
                    401,
                    QStringLiteral("invalid_client"),
                    QStringLiteral("Client authentication is required (client_secret)"));
    SecretJob *job = m_applications.readClientSecret(exchange.application.clientId);
    connect(job, &SecretJob::finished, this, [this, exchange, then, secret](SecretJob *job) {
        if (!job->succeeded())
            return fail(
                exchange,
                job->status() == SecretJob::Status::NotFound ? 401 : 503,
                job->status() == SecretJob::Status::NotFound ? QStringLiteral("invalid_client")
                                                             : QStringLiteral("temporarily_unavailable"),
                job->status() == SecretJob::Status::NotFound
                    ? QStringLiteral("The client has no secret")
                    : QStringLiteral("The client secret could not be read: %1").arg(job->errorString()));
        if (!sameSecret(job->value(), secret.toUtf8()))
            return fail(exchange, 401, QStringLiteral("access_denied"), QStringLiteral("Unauthorized"));
        then();
    });
}

void TokenEndpoint::failGrant(const Exchange &exchange, const Error &error)
{
    // A code or token that is not good is the client's problem; a store that cannot be read is ours.
    if (error.kind() == Error::Kind::Invalid)
        return fail(exchange, 403, QStringLiteral("invalid_grant"), error.message());
    fail(exchange, 503, QStringLiteral("temporarily_unavailable"), error.message());
}

void TokenEndpoint::authorizationCode(const Exchange &exchange)
{
    const QString code = exchange.request.param(QStringLiteral("code"));
    if (code.isEmpty())
        return fail(exchange,
                    400,
                    QStringLiteral("invalid_request"),
                    QStringLiteral("Missing required parameter: code"));
    const QDateTime now = m_engine.clock().now();
    auto redeemed = m_grants.redeemCode(code, now);
    if (!redeemed)
        return failGrant(exchange, redeemed.error());
    const GrantStore::CodeGrant &codeGrant = redeemed.value();
    if (codeGrant.grant.clientId != exchange.application.clientId)
        return fail(
            exchange, 403, QStringLiteral("invalid_grant"), QStringLiteral("Invalid authorization code"));
    if (exchange.request.param(QStringLiteral("redirect_uri")) != codeGrant.redirectUri)
        return fail(exchange,
                    403,
                    QStringLiteral("invalid_grant"),
                    QStringLiteral("The redirect_uri does not match the one of the authorization request"));
    const QString verifier = exchange.request.param(QStringLiteral("code_verifier"));
    if (!codeGrant.codeChallenge.isEmpty() && !Pkce::matchesS256(verifier, codeGrant.codeChallenge))
        return fail(exchange,
                    403,
                    QStringLiteral("invalid_grant"),
                    verifier.isEmpty() ? QStringLiteral("Missing required parameter: code_verifier")
                                       : QStringLiteral("Failed to verify code verifier"));
    const bool refresh = codeGrant.grant.hasScope(QStringLiteral("offline_access"))
        && exchange.application.grantTypes.contains(QLatin1String("refresh_token"));
    issue(exchange,
          codeGrant.grant,
          refresh ? std::optional<QString>(codeGrant.family) : std::nullopt,
          QString(LogCodes::SuccessfulCodeExchange));
}

void TokenEndpoint::refreshToken(const Exchange &exchange)
{
    const QString token = exchange.request.param(QStringLiteral("refresh_token"));
    if (token.isEmpty())
        return fail(exchange,
                    400,
                    QStringLiteral("invalid_request"),
                    QStringLiteral("Missing required parameter: refresh_token"));
    const QDateTime now = m_engine.clock().now();
    auto rotated = m_grants.rotateRefreshToken(token, now);
    if (!rotated)
        return failGrant(exchange, rotated.error());
    const auto &[grant, family] = rotated.value();
    if (grant.clientId != exchange.application.clientId)
        return fail(exchange,
                    403,
                    QStringLiteral("invalid_grant"),
                    QStringLiteral("Unknown or invalid refresh token."));
    Grant renewed = grant;
    renewed.nonce.clear(); // a nonce belongs to one authorization request
    issue(exchange, renewed, family, QString(LogCodes::SuccessfulRefreshExchange));
}

void TokenEndpoint::clientCredentials(const Exchange &exchange)
{
    Grant grant;
    grant.clientId = exchange.application.clientId;
    grant.audience = exchange.request.param(QStringLiteral("audience"));
    grant.scope = exchange.request.param(QStringLiteral("scope"));
    if (grant.audience.isEmpty())
        return fail(exchange,
                    403,
                    QStringLiteral("access_denied"),
                    QStringLiteral(
                        "No audience parameter was provided, and no default audience has been configured"));
    if (grant.audience == m_issuer.managementAudience()) {
        // The Management API: only with a client grant, and only the scopes it holds.
        auto clientGrant = m_clientGrants.find(grant.clientId, grant.audience);
        if (!clientGrant)
            return fail(
                exchange, 503, QStringLiteral("temporarily_unavailable"), clientGrant.error().message());
        if (!clientGrant.value())
            return fail(exchange,
                        403,
                        QStringLiteral("access_denied"),
                        QStringLiteral("Client is not authorized to access \"%1\". You need to create a "
                                       "\"client-grant\" associated to this API.")
                            .arg(grant.audience));
        const QStringList granted = clientGrant.value()->scopes;
        QStringList asked = grant.scope.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (asked.isEmpty())
            asked = granted;
        for (const QString &scope : asked) {
            if (!granted.contains(scope))
                return fail(exchange,
                            403,
                            QStringLiteral("access_denied"),
                            QStringLiteral("Client has not been granted scopes: %1").arg(scope));
        }
        grant.scope = asked.join(QLatin1Char(' '));
    }
    issue(exchange, grant, std::nullopt, QString(LogCodes::SuccessfulClientCredentialsExchange));
}

void TokenEndpoint::issue(const Exchange &exchange,
                          const Grant &grant,
                          const std::optional<QString> &refreshFamily,
                          const QString &logType)
{
    auto prepared = m_issuer.prepare(grant, refreshFamily, m_engine.clock().now());
    if (!prepared)
        return fail(exchange, 503, QStringLiteral("temporarily_unavailable"), prepared.error().message());
    // RS256 signing is most of an exchange's work: it runs on m_signers, so that the server's thread
    // goes on with other requests and both cores sign. The watcher (and the answer) go with this endpoint.
    auto *watcher = new QFutureWatcher<Result<QJsonObject>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, exchange, grant, logType] {
        watcher->deleteLater();
        const Result<QJsonObject> body = watcher->result();
        if (!body)
            return fail(exchange, 503, QStringLiteral("temporarily_unavailable"), body.error().message());
        succeed(exchange, logType, body.value(), grant);
    });
    watcher->setFuture(QtConcurrent::run(&m_signers, &TokenIssuer::sign, prepared.takeValue()));
}

void TokenEndpoint::record(const Exchange &exchange,
                           const QString &type,
                           const QString &description,
                           const Grant &grant) const
{
    LogEvent event;
    event.type = type;
    event.description = description;
    event.clientId = exchange.application.clientId.isEmpty()
        ? exchange.request.param(QStringLiteral("client_id"))
        : exchange.application.clientId;
    event.clientName = exchange.application.name;
    event.userId = grant.userId;
    event.userName = grant.profile.value(QLatin1String("email")).toString();
    event.ip = exchange.request.ip();
    event.userAgent = exchange.request.userAgent();
    discardResult(m_logs.record(event), "LogStore counts and announces a failed record itself");
}

void TokenEndpoint::answer(const Exchange &exchange, ServerReply reply) const
{
    if (const QByteArray origin = allowedOrigin(exchange.request, exchange.application); !origin.isEmpty())
        reply.header("Access-Control-Allow-Origin", origin).header("Vary", "Origin");
    exchange.respond(reply);
}

void TokenEndpoint::fail(const Exchange &exchange,
                         int status,
                         const QString &error,
                         const QString &description)
{
    record(exchange, exchange.failType, description, {});
    answer(exchange, ServerReply::error(status, error, description));
}

void TokenEndpoint::succeed(const Exchange &exchange,
                            const QString &logType,
                            const QJsonObject &body,
                            const Grant &grant)
{
    record(exchange, logType, {}, grant);
    answer(exchange, ServerReply::json(body).noStore());
}
