#include "AuditLog.h"

#include "core/actions/CustomActionService.h"
#include "core/actions/IntegrationService.h"
#include "core/applications/ApplicationService.h"
#include "core/applications/ClientGrantService.h"
#include "core/flows/FlowService.h"
#include "core/login/UserStore.h"
#include "core/logs/LogStore.h"
#include "core/mfa/MfaService.h"
#include "core/settings/TenantSettings.h"

namespace {

const QString kPost = QStringLiteral("post");
const QString kPatch = QStringLiteral("patch");
const QString kDelete = QStringLiteral("delete");

QString clientPath(const QString &clientId)
{
    return QStringLiteral("/api/v2/clients/") + clientId;
}

QString actionPath(const QString &id)
{
    return QStringLiteral("/api/v2/actions/actions/") + id;
}

QString userPath(const QString &id)
{
    return QStringLiteral("/api/v2/users/") + id;
}

} // namespace

AuditLog::AuditLog(LogStore &logs, QObject *parent)
    : QObject(parent)
    , m_logs(logs)
{ }

void AuditLog::record(const QString &description,
                      const QString &method,
                      const QString &path,
                      const QString &object,
                      const QString &userId,
                      const QString &userName)
{
    LogEvent event;
    event.type = LogCodes::ManagementApiWrite;
    event.description = description;
    event.clientName = tr("Authdeck");
    event.userId = userId;
    event.userName = userName;
    event.ip = QStringLiteral("127.0.0.1");
    event.userAgent = QStringLiteral("Authdeck");
    event.details = {{QStringLiteral("request"),
                      QJsonObject {{QStringLiteral("method"), method},
                                   {QStringLiteral("path"), path},
                                   {QStringLiteral("channel"), QStringLiteral("authdeck")}}},
                     {QStringLiteral("object"), object},
                     {QStringLiteral("response"),
                      QJsonObject {{QStringLiteral("statusCode"),
                                    method == kPost         ? 201
                                        : method == kDelete ? 204
                                                            : 200}}}};
    discardResult(m_logs.record(event), "LogStore counts and announces a failed record itself");
}

void AuditLog::watch(ApplicationService &applications)
{
    connect(
        &applications, &ApplicationService::applicationCreated, this, [this](const ApplicationSummary &app) {
            record(tr("Create a client"), kPost, QStringLiteral("/api/v2/clients"), app.name);
        });
    connect(
        &applications, &ApplicationService::applicationUpdated, this, [this](const ApplicationSummary &app) {
            record(tr("Update a client"), kPatch, clientPath(app.clientId), app.name);
        });
    connect(&applications, &ApplicationService::applicationRemoved, this, [this](const QString &clientId) {
        record(tr("Delete a client"), kDelete, clientPath(clientId));
    });
    connect(&applications, &ApplicationService::clientSecretRotated, this, [this](const QString &clientId) {
        record(tr("Rotate a client secret"), kPost, clientPath(clientId) + QStringLiteral("/rotate-secret"));
    });
}

void AuditLog::watch(ClientGrantService &grants)
{
    connect(&grants, &ClientGrantService::grantCreated, this, [this](const ClientGrant &grant) {
        record(tr("Create client grant"), kPost, QStringLiteral("/api/v2/client-grants"), grant.audience);
    });
    connect(&grants, &ClientGrantService::grantUpdated, this, [this](const ClientGrant &grant) {
        record(tr("Update client grant"),
               kPatch,
               QStringLiteral("/api/v2/client-grants/") + grant.id,
               grant.audience);
    });
    connect(&grants, &ClientGrantService::grantRemoved, this, [this](const QString &id) {
        record(tr("Delete client grant"), kDelete, QStringLiteral("/api/v2/client-grants/") + id);
    });
}

void AuditLog::watch(IntegrationService &integrations)
{
    connect(&integrations,
            &IntegrationService::integrationInstalled,
            this,
            [this](const Integration &integration) {
                record(tr("Install an integration"),
                       kPost,
                       QStringLiteral("/api/v2/actions/actions"),
                       integration.name);
            });
    connect(
        &integrations, &IntegrationService::integrationUpdated, this, [this](const Integration &integration) {
            record(tr("Update an integration's configuration"),
                   kPatch,
                   actionPath(integration.id),
                   integration.name);
        });
    connect(&integrations, &IntegrationService::integrationRemoved, this, [this](const QString &id) {
        record(tr("Uninstall an integration"), kDelete, actionPath(id));
    });
}

void AuditLog::watch(FlowService &flows)
{
    connect(&flows, &FlowService::flowApplied, this, [this](const QString &triggerId) {
        record(tr("Update trigger bindings"),
               kPatch,
               QStringLiteral("/api/v2/actions/triggers/%1/bindings").arg(triggerId),
               triggerId);
    });
}

void AuditLog::watch(MfaService &mfa)
{
    connect(&mfa, &MfaService::phoneFactorSaved, this, [this] {
        record(tr("Update a Multi-factor Authentication factor"),
               kPatch,
               QStringLiteral("/api/v2/guardian/factors/sms"));
    });
    connect(&mfa, &MfaService::policySaved, this, [this] {
        record(tr("Set the Multi-factor Authentication policy"),
               kPatch,
               QStringLiteral("/api/v2/guardian/policies"));
    });
}

void AuditLog::watch(TenantSettings &settings)
{
    connect(&settings, &TenantSettings::saved, this, [this] {
        record(tr("Update tenant settings"), kPatch, QStringLiteral("/api/v2/tenants/settings"));
    });
}

void AuditLog::watch(UserStore &users)
{
    connect(&users, &UserStore::userAdded, this, [this, &users](const QString &id, UserStore::Origin origin) {
        if (origin != UserStore::Origin::Admin)
            return;
        auto user = users.find(id);
        record(tr("Create a User"),
               kPost,
               QStringLiteral("/api/v2/users"),
               user ? user.value().email : QString());
    });
    connect(&users, &UserStore::blockedChanged, this, [this, &users](const QString &id, bool blocked) {
        auto user = users.find(id);
        const QString email = user ? user.value().email : QString();
        record(blocked ? tr("Block a user") : tr("Unblock a user"), kPatch, userPath(id), email, id, email);
    });
    connect(&users, &UserStore::mfaReset, this, [this, &users](const QString &id) {
        auto user = users.find(id);
        const QString email = user ? user.value().email : QString();
        record(tr("Delete a user's authentication methods"),
               kDelete,
               userPath(id) + QStringLiteral("/authentication-methods"),
               email,
               id,
               email);
    });
    connect(&users, &UserStore::userRemoved, this, [this](const QString &id) {
        record(tr("Delete a User"), kDelete, userPath(id), {}, id);
    });
    connect(&users, &UserStore::signUpsEnabledChanged, this, [this](bool enabled) {
        record(enabled ? tr("Allow sign-ups") : tr("Disable sign-ups"),
               kPatch,
               QStringLiteral("/api/v2/connections/Username-Password-Authentication"));
    });
}

void AuditLog::watch(CustomActionService &actions)
{
    const auto nameOf = [&actions](const QString &id) {
        const auto found = actions.find(id);
        return found ? found.value().name : QString();
    };
    connect(&actions, &CustomActionService::actionAdded, this, [this, nameOf](const QString &id) {
        record(tr("Create an action"), kPost, QStringLiteral("/api/v2/actions/actions"), nameOf(id));
    });
    connect(&actions, &CustomActionService::actionChanged, this, [this, nameOf](const QString &id) {
        record(tr("Update an action"), kPatch, actionPath(id), nameOf(id));
    });
    connect(
        &actions, &CustomActionService::versionDeployed, this, [this, nameOf](const QString &id, int number) {
            record(tr("Deploy version %1 of an action").arg(number),
                   kPost,
                   actionPath(id) + QStringLiteral("/deploy"),
                   nameOf(id));
        });
    connect(&actions, &CustomActionService::actionRemoved, this, [this](const QString &id) {
        record(tr("Delete an action"), kDelete, actionPath(id));
    });
}
