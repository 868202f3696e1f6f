#include "ManagementApi.h"

#include "core/applications/ApplicationService.h"
#include "core/applications/ClientGrantService.h"
#include "core/common/Clock.h"
#include "core/login/LoginEngine.h"
#include "core/server/ServerRequest.h"
#include "core/server/ServerServices.h"
#include "core/server/TokenIssuer.h"
#include "core/settings/TenantSettings.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <limits>

namespace {

const char *statusText(int status)
{
    switch (status) {
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 409:
        return "Conflict";
    case 429:
        return "Too Many Requests";
    case 503:
        return "Service Unavailable";
    default:
        return "Error";
    }
}

} // namespace

ManagementApi::ManagementApi(const ServerServices &services, const TokenIssuer &issuer, QObject *parent)
    : QObject(parent)
    , m_applications(services.applications)
    , m_grants(services.clientGrants)
    , m_integrations(services.integrations)
    , m_customActions(services.customActions)
    , m_flows(services.flows)
    , m_engine(services.engine)
    , m_settings(services.settings)
    , m_issuer(issuer)
    , m_limiter(services.database, QStringLiteral("management-api"), kRateLimitPerSecond, kRateLimitBurst)
{ }

QString ManagementApi::audience() const
{
    return m_issuer.managementAudience();
}

QStringList ManagementApi::knownScopes()
{
    return {QStringLiteral("read:clients"),
            QStringLiteral("create:clients"),
            QStringLiteral("update:clients"),
            QStringLiteral("delete:clients"),
            QStringLiteral("read:client_grants"),
            QStringLiteral("create:client_grants"),
            QStringLiteral("delete:client_grants"),
            QStringLiteral("read:users"),
            QStringLiteral("read:logs"),
            QStringLiteral("read:tenant_settings"),
            QStringLiteral("read:guardian_factors"),
            QStringLiteral("update:guardian_factors"),
            QStringLiteral("read:mfa_policies"),
            QStringLiteral("update:mfa_policies"),
            // actions (ManagementApiActions.cpp)
            QStringLiteral("read:actions"),
            QStringLiteral("create:actions"),
            QStringLiteral("update:actions"),
            QStringLiteral("delete:actions"),
            // users, logs, resource servers, tenant (ManagementApiUsers.cpp, ManagementApiTenant.cpp)
            QStringLiteral("create:users"),
            QStringLiteral("update:users"),
            QStringLiteral("delete:users"),
            QStringLiteral("read:guardian_enrollments"),
            QStringLiteral("delete:guardian_enrollments"),
            QStringLiteral("delete:authentication_methods"),
            QStringLiteral("read:resource_servers"),
            QStringLiteral("create:resource_servers"),
            QStringLiteral("update:resource_servers"),
            QStringLiteral("delete:resource_servers"),
            QStringLiteral("update:tenant_settings"),
            QStringLiteral("update:client_keys")};
}

ServerReply ManagementApi::error(int status, const QString &message, const QString &errorCode)
{
    QJsonObject body {{QStringLiteral("statusCode"), status},
                      {QStringLiteral("error"), QString::fromLatin1(statusText(status))},
                      {QStringLiteral("message"), message}};
    if (!errorCode.isEmpty())
        body.insert(QStringLiteral("errorCode"), errorCode);
    return ServerReply::json(body, status).noStore();
}

ServerReply ManagementApi::fromError(const Error &failure)
{
    switch (failure.kind()) {
    case Error::Kind::Invalid:
        return error(400, failure.message(), QStringLiteral("invalid_body"));
    case Error::Kind::NotFound:
        return error(404, failure.message(), QStringLiteral("inexistent_resource"));
    case Error::Kind::Conflict:
        return error(409, failure.message(), QStringLiteral("conflict"));
    default:
        return error(503, failure.message(), QStringLiteral("temporarily_unavailable"));
    }
}

ServerReply ManagementApi::insufficientScope(const QString &scope)
{
    return error(
        403, tr("Insufficient scope, expected any of: %1").arg(scope), QStringLiteral("insufficient_scope"));
}

std::variant<QJsonObject, ServerReply> ManagementApi::authorize(const ServerRequest &request) const
{
    const QString token = request.bearerToken();
    if (token.isEmpty())
        return error(401, tr("Missing authentication"));
    auto claims = m_issuer.verify(token, m_engine.clock().now());
    if (!claims)
        return error(401, claims.error().message(), QStringLiteral("invalid_token"));
    const QJsonValue aud = claims.value().value(QLatin1String("aud"));
    const bool forThisApi = aud.isArray() ? aud.toArray().contains(audience()) : aud.toString() == audience();
    if (!forThisApi)
        return error(401,
                     tr("Bad audience: the token is not for %1").arg(audience()),
                     QStringLiteral("invalid_token"));
    return claims.value();
}

void ManagementApi::handle(const ServerRequest &request, const Respond &respond)
{
    auto authorized = authorize(request);
    if (auto *refusal = std::get_if<ServerReply>(&authorized))
        return respond(*refusal);
    const QJsonObject &claims = std::get<QJsonObject>(authorized);
    // Each client has its own bucket (client_credentials tokens name the client in azp).
    const QString client
        = claims.value(QLatin1String("azp")).toString(claims.value(QLatin1String("sub")).toString());
    auto taken = m_limiter.take(client, m_engine.clock().now());
    if (!taken)
        return respond(error(503, taken.error().message(), QStringLiteral("temporarily_unavailable")));
    const RateLimiter::Decision allowance = taken.value();
    const Respond limited
        = [respond, allowance](ServerReply reply) { respond(withRateLimit(std::move(reply), allowance)); };
    if (!allowance.allowed)
        return limited(error(429,
                             tr("Global limit has been reached: at most %1 requests a second for each client")
                                 .arg(kRateLimitPerSecond),
                             QStringLiteral("too_many_requests")));
    const Call call {
        request,
        limited,
        claims.value(QLatin1String("scope")).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts),
        request.path().mid(int(qstrlen("/api/v2/"))).split(QLatin1Char('/'), Qt::SkipEmptyParts)};
    const QString resource = call.path.value(0);
    if (resource == QLatin1String("clients"))
        return clients(call);
    if (resource == QLatin1String("client-grants"))
        return clientGrants(call);
    if (resource == QLatin1String("users"))
        return users(call);
    if (resource == QLatin1String("logs"))
        return logs(call);
    if (resource == QLatin1String("tenants") && call.path.value(1) == QLatin1String("settings"))
        return tenantSettings(call);
    if (resource == QLatin1String("guardian"))
        return guardian(call);
    if (resource == QLatin1String("actions"))
        return actions(call);
    if (resource == QLatin1String("resource-servers"))
        return resourceServers(call);
    call.respond(notSupported(
        tr("Authdeck does not hold the resource /api/v2/%1 (see the README for the supported ones)")
            .arg(call.path.join(QLatin1Char('/')))));
}

ServerReply ManagementApi::notSupported(const QString &message)
{
    return error(404, message, QStringLiteral("not_supported"));
}

ServerReply ManagementApi::withRateLimit(ServerReply reply, const RateLimiter::Decision &decision)
{
    reply.header("x-ratelimit-limit", QByteArray::number(decision.limit));
    reply.header("x-ratelimit-remaining", QByteArray::number(decision.remaining));
    reply.header("x-ratelimit-reset", QByteArray::number(decision.resetEpochSecs));
    if (!decision.allowed)
        reply.header("Retry-After", QByteArray::number(decision.retryAfterSecs));
    return reply;
}

std::variant<ManagementApi::PageRequest, ServerReply> ManagementApi::pageOf(const ServerRequest &request,
                                                                            int defaultPerPage)
{
    PageRequest asked {0, defaultPerPage};
    // page * per_page must stay an index: the highest page is the one whose first item still is.
    const struct
    {
        QString name;
        int *into;
        int lowest;
        int highest;
    } parameters[] {{QStringLiteral("per_page"), &asked.perPage, 1, 100},
                    {QStringLiteral("page"), &asked.page, 0, std::numeric_limits<int>::max() / 100}};
    for (const auto &parameter : parameters) {
        if (!request.hasParam(parameter.name))
            continue;
        bool ok = false;
        const int value = request.param(parameter.name).toInt(&ok);
        if (!ok || value < parameter.lowest || value > parameter.highest)
            return error(400,
                         tr("Query validation error: '%1' must be a whole number from %2 to %3")
                             .arg(parameter.name)
                             .arg(parameter.lowest)
                             .arg(parameter.highest),
                         QStringLiteral("invalid_query_string"));
        *parameter.into = value;
    }
    return asked;
}

std::optional<ManagementApi::PageRequest> ManagementApi::Call::page() const
{
    auto asked = pageOf(request);
    if (const auto *refused = std::get_if<ServerReply>(&asked)) {
        respond(*refused);
        return std::nullopt;
    }
    return std::get<PageRequest>(asked);
}

ServerReply ManagementApi::paged(const QString &key, const QJsonArray &all, const ServerRequest &request)
{
    const auto asked = pageOf(request);
    if (const auto *refused = std::get_if<ServerReply>(&asked))
        return *refused;
    const PageRequest &page = std::get<PageRequest>(asked);
    QJsonArray items;
    for (qsizetype i = page.start(); i < all.size() && i < page.start() + page.perPage; ++i)
        items.append(all.at(i));
    return pageReply(key, items, all.size(), page, request);
}

ServerReply ManagementApi::pageReply(const QString &key,
                                     const QJsonArray &items,
                                     qsizetype total,
                                     const PageRequest &page,
                                     const ServerRequest &request)
{
    if (request.param(QStringLiteral("include_totals")) == QLatin1String("true"))
        return ServerReply::json({{key, items},
                                  {QStringLiteral("start"), qint64(page.start())},
                                  {QStringLiteral("limit"), page.perPage},
                                  {QStringLiteral("length"), items.size()},
                                  {QStringLiteral("total"), qint64(total)}});
    ServerReply reply;
    reply.body = QJsonDocument(items).toJson(QJsonDocument::Compact);
    reply.header("Content-Type", "application/json; charset=utf-8");
    return reply;
}
