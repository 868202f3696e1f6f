#include "SessionStore.h"

#include "core/server/GrantStore.h"

Session SessionStore::create(const Grant &claims, const QDateTime &now)
{
    Session session {GrantStore::newToken(), claims.userId, claims.authTime, now, now, claims};
    session.claims.sessionId = session.id;
    m_sessions.insert(GrantStore::hash(session.id), session);
    return session;
}

std::optional<Session> SessionStore::find(const QString &id, const QDateTime &now)
{
    if (id.isEmpty())
        return std::nullopt;
    auto it = m_sessions.find(GrantStore::hash(id));
    if (it == m_sessions.end())
        return std::nullopt;
    if (it->lastSeen.addDays(InactivityDays) < now || it->created.addDays(AbsoluteDays) < now) {
        m_sessions.erase(it);
        return std::nullopt;
    }
    it->lastSeen = now;
    return *it;
}

void SessionStore::update(const QString &id, const Grant &claims, const QDateTime &now)
{
    auto it = m_sessions.find(GrantStore::hash(id));
    if (it == m_sessions.end())
        return;
    it->claims = claims;
    it->claims.sessionId = id;
    it->authTime = claims.authTime;
    it->lastSeen = now;
}

void SessionStore::end(const QString &id)
{
    m_sessions.remove(GrantStore::hash(id));
}

void SessionStore::endForUser(const QString &userId)
{
    m_sessions.removeIf([&userId](const auto &entry) { return entry.value().userId == userId; });
}

void SessionStore::prune(const QDateTime &now)
{
    m_sessions.removeIf([&now](const auto &entry) {
        return entry.value().lastSeen.addDays(InactivityDays) < now
            || entry.value().created.addDays(AbsoluteDays) < now;
    });
}
