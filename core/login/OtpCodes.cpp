#include "OtpCodes.h"

#include "core/common/Clock.h"

#include <sodium.h>

namespace {

bool initialised()
{
    static const bool ok = sodium_init() >= 0;
    return ok;
}

} // namespace

OtpCodes::OtpCodes(const Clock &clock)
    : m_clock(&clock)
{ }

QString OtpCodes::generate()
{
    Q_UNUSED(initialised());
    QString code;
    for (int i = 0; i < kDigits; ++i)
        code.append(QLatin1Char(char('0' + randombytes_uniform(10))));
    return code;
}

QByteArray OtpCodes::hashOf(const QString &code, const QByteArray &salt)
{
    const QByteArray bytes = code.toLatin1();
    QByteArray out(crypto_generichash_BYTES, '\0');
    crypto_generichash(reinterpret_cast<unsigned char *>(out.data()),
                       size_t(out.size()),
                       reinterpret_cast<const unsigned char *>(bytes.constData()),
                       size_t(bytes.size()),
                       reinterpret_cast<const unsigned char *>(salt.constData()),
                       size_t(salt.size()));
    return out;
}

void OtpCodes::forgetOldSends(State &state) const
{
    const QDateTime hourAgo = m_clock->now().addSecs(-3600);
    while (!state.sends.isEmpty() && state.sends.first() <= hourAgo)
        state.sends.removeFirst();
}

std::optional<QString> OtpCodes::issue(const QString &userId)
{
    if (!initialised())
        return std::nullopt;
    State &state = m_states[userId];
    forgetOldSends(state);
    if (state.sends.size() >= kMaxSendsPerHour)
        return std::nullopt;
    const QString code = generate();
    state.salt = QByteArray(crypto_generichash_KEYBYTES, '\0');
    randombytes_buf(state.salt.data(), size_t(state.salt.size()));
    state.hash = hashOf(code, state.salt);
    state.issuedAt = m_clock->now();
    state.sends.append(state.issuedAt);
    return code;
}

int OtpCodes::cooldownRemainingSecs(const QString &userId) const
{
    const auto found = m_states.constFind(userId);
    if (found == m_states.constEnd() || found->sends.isEmpty())
        return 0;
    const qint64 elapsed = found->sends.last().secsTo(m_clock->now());
    return int(qBound<qint64>(0, qint64(kResendCooldownSecs) - elapsed, qint64(kResendCooldownSecs)));
}

bool OtpCodes::hourlyLimitReached(const QString &userId) const
{
    const auto found = m_states.constFind(userId);
    if (found == m_states.constEnd())
        return false;
    State copy = *found;
    forgetOldSends(copy);
    return copy.sends.size() >= kMaxSendsPerHour;
}

int OtpCodes::lockRemainingSecs(const QString &userId) const
{
    const auto found = m_states.constFind(userId);
    if (found == m_states.constEnd() || !found->lockedUntil.isValid())
        return 0;
    return int(qMax<qint64>(0, m_clock->now().secsTo(found->lockedUntil)));
}

OtpCodes::Check OtpCodes::check(const QString &userId, const QString &code)
{
    State &state = m_states[userId];
    const QDateTime now = m_clock->now();
    if (state.lockedUntil.isValid()) {
        if (now < state.lockedUntil)
            return Check::Locked;
        state.lockedUntil = {};
        state.failures = 0;
    }
    if (state.hash.isEmpty() || state.issuedAt.secsTo(now) >= kValidSecs)
        return Check::Expired;
    const QByteArray candidate = hashOf(code, state.salt);
    if (sodium_memcmp(candidate.constData(), state.hash.constData(), size_t(state.hash.size())) == 0) {
        state.hash.clear();
        state.failures = 0;
        return Check::Accepted;
    }
    if (++state.failures >= kMaxFailures) {
        state.lockedUntil = now.addSecs(kLockSecs);
        return Check::TooManyFailures;
    }
    return Check::Wrong;
}

void OtpCodes::discard(const QString &userId)
{
    const auto found = m_states.find(userId);
    if (found != m_states.end())
        found->hash.clear();
}
