#pragma once

#include "core/server/Grant.h"

#include <QDateTime>
#include <QHash>
#include <QString>

#include <optional>

/// A browser's login session on the server (the cookie names it).
struct Session
{
    QString id;
    QString userId;
    QDateTime authTime; ///< when the user last entered a password
    QDateTime created;
    QDateTime lastSeen;
    Grant claims; ///< the profile and the Login flow's claims of the last login, for silent authentication
};

/**
 * @brief The server's browser sessions, as Auth0 keeps them: ended after InactivityDays without use or
 *        AbsoluteDays after the login, by logout, or when the server stops (they are kept in memory).
 */
class SessionStore
{
public:
    static constexpr int InactivityDays = 3;
    static constexpr int AbsoluteDays = 7;
    static constexpr const char *CookieName = "authdeck_session";

    /// A new session for @p claims' user; its id is the cookie's value.
    Session create(const Grant &claims, const QDateTime &now);
    /// The live session @p id, touched; nothing when unknown or ended.
    std::optional<Session> find(const QString &id, const QDateTime &now);
    /// Keeps the claims of a new login in the session (a second login through the session).
    void update(const QString &id, const Grant &claims, const QDateTime &now);
    void end(const QString &id);
    /// Ends every session of @p userId (blocked or removed users).
    void endForUser(const QString &userId);
    /// Drops the sessions that have ended by time.
    void prune(const QDateTime &now);
    int count() const { return int(m_sessions.size()); }

private:
    QHash<QByteArray, Session> m_sessions; ///< by the hash of the id
};
