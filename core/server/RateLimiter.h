#pragma once

#include <QDateTime>
#include <QHash>
#include <QString>

/**
 * @brief A token bucket for each caller: @c burst requests at once, refilled at @c perSecond requests a
 *        second, as Auth0 limits its Management API per client.
 *
 * The time is the caller's (the engine's Clock), so tests drive it with a FakeClock. Counts are kept in
 * thousandths of a request, so the arithmetic is exact. A bucket that has filled up again is forgotten, so
 * the memory held is that of the callers of the last few seconds.
 */
class RateLimiter
{
public:
    /// What take() decided, with what Auth0's x-ratelimit-* and Retry-After headers say.
    struct Decision
    {
        bool allowed = false;
        int limit = 0; ///< the bucket's size: x-ratelimit-limit
        int remaining = 0; ///< whole requests left after this one: x-ratelimit-remaining
        qint64 resetEpochSecs = 0; ///< when the bucket is full again (epoch seconds): x-ratelimit-reset
        int retryAfterSecs = 0; ///< refused: seconds until one request is allowed again (Retry-After)
    };

    /// @p perSecond and @p burst are at least 1.
    RateLimiter(int perSecond, int burst);

    int perSecond() const { return m_perSecond; }
    int burst() const { return m_burst; }

    /// Takes one request from @p key's bucket at @p now, when there is one to take.
    Decision take(const QString &key, const QDateTime &now);

private:
    struct Bucket
    {
        qint64 milliTokens = 0; ///< thousandths of a request
        qint64 atMs = 0; ///< when milliTokens was last brought up to date (epoch ms)
    };

    /// @p bucket refilled up to @p nowMs.
    Bucket refilled(Bucket bucket, qint64 nowMs) const;
    /// Forgets the buckets that are full again at @p nowMs (when many are held).
    void forgetFull(qint64 nowMs);

    static constexpr int kForgetAbove = 1000;

    int m_perSecond;
    int m_burst;
    QHash<QString, Bucket> m_buckets;
};
