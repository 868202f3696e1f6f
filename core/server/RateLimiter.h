#pragma once

#include "core/common/Result.h"
#include "core/store/RateBucketRepository.h"

#include <QDateTime>
#include <QString>

class Database;

/**
 * @brief A token bucket for each caller: @c burst requests at once, refilled at @c perSecond requests a
 *        second, as Auth0 limits its Management API per client.
 *
 * The buckets live in the tenant's database, so that every login server of a tenant counts against the
 * same ones. The time is the caller's (the engine's Clock), so tests drive it with a FakeClock. Counts are
 * kept in thousandths of a request, so the arithmetic is exact.
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

    /// Buckets named @p name + ":" + the caller; @p perSecond and @p burst are at least 1.
    RateLimiter(Database &database, QString name, int perSecond, int burst);

    int perSecond() const { return m_perSecond; }
    int burst() const { return m_burst; }

    /// Takes one request from @p key's bucket at @p now, when there is one to take.
    [[nodiscard]] Result<Decision> take(const QString &key, const QDateTime &now);
    /// Forgets the buckets that have been full again for a while at @p now (of every limiter).
    void prune(const QDateTime &now);

private:
    RateBucketRepository m_buckets;
    QString m_name;
    int m_perSecond;
    int m_burst;
};
