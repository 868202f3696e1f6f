#include "SessionStore.h"

#include "core/server/GrantStore.h"

SessionStore::SessionStore(Database &database)
    : m_rows(database)
{ }

QString SessionStore::sidOf(const QString &id)
{
    return QString::fromLatin1(GrantStore::hash(id).toHex().left(32));
}

Result<Session> SessionStore::create(const Grant &claims, const QDateTime &now)
{
    Session session {GrantStore::newToken(), claims.userId, claims.authTime, now, now, claims};
    session.claims.sid = sidOf(session.id);
    LoginSessionRow row {
        GrantStore::hash(session.id), session.userId, session.authTime, now, now, session.claims.toJson()};
    if (auto kept = m_rows.insert(row); !kept)
        return kept.error();
    return session;
}

std::optional<Session> SessionStore::find(const QString &id, const QDateTime &now)
{
    if (id.isEmpty())
        return std::nullopt;
    const QByteArray key = GrantStore::hash(id);
    auto found = m_rows.find(key);
    if (!found || !found.value())
        return std::nullopt;
    const LoginSessionRow &row = *found.value();
    if (row.lastSeen.addDays(InactivityDays) < now || row.created.addDays(AbsoluteDays) < now) {
        discardResult(m_rows.remove(key), "an ended session is pruned later all the same");
        return std::nullopt;
    }
    if (!m_rows.touch(key, now))
        return std::nullopt;
    return Session {id, row.userId, row.authTime, row.created, now, Grant::fromJson(row.claims)};
}

Result<void> SessionStore::update(const QString &id, const Grant &claims, const QDateTime &now)
{
    Grant kept = claims;
    kept.sid = sidOf(id);
    return m_rows.touch(GrantStore::hash(id), now, kept.toJson(), claims.authTime);
}

Result<void> SessionStore::end(const QString &id)
{
    return m_rows.remove(GrantStore::hash(id));
}

void SessionStore::endForUser(const QString &userId)
{
    discardResult(m_rows.removeForUser(userId), "the user's sessions still end by time");
}

void SessionStore::prune(const QDateTime &now)
{
    discardResult(m_rows.removeEnded(now.addDays(-InactivityDays), now.addDays(-AbsoluteDays)),
                  "what is not pruned now is pruned a minute later");
}
