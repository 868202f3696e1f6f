#include "ImportPlan.h"

#include "core/actions/CustomActionService.h"
#include "core/actions/DependencyInstaller.h"
#include "core/actions/IntegrationService.h"
#include "core/applications/ApplicationService.h"
#include "core/applications/ClientJson.h"
#include "core/exchange/ImportRules.h"
#include "core/exchange/TenantExporter.h"
#include "core/flows/Trigger.h"
#include "core/mfa/MfaPolicy.h"
#include "core/mfa/MfaService.h"
#include "core/runtime/ActionTriggers.h"
#include "core/tenant/Tenant.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMultiHash>
#include <QSet>

#include <functional>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ImportPlan", text);
}

/// Resource types deploy-cli knows that Authdeck does not hold: read past, named in the notes.
const QStringList kNotHeld {QStringLiteral("tenant"),
                            QStringLiteral("connections"),
                            QStringLiteral("databases"),
                            QStringLiteral("rules"),
                            QStringLiteral("rulesConfigs"),
                            QStringLiteral("hooks"),
                            QStringLiteral("pages"),
                            QStringLiteral("resourceServers"),
                            QStringLiteral("clientGrants"),
                            QStringLiteral("roles"),
                            QStringLiteral("emailProvider"),
                            QStringLiteral("emailTemplates"),
                            QStringLiteral("prompts"),
                            QStringLiteral("branding"),
                            QStringLiteral("organizations"),
                            QStringLiteral("attackProtection"),
                            QStringLiteral("logStreams"),
                            QStringLiteral("customDomains"),
                            QStringLiteral("themes"),
                            QStringLiteral("forms"),
                            QStringLiteral("flows"),
                            QStringLiteral("flowVaultConnections"),
                            QStringLiteral("selfServiceProfiles"),
                            QStringLiteral("networkACLs"),
                            QStringLiteral("userAttributeProfiles"),
                            QStringLiteral("phoneProviders"),
                            QStringLiteral("phoneTemplates"),
                            QStringLiteral("connectionProfiles"),
                            QStringLiteral("tokenExchangeProfiles"),
                            QStringLiteral("actionModules"),
                            QStringLiteral("eventStreams"),
                            QStringLiteral("riskAssessment"),
                            QStringLiteral("supplementalSignals"),
                            QStringLiteral("rateLimitPolicies"),
                            QStringLiteral("clientAuthCredentials")};

/// Auth0 client fields that Authdeck does not keep: accepted, left out, named in the notes.
const QStringList kClientFieldsNotHeld {
    QStringLiteral("addons"),
    QStringLiteral("allowed_clients"),
    QStringLiteral("allowed_origins"),
    QStringLiteral("client_aliases"),
    QStringLiteral("client_authentication_methods"),
    QStringLiteral("client_metadata"),
    QStringLiteral("compliance_level"),
    QStringLiteral("cross_origin_auth"),
    QStringLiteral("cross_origin_authentication"),
    QStringLiteral("cross_origin_loc"),
    QStringLiteral("custom_login_page"),
    QStringLiteral("custom_login_page_on"),
    QStringLiteral("default_organization"),
    QStringLiteral("encryption_key"),
    QStringLiteral("form_template"),
    QStringLiteral("initiate_login_uri"),
    QStringLiteral("logo_uri"),
    QStringLiteral("mobile"),
    QStringLiteral("native_social_login"),
    QStringLiteral("oidc_backchannel_logout"),
    QStringLiteral("oidc_logout"),
    QStringLiteral("organization_require_behavior"),
    QStringLiteral("organization_usage"),
    QStringLiteral("par_request_expiry"),
    QStringLiteral("refresh_token"),
    QStringLiteral("require_proof_of_possession"),
    QStringLiteral("require_pushed_authorization_requests"),
    QStringLiteral("skip_non_verifiable_callback_uri_confirmation_prompt"),
    QStringLiteral("sso"),
    QStringLiteral("sso_disabled"),
    QStringLiteral("token_quota"),
    QStringLiteral("session_transfer"),
    QStringLiteral("is_token_endpoint_ip_header_trusted"),
    QStringLiteral("signed_request_object")};

/// Client fields Authdeck fixes (read-only there): accepted whatever their value.
const QStringList kClientFieldsFixed {QStringLiteral("client_id"),
                                      QStringLiteral("is_first_party"),
                                      QStringLiteral("oidc_conformant"),
                                      QStringLiteral("jwt_configuration"),
                                      QStringLiteral("token_endpoint_auth_method")};

const QStringList kActionFields {QStringLiteral("name"),
                                 QStringLiteral("code"),
                                 QStringLiteral("runtime"),
                                 QStringLiteral("dependencies"),
                                 QStringLiteral("deployed"),
                                 QStringLiteral("secrets"),
                                 QStringLiteral("status"),
                                 QStringLiteral("supported_triggers"),
                                 QStringLiteral("modules"),
                                 QStringLiteral("id"),
                                 QStringLiteral("installed_integration_id")};

} // namespace

using namespace ImportRules;

Result<ImportPlan> ImportPlan::make(Tenant &tenant, const TenantFiles &files, const Options &options)
{
    ImportPlan plan;
    auto current = TenantExporter::collect(tenant);
    if (!current)
        return current.error();
    plan.m_current = current.value();
    plan.m_wanted = files.document();
    const QJsonObject &document = files.document();
    for (auto it = document.begin(); it != document.end(); ++it) {
        if (TenantFiles::resourceTypes().contains(it.key()))
            continue;
        if (!kNotHeld.contains(it.key()))
            return refusal(files, it.key(), tr("is not a resource type of Auth0's Deploy CLI"));
        plan.m_notes.append(
            tr("%1: Authdeck does not hold this resource type; it is left out.").arg(it.key()));
        plan.m_wanted.remove(it.key());
    }
    if (document.contains(QLatin1String("clients")))
        if (auto checked = plan.checkClients(tenant, files, options); !checked)
            return checked.error();
    if (document.contains(QLatin1String("actions")))
        if (auto checked = plan.checkActions(files, options); !checked)
            return checked.error();
    if (document.contains(QLatin1String("triggers")))
        if (auto checked = plan.checkTriggers(tenant, files); !checked)
            return checked.error();
    if (auto checked = plan.checkGuardian(tenant, files); !checked)
        return checked.error();
    return plan;
}

Result<void> ImportPlan::checkClients(Tenant &tenant, const TenantFiles &files, const Options &options)
{
    auto list = records(files, QStringLiteral("clients"));
    if (!list)
        return list.error();
    QStringList known = ClientJson::writableFields() + kClientFieldsFixed + kClientFieldsNotHeld;
    known.append(QStringLiteral("app_type"));
    const QJsonObject current = byName(m_current.value(QLatin1String("clients")).toArray());
    auto applications = tenant.applications().page(0, -1);
    if (!applications)
        return applications.error();
    QMultiHash<QString, const Application *> named; ///< names are not unique in a tenant
    for (const Application &application : applications.value())
        named.insert(application.name, &application);
    QSet<QString> leftOut;
    for (int i = 0; i < list.value().size(); ++i) {
        const QString at = QStringLiteral("clients[%1]").arg(i);
        const QJsonObject record = list.value().at(i).toObject();
        if (const auto key = unknownKey(record, known))
            return refusal(files, at + QLatin1Char('.') + *key, tr("is not a field of an Auth0 client"));
        for (auto it = record.begin(); it != record.end(); ++it)
            if (kClientFieldsNotHeld.contains(it.key()))
                leftOut.insert(it.key());
        const QString name = record.value(QLatin1String("name")).toString();
        if (!current.contains(name)) {
            const auto draft = ClientJson::draft(record);
            if (const auto *problem = std::get_if<QString>(&draft))
                return refusal(files, at, *problem);
            continue;
        }
        const QJsonObject existing = current.value(name).toObject();
        if (record.contains(QLatin1String("app_type"))
            && record.value(QLatin1String("app_type")) != existing.value(QLatin1String("app_type")))
            return refusal(files,
                           at + QLatin1String(".app_type"),
                           tr("an application's type cannot change (%1 in the tenant)")
                               .arg(existing.value(QLatin1String("app_type")).toString()));
        for (const Application *application : named.values(name)) {
            Application edited = *application;
            if (const QString problem = ClientJson::apply(record, edited); !problem.isEmpty())
                return refusal(files, at, problem);
            if (const ApplicationValidation validation = ApplicationService::validate(edited);
                !validation.isValid())
                return refusal(files, at, validation.summary());
        }
    }
    if (!leftOut.isEmpty()) {
        QStringList fields = leftOut.values();
        fields.sort();
        m_notes.append(tr("clients: Authdeck does not keep %1; those fields are left out.")
                           .arg(fields.join(QLatin1String(", "))));
    }
    compare(QStringLiteral("clients"),
            m_current.value(QLatin1String("clients")).toArray(),
            list.value(),
            ClientJson::writableFields() + QStringList {QStringLiteral("app_type")},
            options.allowDelete);
    return {};
}

Result<void> ImportPlan::checkActions(const TenantFiles &files, const Options &options)
{
    auto list = records(files, QStringLiteral("actions"));
    if (!list)
        return list.error();
    const QJsonObject current = byName(m_current.value(QLatin1String("actions")).toArray());
    QJsonArray normalized;
    for (int i = 0; i < list.value().size(); ++i) {
        const QString at = QStringLiteral("actions[%1]").arg(i);
        QJsonObject record = list.value().at(i).toObject();
        if (const auto key = unknownKey(record, kActionFields))
            return refusal(files, at + QLatin1Char('.') + *key, tr("is not a field of an Auth0 action"));
        const QString name = record.value(QLatin1String("name")).toString();
        if (const QString problem = CustomActionService::nameProblem(name); !problem.isEmpty())
            return refusal(files, at + QLatin1String(".name"), problem);
        if (!record.value(QLatin1String("modules")).toArray().isEmpty()
            || (record.contains(QLatin1String("modules")) && !record.value(QLatin1String("modules")).isArray()
                && !record.value(QLatin1String("modules")).isNull()))
            return refusal(
                files, at + QLatin1String(".modules"), tr("Authdeck does not support Actions Modules"));
        record.remove(QStringLiteral("modules"));
        record.remove(QStringLiteral("id"));
        record.remove(QStringLiteral("installed_integration_id"));
        record.remove(QStringLiteral("status"));
        for (const char *key : {"code", "runtime"}) {
            const QJsonValue value = record.value(QLatin1String(key));
            if (!value.isUndefined() && !value.isString())
                return refusal(files, at + QLatin1Char('.') + QLatin1String(key), tr("must be text"));
        }
        if (record.contains(QLatin1String("deployed")) && !record.value(QLatin1String("deployed")).isBool())
            return refusal(files, at + QLatin1String(".deployed"), tr("must be true or false"));
        const QString runtime = record.value(QLatin1String("runtime")).toString();
        if (record.contains(QLatin1String("runtime")) && !ActionTriggers::runtimes().contains(runtime))
            return refusal(files,
                           at + QLatin1String(".runtime"),
                           tr("\"%1\" is not one of %2")
                               .arg(runtime, ActionTriggers::runtimes().join(QLatin1String(", "))));
        const QJsonArray triggers = record.value(QLatin1String("supported_triggers")).toArray();
        const QString triggerId = triggers.first().toObject().value(QLatin1String("id")).toString();
        if (triggers.size() != 1 || !ActionTriggers::isRunnable(triggerId))
            return refusal(files,
                           at + QLatin1String(".supported_triggers"),
                           tr("must name exactly one trigger of %1")
                               .arg(ActionTriggers::runnable().join(QLatin1String(", "))));
        record.insert(
            QStringLiteral("supported_triggers"),
            QJsonArray {QJsonObject {{QStringLiteral("id"), triggerId},
                                     {QStringLiteral("version"), ActionTriggers::version(triggerId)}}});
        if (current.contains(name)) {
            const QString had = triggerOf(current.value(name).toObject());
            if (had != triggerId)
                return refusal(files,
                               at + QLatin1String(".supported_triggers"),
                               tr("an action's trigger cannot change (%1 in the tenant)").arg(had));
            if (record.contains(QLatin1String("runtime"))
                && runtime != current.value(name).toObject().value(QLatin1String("runtime")).toString())
                return refusal(
                    files, at + QLatin1String(".runtime"), tr("an action's runtime cannot change"));
        }
        QList<ActionDependency> dependencies;
        const QJsonValue dependencyList = record.value(QLatin1String("dependencies"));
        if (!dependencyList.isUndefined() && !dependencyList.isArray() && !dependencyList.isNull())
            return refusal(files, at + QLatin1String(".dependencies"), tr("must be a list"));
        for (const QJsonValue &item : dependencyList.toArray())
            dependencies.append({item.toObject().value(QLatin1String("name")).toString(),
                                 item.toObject().value(QLatin1String("version")).toString()});
        if (const QString problem = DependencyInstaller::problem(dependencies); !problem.isEmpty())
            return refusal(files, at + QLatin1String(".dependencies"), problem);
        QJsonArray secrets;
        QJsonArray valuesSet;
        const QJsonValue secretList = record.value(QLatin1String("secrets"));
        if (!secretList.isUndefined() && !secretList.isArray() && !secretList.isNull())
            return refusal(files, at + QLatin1String(".secrets"), tr("must be a list"));
        for (int s = 0; s < secretList.toArray().size(); ++s) {
            const QJsonObject secret = secretList.toArray().at(s).toObject();
            const QString secretAt = at + QStringLiteral(".secrets[%1]").arg(s);
            if (const QString problem
                = CustomActionService::secretNameProblem(secret.value(QLatin1String("name")).toString());
                !problem.isEmpty())
                return refusal(files, secretAt + QLatin1String(".name"), problem);
            const QJsonValue value = secret.value(QLatin1String("value"));
            if (!value.isUndefined() && !value.isNull() && !value.isString())
                return refusal(files, secretAt + QLatin1String(".value"), tr("must be text"));
            secrets.append(QJsonObject {{QStringLiteral("name"), secret.value(QLatin1String("name"))}});
            if (value.isString() && value.toString() != kValueNotShown)
                valuesSet.append(secret.value(QLatin1String("name")));
        }
        // The diff shows the secrets' names, and which get a value: never the values (they stay in wanted()).
        record.insert(QStringLiteral("secrets"), secrets);
        if (!valuesSet.isEmpty())
            record.insert(QStringLiteral("secret values set"), valuesSet);
        normalized.append(record);
    }
    compare(QStringLiteral("actions"),
            m_current.value(QLatin1String("actions")).toArray(),
            normalized,
            {QStringLiteral("code"),
             QStringLiteral("runtime"),
             QStringLiteral("dependencies"),
             QStringLiteral("deployed"),
             QStringLiteral("secrets"),
             QStringLiteral("secret values set"),
             QStringLiteral("supported_triggers")},
            options.allowDelete);
    return {};
}

void ImportPlan::compare(const QString &type,
                         const QJsonArray &current,
                         const QJsonArray &wanted,
                         const QStringList &held,
                         bool allowDelete)
{
    const QJsonObject had = byName(current);
    QSet<QString> listed;
    for (const QJsonValue &value : wanted) {
        const QJsonObject record = value.toObject();
        const QString name = record.value(QLatin1String("name")).toString();
        listed.insert(name);
        ResourceChange change {
            had.contains(name) ? ResourceChange::Kind::Change : ResourceChange::Kind::Create, type, name, {}};
        const QJsonObject before = had.value(name).toObject();
        for (const QString &field : held) {
            if (!record.contains(field) || field == QLatin1String("name"))
                continue;
            const QJsonValue after = record.value(field);
            const QJsonValue was = change.kind == ResourceChange::Kind::Create
                ? QJsonValue(QJsonValue::Undefined)
                : before.value(field);
            if (was != after)
                change.fields.append({field, was, after});
        }
        if (change.kind == ResourceChange::Kind::Create || !change.fields.isEmpty())
            m_changes.append(change);
    }
    if (!allowDelete)
        return;
    for (auto it = had.begin(); it != had.end(); ++it)
        if (!listed.contains(it.key()))
            m_changes.append({ResourceChange::Kind::Delete, type, it.key(), {}});
}

QString ImportPlan::summary() const
{
    int counts[3] = {0, 0, 0};
    for (const ResourceChange &change : m_changes)
        ++counts[int(change.kind)];
    return tr("%1 to create, %2 to change, %3 to delete").arg(counts[0]).arg(counts[1]).arg(counts[2]);
}

QString ImportPlan::describe() const
{
    QStringList lines;
    for (const ResourceChange &change : m_changes) {
        const char *mark = change.kind == ResourceChange::Kind::Create ? "+"
            : change.kind == ResourceChange::Kind::Delete              ? "-"
                                                                       : "~";
        lines.append(QStringLiteral("%1 %2  %3").arg(QLatin1String(mark), change.type, change.name));
        for (const FieldChange &field : change.fields)
            lines.append(change.kind == ResourceChange::Kind::Create
                             ? QStringLiteral("    %1: %2").arg(field.field, compact(field.after))
                             : QStringLiteral("    %1: %2 → %3")
                                   .arg(field.field, compact(field.before), compact(field.after)));
    }
    return lines.join(QLatin1Char('\n'));
}
