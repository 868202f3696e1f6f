#include "RateLimiter.h"

#include <QtGlobal>

namespace {

constexpr qint64 kMilli = 1000;

/// @p numerator / @p denominator rounded up (both positive, or a numerator of 0).
qint64 ceilDiv(qint64 numerator, qint64 denominator)
{
    return (numerator + denominator - 1) / denominator;
}

} // namespace

RateLimiter::RateLimiter(int perSecond, int burst)
    : m_perSecond(qMax(1, perSecond))
    , m_burst(qMax(1, burst))
{ }

RateLimiter::Bucket RateLimiter::refilled(Bucket bucket, qint64 nowMs) const
{
    // A clock that went back refills nothing (and never takes away).
    const qint64 elapsedMs = qMax<qint64>(0, nowMs - bucket.atMs);
    // m_perSecond requests a second are m_perSecond thousandths of a request a millisecond.
    bucket.milliTokens = qMin(m_burst * kMilli, bucket.milliTokens + elapsedMs * m_perSecond);
    bucket.atMs = qMax(bucket.atMs, nowMs);
    return bucket;
}

void RateLimiter::forgetFull(qint64 nowMs)
{
    if (m_buckets.size() <= kForgetAbove)
        return;
    m_buckets.removeIf([this, nowMs](const auto &entry) {
        return refilled(entry.value(), nowMs).milliTokens >= m_burst * kMilli;
    });
}

RateLimiter::Decision RateLimiter::take(const QString &key, const QDateTime &now)
{
    const qint64 nowMs = now.toMSecsSinceEpoch();
    forgetFull(nowMs);
    auto found = m_buckets.constFind(key);
    Bucket bucket = found == m_buckets.cend() ? Bucket {m_burst * kMilli, nowMs} : refilled(*found, nowMs);
    Decision decision;
    decision.limit = m_burst;
    decision.allowed = bucket.milliTokens >= kMilli;
    if (decision.allowed)
        bucket.milliTokens -= kMilli;
    else
        decision.retryAfterSecs
            = int(qMax<qint64>(1, ceilDiv(ceilDiv(kMilli - bucket.milliTokens, m_perSecond), 1000)));
    m_buckets.insert(key, bucket);
    decision.remaining = int(bucket.milliTokens / kMilli);
    const qint64 fullInMs = ceilDiv(m_burst * kMilli - bucket.milliTokens, m_perSecond);
    decision.resetEpochSecs = ceilDiv(nowMs + fullInMs, 1000);
    return decision;
}
