#pragma once

#include "core/common/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <optional>

class Database;

/// A user's one-time code state, as every login server sees it.
struct OtpCodeRow
{
    QByteArray salt;
    QByteArray codeHash; ///< keyed hash of the pending code; empty when none is pending
    QDateTime issuedAt;
    int failures = 0; ///< wrong codes in a row
    QDateTime lockedUntil; ///< invalid when not locked
};

/**
 * @brief The SQL for the Phone Message factor's one-time codes (tables otp_codes and otp_sends).
 *
 * Each write that a limit depends on is atomic across servers: issue() counts the sends with the user's row
 * locked, consume() and fail() are single conditional writes, so that two servers never both accept one
 * code and the tenth wrong code locks the user whichever server it reaches.
 */
class OtpCodeRepository
{
    Q_DECLARE_TR_FUNCTIONS(OtpCodeRepository)

public:
    explicit OtpCodeRepository(Database &database);

    Result<std::optional<OtpCodeRow>> find(const QString &userId) const;
    /**
     * @brief Makes @p codeHash (with @p salt) the user's pending code and records a send at @p now, unless
     *        @p maxSends or more were sent since @p since.
     * @return false when the limit refused it (nothing written)
     */
    Result<bool> issue(const QString &userId,
                       const QByteArray &salt,
                       const QByteArray &codeHash,
                       const QDateTime &now,
                       const QDateTime &since,
                       int maxSends);
    /// How many codes were sent to @p userId since @p since.
    Result<int> sendsSince(const QString &userId, const QDateTime &since) const;
    /// When the last code was sent to @p userId (invalid when never).
    Result<QDateTime> lastSend(const QString &userId) const;
    /// Uses up the pending code if it still is @p codeHash (and clears the failures); false when it is not.
    Result<bool> consume(const QString &userId, const QByteArray &codeHash);
    /**
     * @brief Counts a wrong code against the pending code @p codeHash; at @p maxFailures the code is dropped
     *        and the user locked until @p lockUntil.
     * @return the failures now, or nothing when the pending code is no longer @p codeHash
     */
    Result<std::optional<int>>
    fail(const QString &userId, const QByteArray &codeHash, int maxFailures, const QDateTime &lockUntil);
    /// Ends the lock that lasted until @p lockedUntil (and its failures), unless another lock replaced it.
    Result<void> unlock(const QString &userId, const QDateTime &lockedUntil);
    /// Drops the pending code (a send that failed).
    Result<void> discard(const QString &userId);
    /// Forgets the sends before @p before.
    Result<int> removeSendsBefore(const QDateTime &before);

private:
    Database &m_database;
};
