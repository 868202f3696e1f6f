// ManagementApi: /api/v2/actions/actions (Auth0 Actions): the custom actions with their secrets (names only),
// versions, deploy and rollback, through CustomActionService; the installed integrations are listed as the
// Marketplace actions they are (ManagementApiTriggers.cpp writes them) and cannot be changed here.

#include "ManagementApi.h"
#include "core/actions/CustomActionService.h"
#include "core/actions/IntegrationService.h"
#include "core/flows/FlowService.h"
#include "core/flows/Trigger.h"
#include "core/server/ActionFields.h"
#include "core/server/ServerRequest.h"

#include <algorithm>

namespace {

ServerReply invalidBody(const QString &message)
{
    return ManagementApi::error(400, message, QStringLiteral("invalid_body"));
}

ServerReply noContent()
{
    ServerReply reply;
    reply.status = 204;
    return reply;
}

} // namespace

void ManagementApi::actions(const Call &call)
{
    const QString collection = call.path.value(1);
    const QByteArray method = call.request.method();
    if (collection == QLatin1String("triggers"))
        return triggers(call);
    if (collection != QLatin1String("actions"))
        return call.respond(
            notSupported(tr("Authdeck does not hold /api/v2/%1 (it serves actions/actions and "
                            "actions/triggers)")
                             .arg(call.path.join(QLatin1Char('/')))));
    if (call.path.size() == 2 && method == "GET")
        return listActions(call);
    if (call.path.size() == 2 && method == "POST")
        return createAction(call);
    if (call.path.size() == 2)
        return call.respond(notSupported(tr("Unsupported method on /api/v2/actions/actions")));
    const QString scope = method == "GET" ? QStringLiteral("read:actions")
        : method == "DELETE"              ? QStringLiteral("delete:actions")
                                          : QStringLiteral("update:actions");
    if (!call.allows(scope))
        return call.respond(insufficientScope(scope));
    const QString id = call.path.at(2);
    if (auto found = m_customActions.find(id))
        return oneAction(call, found.value());
    else if (found.error().kind() != Error::Kind::NotFound)
        return call.respond(fromError(found.error()));
    auto integration = m_integrations.find(id);
    if (!integration)
        return call.respond(
            integration.error().kind() == Error::Kind::NotFound
                ? error(404, tr("The action does not exist."), QStringLiteral("inexistent_action"))
                : fromError(integration.error()));
    if (call.path.size() == 3 && method == "GET")
        return call.respond(ServerReply::json(marketplaceJson(integration.value())));
    call.respond(
        error(400,
              tr("%1 is a Marketplace integration: configure or uninstall it in Actions > Library, not "
                 "through /api/v2/actions/actions.")
                  .arg(integration.value().name),
              QStringLiteral("operation_not_supported")));
}

void ManagementApi::listActions(const Call &call)
{
    if (!call.allows(QStringLiteral("read:actions")))
        return call.respond(insufficientScope(QStringLiteral("read:actions")));
    const ServerRequest &request = call.request;
    std::optional<bool> deployed;
    std::optional<bool> installed;
    for (const auto &[name, into] :
         {std::pair<QString, std::optional<bool> *> {QStringLiteral("deployed"), &deployed},
          {QStringLiteral("installed"), &installed}}) {
        const QString value = request.param(name);
        if (value == QLatin1String("true") || value == QLatin1String("false"))
            *into = value == QLatin1String("true");
        else if (request.hasParam(name))
            return call.respond(
                invalidBody(tr("Query validation error: '%1' must be true or false").arg(name)));
    }
    const QString triggerId = request.param(QStringLiteral("triggerId"));
    const QString actionName = request.param(QStringLiteral("actionName"));
    QList<std::pair<QString, QJsonObject>> found;
    if (installed != true) {
        auto custom = m_customActions.list(triggerId);
        if (!custom)
            return call.respond(fromError(custom.error()));
        for (const CustomAction &action : custom.value()) {
            if ((actionName.isEmpty() || action.name == actionName)
                && (!deployed || action.isDeployed() == *deployed))
                found.append({action.name, actionJson(action)});
        }
    }
    if (installed != false && deployed != false) {
        auto integrations = m_integrations.list();
        if (!integrations)
            return call.respond(fromError(integrations.error()));
        for (const Integration &integration : integrations.value()) {
            if ((triggerId.isEmpty() || integration.trigger == triggerId)
                && (actionName.isEmpty() || integration.name == actionName))
                found.append({integration.name, marketplaceJson(integration)});
        }
    }
    std::stable_sort(found.begin(), found.end(), [](const auto &a, const auto &b) {
        return a.first.compare(b.first, Qt::CaseInsensitive) < 0;
    });
    QJsonArray all;
    for (const auto &entry : found)
        all.append(entry.second);
    auto page = actionsPage(QStringLiteral("actions"), all, request);
    if (auto *refusal = std::get_if<ServerReply>(&page))
        return call.respond(*refusal);
    call.respond(ServerReply::json(std::get<QJsonObject>(page)));
}

void ManagementApi::createAction(const Call &call)
{
    if (!call.allows(QStringLiteral("create:actions")))
        return call.respond(insufficientScope(QStringLiteral("create:actions")));
    ActionFields fields;
    if (const QString problem = fields.read(call.request.jsonBody(), true); !problem.isEmpty())
        return call.respond(invalidBody(problem));
    auto created
        = m_customActions.create(*fields.name, *fields.triggerId, fields.runtime.value_or(QString()));
    if (!created)
        return call.respond(fromError(created.error()));
    const QString id = created.value().id;
    const Respond respond = call.respond;
    // A later step that fails takes the new action back, then answers.
    const auto undo = [this, id, respond](const Error &failure) {
        connect(m_customActions.remove(id), &CustomActionJob::finished, this, [respond, failure] {
            respond(fromError(failure));
        });
    };
    if (fields.code || fields.dependencies) {
        auto saved = m_customActions.saveDraft(id,
                                               fields.code.value_or(created.value().code),
                                               fields.dependencies.value_or(QList<ActionDependency>()),
                                               created.value().revision);
        if (!saved)
            return undo(saved.error());
    }
    QList<std::pair<QString, std::optional<QByteArray>>> secrets;
    for (const ActionFields::Secret &secret : fields.secrets.value_or(QList<ActionFields::Secret>()))
        secrets.append({secret.name, secret.value});
    changeSecrets(
        id, secrets, [this, id, respond, undo, deploy = fields.deploy](std::optional<Error> failed) {
            if (failed)
                return undo(*failed);
            const auto answer = [this, id, respond] {
                auto stored = m_customActions.find(id);
                respond(stored ? ServerReply::json(actionJson(stored.value()), 201)
                               : fromError(stored.error()));
            };
            if (!deploy)
                return answer();
            connect(m_customActions.deploy(id),
                    &CustomActionJob::finished,
                    this,
                    [undo, answer](CustomActionJob *job) {
                        if (!job->succeeded())
                            return undo(*job->error());
                        answer();
                    });
        });
}

void ManagementApi::changeSecrets(const QString &id,
                                  const QList<std::pair<QString, std::optional<QByteArray>>> &changes,
                                  std::function<void(std::optional<Error>)> done)
{
    if (changes.isEmpty())
        return done(std::nullopt);
    const auto &[name, value] = changes.constFirst();
    CustomActionJob *job
        = value ? m_customActions.setSecret(id, name, *value) : m_customActions.removeSecret(id, name);
    connect(job,
            &CustomActionJob::finished,
            this,
            [this, id, rest = changes.mid(1), done](CustomActionJob *finished) {
                if (!finished->succeeded())
                    return done(*finished->error());
                changeSecrets(id, rest, done);
            });
}

void ManagementApi::oneAction(const Call &call, const CustomAction &action)
{
    const QByteArray method = call.request.method();
    const QString part = call.path.value(3);
    if (call.path.size() == 3 && method == "GET")
        return call.respond(ServerReply::json(actionJson(action)));
    if (call.path.size() == 3 && method == "PATCH")
        return patchAction(call, action);
    if (call.path.size() == 3 && method == "DELETE")
        return deleteAction(call, action);
    if (call.path.size() == 4 && part == QLatin1String("deploy") && method == "POST")
        return deployAction(call, action);
    if (part == QLatin1String("versions"))
        return actionVersions(call, action);
    call.respond(notSupported(tr("Authdeck does not hold %1 /api/v2/%2")
                                  .arg(QString::fromLatin1(method), call.path.join(QLatin1Char('/')))));
}

void ManagementApi::patchAction(const Call &call, const CustomAction &action)
{
    ActionFields fields;
    if (const QString problem = fields.read(call.request.jsonBody(), false); !problem.isEmpty())
        return call.respond(invalidBody(problem));
    if (fields.triggerId && *fields.triggerId != action.triggerId)
        return call.respond(invalidBody(
            tr("Payload validation error: 'supported_triggers': %1 runs in %2; an action keeps its trigger")
                .arg(action.name, action.triggerId)));
    if (fields.runtime && *fields.runtime != action.runtime)
        return call.respond(
            invalidBody(tr("Payload validation error: 'runtime': %1 runs on %2, chosen when it "
                           "was created; Authdeck does not change an action's runtime")
                            .arg(action.name, action.runtime)));
    // The secrets listed are the action's set: values given are set, others kept, unlisted ones removed.
    QList<std::pair<QString, std::optional<QByteArray>>> secrets;
    if (fields.secrets) {
        QStringList listed;
        for (const ActionFields::Secret &secret : *fields.secrets) {
            listed.append(secret.name);
            if (secret.value)
                secrets.append({secret.name, secret.value});
            else if (!action.secretNames().contains(secret.name))
                return call.respond(invalidBody(
                    tr("Payload validation error: 'secrets': %1 has no secret %2 to keep; give it a value")
                        .arg(action.name, secret.name)));
        }
        for (const QString &name : action.secretNames()) {
            if (!listed.contains(name))
                secrets.append({name, std::nullopt});
        }
    }
    CustomAction current = action;
    const bool draftChanges = (fields.code && *fields.code != action.code)
        || (fields.dependencies && *fields.dependencies != action.dependencies);
    if (draftChanges) {
        auto saved = m_customActions.saveDraft(action.id,
                                               fields.code.value_or(action.code),
                                               fields.dependencies.value_or(action.dependencies),
                                               action.revision);
        if (!saved)
            return call.respond(fromError(saved.error()));
        current = saved.value();
    }
    if (fields.name && fields.name->trimmed() != action.name) {
        auto renamed = m_customActions.rename(action.id, *fields.name, current.revision);
        if (!renamed)
            return call.respond(fromError(renamed.error()));
    }
    changeSecrets(
        action.id, secrets, [this, id = action.id, respond = call.respond](std::optional<Error> failed) {
            if (failed)
                return respond(fromError(*failed));
            auto stored = m_customActions.find(id);
            respond(stored ? ServerReply::json(actionJson(stored.value())) : fromError(stored.error()));
        });
}

void ManagementApi::deleteAction(const Call &call, const CustomAction &action)
{
    if (call.request.param(QStringLiteral("force")) != QLatin1String("true")) {
        QStringList flows;
        for (const Trigger &trigger : Triggers::all()) {
            auto bindings = m_flows.bindings(trigger.id);
            if (!bindings)
                return call.respond(fromError(bindings.error()));
            if (std::any_of(
                    bindings.value().cbegin(), bindings.value().cend(), [&action](const Binding &binding) {
                        return binding.kind == Binding::Kind::Custom && binding.actionId == action.id;
                    }))
                flows.append(trigger.id);
        }
        if (!flows.isEmpty())
            return call.respond(
                error(409,
                      tr("%1 is bound to the %2 flow: remove it there first, or delete it with "
                         "force=true to detach it")
                          .arg(action.name, flows.join(QLatin1String(", "))),
                      QStringLiteral("conflict")));
    }
    connect(m_customActions.remove(action.id),
            &CustomActionJob::finished,
            this,
            [respond = call.respond](CustomActionJob *job) {
                respond(job->succeeded() ? noContent() : fromError(*job->error()));
            });
}

void ManagementApi::deployAction(const Call &call, const CustomAction &action)
{
    connect(m_customActions.deploy(action.id),
            &CustomActionJob::finished,
            this,
            [respond = call.respond](CustomActionJob *job) {
                respond(job->succeeded() ? ServerReply::json(versionJson(job->action(), job->version()))
                                         : fromError(*job->error()));
            });
}

void ManagementApi::actionVersions(const Call &call, const CustomAction &action)
{
    const QByteArray method = call.request.method();
    auto versions = m_customActions.versions(action.id);
    if (!versions)
        return call.respond(fromError(versions.error()));
    if (call.path.size() == 4 && method == "GET") {
        QJsonArray all;
        for (const CustomActionVersion &version : versions.value())
            all.append(versionJson(action, version));
        auto page = actionsPage(QStringLiteral("versions"), all, call.request);
        if (auto *refusal = std::get_if<ServerReply>(&page))
            return call.respond(*refusal);
        return call.respond(ServerReply::json(std::get<QJsonObject>(page)));
    }
    const QString wanted = call.path.value(4);
    const auto version = std::find_if(
        versions.value().cbegin(), versions.value().cend(), [&](const CustomActionVersion &candidate) {
            return actionVersionId(action.id, candidate.number) == wanted;
        });
    if (version == versions.value().cend())
        return call.respond(error(404,
                                  tr("%1 has no version %2.").arg(action.name, wanted),
                                  QStringLiteral("inexistent_action_version")));
    if (call.path.size() == 5 && method == "GET")
        return call.respond(ServerReply::json(versionJson(action, *version)));
    if (call.path.size() != 6 || call.path.at(5) != QLatin1String("deploy") || method != "POST")
        return call.respond(
            notSupported(tr("Authdeck does not hold %1 /api/v2/%2")
                             .arg(QString::fromLatin1(method), call.path.join(QLatin1Char('/')))));
    const QJsonValue updateDraft = call.request.jsonBody().value(QLatin1String("update_draft"));
    if (!updateDraft.isUndefined() && !updateDraft.isBool())
        return call.respond(invalidBody(tr("Payload validation error: 'update_draft' must be a boolean")));
    auto deployed = m_customActions.rollback(action.id, version->number, updateDraft.toBool());
    if (!deployed)
        return call.respond(fromError(deployed.error()));
    auto stored = m_customActions.find(action.id);
    call.respond(ServerReply::json(versionJson(stored ? stored.value() : action, deployed.value())));
}
