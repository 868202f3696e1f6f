#pragma once

#include "core/common/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <optional>

class Database;

/// One authorization code, refresh token or opaque access token, as the login servers share it.
struct LoginGrantRow
{
    enum class Kind
    {
        Code,
        Refresh,
        Access,
    };

    QByteArray tokenHash; ///< SHA-256 of the code or token; the credential itself is never stored
    Kind kind = Kind::Code;
    QString family; ///< the refresh tokens issued from one code, which a reuse revokes together
    QByteArray data; ///< what the code or token grants (the server's JSON)
    QString redirectUri; ///< codes: the callback the code was issued for
    QString codeChallenge; ///< codes: the PKCE S256 challenge, '' when none
    QDateTime expires;
    bool spent = false; ///< a code redeemed, a refresh token rotated
};

/**
 * @brief The SQL for the login servers' codes and tokens (table login_grants), by hash.
 *
 * spend() is one conditional write, so that of two servers redeeming one code at the same moment exactly
 * one succeeds.
 */
class LoginGrantRepository
{
    Q_DECLARE_TR_FUNCTIONS(LoginGrantRepository)

public:
    explicit LoginGrantRepository(Database &database);

    Result<void> insert(const LoginGrantRow &row);
    /// The row of @p tokenHash if it is of @p kind.
    Result<std::optional<LoginGrantRow>> find(const QByteArray &tokenHash, LoginGrantRow::Kind kind) const;
    /// Marks @p tokenHash spent; false when it was spent already (or is gone).
    Result<bool> spend(const QByteArray &tokenHash);
    Result<void> remove(const QByteArray &tokenHash);
    /// Removes every refresh token of @p family.
    Result<void> removeFamily(const QString &family);
    /// Removes what expired before @p now; the number removed.
    Result<int> removeExpired(const QDateTime &now);

private:
    Database &m_database;
};
