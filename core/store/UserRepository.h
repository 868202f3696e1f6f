#pragma once

#include "core/common/Result.h"
#include "core/login/User.h"

#include <QList>

#include <functional>
#include <optional>

class Database;

/**
 * @brief The SQL for users (table users) and the login settings (table login_settings).
 *
 * Callers validate; this class only reads and writes rows. Emails are matched case-insensitively
 * through the email_key column.
 */
class UserRepository
{
public:
    explicit UserRepository(Database &database);

    Result<User> find(const QString &id) const;
    /// The user with @p email in any case; nothing when there is none.
    Result<std::optional<User>> findByEmail(const QString &email) const;
    /// Users whose email contains @p search (any case; all for an empty one), by email.
    Result<QList<User>> list(const QString &search = {}) const;

    /// Conflict when the email is already taken.
    Result<void> insert(const User &user);
    /**
     * @brief Inserts @p count users made by @p make (called with 0 … count-1) in one transaction with one
     *        prepared statement: all or none. For bulk loads such as the benchmarks; validates nothing.
     */
    Result<void> insertMany(int count, const std::function<User(int)> &make);
    /// Writes every column of @p user; NotFound when it is gone.
    Result<void> update(const User &user);
    /// NotFound when it is gone.
    Result<void> remove(const QString &id);

    /// Whether the sign-up link works (true when never set).
    Result<bool> signUpsEnabled() const;
    Result<void> setSignUpsEnabled(bool enabled);

private:
    Database &m_database;
};
