#include "TenantInvariants.h"

#include "core/actions/CustomActionService.h"
#include "core/actions/IntegrationService.h"
#include "core/applications/ApplicationService.h"
#include "core/secrets/SecretStore.h"
#include "core/store/Database.h"
#include "core/store/SqlDialect.h"
#include "core/tenant/Tenant.h"

#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

namespace {

/// The rows of @p sql, each as its columns joined by spaces; an entry "query failed: …" when it fails.
QStringList rows(Tenant &tenant, const QString &sql)
{
    QSqlQuery query = tenant.database().prepare(sql);
    if (!query.exec())
        return {
            QStringLiteral("query failed: %1 (%2)").arg(sql, Database::storageError({}, query).message())};
    QStringList found;
    while (query.next()) {
        QStringList columns;
        for (int i = 0; i < query.record().count(); ++i)
            columns.append(query.value(i).toString());
        found.append(columns.join(QLatin1Char(' ')));
    }
    return found;
}

void expectNone(QStringList &broken, Tenant &tenant, const QString &what, const QString &sql)
{
    for (const QString &row : rows(tenant, sql))
        broken.append(QStringLiteral("%1: %2").arg(what, row));
}

} // namespace

namespace TenantInvariants {

QStringList broken(Tenant &tenant, const QSet<QString> &keyringKeys)
{
    QStringList broken;
    if (tenant.database().dialect().engine() == SqlDialect::Engine::Sqlite) {
        const QStringList integrity = rows(tenant, QStringLiteral("PRAGMA integrity_check"));
        if (integrity != QStringList {QStringLiteral("ok")})
            broken.append(QStringLiteral("integrity_check: %1").arg(integrity.join(QStringLiteral("; "))));
        expectNone(
            broken, tenant, QStringLiteral("foreign_key_check"), QStringLiteral("PRAGMA foreign_key_check"));
    }
    expectNone(broken,
               tenant,
               QStringLiteral("a flow binds a missing integration"),
               QStringLiteral("SELECT trigger_id, action_id FROM flow_bindings WHERE kind = 'integration' "
                              "AND action_id NOT IN (SELECT id FROM integrations)"));
    expectNone(
        broken,
        tenant,
        QStringLiteral("a flow binds a missing custom action version"),
        QStringLiteral("SELECT b.trigger_id, b.action_id, b.version FROM flow_bindings b WHERE b.kind <> "
                       "'integration' AND NOT EXISTS (SELECT 1 FROM custom_action_versions v WHERE "
                       "v.action_id = b.action_id AND v.number = b.version)"));
    expectNone(
        broken,
        tenant,
        QStringLiteral("a flow's positions have a gap"),
        QStringLiteral("SELECT trigger_id, COUNT(*), MAX(position) FROM flow_bindings GROUP BY trigger_id "
                       "HAVING MIN(position) <> 0 OR MAX(position) <> COUNT(*) - 1"));
    expectNone(broken,
               tenant,
               QStringLiteral("an action's versions have a gap"),
               QStringLiteral("SELECT action_id, COUNT(*), MAX(number) FROM custom_action_versions GROUP BY "
                              "action_id HAVING MIN(number) <> 1 OR MAX(number) <> COUNT(*)"));
    expectNone(broken,
               tenant,
               QStringLiteral("an action with versions has not exactly one deployed"),
               QStringLiteral(
                   "SELECT a.id, a.deployed_version FROM custom_actions a WHERE EXISTS (SELECT 1 FROM "
                   "custom_action_versions v WHERE v.action_id = a.id) AND NOT EXISTS (SELECT 1 FROM "
                   "custom_action_versions v WHERE v.action_id = a.id AND v.number = a.deployed_version)"));
    expectNone(
        broken,
        tenant,
        QStringLiteral("an action without versions says one is deployed"),
        QStringLiteral("SELECT a.id, a.deployed_version FROM custom_actions a WHERE a.deployed_version <> 0 "
                       "AND NOT EXISTS (SELECT 1 FROM custom_action_versions v WHERE v.action_id = a.id)"));
    expectNone(broken,
               tenant,
               QStringLiteral("a secret change is left in the journal"),
               QStringLiteral("SELECT owner_kind, owner_id, name, operation FROM secret_journal"));

    const QSet<QString> named = namedSecrets(tenant);
    for (const QString &key : named - keyringKeys)
        broken.append(QStringLiteral("a record names a secret the keyring lacks: %1").arg(key));
    for (const QString &key : keyringKeys - named)
        broken.append(QStringLiteral("the keyring holds a secret no record names: %1").arg(key));
    return broken;
}

QSet<QString> namedSecrets(Tenant &tenant)
{
    QSet<QString> keys;
    const auto applications = tenant.applications().list();
    if (!applications)
        keys.insert(
            QStringLiteral("<the applications cannot be read: %1>").arg(applications.error().message()));
    for (const ApplicationSummary &summary :
         applications.ok() ? applications.value() : QList<ApplicationSummary>()) {
        if (ApplicationTypeInfo::of(summary.type).confidential)
            keys.insert(SecretStore::clientSecretKey(tenant.id(), summary.clientId));
    }
    const auto integrations = tenant.integrations().list();
    if (!integrations)
        keys.insert(
            QStringLiteral("<the integrations cannot be read: %1>").arg(integrations.error().message()));
    for (const Integration &integration : integrations.ok() ? integrations.value() : QList<Integration>()) {
        for (const QString &name : integration.secretsSet)
            keys.insert(IntegrationService::secretKey(tenant.id(), integration.id, name));
    }
    const auto actions = tenant.customActions().list();
    if (!actions)
        keys.insert(QStringLiteral("<the custom actions cannot be read: %1>").arg(actions.error().message()));
    for (const CustomAction &action : actions.ok() ? actions.value() : QList<CustomAction>()) {
        for (const QString &name : action.secretNames())
            keys.insert(CustomActionService::secretKey(tenant.id(), action.id, name));
    }
    return keys;
}

} // namespace TenantInvariants
