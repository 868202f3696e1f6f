#pragma once

#include "core/common/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <optional>

class Database;

/// A browser's login session as the login servers share it, by the hash of its cookie's value.
struct LoginSessionRow
{
    QByteArray idHash; ///< SHA-256 of the cookie's value; the value itself is never stored
    QString userId;
    QDateTime authTime;
    QDateTime created;
    QDateTime lastSeen;
    QByteArray claims; ///< what the last login granted (the server's JSON), for silent authentication
};

/// The SQL for the login servers' browser sessions (table login_sessions).
class LoginSessionRepository
{
    Q_DECLARE_TR_FUNCTIONS(LoginSessionRepository)

public:
    explicit LoginSessionRepository(Database &database);

    Result<void> insert(const LoginSessionRow &row);
    Result<std::optional<LoginSessionRow>> find(const QByteArray &idHash) const;
    /// Writes lastSeen, and authTime and claims when @p claims is not empty.
    Result<void> touch(const QByteArray &idHash,
                       const QDateTime &lastSeen,
                       const QByteArray &claims = {},
                       const QDateTime &authTime = {});
    Result<void> remove(const QByteArray &idHash);
    Result<void> removeForUser(const QString &userId);
    /// Removes the sessions unused since @p seenBefore or created before @p createdBefore.
    Result<int> removeEnded(const QDateTime &seenBefore, const QDateTime &createdBefore);

private:
    Database &m_database;
};
