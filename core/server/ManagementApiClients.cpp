// ManagementApi: /api/v2/clients and /api/v2/client-grants.

#include "ManagementApi.h"
#include "core/applications/ApplicationService.h"
#include "core/applications/ClientGrantService.h"
#include "core/model/Application.h"
#include "core/model/ClientGrant.h"
#include "core/server/ServerRequest.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

QJsonArray strings(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

} // namespace

QJsonObject ManagementApi::clientJson(const Application &application)
{
    return {{QStringLiteral("client_id"), application.clientId},
            {QStringLiteral("name"), application.name},
            {QStringLiteral("description"), application.description},
            {QStringLiteral("app_type"), application.typeInfo().apiValue},
            {QStringLiteral("callbacks"), strings(application.callbacks)},
            {QStringLiteral("allowed_logout_urls"), strings(application.logoutUrls)},
            {QStringLiteral("web_origins"), strings(application.webOrigins)},
            {QStringLiteral("grant_types"), strings(application.grantTypes)},
            {QStringLiteral("token_endpoint_auth_method"), application.tokenEndpointAuthMethod},
            {QStringLiteral("is_first_party"), true},
            {QStringLiteral("oidc_conformant"), true},
            {QStringLiteral("jwt_configuration"),
             QJsonObject {{QStringLiteral("alg"), QStringLiteral("RS256")},
                          {QStringLiteral("lifetime_in_seconds"), 36000},
                          {QStringLiteral("secret_encoded"), false}}}};
}

QString ManagementApi::applyClientFields(const QJsonObject &body, Application &application)
{
    auto list = [&body](const char *key, QStringList &into) -> QString {
        const QJsonValue value = body.value(QLatin1String(key));
        if (value.isUndefined())
            return {};
        if (!value.isArray())
            return QStringLiteral("Payload validation error: '%1' must be an array of strings")
                .arg(QLatin1String(key));
        QStringList items;
        for (const QJsonValue &item : value.toArray()) {
            if (!item.isString())
                return QStringLiteral("Payload validation error: '%1' must be an array of strings")
                    .arg(QLatin1String(key));
            items.append(item.toString());
        }
        into = items;
        return {};
    };
    for (const char *key : {"name", "description"}) {
        const QJsonValue value = body.value(QLatin1String(key));
        if (!value.isUndefined() && !value.isString())
            return QStringLiteral("Payload validation error: '%1' must be a string").arg(QLatin1String(key));
    }
    if (body.contains(QLatin1String("name")))
        application.name = body.value(QLatin1String("name")).toString();
    if (body.contains(QLatin1String("description")))
        application.description = body.value(QLatin1String("description")).toString();
    for (const auto &[key, into] :
         {std::pair<const char *, QStringList *> {"callbacks", &application.callbacks},
          {"allowed_logout_urls", &application.logoutUrls},
          {"web_origins", &application.webOrigins},
          {"grant_types", &application.grantTypes}}) {
        if (const QString problem = list(key, *into); !problem.isEmpty())
            return problem;
    }
    return {};
}

void ManagementApi::clients(const Call &call)
{
    const QByteArray method = call.request.method();
    const QString id = call.path.value(1);
    if (call.path.size() == 1 && method == "GET") {
        if (!call.allows(QStringLiteral("read:clients")))
            return call.respond(insufficientScope(QStringLiteral("read:clients")));
        auto summaries = m_applications.list();
        if (!summaries)
            return call.respond(fromError(summaries.error()));
        QJsonArray all;
        for (const ApplicationSummary &summary : summaries.value()) {
            if (auto application = m_applications.find(summary.clientId))
                all.append(clientJson(application.value()));
        }
        return call.respond(paged(QStringLiteral("clients"), all, call.request));
    }
    if (call.path.size() == 1 && method == "POST") {
        if (!call.allows(QStringLiteral("create:clients")))
            return call.respond(insufficientScope(QStringLiteral("create:clients")));
        const QJsonObject body = call.request.jsonBody();
        const auto type = ApplicationTypeInfo::fromApiValue(
            body.value(QLatin1String("app_type")).toString(QStringLiteral("regular_web")));
        if (!type)
            return call.respond(error(400,
                                      tr("Payload validation error: 'app_type' is not one of native, spa, "
                                         "regular_web, non_interactive"),
                                      QStringLiteral("invalid_body")));
        // The whole request is checked before anything is written.
        Application draft;
        draft.type = *type;
        draft.grantTypes = ApplicationTypeInfo::of(*type).defaultGrantTypes;
        if (const QString problem = applyClientFields(body, draft); !problem.isEmpty())
            return call.respond(error(400, problem, QStringLiteral("invalid_body")));
        if (const ApplicationValidation validation = ApplicationService::validate(draft);
            !validation.isValid())
            return call.respond(error(400, validation.summary(), QStringLiteral("invalid_body")));
        auto created = m_applications.create({draft.name, draft.type, {}, draft.description});
        if (!created)
            return call.respond(fromError(created.error()));
        Application application = created.value();
        static_cast<void>(applyClientFields(body, application)); // checked on the draft above
        auto saved = m_applications.update(application);
        if (!saved) {
            discardResult(m_applications.remove(application.clientId), "the answer already reports why");
            return call.respond(fromError(saved.error()));
        }
        ServerReply reply = ServerReply::json(clientJson(saved.value()), 201);
        return call.respond(reply);
    }
    if (call.path.size() == 3 && call.path.at(2) == QLatin1String("rotate-secret") && method == "POST")
        return rotateClientSecret(call, id);
    if (call.path.size() != 2)
        return call.respond(
            notSupported(tr("Authdeck does not hold /api/v2/%1").arg(call.path.join(QLatin1Char('/')))));
    auto found = m_applications.find(id);
    if (!found)
        return call.respond(found.error().kind() == Error::Kind::NotFound ? error(
                                404, tr("The client does not exist"), QStringLiteral("inexistent_client"))
                                                                          : fromError(found.error()));
    if (method == "GET") {
        if (!call.allows(QStringLiteral("read:clients")))
            return call.respond(insufficientScope(QStringLiteral("read:clients")));
        return call.respond(ServerReply::json(clientJson(found.value())));
    }
    if (method == "PATCH") {
        if (!call.allows(QStringLiteral("update:clients")))
            return call.respond(insufficientScope(QStringLiteral("update:clients")));
        Application application = found.value();
        if (const QString problem = applyClientFields(call.request.jsonBody(), application);
            !problem.isEmpty())
            return call.respond(error(400, problem, QStringLiteral("invalid_body")));
        auto saved = m_applications.update(application);
        return call.respond(saved ? ServerReply::json(clientJson(saved.value())) : fromError(saved.error()));
    }
    if (method == "DELETE") {
        if (!call.allows(QStringLiteral("delete:clients")))
            return call.respond(insufficientScope(QStringLiteral("delete:clients")));
        if (auto removed = m_applications.remove(id); !removed)
            return call.respond(fromError(removed.error()));
        ServerReply reply;
        reply.status = 204;
        return call.respond(reply);
    }
    call.respond(notSupported(tr("Unsupported method on /api/v2/clients/{id}")));
}

QJsonObject ManagementApi::grantJson(const ClientGrant &grant)
{
    return {{QStringLiteral("id"), grant.id},
            {QStringLiteral("client_id"), grant.clientId},
            {QStringLiteral("audience"), grant.audience},
            {QStringLiteral("scope"), strings(grant.scopes)}};
}

void ManagementApi::clientGrants(const Call &call)
{
    const QByteArray method = call.request.method();
    if (call.path.size() == 1 && method == "GET") {
        if (!call.allows(QStringLiteral("read:client_grants")))
            return call.respond(insufficientScope(QStringLiteral("read:client_grants")));
        auto grants = m_grants.list(call.request.param(QStringLiteral("client_id")));
        if (!grants)
            return call.respond(fromError(grants.error()));
        const QString audienceFilter = call.request.param(QStringLiteral("audience"));
        QJsonArray all;
        for (const ClientGrant &grant : grants.value()) {
            if (audienceFilter.isEmpty() || grant.audience == audienceFilter)
                all.append(grantJson(grant));
        }
        return call.respond(paged(QStringLiteral("client_grants"), all, call.request));
    }
    if (call.path.size() == 1 && method == "POST") {
        if (!call.allows(QStringLiteral("create:client_grants")))
            return call.respond(insufficientScope(QStringLiteral("create:client_grants")));
        const QJsonObject body = call.request.jsonBody();
        QStringList scopes;
        for (const QJsonValue &scope : body.value(QLatin1String("scope")).toArray())
            scopes.append(scope.toString());
        const QString audience = body.value(QLatin1String("audience")).toString();
        if (audience == this->audience()) {
            for (const QString &scope : scopes) {
                if (!knownScopes().contains(scope))
                    return call.respond(error(400,
                                              tr("Unknown scope for the Management API: %1").arg(scope),
                                              QStringLiteral("invalid_body")));
            }
        }
        auto created = m_grants.create(body.value(QLatin1String("client_id")).toString(), audience, scopes);
        return call.respond(created ? ServerReply::json(grantJson(created.value()), 201)
                                    : fromError(created.error()));
    }
    if (call.path.size() == 2 && method == "DELETE") {
        if (!call.allows(QStringLiteral("delete:client_grants")))
            return call.respond(insufficientScope(QStringLiteral("delete:client_grants")));
        if (auto removed = m_grants.remove(call.path.at(1)); !removed)
            return call.respond(fromError(removed.error()));
        ServerReply reply;
        reply.status = 204;
        return call.respond(reply);
    }
    call.respond(notSupported(tr("Authdeck does not hold /api/v2/%1").arg(call.path.join(QLatin1Char('/')))));
}
