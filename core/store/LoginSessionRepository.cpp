#include "LoginSessionRepository.h"

#include "core/store/Database.h"
#include "core/store/SqlValue.h"

#include <QSqlQuery>
#include <QVariant>

LoginSessionRepository::LoginSessionRepository(Database &database)
    : m_database(database)
{ }

Result<void> LoginSessionRepository::insert(const LoginSessionRow &row)
{
    Database::Statement query
        = m_database.statement(QStringLiteral("INSERT INTO login_sessions (id_hash, user_id, auth_time, "
                                              "created_at, last_seen, claims) VALUES (?, ?, "
                                              "?, ?, ?, ?)"));
    query->addBindValue(SqlValue::hex(row.idHash));
    query->addBindValue(SqlValue::text(row.userId));
    query->addBindValue(SqlValue::time(row.authTime));
    query->addBindValue(SqlValue::time(row.created));
    query->addBindValue(SqlValue::time(row.lastSeen));
    query->addBindValue(QString::fromUtf8(row.claims));
    if (!query->exec())
        return Database::storageError(tr("keep the login session"), *query);
    return {};
}

Result<std::optional<LoginSessionRow>> LoginSessionRepository::find(const QByteArray &idHash) const
{
    Database::Statement query = m_database.statement(QStringLiteral(
        "SELECT user_id, auth_time, created_at, last_seen, claims FROM login_sessions WHERE id_hash = ?"));
    query->addBindValue(SqlValue::hex(idHash));
    if (!query->exec())
        return Database::storageError(tr("read the login session"), *query);
    if (!query->next())
        return std::optional<LoginSessionRow>();
    LoginSessionRow row;
    row.idHash = idHash;
    row.userId = query->value(0).toString();
    row.authTime = SqlValue::timeFrom(query->value(1));
    row.created = SqlValue::timeFrom(query->value(2));
    row.lastSeen = SqlValue::timeFrom(query->value(3));
    row.claims = query->value(4).toString().toUtf8();
    return std::optional<LoginSessionRow>(row);
}

Result<void> LoginSessionRepository::touch(const QByteArray &idHash,
                                           const QDateTime &lastSeen,
                                           const QByteArray &claims,
                                           const QDateTime &authTime)
{
    Database::Statement query = m_database.statement(
        claims.isEmpty()
            ? QStringLiteral("UPDATE login_sessions SET last_seen = ? WHERE id_hash = ?")
            : QStringLiteral(
                "UPDATE login_sessions SET last_seen = ?, claims = ?, auth_time = ? WHERE id_hash = ?"));
    query->addBindValue(SqlValue::time(lastSeen));
    if (!claims.isEmpty()) {
        query->addBindValue(QString::fromUtf8(claims));
        query->addBindValue(SqlValue::time(authTime));
    }
    query->addBindValue(SqlValue::hex(idHash));
    if (!query->exec())
        return Database::storageError(tr("update the login session"), *query);
    return {};
}

Result<void> LoginSessionRepository::remove(const QByteArray &idHash)
{
    Database::Statement query
        = m_database.statement(QStringLiteral("DELETE FROM login_sessions WHERE id_hash = ?"));
    query->addBindValue(SqlValue::hex(idHash));
    if (!query->exec())
        return Database::storageError(tr("end the login session"), *query);
    return {};
}

Result<void> LoginSessionRepository::removeForUser(const QString &userId)
{
    Database::Statement query
        = m_database.statement(QStringLiteral("DELETE FROM login_sessions WHERE user_id = ?"));
    query->addBindValue(userId);
    if (!query->exec())
        return Database::storageError(tr("end the user's login sessions"), *query);
    return {};
}

Result<int> LoginSessionRepository::removeEnded(const QDateTime &seenBefore, const QDateTime &createdBefore)
{
    Database::Statement query = m_database.statement(
        QStringLiteral("DELETE FROM login_sessions WHERE last_seen < ? OR created_at < ?"));
    query->addBindValue(SqlValue::time(seenBefore));
    query->addBindValue(SqlValue::time(createdBefore));
    if (!query->exec())
        return Database::storageError(tr("remove the ended login sessions"), *query);
    return query->numRowsAffected();
}
