#pragma once

#include "core/login/OtpCodes.h"
#include "core/login/UserStore.h"
#include "core/logs/LogStore.h"

#include <QObject>
#include <QString>

class Clock;
class Database;
class FlowActions;
class FlowService;
class MfaService;
class PhoneMessagePipeline;
class TenantSettings;

/// Who is logging in from where: the application and the request, as the logs and the event record them.
struct LoginContext
{
    QString clientId;
    QString clientName;
    QString ip = QStringLiteral("127.0.0.1");
    QString userAgent = QStringLiteral("Authdeck Try");
    QString language = QStringLiteral("en");
};

/**
 * @brief The tenant's login server without a UI: users, logs, one-time codes, and login transactions.
 *
 * The Try window and (later) a hosted login page both start a LoginTransaction over the engine and drive
 * it. The engine keeps what outlives one transaction: the users, the logs, and the codes' limits per user.
 */
class LoginEngine : public QObject
{
    Q_OBJECT

public:
    /**
     * @param database where the users are kept
     * @param settings the tenant's id, for the Login flow's event
     * @param logs where the logins are logged
     * @param mfa the policy and the Phone Message factor
     * @param flows the Login flow's bindings
     * @param actions runs the Login flow's actions
     * @param pipeline sends the codes
     *
     * None is owned; all must outlive the engine.
     */
    LoginEngine(Database &database,
                const TenantSettings &settings,
                LogStore &logs,
                MfaService &mfa,
                FlowService &flows,
                const FlowActions &actions,
                PhoneMessagePipeline &pipeline,
                QObject *parent = nullptr);
    ~LoginEngine() override;

    /// Where the users' and the codes' time limits and dates come from (the system clock unless a test sets
    /// its own, which must outlive the engine; Tenant::setClock() sets it for the logs as well).
    void setClock(const Clock &clock);
    const Clock &clock() const { return *m_clock; }

    UserStore &users() { return m_users; }
    LogStore &logs() { return m_logs; }
    OtpCodes &codes() { return m_codes; }
    MfaService &mfa() { return m_mfa; }
    PhoneMessagePipeline &pipeline() { return m_pipeline; }
    FlowService &flows() { return m_flows; }
    const FlowActions &actions() const { return m_actions; }
    const TenantSettings &settings() const { return m_settings; }

private:
    const Clock *m_clock;
    const TenantSettings &m_settings;
    LogStore &m_logs;
    MfaService &m_mfa;
    FlowService &m_flows;
    const FlowActions &m_actions;
    PhoneMessagePipeline &m_pipeline;
    UserStore m_users;
    OtpCodes m_codes;
};
