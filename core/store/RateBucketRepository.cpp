#include "RateBucketRepository.h"

#include "core/store/Database.h"

#include <QSqlQuery>
#include <QVariant>

RateBucketRepository::RateBucketRepository(Database &database)
    : m_database(database)
{ }

Result<RateBucketRepository::Taken>
RateBucketRepository::take(const QString &bucket, qint64 nowMs, int perSecond, int burst)
{
    const SqlDialect &sql = m_database.dialect();
    const qint64 full = qint64(qMax(1, burst)) * 1000;
    // A request takes 1000 thousandths; perSecond requests a second refill perSecond thousandths a ms. A
    // server whose clock is behind the bucket's refills nothing rather than taking some away.
    const QString refilled = sql.least(
        QString::number(full),
        QStringLiteral("rate_buckets.milli_tokens + %1 * %2")
            .arg(sql.greatest(QStringLiteral("0"), QStringLiteral("excluded.at_ms - rate_buckets.at_ms")))
            .arg(qMax(1, perSecond)));
    Database::Statement query = m_database.statement(
        QStringLiteral("INSERT INTO rate_buckets (bucket, milli_tokens, at_ms, allowed) VALUES (?, %1, ?, 1) "
                       "ON CONFLICT (bucket) DO UPDATE SET "
                       "milli_tokens = CASE WHEN %2 >= 1000 THEN %2 - 1000 ELSE %2 END, "
                       "at_ms = %3, "
                       "allowed = CASE WHEN %2 >= 1000 THEN 1 ELSE 0 END "
                       "RETURNING milli_tokens, allowed")
            .arg(full - 1000)
            .arg(refilled)
            .arg(sql.greatest(QStringLiteral("excluded.at_ms"), QStringLiteral("rate_buckets.at_ms"))));
    query->addBindValue(bucket);
    query->addBindValue(nowMs);
    if (!query->exec() || !query->next())
        return Database::storageError(tr("count the request against its rate limit"), *query);
    return Taken {query->value(1).toInt() != 0, query->value(0).toLongLong()};
}

Result<int> RateBucketRepository::removeIdleBefore(qint64 beforeMs)
{
    Database::Statement query
        = m_database.statement(QStringLiteral("DELETE FROM rate_buckets WHERE at_ms < ?"));
    query->addBindValue(beforeMs);
    if (!query->exec())
        return Database::storageError(tr("forget the idle rate limit buckets"), *query);
    return query->numRowsAffected();
}
