#pragma once

#include "core/common/Result.h"

#include <QObject>

#include <memory>

class ActionRuntime;
class ApplicationService;
class AuditLog;
class CustomActionService;
class Database;
class FlowService;
class IntegrationService;
class LogStore;
class LoginEngine;
class MfaService;
class PhoneMessagePipeline;
class SecretStore;
class SmsGateway;
class SmsMessageRepository;
class TenantSettings;
class UserStore;

/**
 * @brief One identity tenant that Authdeck holds: its database, settings and services.
 *
 * Pages get the services from here; each validates, writes in one transaction and emits signals.
 */
class Tenant : public QObject
{
    Q_OBJECT

public:
    ~Tenant() override;

    /**
     * @brief Opens the tenant file at @p path, creating it (and its folder) when missing.
     * @param secrets where the tenant's secrets are kept; not owned, must outlive the tenant
     */
    static Result<std::unique_ptr<Tenant>> open(const QString &path, SecretStore &secrets);

    /// The default tenant file, under the user's data folder.
    static QString defaultPath();

    QString path() const;
    QString id() const;

    Database &database() { return *m_database; }
    TenantSettings &settings() { return *m_settings; }
    ApplicationService &applications() { return *m_applications; }
    IntegrationService &integrations() { return *m_integrations; }
    /// The custom actions: drafts, deployed versions, secrets and npm dependencies.
    CustomActionService &customActions() { return *m_customActions; }
    /// Runs custom actions on Node.js; Node starts with the first check or run, not before.
    ActionRuntime &actionRuntime() { return *m_actionRuntime; }
    /// The flows of the action triggers (which actions run, in which order).
    FlowService &flows() { return *m_flows; }
    /// Where SMS leave the tenant (Plivo, or the local test phone).
    SmsGateway &sms() { return *m_sms; }
    SmsMessageRepository &smsMessages() { return *m_smsMessages; }
    /// The multi-factor settings: the Phone Message factor and the policy.
    MfaService &mfa() { return *m_mfa; }
    /// Runs the Send Phone Message flow to deliver one-time codes.
    PhoneMessagePipeline &phoneMessages() { return *m_phoneMessages; }
    SecretStore &secrets() { return m_secrets; }
    /// The login engine: login transactions, users and logs.
    LoginEngine &login() { return *m_login; }
    /// The users of the database connection.
    UserStore &users();
    /// The tenant's log events.
    LogStore &logs();

private:
    Tenant(std::unique_ptr<Database> database, SecretStore &secrets);
    /// Records configuration changes (sapi) and keeps the logs to their retention.
    void watchChanges();

    std::unique_ptr<Database> m_database;
    SecretStore &m_secrets;
    TenantSettings *m_settings = nullptr;
    ApplicationService *m_applications = nullptr;
    IntegrationService *m_integrations = nullptr;
    ActionRuntime *m_actionRuntime = nullptr;
    CustomActionService *m_customActions = nullptr;
    FlowService *m_flows = nullptr;
    std::unique_ptr<SmsMessageRepository> m_smsMessages;
    SmsGateway *m_sms = nullptr;
    MfaService *m_mfa = nullptr;
    PhoneMessagePipeline *m_phoneMessages = nullptr;
    LoginEngine *m_login = nullptr;
    AuditLog *m_audit = nullptr;
};
