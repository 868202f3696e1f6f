#include "Tenant.h"

#include "core/actions/CustomActionService.h"
#include "core/actions/IntegrationService.h"
#include "core/applications/ApplicationService.h"
#include "core/delivery/SmsGateway.h"
#include "core/flows/FlowService.h"
#include "core/flows/PhoneMessagePipeline.h"
#include "core/login/LoginEngine.h"
#include "core/logs/AuditLog.h"
#include "core/mfa/MfaService.h"
#include "core/runtime/ActionRuntime.h"
#include "core/secrets/SecretStore.h"
#include "core/store/Database.h"
#include "core/store/SmsMessageRepository.h"
#include "core/tenant/TenantSettings.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

Tenant::Tenant(std::unique_ptr<Database> database, SecretStore &secrets)
    : m_database(std::move(database))
    , m_secrets(secrets)
{ }

Tenant::~Tenant()
{
    // Services hold references to the database: let them go first.
    delete m_audit;
    delete m_login;
    delete m_phoneMessages;
    delete m_mfa;
    delete m_sms;
    if (m_integrations) {
        m_integrations->setBindingCounter({});
        m_integrations->setBindingRemover({});
    }
    if (m_customActions)
        m_customActions->setBindingRemover({});
    delete m_flows;
    delete m_customActions;
    delete m_actionRuntime;
    delete m_integrations;
    delete m_applications;
    delete m_settings;
}

QString Tenant::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
        + QStringLiteral("/Authdeck/tenants/default.authdeck");
}

Result<std::unique_ptr<Tenant>> Tenant::open(const QString &path, SecretStore &secrets)
{
    if (path != QLatin1String(":memory:")) {
        const QString folder = QFileInfo(path).absolutePath();
        if (!QDir().mkpath(folder))
            return Error(Error::Kind::Storage, tr("Cannot create the folder %1.").arg(folder));
    }
    auto database = Database::open(path);
    if (!database)
        return database.error();

    std::unique_ptr<Tenant> tenant(new Tenant(database.takeValue(), secrets));
    auto settings = TenantSettings::load(*tenant->m_database);
    if (!settings)
        return settings.error();
    tenant->m_settings = settings.value();
    tenant->m_applications = new ApplicationService(*tenant->m_database, secrets, tenant->id());

    auto catalog = IntegrationCatalog::load();
    if (!catalog)
        return catalog.error();
    tenant->m_integrations
        = new IntegrationService(*tenant->m_database, secrets, tenant->id(), catalog.takeValue());
    tenant->m_actionRuntime = new ActionRuntime;
    tenant->m_customActions
        = new CustomActionService(*tenant->m_database, secrets, tenant->id(), *tenant->m_actionRuntime);
    tenant->m_flows = new FlowService(*tenant->m_database, *tenant->m_integrations);
    FlowService *flows = tenant->m_flows;
    flows->setCustomActions(*tenant->m_customActions);
    tenant->m_integrations->setBindingCounter([flows](const QString &id) { return flows->bindingCount(id); });
    tenant->m_integrations->setBindingRemover(
        [flows](const QString &id) { return flows->removeBindingsOf(id); });
    tenant->m_smsMessages = std::make_unique<SmsMessageRepository>(*tenant->m_database);
    tenant->m_sms = new SmsGateway(*tenant->m_integrations, *tenant->m_smsMessages);
    tenant->m_mfa = new MfaService(*tenant->m_database, *tenant->m_settings, *tenant->m_flows);
    tenant->m_phoneMessages = new PhoneMessagePipeline(*tenant);
    tenant->m_login = new LoginEngine(*tenant->m_database, *tenant->m_mfa, *tenant->m_phoneMessages);
    tenant->m_login->setTenant(*tenant);
    tenant->watchChanges();
    return tenant;
}

void Tenant::watchChanges()
{
    LogStore &logs = m_login->logs();
    logs.setRetentionDays(m_settings->logRetentionDays());
    connect(m_settings, &TenantSettings::changed, &logs, [this, &logs] {
        if (logs.retentionDays() != m_settings->logRetentionDays())
            logs.setRetentionDays(m_settings->logRetentionDays());
    });
    m_audit = new AuditLog(logs, this);
    m_audit->watch(*m_applications);
    m_audit->watch(*m_integrations);
    m_audit->watch(*m_flows);
    m_audit->watch(*m_mfa);
    m_audit->watch(*m_settings);
    m_audit->watch(m_login->users());
    m_audit->watch(*m_customActions);
}

QString Tenant::path() const
{
    return m_database->path();
}

UserStore &Tenant::users()
{
    return m_login->users();
}

LogStore &Tenant::logs()
{
    return m_login->logs();
}

QString Tenant::id() const
{
    return m_settings->tenantId();
}
