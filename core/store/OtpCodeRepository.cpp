#include "OtpCodeRepository.h"

#include "core/store/Database.h"
#include "core/store/SqlValue.h"

#include <QSqlQuery>
#include <QVariant>

OtpCodeRepository::OtpCodeRepository(Database &database)
    : m_database(database)
{ }

Result<std::optional<OtpCodeRow>> OtpCodeRepository::find(const QString &userId) const
{
    Database::Statement query = m_database.statement(QStringLiteral(
        "SELECT salt, code_hash, issued_at, failures, locked_until FROM otp_codes WHERE user_id = ?"));
    query->addBindValue(userId);
    if (!query->exec())
        return Database::storageError(tr("read the one-time code"), *query);
    if (!query->next())
        return std::optional<OtpCodeRow>();
    OtpCodeRow row;
    row.salt = SqlValue::bytesFromHex(query->value(0));
    row.codeHash = SqlValue::bytesFromHex(query->value(1));
    row.issuedAt = SqlValue::timeFrom(query->value(2));
    row.failures = query->value(3).toInt();
    row.lockedUntil = SqlValue::timeFrom(query->value(4));
    return std::optional<OtpCodeRow>(row);
}

Result<bool> OtpCodeRepository::issue(const QString &userId,
                                      const QByteArray &salt,
                                      const QByteArray &codeHash,
                                      const QDateTime &now,
                                      const QDateTime &since,
                                      int maxSends)
{
    bool issued = false;
    auto done = m_database.transaction([&]() -> Result<void> {
        // Writing the user's row first holds it (PostgreSQL locks it, SQLite the file) until the end, so
        // that two servers counting the sends at once cannot both pass the limit.
        Database::Statement hold = m_database.statement(QStringLiteral(
            "INSERT INTO otp_codes (user_id) VALUES (?) ON CONFLICT (user_id) DO UPDATE SET user_id = "
            "excluded.user_id"));
        hold->addBindValue(userId);
        if (!hold->exec())
            return Database::storageError(tr("issue a one-time code"), *hold);
        auto sent = sendsSince(userId, since);
        if (!sent)
            return sent.error();
        if (sent.value() >= maxSends)
            return {};
        Database::Statement code = m_database.statement(
            QStringLiteral("UPDATE otp_codes SET salt = ?, code_hash = ?, issued_at = ? WHERE user_id = ?"));
        code->addBindValue(SqlValue::hex(salt));
        code->addBindValue(SqlValue::hex(codeHash));
        code->addBindValue(SqlValue::time(now));
        code->addBindValue(userId);
        if (!code->exec())
            return Database::storageError(tr("issue a one-time code"), *code);
        Database::Statement send
            = m_database.statement(QStringLiteral("INSERT INTO otp_sends (user_id, sent_at) VALUES (?, ?)"));
        send->addBindValue(userId);
        send->addBindValue(SqlValue::time(now));
        if (!send->exec())
            return Database::storageError(tr("record a one-time code's send"), *send);
        issued = true;
        return {};
    });
    if (!done)
        return done.error();
    return issued;
}

Result<int> OtpCodeRepository::sendsSince(const QString &userId, const QDateTime &since) const
{
    Database::Statement query = m_database.statement(
        QStringLiteral("SELECT COUNT(*) FROM otp_sends WHERE user_id = ? AND sent_at > ?"));
    query->addBindValue(userId);
    query->addBindValue(SqlValue::time(since));
    if (!query->exec() || !query->next())
        return Database::storageError(tr("count the one-time codes sent"), *query);
    return query->value(0).toInt();
}

Result<QDateTime> OtpCodeRepository::lastSend(const QString &userId) const
{
    Database::Statement query
        = m_database.statement(QStringLiteral("SELECT MAX(sent_at) FROM otp_sends WHERE user_id = ?"));
    query->addBindValue(userId);
    if (!query->exec() || !query->next())
        return Database::storageError(tr("read the last one-time code sent"), *query);
    return SqlValue::timeFrom(query->value(0));
}

Result<bool> OtpCodeRepository::consume(const QString &userId, const QByteArray &codeHash)
{
    Database::Statement query = m_database.statement(
        QStringLiteral("UPDATE otp_codes SET code_hash = '', failures = 0 WHERE user_id "
                       "= ? AND code_hash = ? AND code_hash <> ''"));
    query->addBindValue(userId);
    query->addBindValue(SqlValue::hex(codeHash));
    if (!query->exec())
        return Database::storageError(tr("use the one-time code"), *query);
    return query->numRowsAffected() == 1;
}

Result<std::optional<int>> OtpCodeRepository::fail(const QString &userId,
                                                   const QByteArray &codeHash,
                                                   int maxFailures,
                                                   const QDateTime &lockUntil)
{
    Database::Statement query = m_database.statement(
        QStringLiteral("UPDATE otp_codes SET failures = failures + 1, "
                       "locked_until = CASE WHEN failures + 1 >= %1 THEN ? ELSE locked_until END, "
                       "code_hash = CASE WHEN failures + 1 >= %1 THEN '' ELSE code_hash END "
                       "WHERE user_id = ? AND code_hash = ? AND code_hash <> '' RETURNING failures")
            .arg(maxFailures));
    query->addBindValue(SqlValue::time(lockUntil));
    query->addBindValue(userId);
    query->addBindValue(SqlValue::hex(codeHash));
    if (!query->exec())
        return Database::storageError(tr("count a wrong one-time code"), *query);
    if (!query->next())
        return std::optional<int>();
    return std::optional<int>(query->value(0).toInt());
}

Result<void> OtpCodeRepository::unlock(const QString &userId, const QDateTime &lockedUntil)
{
    Database::Statement query = m_database.statement(QStringLiteral(
        "UPDATE otp_codes SET locked_until = '', failures = 0 WHERE user_id = ? AND locked_until = ?"));
    query->addBindValue(userId);
    query->addBindValue(SqlValue::time(lockedUntil));
    if (!query->exec())
        return Database::storageError(tr("end the one-time codes' lock"), *query);
    return {};
}

Result<void> OtpCodeRepository::discard(const QString &userId)
{
    Database::Statement query
        = m_database.statement(QStringLiteral("UPDATE otp_codes SET code_hash = '' WHERE user_id = ?"));
    query->addBindValue(userId);
    if (!query->exec())
        return Database::storageError(tr("drop the one-time code"), *query);
    return {};
}

Result<int> OtpCodeRepository::removeSendsBefore(const QDateTime &before)
{
    Database::Statement query
        = m_database.statement(QStringLiteral("DELETE FROM otp_sends WHERE sent_at <= ?"));
    query->addBindValue(SqlValue::time(before));
    if (!query->exec())
        return Database::storageError(tr("forget the old one-time code sends"), *query);
    return query->numRowsAffected();
}
