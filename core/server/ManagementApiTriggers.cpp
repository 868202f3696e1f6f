// ManagementApi: /api/v2/actions/triggers (the triggers and each one's bindings: the flow, replaced whole
// through FlowService::apply) and the paging of the actions endpoints.

#include "ManagementApi.h"
#include "core/actions/CustomActionService.h"
#include "core/actions/IntegrationService.h"
#include "core/flows/FlowService.h"
#include "core/flows/Trigger.h"
#include "core/runtime/ActionTriggers.h"
#include "core/server/ServerRequest.h"

namespace {

ServerReply invalidBody(const QString &message)
{
    return ManagementApi::error(400, message, QStringLiteral("invalid_body"));
}

} // namespace

std::variant<QJsonObject, ServerReply>
ManagementApi::actionsPage(const QString &key, const QJsonArray &all, const ServerRequest &request)
{
    const auto asked = pageOf(request, 20);
    if (const auto *refused = std::get_if<ServerReply>(&asked))
        return *refused;
    const PageRequest &page = std::get<PageRequest>(asked);
    QJsonArray items;
    for (qsizetype i = page.start(); i < all.size() && i < page.start() + page.perPage; ++i)
        items.append(all.at(i));
    return QJsonObject {{QStringLiteral("total"), all.size()},
                        {QStringLiteral("page"), page.page},
                        {QStringLiteral("per_page"), page.perPage},
                        {key, items}};
}

void ManagementApi::triggers(const Call &call)
{
    const QByteArray method = call.request.method();
    const QString scope = method == "GET" ? QStringLiteral("read:actions") : QStringLiteral("update:actions");
    const bool known = (call.path.size() == 2 && method == "GET")
        || (call.path.size() == 4 && call.path.at(3) == QLatin1String("bindings")
            && (method == "GET" || method == "PATCH"));
    if (!known)
        return call.respond(
            notSupported(tr("Authdeck does not hold %1 /api/v2/%2")
                             .arg(QString::fromLatin1(method), call.path.join(QLatin1Char('/')))));
    if (!call.allows(scope))
        return call.respond(insufficientScope(scope));
    if (call.path.size() == 2) {
        QJsonArray list;
        for (const Trigger &trigger : Triggers::all())
            list.append(QJsonObject {
                {QStringLiteral("id"), trigger.id},
                {QStringLiteral("version"), trigger.version},
                {QStringLiteral("status"), QStringLiteral("CURRENT")},
                {QStringLiteral("runtimes"), QJsonArray::fromStringList(ActionTriggers::runtimes())},
                {QStringLiteral("default_runtime"), ActionTriggers::defaultRuntime()},
                {QStringLiteral("compatible_triggers"), QJsonArray {}},
                {QStringLiteral("binding_policy"), QStringLiteral("trigger-bound")}});
        return call.respond(ServerReply::json({{QStringLiteral("triggers"), list}}));
    }
    const QString triggerId = call.path.at(2);
    if (!Triggers::find(triggerId))
        return call.respond(
            error(404, tr("There is no trigger %1.").arg(triggerId), QStringLiteral("inexistent_trigger")));
    if (method == "PATCH")
        return patchBindings(call, triggerId);
    triggerBindings(call, triggerId);
}

void ManagementApi::triggerBindings(const Call &call, const QString &triggerId)
{
    auto bindings = m_flows.bindings(triggerId);
    if (!bindings)
        return call.respond(fromError(bindings.error()));
    QJsonArray all;
    for (const Binding &binding : bindings.value())
        all.append(bindingJson(triggerId, binding));
    auto page = actionsPage(QStringLiteral("bindings"), all, call.request);
    if (auto *refusal = std::get_if<ServerReply>(&page))
        return call.respond(*refusal);
    call.respond(ServerReply::json(std::get<QJsonObject>(page)));
}

void ManagementApi::patchBindings(const Call &call, const QString &triggerId)
{
    const QJsonValue list = call.request.jsonBody().value(QLatin1String("bindings"));
    if (!list.isArray())
        return call.respond(invalidBody(tr("Payload validation error: Missing required property: bindings")));
    auto current = m_flows.bindings(triggerId);
    auto custom = m_customActions.list();
    auto integrations = m_integrations.list();
    for (const Error *failed : {current ? nullptr : &current.error(),
                                custom ? nullptr : &custom.error(),
                                integrations ? nullptr : &integrations.error()}) {
        if (failed)
            return call.respond(fromError(*failed));
    }
    QList<Binding> bindings;
    for (int i = 0; i < list.toArray().size(); ++i) {
        const QJsonObject item = list.toArray().at(i).toObject();
        const QJsonObject ref = item.value(QLatin1String("ref")).toObject();
        const QString type = ref.value(QLatin1String("type")).toString();
        const QString value = ref.value(QLatin1String("value")).toString();
        const QJsonValue displayName = item.value(QLatin1String("display_name"));
        if (!displayName.isUndefined() && !displayName.isString())
            return call.respond(invalidBody(
                tr("Payload validation error: 'bindings[%1].display_name' must be a string").arg(i)));
        std::optional<Binding> found;
        const auto matches = [&type, &value](const QString &id, const QString &name) {
            return type == QLatin1String("action_id") ? id == value
                                                      : name.compare(value, Qt::CaseInsensitive) == 0;
        };
        if (type == QLatin1String("binding_id")) {
            for (const Binding &binding : current.value()) {
                if (bindingId(triggerId, binding) == value)
                    found = binding;
            }
        } else if (type == QLatin1String("action_id") || type == QLatin1String("action_name")) {
            for (const CustomAction &action : custom.value()) {
                if (!found && matches(action.id, action.name))
                    found = Binding {Binding::Kind::Custom, action.id, action.name, 0};
            }
            for (const Integration &integration : integrations.value()) {
                if (!found && matches(integration.id, integration.name))
                    found = Binding {Binding::Kind::Integration, integration.id, integration.name, 0};
            }
        } else {
            return call.respond(invalidBody(tr("Payload validation error: 'bindings[%1].ref.type' must be "
                                               "action_id, action_name or binding_id")
                                                .arg(i)));
        }
        if (!found)
            return call.respond(
                invalidBody(tr("bindings[%1]: there is no action with %2 “%3”").arg(i).arg(type, value)));
        if (displayName.isString() && !displayName.toString().isEmpty())
            found->displayName = displayName.toString();
        if (auto refused = m_flows.checkInsert(triggerId, bindings, *found))
            return call.respond(invalidBody(tr("bindings[%1]: %2").arg(i).arg(*refused)));
        bindings.append(*found);
    }
    if (auto applied = m_flows.apply(triggerId, bindings); !applied)
        return call.respond(fromError(applied.error()));
    auto stored = m_flows.bindings(triggerId);
    if (!stored)
        return call.respond(fromError(stored.error()));
    QJsonArray result;
    for (const Binding &binding : stored.value())
        result.append(bindingJson(triggerId, binding));
    call.respond(ServerReply::json({{QStringLiteral("bindings"), result}}));
}
