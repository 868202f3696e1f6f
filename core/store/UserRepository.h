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
    /// How many matches past @c after to pass over before the page (Auth0's page * per_page); not with
    /// @c through or @c examineAtMost.
    int offset = 0;
    /// Above 0: a walk through the emails looks at no more users than this past @c after, and may stop
    /// before it has @c limit matches (UserPageRead::resumeAfter says where to go on). 0: no bound.
    int examineAtMost = 0;
};

/// What UserRepository::page() read: a page of users, and where the next one starts.
struct UserPageRead
{
    QList<User> users;
    /// The lower-case email that every user up to has been looked at: the next page starts after it.
    QString resumeAfter;
    /// Whether no user is left after resumeAfter (always false for a request with UserPage::through).
    bool atEnd = false;
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
     *        searches walk the email index in order, which soon fills a page when matches are many, and
     *        stop after request.examineAtMost users when set (matches far down the emails take several
     *        reads then, each of a bounded cost).
     */
    Result<UserPageRead> page(const UserPage &request) const;
    /// How many users have an email that contains @p search (any case; all for an empty one).
    Result<int> count(const QString &search = {}) const;
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
    /// The lower-case email @p count users past @p after, or an empty one when fewer are left.
    Result<QString> keyAfter(const QString &after, int count) const;

    Database &m_database;
};
