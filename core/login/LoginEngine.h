#pragma once

#include "core/login/OtpCodes.h"
#include "core/login/UserStore.h"
#include "core/logs/LogStore.h"

#include <QObject>
#include <QString>

class Clock;
class Database;
class LoginTransaction;
class MfaService;
class PhoneMessagePipeline;
class Tenant;

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
 * The Try window and (later) a hosted login page both start a LoginTransaction with begin() and drive
 * it. The engine keeps what outlives one transaction: the users, the logs, and the codes' limits per user.
 */
class LoginEngine : public QObject
{
    Q_OBJECT

public:
    /// @param mfa the policy and the Phone Message factor; @p pipeline sends the codes. Neither is owned.
    LoginEngine(Database &database,
                MfaService &mfa,
                PhoneMessagePipeline &pipeline,
                QObject *parent = nullptr);
    ~LoginEngine() override;

    /// Where every time limit and date comes from (the system clock unless a test sets its own, which must
    /// outlive the engine).
    void setClock(const Clock &clock);
    const Clock &clock() const { return *m_clock; }

    /// A new login attempt for @p context, on the Login screen; owned by @p parent (the caller deletes it).
    LoginTransaction *begin(const LoginContext &context, QObject *parent = nullptr);

    /// Where the Login flow's actions come from; without a tenant, no post-login action runs.
    void setTenant(Tenant &tenant) { m_tenant = &tenant; }
    Tenant *tenant() const { return m_tenant; }

    UserStore &users() { return m_users; }
    LogStore &logs() { return m_logs; }
    OtpCodes &codes() { return m_codes; }
    MfaService &mfa() { return m_mfa; }
    PhoneMessagePipeline &pipeline() { return m_pipeline; }

private:
    const Clock *m_clock;
    UserStore m_users;
    LogStore m_logs;
    OtpCodes m_codes;
    MfaService &m_mfa;
    PhoneMessagePipeline &m_pipeline;
    Tenant *m_tenant = nullptr;
};
