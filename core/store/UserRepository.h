#pragma once

#include "core/common/Result.h"
#include "core/model/User.h"

#include <QCoreApplication>
#include <QList>

#include <functional>
#include <optional>

class Database;

/// Which page of users to read, in the order of their lower-case emails (unique).
struct UserPage
{
    QString search; ///< a part of the email, any case; empty for every user
    QString after; ///< the lower-case email of the last user already read; empty to start at the first
    QString through; ///< when set, every user up to this lower-case email, whatever the limit
    int limit = 100;
};

/**
 * @brief The SQL for users (table users) and the login settings (table login_settings).
 *
 * Callers validate; this class only reads and writes rows. Emails are matched case-insensitively
 * through the email_key column.
 */
class UserRepository
{
    Q_DECLARE_TR_FUNCTIONS(UserRepository)

public:
    explicit UserRepository(Database &database);

    Result<User> find(const QString &id) const;
    /// The user with @p email in any case; nothing when there is none.
    Result<std::optional<User>> findByEmail(const QString &email) const;
    /// Users whose email contains @p search (any case; all for an empty one), by email.
    Result<QList<User>> list(const QString &search = {}) const;
    /**
     * @brief One page of users whose email contains @p request.search, by email. A search of three
     *        characters or more with few matches is answered from the trigram index users_search; other
     *        searches walk the email index in order, which soon fills a page when matches are many.
     */
    Result<QList<User>> page(const UserPage &request) const;
    /// The most matches of the trigram index that page() sorts itself; beyond it walks the email index.
    static constexpr int kIndexedMatchesAtMost = 2000;

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
