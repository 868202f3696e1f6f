#pragma once

#include "core/common/Result.h"
#include "core/server/Grant.h"
#include "core/store/LoginSessionRepository.h"

#include <QDateTime>
#include <QString>

#include <optional>

class Database;

/// A browser's login session on the server (the cookie names it).
struct Session
{
    QString id; ///< the cookie's value
    QString userId;
    QDateTime authTime; ///< when the user last entered a password
    QDateTime created;
    QDateTime lastSeen;
    Grant claims; ///< the profile and the Login flow's claims of the last login, for silent authentication
};

/**
 * @brief The server's browser sessions, as Auth0 keeps them: ended after InactivityDays without use or
 *        AbsoluteDays after the login, or by logout.
 *
 * Kept in the tenant's database by the hash of the cookie's value, so that every login server of the tenant
 * knows every session and the store never holds a usable cookie.
 */
class SessionStore
{
public:
    static constexpr int InactivityDays = 3;
    static constexpr int AbsoluteDays = 7;
    static constexpr const char *CookieName = "authdeck_session";

    explicit SessionStore(Database &database);

    /// A new session for @p claims' user; its id is the cookie's value.
    [[nodiscard]] Result<Session> create(const Grant &claims, const QDateTime &now);
    /// The live session @p id, touched; nothing when unknown, ended, or not readable.
    std::optional<Session> find(const QString &id, const QDateTime &now);
    /// Keeps the claims of a new login in the session (a second login through the session).
    [[nodiscard]] Result<void> update(const QString &id, const Grant &claims, const QDateTime &now);
    [[nodiscard]] Result<void> end(const QString &id);
    /// Ends every session of @p userId (blocked or removed users).
    void endForUser(const QString &userId);
    /// Drops the sessions that have ended by time.
    void prune(const QDateTime &now);

    /// The sid claim of the session @p id: a hash of it, which names it without giving it away.
    static QString sidOf(const QString &id);

private:
    LoginSessionRepository m_rows;
};
