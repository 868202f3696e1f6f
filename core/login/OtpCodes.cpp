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

OtpCodes::OtpCodes(Database &database, const Clock &clock)
    : m_clock(&clock)
    , m_rows(database)
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

Result<std::optional<QString>> OtpCodes::issue(const QString &userId)
{
    if (!initialised())
        return Error(Error::Kind::Unavailable, QStringLiteral("libsodium could not be initialised"));
    const QString code = generate();
    QByteArray salt(crypto_generichash_KEYBYTES, '\0');
    randombytes_buf(salt.data(), size_t(salt.size()));
    const QDateTime now = m_clock->now();
    auto issued = m_rows.issue(userId, salt, hashOf(code, salt), now, now.addSecs(-3600), kMaxSendsPerHour);
    if (!issued)
        return issued.error();
    return issued.value() ? std::optional<QString>(code) : std::nullopt;
}

int OtpCodes::cooldownRemainingSecs(const QString &userId) const
{
    auto last = m_rows.lastSend(userId);
    if (!last || !last.value().isValid())
        return 0;
    const qint64 elapsed = last.value().secsTo(m_clock->now());
    return int(qBound<qint64>(0, qint64(kResendCooldownSecs) - elapsed, qint64(kResendCooldownSecs)));
}

bool OtpCodes::hourlyLimitReached(const QString &userId) const
{
    auto sent = m_rows.sendsSince(userId, m_clock->now().addSecs(-3600));
    return sent && sent.value() >= kMaxSendsPerHour;
}

int OtpCodes::lockRemainingSecs(const QString &userId) const
{
    auto found = m_rows.find(userId);
    if (!found || !found.value() || !found.value()->lockedUntil.isValid())
        return 0;
    return int(qMax<qint64>(0, m_clock->now().secsTo(found.value()->lockedUntil)));
}

OtpCodes::Check OtpCodes::check(const QString &userId, const QString &code)
{
    auto found = m_rows.find(userId);
    if (!found)
        return Check::Unavailable;
    if (!found.value())
        return Check::Expired;
    const OtpCodeRow &row = *found.value();
    const QDateTime now = m_clock->now();
    if (row.lockedUntil.isValid()) {
        if (now < row.lockedUntil)
            return Check::Locked;
        if (!m_rows.unlock(userId, row.lockedUntil))
            return Check::Unavailable;
    }
    if (row.codeHash.isEmpty() || row.issuedAt.secsTo(now) >= kValidSecs)
        return Check::Expired;
    const QByteArray candidate = hashOf(code, row.salt);
    if (candidate.size() == row.codeHash.size()
        && sodium_memcmp(candidate.constData(), row.codeHash.constData(), size_t(row.codeHash.size())) == 0) {
        auto used = m_rows.consume(userId, row.codeHash);
        if (!used)
            return Check::Unavailable;
        // Another server took it (or replaced it) first: it can be used once only.
        return used.value() ? Check::Accepted : Check::Expired;
    }
    auto failures = m_rows.fail(userId, row.codeHash, kMaxFailures, now.addSecs(kLockSecs));
    if (!failures)
        return Check::Unavailable;
    if (!failures.value()) {
        // The code changed meanwhile: locked by another server's wrong code, or replaced by a new one.
        return lockRemainingSecs(userId) > 0 ? Check::Locked : Check::Expired;
    }
    return *failures.value() >= kMaxFailures ? Check::TooManyFailures : Check::Wrong;
}

void OtpCodes::discard(const QString &userId)
{
    discardResult(m_rows.discard(userId), "a code that was not sent expires all the same");
}

void OtpCodes::prune()
{
    discardResult(m_rows.removeSendsBefore(m_clock->now().addSecs(-3600)),
                  "old sends are not counted; they are forgotten on the next prune");
}
