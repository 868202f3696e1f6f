#include "Tenant.h"

#include "core/actions/CustomActionService.h"
#include "core/actions/IntegrationService.h"
#include "core/applications/ApplicationService.h"
#include "core/applications/ClientGrantService.h"
#include "core/audit/AuditLog.h"
#include "core/common/Clock.h"
#include "core/delivery/SmsGateway.h"
#include "core/flows/FlowService.h"
#include "core/login/LoginEngine.h"
#include "core/logs/LogStore.h"
#include "core/mfa/MfaService.h"
#include "core/pipelines/FlowActions.h"
#include "core/pipelines/PhoneMessagePipeline.h"
#include "core/runtime/ActionRuntime.h"
#include "core/secrets/SecretStore.h"
#include "core/server/LoginServer.h"
#include "core/server/ServerServices.h"
#include "core/settings/TenantSettings.h"
#include "core/store/ChangeFeed.h"
#include "core/store/Database.h"
#include "core/store/PostgresAddress.h"
#include "core/store/SmsMessageRepository.h"
#include "core/tenant/SecretRecovery.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

Tenant::Tenant(std::unique_ptr<Database> database,
               std::unique_ptr<TenantSettings> settings,
               IntegrationCatalog catalog,
               SecretStore &secrets)
    : m_database(std::move(database))
    , m_secrets(secrets)
    , m_settings(std::move(settings))
    , m_logs(std::make_unique<LogStore>(*m_database, SystemClock::instance()))
    , m_applications(std::make_unique<ApplicationService>(*m_database, secrets, id()))
    , m_clientGrants(std::make_unique<ClientGrantService>(*m_database, *m_applications))
    , m_integrations(std::make_unique<IntegrationService>(*m_database, secrets, id(), std::move(catalog)))
    , m_actionRuntime(std::make_unique<ActionRuntime>())
    , m_customActions(std::make_unique<CustomActionService>(*m_database, secrets, id(), *m_actionRuntime))
    , m_flows(std::make_unique<FlowService>(*m_database, *m_integrations, *m_customActions))
    , m_smsMessages(std::make_unique<SmsMessageRepository>(*m_database))
    , m_sms(std::make_unique<SmsGateway>(*m_integrations, *m_smsMessages))
    , m_mfa(std::make_unique<MfaService>(*m_database, *m_settings, *m_flows))
    , m_flowActions(
          std::make_unique<FlowActions>(*m_integrations, *m_customActions, *m_actionRuntime, *m_sms))
    , m_phoneMessages(std::make_unique<PhoneMessagePipeline>(
          *m_database, *m_settings, *m_mfa, *m_flows, *m_flowActions, *m_logs))
    , m_login(std::make_unique<LoginEngine>(
          *m_database, *m_settings, *m_logs, *m_mfa, *m_flows, *m_flowActions, *m_phoneMessages))
    , m_server(std::make_unique<LoginServer>(ServerServices {*m_applications,
                                                             *m_clientGrants,
                                                             *m_integrations,
                                                             *m_customActions,
                                                             *m_flows,
                                                             *m_login,
                                                             *m_settings,
                                                             secrets,
                                                             *m_database}))
    , m_audit(std::make_unique<AuditLog>(*m_logs))
    , m_changes(std::make_unique<ChangeFeed>(*m_database))
    , m_secretRecovery(std::make_unique<SecretRecovery>(
          *m_database, secrets, *m_applications, *m_integrations, *m_customActions))
{
    m_audit->watch(*m_applications);
    m_audit->watch(*m_clientGrants);
    m_audit->watch(*m_integrations);
    m_audit->watch(*m_flows);
    m_audit->watch(*m_mfa);
    m_audit->watch(*m_settings);
    m_audit->watch(m_login->users());
    m_audit->watch(*m_customActions);
    followRetention();
    followOtherAdmins();
    m_secretRecovery->start();
}

Tenant::~Tenant() = default;

QString Tenant::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
        + QStringLiteral("/Authdeck/tenants/default.authdeck");
}

QString Tenant::defaultPathForDisplay()
{
    const QString path = defaultPath();
    const QString home = QDir::homePath() + QLatin1Char('/');
    return path.startsWith(home) ? QStringLiteral("~/") + path.mid(home.size()) : path;
}

Result<std::unique_ptr<Tenant>>
Tenant::open(const QString &path, SecretStore &secrets, const QString &password)
{
    if (path != QLatin1String(":memory:") && !PostgresAddress::isUrl(path)) {
        const QString folder = QFileInfo(path).absolutePath();
        if (!QDir().mkpath(folder))
            return Error(Error::Kind::Storage, tr("Cannot create the folder %1.").arg(folder));
    }
    auto database = Database::open(path, Database::EmptyFile::Refuse, password);
    if (!database)
        return database.error();
    auto settings = TenantSettings::load(*database.value());
    if (!settings)
        return settings.error();
    auto catalog = IntegrationCatalog::load();
    if (!catalog)
        return catalog.error();
    return std::unique_ptr<Tenant>(
        new Tenant(database.takeValue(), settings.takeValue(), catalog.takeValue(), secrets));
}

void Tenant::followRetention()
{
    m_logs->setRetentionDays(m_settings->logRetentionDays());
    connect(m_settings.get(), &TenantSettings::changed, m_logs.get(), [this] {
        if (m_logs->retentionDays() != m_settings->logRetentionDays())
            m_logs->setRetentionDays(m_settings->logRetentionDays());
    });
}

void Tenant::followOtherAdmins()
{
    connect(m_changes.get(), &ChangeFeed::changedElsewhere, this, [this](const QString &table) {
        if (table == QLatin1String("tenant_settings")) {
            if (auto read = m_settings->reload(); !read)
                qWarning("%s", qPrintable(read.error().message()));
        } else if (table == QLatin1String("applications")) {
            m_applications->announceChangedElsewhere();
        } else if (table == QLatin1String("client_grants")) {
            m_clientGrants->announceChangedElsewhere();
        } else if (table.startsWith(QLatin1String("mfa_"))) {
            m_mfa->announceChangedElsewhere();
        } else if (table == QLatin1String("flow_bindings")) {
            // MfaService follows the Send Phone Message flow from there.
            m_flows->announceChangedElsewhere();
        } else if (table == QLatin1String("users")) {
            m_login->users().announceChangedElsewhere();
        } else if (table == QLatin1String("integrations")) {
            m_integrations->announceChangedElsewhere();
        } else if (table.startsWith(QLatin1String("custom_action"))) {
            m_customActions->announceChangedElsewhere();
        }
    });
}

void Tenant::setClock(const Clock &clock)
{
    m_logs->setClock(clock);
    m_login->setClock(clock);
}

QString Tenant::path() const
{
    return m_database->path();
}

UserStore &Tenant::users()
{
    return m_login->users();
}

QString Tenant::id() const
{
    return m_settings->tenantId();
}
