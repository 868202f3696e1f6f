#include "LoginEngine.h"

#include "core/common/Clock.h"

LoginEngine::LoginEngine(Database &database,
                         const TenantSettings &settings,
                         LogStore &logs,
                         MfaService &mfa,
                         FlowService &flows,
                         const FlowActions &actions,
                         PhoneMessagePipeline &pipeline,
                         QObject *parent)
    : QObject(parent)
    , m_clock(&SystemClock::instance())
    , m_settings(settings)
    , m_logs(logs)
    , m_mfa(mfa)
    , m_flows(flows)
    , m_actions(actions)
    , m_pipeline(pipeline)
    , m_users(database, *m_clock)
    , m_codes(database, *m_clock)
{ }

LoginEngine::~LoginEngine() = default;

void LoginEngine::setClock(const Clock &clock)
{
    m_clock = &clock;
    m_users.setClock(clock);
    m_codes.setClock(clock);
}
