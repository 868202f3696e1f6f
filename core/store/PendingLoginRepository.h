#pragma once

#include "core/common/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <optional>

class Database;

/// A login between two of its pages, as every login server of the tenant can go on with it.
struct PendingLoginRow
{
    QString id; ///< the login's state parameter
    int version = 0; ///< moved on by every claim and save
    QDateTime claimedUntil; ///< a server is working on a step until then; invalid when none is
    QDateTime lastUsed;
    QByteArray data; ///< the login's state (the server's JSON)
};

/**
 * @brief The SQL for the logins between pages (table pending_logins).
 *
 * A step of a login runs on one server at a time: claim() takes the login for a while, by a conditional
 * write on its version, and save() writes the step's outcome and lets it go. A server that dies mid-step
 * leaves a claim that simply runs out.
 */
class PendingLoginRepository
{
    Q_DECLARE_TR_FUNCTIONS(PendingLoginRepository)

public:
    explicit PendingLoginRepository(Database &database);

    Result<void> insert(const PendingLoginRow &row);
    Result<std::optional<PendingLoginRow>> find(const QString &id) const;
    /**
     * @brief Takes the login at @p version for a step until @p until, unless another server holds it
     *        (a claim that has not run out at @p now) or it moved on.
     * @return false when it could not be taken; its version is then @p version + 1 when it was
     */
    Result<bool> claim(const QString &id, int version, const QDateTime &now, const QDateTime &until);
    /// Writes @p data over the login at @p version and ends any claim; false when it moved on meanwhile.
    Result<bool> save(const QString &id, int version, const QByteArray &data, const QDateTime &now);
    /// Lets the claim of the login at @p version go without changing it.
    Result<void> release(const QString &id, int version);
    /// Removes the login at @p version; false when it moved on or is gone (another server ended it).
    Result<bool> remove(const QString &id, int version);
    Result<int> count() const;
    /// Removes the logins unused since @p before that no server holds at @p now.
    Result<int> removeUnused(const QDateTime &before, const QDateTime &now);
    /// Removes the least recently used logins beyond the @p keep most recent.
    Result<int> removeBeyond(int keep);

private:
    Database &m_database;
};
