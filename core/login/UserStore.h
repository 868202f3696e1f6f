#pragma once

#include "core/common/Result.h"
#include "core/login/PasswordHasher.h"
#include "core/model/User.h"
#include "core/store/UserRepository.h"

#include <QObject>

#include <functional>
#include <optional>

class Clock;
class Database;

/**
 * @brief The users of the tenant's database connection: create, find, change, block, reset MFA, delete.
 *
 * Every change is validated, written in one statement and announced with a signal. Passwords are hashed
 * with Argon2id (PasswordHasher) and must have at least PasswordHasher::kMinLength characters.
 */
class UserStore : public QObject
{
    Q_OBJECT

public:
    /// How many wrong passwords in a row lock an account (log limit_wc).
    static constexpr int kMaxFailedLogins = 10;
    /// How long such a lock lasts, in seconds.
    static constexpr int kLockSecs = 15 * 60;

    /// Who created a user: the admin (User Management, the demo) or the user, signing up on the login page.
    enum class Origin
    {
        Admin,
        SignUp,
    };
    Q_ENUM(Origin)

    UserStore(Database &database, const Clock &clock, QObject *parent = nullptr);

    void setClock(const Clock &clock) { m_clock = &clock; }
    /// The hasher for new passwords (interactive() unless a test sets minimal()).
    void setPasswordHasher(const PasswordHasher &hasher) { m_hasher = hasher; }

    /**
     * @brief Adds a user with @p email and @p password.
     * @return Invalid when the email is malformed or the password too short ("Password is too weak"),
     *         Conflict "The user already exists." when the email is taken in any case, or Storage
     */
    Result<User> create(const QString &email, const QString &password, Origin origin = Origin::Admin);
    /**
     * @brief As create(), with the password hashed on a worker thread so that the caller's thread never
     *        waits for Argon2id. Checks the input at once; @p done runs on this object's thread with the
     *        result, unless @p context is destroyed first.
     */
    void createLater(const QString &email,
                     const QString &password,
                     Origin origin,
                     QObject *context,
                     std::function<void(Result<User>)> done);

    Result<User> find(const QString &id) const;
    /// The user with @p email in any case; nothing when there is none.
    Result<std::optional<User>> findByEmail(const QString &email) const;
    /// Users whose email contains @p search, by email.
    Result<QList<User>> list(const QString &search = {}) const;
    /**
     * @brief One page of the users whose email contains @p request.search (any case), in the order of
     *        sortKey(), after request.after: what a list that fetches as it scrolls reads. Answered from
     *        indexes, so a page costs about the same at 100 users and at 100,000; with
     *        request.examineAtMost a read costs at most that many users whatever the search.
     */
    Result<UserPageRead> page(const UserPage &request) const;
    /// How many users have an email that contains @p search (any case; all for an empty one).
    Result<int> count(const QString &search = {}) const;
    /// Whether @p user's email contains @p search in any case, as page() matches it.
    static bool matches(const User &user, const QString &search);
    /// What list() and page() order users by, and what UserPage::after holds: the email in lower case.
    static QString sortKey(const User &user) { return user.email.toLower(); }
    /// Whether @p password is @p user's password (constant time; false for an empty hash).
    static bool checkPassword(const User &user, const QString &password);
    /**
     * @brief checkPassword() on a worker thread; @p done runs on @p context's thread unless @p context is
     *        destroyed first. A user without a hash (no account) is checked against a stand-in hash, so
     *        that the time taken does not tell whether the account exists; the answer is then false.
     */
    static void checkPasswordLater(const User &user,
                                   const QString &password,
                                   QObject *context,
                                   std::function<void(bool)> done);

    /// Writes @p user as it is (updated_at is set to now); emits userChanged().
    Result<void> update(User user);
    Result<void> remove(const QString &id);
    Result<void> block(const QString &id) { return setBlocked(id, true); }
    Result<void> unblock(const QString &id) { return setBlocked(id, false); }
    /// Removes the phone enrollment, so that the next login enrolls again.
    Result<void> resetMfa(const QString &id);
    /// Records @p e164 as the user's Phone Message factor, enrolled now.
    Result<void> enrollPhone(const QString &id, const QString &e164);

    /// Counts one wrong password; at kMaxFailedLogins locks the account for kLockSecs. The user after.
    Result<User> recordFailedLogin(const QString &id);
    /// A completed login: resets the failures and the lock, sets last_login, counts it. The user after.
    Result<User> recordLogin(const QString &id);
    /// Whether @p user is locked by failed logins now.
    bool isLocked(const User &user) const;

    /// Whether the sign-up link works (tenant setting, on by default).
    bool signUpsEnabled() const;
    Result<void> setSignUpsEnabled(bool enabled);

    /// A new user id: "auth0|" and 24 random lower-case hex digits.
    static QString newId();

    /// Another Authdeck on the tenant added, changed or removed users: emits changedElsewhere().
    void announceChangedElsewhere() { Q_EMIT changedElsewhere(); }

Q_SIGNALS:
    /// Users changed in another process (an admin's edit or a sign-up; not a login's counters): what shows
    /// them reads them again (nothing to audit here).
    void changedElsewhere();
    void userAdded(const QString &id, UserStore::Origin origin);
    /// The admin blocked or unblocked the user.
    void blockedChanged(const QString &id, bool blocked);
    /// The admin removed the user's MFA enrollment.
    void mfaReset(const QString &id);
    void userChanged(const QString &id);
    void userRemoved(const QString &id);
    void signUpsEnabledChanged(bool enabled);

private:
    /// Why a user with @p email and @p password cannot be created; the trimmed email when it can.
    Result<QString> checkNew(const QString &email, const QString &password) const;
    Result<User> insertHashed(const QString &email, const QString &passwordHash, Origin origin);
    Result<void> setBlocked(const QString &id, bool blocked);
    Result<User> change(const QString &id, const std::function<void(User &)> &edit);

    UserRepository m_repository;
    const Clock *m_clock;
    PasswordHasher m_hasher = PasswordHasher::interactive();
};
