// ManagementApi: the JSON of the actions endpoints: Auth0's Action (a custom action, or an installed
// integration as the Marketplace action it is), ActionVersion and binding, and their stable ids.

#include "ManagementApi.h"
#include "core/actions/CustomActionService.h"
#include "core/actions/IntegrationService.h"
#include "core/runtime/ActionTriggers.h"

#include <QUuid>
#include <QVersionNumber>

namespace {

QString iso(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QJsonArray triggersJson(const QString &triggerId, const QString &version)
{
    return {QJsonObject {{QStringLiteral("id"), triggerId}, {QStringLiteral("version"), version}}};
}

QJsonArray dependenciesJson(const QList<ActionDependency> &dependencies)
{
    QJsonArray list;
    for (const ActionDependency &dependency : dependencies)
        list.append(QJsonObject {{QStringLiteral("name"), dependency.name},
                                 {QStringLiteral("version"), dependency.version}});
    return list;
}

QJsonArray secretsJson(const QList<ActionSecret> &secrets)
{
    QJsonArray list;
    for (const ActionSecret &secret : secrets)
        list.append(QJsonObject {{QStringLiteral("name"), secret.name},
                                 {QStringLiteral("updated_at"), iso(secret.updatedAt)}});
    return list;
}

/// A catalog thing's id (the Marketplace listing, its release): the same in every tenant.
QString catalogUuid(const QString &name)
{
    return QUuid::createUuidV5(QUuid(), QStringLiteral("authdeck/catalog/") + name)
        .toString(QUuid::WithoutBraces);
}

QJsonObject parameterJson(const IntegrationInput &input)
{
    return {{QStringLiteral("type"), QStringLiteral("STRING")},
            {QStringLiteral("name"), input.key},
            {QStringLiteral("required"), input.required},
            {QStringLiteral("label"), input.label},
            {QStringLiteral("description"), input.help},
            {QStringLiteral("placeholder"), input.placeholder}};
}

} // namespace

QString ManagementApi::actionVersionId(const QString &actionId, int number)
{
    return QUuid::createUuidV5(QUuid::fromString(actionId), QStringLiteral("version/%1").arg(number))
        .toString(QUuid::WithoutBraces);
}

QString ManagementApi::bindingId(const QString &triggerId, const Binding &binding)
{
    return QUuid::createUuidV5(QUuid::fromString(binding.actionId), QStringLiteral("binding/") + triggerId)
        .toString(QUuid::WithoutBraces);
}

QJsonObject ManagementApi::actionJson(const CustomAction &action) const
{
    QJsonObject json {
        {QStringLiteral("id"), action.id},
        {QStringLiteral("name"), action.name},
        {QStringLiteral("supported_triggers"), triggersJson(action.triggerId, action.triggerVersion)},
        {QStringLiteral("code"), action.code},
        {QStringLiteral("runtime"), action.runtime},
        {QStringLiteral("dependencies"), dependenciesJson(action.dependencies)},
        {QStringLiteral("secrets"), secretsJson(action.secrets)},
        {QStringLiteral("status"), QStringLiteral("built")},
        {QStringLiteral("all_changes_deployed"), action.allChangesDeployed},
        {QStringLiteral("created_at"), iso(action.createdAt)},
        {QStringLiteral("updated_at"), iso(action.updatedAt)}};
    if (action.isDeployed()) {
        if (auto deployed = m_customActions.version(action.id, action.deployedVersion)) {
            json.insert(QStringLiteral("deployed_version"), versionJson(action, deployed.value()));
            json.insert(QStringLiteral("built_at"), iso(deployed.value().createdAt));
        }
    }
    return json;
}

QJsonObject ManagementApi::versionJson(const CustomAction &action, const CustomActionVersion &version)
{
    return {{QStringLiteral("id"), actionVersionId(action.id, version.number)},
            {QStringLiteral("action_id"), action.id},
            {QStringLiteral("number"), version.number},
            {QStringLiteral("code"), version.code},
            {QStringLiteral("runtime"), version.runtime},
            {QStringLiteral("dependencies"), dependenciesJson(version.dependencies)},
            {QStringLiteral("secrets"), secretsJson(action.secrets)},
            {QStringLiteral("deployed"), version.number == action.deployedVersion},
            {QStringLiteral("status"), QStringLiteral("built")},
            {QStringLiteral("errors"), QJsonArray {}},
            {QStringLiteral("supported_triggers"), triggersJson(action.triggerId, action.triggerVersion)},
            {QStringLiteral("built_at"), iso(version.createdAt)},
            {QStringLiteral("created_at"), iso(version.createdAt)},
            {QStringLiteral("updated_at"), iso(version.createdAt)}};
}

QJsonObject ManagementApi::marketplaceJson(const Integration &integration) const
{
    QJsonObject listing {{QStringLiteral("id"), catalogUuid(integration.catalogId)},
                         {QStringLiteral("catalog_id"), integration.catalogId},
                         {QStringLiteral("url_slug"), integration.catalogId},
                         {QStringLiteral("name"), integration.name},
                         {QStringLiteral("feature_type"), QStringLiteral("action")}};
    const QJsonArray supported {
        QJsonObject {{QStringLiteral("id"), integration.trigger},
                     {QStringLiteral("version"), ActionTriggers::version(integration.trigger)}}};
    if (const CatalogEntry *entry = m_integrations.catalog().find(integration.catalogId)) {
        QJsonArray secrets;
        QJsonArray configuration;
        for (const IntegrationInput &input : entry->inputs)
            (input.isSecret() ? secrets : configuration).append(parameterJson(input));
        const QVersionNumber version = QVersionNumber::fromString(entry->version);
        listing.insert(QStringLiteral("description"), entry->description);
        listing.insert(QStringLiteral("short_description"), entry->summary);
        listing.insert(
            QStringLiteral("current_release"),
            QJsonObject {{QStringLiteral("id"), catalogUuid(entry->id + QLatin1Char('/') + entry->version)},
                         {QStringLiteral("trigger"), supported.at(0)},
                         {QStringLiteral("semver"),
                          QJsonObject {{QStringLiteral("major"), version.majorVersion()},
                                       {QStringLiteral("minor"), version.minorVersion()}}},
                         {QStringLiteral("required_secrets"), secrets},
                         {QStringLiteral("required_configuration"), configuration}});
    }
    QJsonArray secrets;
    for (const QString &name : integration.secretsSet)
        secrets.append(QJsonObject {{QStringLiteral("name"), name}});
    return {{QStringLiteral("id"), integration.id},
            {QStringLiteral("name"), integration.name},
            {QStringLiteral("supported_triggers"), supported},
            {QStringLiteral("installed_integration_id"), integration.id},
            {QStringLiteral("integration"), listing},
            {QStringLiteral("secrets"), secrets},
            {QStringLiteral("status"), QStringLiteral("built")},
            {QStringLiteral("all_changes_deployed"), true},
            {QStringLiteral("created_at"), iso(integration.createdAt)},
            {QStringLiteral("updated_at"), iso(integration.updatedAt)}};
}

QJsonObject ManagementApi::bindingJson(const QString &triggerId, const Binding &binding) const
{
    QJsonObject action {{QStringLiteral("id"), binding.actionId},
                        {QStringLiteral("name"), binding.displayName}};
    if (binding.kind == Binding::Kind::Custom) {
        if (auto found = m_customActions.find(binding.actionId))
            action = actionJson(found.value());
    } else if (auto found = m_integrations.find(binding.actionId)) {
        action = marketplaceJson(found.value());
    }
    return {{QStringLiteral("id"), bindingId(triggerId, binding)},
            {QStringLiteral("trigger_id"), triggerId},
            {QStringLiteral("display_name"), binding.displayName},
            {QStringLiteral("action"), action}};
}
