#pragma once

#include "core/common/Result.h"

#include <QObject>

#include <memory>

class ActionRuntime;
class ApplicationService;
class AuditLog;
class ChangeFeed;
class ClientGrantService;
class Clock;
class CustomActionService;
class Database;
class FlowActions;
class FlowService;
class IntegrationCatalog;
class IntegrationService;
class LogStore;
class LoginEngine;
class LoginServer;
class MfaService;
class PhoneMessagePipeline;
class SecretRecovery;
class SecretStore;
class SmsGateway;
class SmsMessageRepository;
class TenantSettings;
class UserStore;

/**
 * @brief One identity tenant that Authdeck holds: the composition root of its database and services.
 *
 * Builds every service in dependency order (store, then the domain services, then the pipelines and the
 * login engine, then the audit log that watches them), hands each the few services it uses, and owns
 * them: they are destroyed in reverse order of construction. Pages get the services from here; each
 * validates, writes in one transaction and emits signals.
 */
class Tenant : public QObject
{
    Q_OBJECT

public:
    ~Tenant() override;

    /**
     * @brief Opens the tenant file at @p path, creating it (and its folder) when missing, or the tenant
     *        in the PostgreSQL database @p path names with a postgresql:// URL (see Database::open()).
     * @param secrets where the tenant's secrets are kept; not owned, must outlive the tenant
     * @param password the PostgreSQL password for this connection only (see Database::open()), or empty
     */
    static Result<std::unique_ptr<Tenant>>
    open(const QString &path, SecretStore &secrets, const QString &password = {});

    /// The default tenant file, under the user's data folder.
    static QString defaultPath();

    /// defaultPath() as help texts show it: with the home folder spelled `~`, so that a man page generated
    /// from `--help` names no one's home.
    static QString defaultPathForDisplay();

    QString path() const;
    QString id() const;

    /// Where every time limit and date of the logs, users and codes comes from (the system clock unless a
    /// test sets its own, which must outlive the tenant).
    void setClock(const Clock &clock);

    Database &database() { return *m_database; }
    TenantSettings &settings() { return *m_settings; }
    /// The tenant's log events.
    LogStore &logs() { return *m_logs; }
    ApplicationService &applications() { return *m_applications; }
    /// Which machine-to-machine applications may call which API (the Management API), with which scopes.
    ClientGrantService &clientGrants() { return *m_clientGrants; }
    IntegrationService &integrations() { return *m_integrations; }
    /// Runs custom actions on Node.js; Node starts with the first check or run, not before.
    ActionRuntime &actionRuntime() { return *m_actionRuntime; }
    /// The custom actions: drafts, deployed versions, secrets and npm dependencies.
    CustomActionService &customActions() { return *m_customActions; }
    /// The flows of the action triggers (which actions run, in which order).
    FlowService &flows() { return *m_flows; }
    SmsMessageRepository &smsMessages() { return *m_smsMessages; }
    /// Where SMS leave the tenant (Plivo, or the local test phone).
    SmsGateway &sms() { return *m_sms; }
    /// The multi-factor settings: the Phone Message factor and the policy.
    MfaService &mfa() { return *m_mfa; }
    /// Runs the Send Phone Message flow to deliver one-time codes.
    PhoneMessagePipeline &phoneMessages() { return *m_phoneMessages; }
    /// The login engine: login transactions, users and one-time codes.
    LoginEngine &login() { return *m_login; }
    /// The tenant's login server (OpenID Connect for real applications); not listening until started.
    LoginServer &loginServer() { return *m_server; }
    /// The users of the database connection.
    UserStore &users();
    SecretStore &secrets() { return m_secrets; }
    /// Repairs what a change of secrets cut short by a crash left between the keyring and the tenant; it
    /// starts when the tenant opens and says what it found in SecretRecovery::finished().
    SecretRecovery &secretRecovery() { return *m_secretRecovery; }

private:
    Tenant(std::unique_ptr<Database> database,
           std::unique_ptr<TenantSettings> settings,
           IntegrationCatalog catalog,
           SecretStore &secrets);
    /// Keeps the logs to the retention the settings ask for.
    void followRetention();
    /// What other Authdecks change in a shared (PostgreSQL) tenant reaches this one's services (ChangeFeed).
    void followOtherAdmins();

    // In order of construction: each uses only those above it.
    std::unique_ptr<Database> m_database;
    SecretStore &m_secrets;
    std::unique_ptr<TenantSettings> m_settings;
    std::unique_ptr<LogStore> m_logs;
    std::unique_ptr<ApplicationService> m_applications;
    std::unique_ptr<ClientGrantService> m_clientGrants;
    std::unique_ptr<IntegrationService> m_integrations;
    std::unique_ptr<ActionRuntime> m_actionRuntime;
    std::unique_ptr<CustomActionService> m_customActions;
    std::unique_ptr<FlowService> m_flows;
    std::unique_ptr<SmsMessageRepository> m_smsMessages;
    std::unique_ptr<SmsGateway> m_sms;
    std::unique_ptr<MfaService> m_mfa;
    std::unique_ptr<FlowActions> m_flowActions;
    std::unique_ptr<PhoneMessagePipeline> m_phoneMessages;
    std::unique_ptr<LoginEngine> m_login;
    std::unique_ptr<LoginServer> m_server;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<ChangeFeed> m_changes;
    std::unique_ptr<SecretRecovery> m_secretRecovery;
};
