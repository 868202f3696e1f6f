#include "LoginEngine.h"

#include "core/common/Clock.h"
#include "core/login/LoginTransaction.h"

LoginEngine::LoginEngine(Database &database, MfaService &mfa, PhoneMessagePipeline &pipeline, QObject *parent)
    : QObject(parent)
    , m_clock(&SystemClock::instance())
    , m_users(database, *m_clock)
    , m_logs(database, *m_clock)
    , m_codes(*m_clock)
    , m_mfa(mfa)
    , m_pipeline(pipeline)
{ }

LoginEngine::~LoginEngine() = default;

void LoginEngine::setClock(const Clock &clock)
{
    m_clock = &clock;
    m_users.setClock(clock);
    m_logs.setClock(clock);
    m_codes.setClock(clock);
}

LoginTransaction *LoginEngine::begin(const LoginContext &context, QObject *parent)
{
    return new LoginTransaction(*this, context, parent);
}
