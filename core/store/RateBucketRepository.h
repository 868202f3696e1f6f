#pragma once

#include "core/common/Result.h"

#include <QCoreApplication>
#include <QString>

class Database;

/**
 * @brief The SQL for the token buckets of the rate limits (table rate_buckets), shared by every login
 *        server of the tenant.
 *
 * take() refills a bucket and takes one request from it in a single statement, so that two servers
 * taking from one bucket at the same moment each see the other's request.
 */
class RateBucketRepository
{
    Q_DECLARE_TR_FUNCTIONS(RateBucketRepository)

public:
    /// What take() found: whether a request was taken, and the thousandths of a request left after it.
    struct Taken
    {
        bool allowed = false;
        qint64 milliTokens = 0;
    };

    explicit RateBucketRepository(Database &database);

    /**
     * @brief Takes one request (1000 thousandths) from @p bucket at @p nowMs (epoch milliseconds), after
     *        refilling it at @p perSecond requests a second up to @p burst; a new bucket starts full.
     */
    Result<Taken> take(const QString &bucket, qint64 nowMs, int perSecond, int burst);
    /// Forgets the buckets untouched since @p beforeMs (full again by then).
    Result<int> removeIdleBefore(qint64 beforeMs);

private:
    Database &m_database;
};
