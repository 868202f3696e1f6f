#pragma once

#include "core/common/Result.h"
#include "core/store/OtpCodeRepository.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>

class Clock;
class Database;

/**
 * @brief One-time codes of the Phone Message factor, per user, with Auth0's limits.
 *
 * A code is 6 digits from libsodium's random generator; only a keyed BLAKE2b hash of it with a random
 * salt is kept, in the tenant's database, so that a code sent by one login server is accepted by any other
 * and the limits hold on all of them together. Checking compares in constant time. A code is valid
 * kValidSecs; issuing a new one replaces (invalidates) the old one. At most kMaxSendsPerHour codes per user
 * in any hour; kMaxFailures wrong codes in a row lock the user's codes for kLockSecs.
 */
class OtpCodes
{
public:
    static constexpr int kDigits = 6;
    static constexpr int kValidSecs = 5 * 60;
    static constexpr int kResendCooldownSecs = 30;
    static constexpr int kMaxSendsPerHour = 10;
    static constexpr int kMaxFailures = 10;
    static constexpr int kLockSecs = 6 * 60;

    enum class Check
    {
        Accepted, ///< the right code, in time; it is used up
        Wrong, ///< not the code
        Expired, ///< there is no code, or it expired
        Locked, ///< too many wrong codes; wait lockRemainingSecs()
        TooManyFailures, ///< this wrong code was the last allowed one: now locked
        Unavailable, ///< the store could not be read or written; nothing was decided
    };

    OtpCodes(Database &database, const Clock &clock);

    void setClock(const Clock &clock) { m_clock = &clock; }

    /**
     * @brief A new code for @p userId, replacing any previous one; nothing when the hourly limit is reached;
     *        an error when the store fails.
     *
     * The caller sends the returned code and forgets it.
     */
    [[nodiscard]] Result<std::optional<QString>> issue(const QString &userId);
    /// Seconds before issue() may be called again for a resend (0 when it may, or when the store fails).
    int cooldownRemainingSecs(const QString &userId) const;
    /// Whether the hourly limit refuses another code now (false when the store fails: issue() decides).
    bool hourlyLimitReached(const QString &userId) const;
    /// Checks @p code for @p userId (any text; only kDigits digits can be right).
    Check check(const QString &userId, const QString &code);
    /// Seconds left of a lock after too many wrong codes (0 when not locked).
    int lockRemainingSecs(const QString &userId) const;
    /// Forgets the pending code of @p userId (the failure count and the sends stay).
    void discard(const QString &userId);
    /// Forgets the sends older than an hour, which no limit counts any more.
    void prune();

    /// A code of kDigits digits, uniformly drawn.
    static QString generate();

private:
    static QByteArray hashOf(const QString &code, const QByteArray &salt);

    const Clock *m_clock;
    OtpCodeRepository m_rows;
};
