// ManagementApi: /api/v2/clients and /api/v2/client-grants.

#include "ManagementApi.h"
#include "core/applications/ApplicationService.h"
#include "core/applications/ClientGrantService.h"
#include "core/applications/ClientJson.h"
#include "core/model/Application.h"
#include "core/model/ClientGrant.h"
#include "core/server/ServerRequest.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <climits>

namespace {

QJsonArray strings(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

} // namespace

void ManagementApi::clients(const Call &call)
{
    const QByteArray method = call.request.method();
    const QString id = call.path.value(1);
    if (call.path.size() == 1 && method == "GET") {
        if (!call.allows(QStringLiteral("read:clients")))
            return call.respond(insufficientScope(QStringLiteral("read:clients")));
        // One read of the page asked for (and a count), not one per application.
        const std::optional<PageRequest> wanted = call.page();
        if (!wanted)
            return;
        auto total = m_applications.count();
        auto page = m_applications.page(int(qMin<qsizetype>(wanted->start(), INT_MAX)), wanted->perPage);
        if (!total || !page)
            return call.respond(fromError(!total ? total.error() : page.error()));
        QJsonArray items;
        for (const Application &application : page.value())
            items.append(ClientJson::toJson(application));
        return call.respond(
            pageReply(QStringLiteral("clients"), items, total.value(), *wanted, call.request));
    }
    if (call.path.size() == 1 && method == "POST") {
        if (!call.allows(QStringLiteral("create:clients")))
            return call.respond(insufficientScope(QStringLiteral("create:clients")));
        // The whole request is checked before anything is written.
        const QJsonObject body = call.request.jsonBody();
        const auto draft = ClientJson::draft(body);
        if (const auto *problem = std::get_if<QString>(&draft))
            return call.respond(error(400, *problem, QStringLiteral("invalid_body")));
        const Application &wanted = std::get<Application>(draft);
        auto created = m_applications.create({wanted.name, wanted.type, {}, wanted.description});
        if (!created)
            return call.respond(fromError(created.error()));
        Application application = created.value();
        static_cast<void>(ClientJson::apply(body, application)); // checked on the draft above
        auto saved = m_applications.update(application);
        if (!saved) {
            discardResult(m_applications.remove(application.clientId), "the answer already reports why");
            return call.respond(fromError(saved.error()));
        }
        ServerReply reply = ServerReply::json(ClientJson::toJson(saved.value()), 201);
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
        return call.respond(ServerReply::json(ClientJson::toJson(found.value())));
    }
    if (method == "PATCH") {
        if (!call.allows(QStringLiteral("update:clients")))
            return call.respond(insufficientScope(QStringLiteral("update:clients")));
        Application application = found.value();
        if (const QString problem = ClientJson::apply(call.request.jsonBody(), application);
            !problem.isEmpty())
            return call.respond(error(400, problem, QStringLiteral("invalid_body")));
        auto saved = m_applications.update(application);
        return call.respond(saved ? ServerReply::json(ClientJson::toJson(saved.value()))
                                  : fromError(saved.error()));
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
