#include "ManagementApi.h"

#include "core/applications/ApplicationService.h"
#include "core/applications/ClientGrantService.h"
#include "core/common/Clock.h"
#include "core/login/LoginEngine.h"
#include "core/logs/LogStore.h"
#include "core/server/ServerRequest.h"
#include "core/server/ServerServices.h"
#include "core/server/TokenIssuer.h"
#include "core/settings/TenantSettings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

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
            QStringLiteral("delete:actions")};
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

std::variant<QStringList, ServerReply> ManagementApi::authorize(const ServerRequest &request) const
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
    return claims.value()
        .value(QLatin1String("scope"))
        .toString()
        .split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

void ManagementApi::handle(const ServerRequest &request, const Respond &respond)
{
    auto authorized = authorize(request);
    if (auto *refusal = std::get_if<ServerReply>(&authorized))
        return respond(*refusal);
    const Call call {
        request,
        respond,
        std::get<QStringList>(authorized),
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
    respond(notSupported(
        tr("Authdeck does not hold the resource /api/v2/%1 (see the README for the supported ones)")
            .arg(call.path.join(QLatin1Char('/')))));
}

ServerReply ManagementApi::notSupported(const QString &message)
{
    return error(404, message, QStringLiteral("not_supported"));
}

void ManagementApi::users(const Call &call)
{
    if (!call.allows(QStringLiteral("read:users")))
        return call.respond(error(403,
                                  tr("Insufficient scope, expected any of: read:users"),
                                  QStringLiteral("insufficient_scope")));
    UserStore &users = m_engine.users();
    auto toJson = [](const User &user) {
        QJsonObject json {{QStringLiteral("user_id"), user.id},
                          {QStringLiteral("email"), user.email},
                          {QStringLiteral("email_verified"), false},
                          {QStringLiteral("blocked"), user.blocked},
                          {QStringLiteral("logins_count"), user.loginsCount},
                          {QStringLiteral("created_at"), user.createdAt.toUTC().toString(Qt::ISODateWithMs)},
                          {QStringLiteral("updated_at"), user.updatedAt.toUTC().toString(Qt::ISODateWithMs)}};
        if (user.lastLogin.isValid())
            json.insert(QStringLiteral("last_login"), user.lastLogin.toUTC().toString(Qt::ISODateWithMs));
        return json;
    };
    if (call.path.size() == 2 && call.request.method() == "GET") {
        auto user = users.find(QUrl::fromPercentEncoding(call.path.at(1).toUtf8()));
        return call.respond(user ? ServerReply::json(toJson(user.value())) : fromError(user.error()));
    }
    if (call.path.size() != 1 || call.request.method() != "GET")
        return call.respond(notSupported(tr("Only GET /api/v2/users and /api/v2/users/{id} are supported")));
    // q: email:"ada@example.com" or email:ada@example.com
    QString search = call.request.param(QStringLiteral("q"));
    if (search.startsWith(QLatin1String("email:")))
        search = search.mid(6).remove(QLatin1Char('"'));
    auto found = users.list(search);
    if (!found)
        return call.respond(fromError(found.error()));
    QJsonArray list;
    for (const User &user : found.value())
        list.append(toJson(user));
    call.respond(paged(QStringLiteral("users"), list, call.request));
}

void ManagementApi::logs(const Call &call)
{
    if (!call.allows(QStringLiteral("read:logs")))
        return call.respond(error(
            403, tr("Insufficient scope, expected any of: read:logs"), QStringLiteral("insufficient_scope")));
    if (call.path.size() != 1 || call.request.method() != "GET")
        return call.respond(notSupported(tr("Only GET /api/v2/logs is supported")));
    // As Auth0's log search: the newest events, paged through the first 1,000 at most.
    LogFilter filter;
    filter.limit = kLogsSearchAtMost;
    auto events = m_engine.logs().query(filter);
    if (!events)
        return call.respond(fromError(events.error()));
    QJsonArray list;
    for (const LogEvent &event : events.value())
        list.append(event.toJson());
    call.respond(paged(QStringLiteral("logs"), list, call.request));
}

ServerReply ManagementApi::paged(const QString &key, const QJsonArray &all, const ServerRequest &request)
{
    bool ok = false;
    int perPage = request.param(QStringLiteral("per_page")).toInt(&ok);
    perPage = ok ? qBound(1, perPage, 100) : 50;
    const int pageNumber = qMax(0, request.param(QStringLiteral("page")).toInt());
    QJsonArray items;
    for (qsizetype i = qsizetype(pageNumber) * perPage;
         i < all.size() && i < qsizetype(pageNumber + 1) * perPage;
         ++i)
        items.append(all.at(i));
    if (request.param(QStringLiteral("include_totals")) == QLatin1String("true"))
        return ServerReply::json({{key, items},
                                  {QStringLiteral("start"), pageNumber * perPage},
                                  {QStringLiteral("limit"), perPage},
                                  {QStringLiteral("length"), items.size()},
                                  {QStringLiteral("total"), all.size()}});
    ServerReply reply;
    reply.body = QJsonDocument(items).toJson(QJsonDocument::Compact);
    reply.header("Content-Type", "application/json; charset=utf-8");
    return reply;
}

void ManagementApi::tenantSettings(const Call &call)
{
    if (!call.allows(QStringLiteral("read:tenant_settings")))
        return call.respond(error(403,
                                  tr("Insufficient scope, expected any of: read:tenant_settings"),
                                  QStringLiteral("insufficient_scope")));
    call.respond(ServerReply::json({{QStringLiteral("friendly_name"), m_settings.friendlyName()},
                                    {QStringLiteral("environment"), m_settings.environment()},
                                    {QStringLiteral("flags"), QJsonObject {}}}));
}
