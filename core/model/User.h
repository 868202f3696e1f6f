#pragma once

#include <QDateTime>
#include <QString>

/**
 * @brief A user of the tenant's database connection (Auth0's Username-Password-Authentication).
 *
 * passwordHash is an Argon2id string; the password itself is never kept.
 */
struct User
{
    QString id; ///< "auth0|" and 24 lower-case hex digits
    QString email;
    QString passwordHash;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime lastLogin; ///< invalid until the first login
    int loginsCount = 0;
    bool blocked = false; ///< blocked by an admin
    int failedLogins = 0; ///< wrong passwords in a row
    QDateTime lockedUntil; ///< brute-force lock (limit_wc); invalid when not locked
    QString phoneNumber; ///< the enrolled Phone Message factor in E.164; empty when not enrolled
    QDateTime phoneEnrolledAt;

    bool isEnrolled() const { return !phoneNumber.isEmpty(); }
};
