#include "RateLimiter.h"

#include <QtGlobal>

namespace {

constexpr qint64 kMilli = 1000;
/// A bucket untouched this long is full again for any limit of at least one request a minute.
constexpr qint64 kIdleMs = 60 * 1000;

/// @p numerator / @p denominator rounded up (both positive, or a numerator of 0).
qint64 ceilDiv(qint64 numerator, qint64 denominator)
{
    return (numerator + denominator - 1) / denominator;
}

} // namespace

RateLimiter::RateLimiter(Database &database, QString name, int perSecond, int burst)
    : m_buckets(database)
    , m_name(std::move(name))
    , m_perSecond(qMax(1, perSecond))
    , m_burst(qMax(1, burst))
{ }

Result<RateLimiter::Decision> RateLimiter::take(const QString &key, const QDateTime &now)
{
    const qint64 nowMs = now.toMSecsSinceEpoch();
    auto taken = m_buckets.take(m_name + QLatin1Char(':') + key, nowMs, m_perSecond, m_burst);
    if (!taken)
        return taken.error();
    const qint64 left = taken.value().milliTokens;
    Decision decision;
    decision.limit = m_burst;
    decision.allowed = taken.value().allowed;
    if (!decision.allowed)
        decision.retryAfterSecs = int(qMax<qint64>(1, ceilDiv(ceilDiv(kMilli - left, m_perSecond), 1000)));
    decision.remaining = int(left / kMilli);
    const qint64 fullInMs = ceilDiv(m_burst * kMilli - left, m_perSecond);
    decision.resetEpochSecs = ceilDiv(nowMs + fullInMs, 1000);
    return decision;
}

void RateLimiter::prune(const QDateTime &now)
{
    discardResult(m_buckets.removeIdleBefore(now.toMSecsSinceEpoch() - kIdleMs),
                  "a bucket left behind is only forgotten later");
}
