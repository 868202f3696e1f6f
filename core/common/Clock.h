#pragma once

#include <QDateTime>

/**
 * @brief Where core reads the time, so that tests can move it.
 *
 * Services that apply time limits (code expiry, cooldowns, lockouts, log dates) take a Clock instead of
 * calling QDateTime::currentDateTimeUtc() themselves.
 */
class Clock
{
public:
    virtual ~Clock() = default;
    /// The current time, in UTC.
    virtual QDateTime now() const = 0;
};

/// The computer's clock.
class SystemClock final : public Clock
{
public:
    QDateTime now() const override { return QDateTime::currentDateTimeUtc(); }

    /// One shared instance.
    static const SystemClock &instance()
    {
        static const SystemClock clock;
        return clock;
    }
};

/// A clock that only moves when told to, for tests.
class FakeClock final : public Clock
{
public:
    explicit FakeClock(QDateTime start = QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC))
        : m_now(std::move(start))
    { }

    QDateTime now() const override { return m_now; }
    void set(const QDateTime &time) { m_now = time.toUTC(); }
    void advanceSecs(qint64 seconds) { m_now = m_now.addSecs(seconds); }

private:
    QDateTime m_now;
};
