#include "PendingLoginRepository.h"

#include "core/store/Database.h"
#include "core/store/SqlValue.h"

#include <QSqlQuery>
#include <QVariant>

PendingLoginRepository::PendingLoginRepository(Database &database)
    : m_database(database)
{ }

Result<void> PendingLoginRepository::insert(const PendingLoginRow &row)
{
    Database::Statement query = m_database.statement(QStringLiteral(
        "INSERT INTO pending_logins (id, version, claimed_until, last_used, data) VALUES (?, ?, ?, ?, ?)"));
    query->addBindValue(row.id);
    query->addBindValue(row.version);
    query->addBindValue(SqlValue::time(row.claimedUntil));
    query->addBindValue(SqlValue::time(row.lastUsed));
    query->addBindValue(QString::fromUtf8(row.data));
    if (!query->exec())
        return Database::storageError(tr("keep the login"), *query);
    return {};
}

Result<std::optional<PendingLoginRow>> PendingLoginRepository::find(const QString &id) const
{
    Database::Statement query = m_database.statement(
        QStringLiteral("SELECT version, claimed_until, last_used, data FROM pending_logins WHERE id = ?"));
    query->addBindValue(id);
    if (!query->exec())
        return Database::storageError(tr("read the login"), *query);
    if (!query->next())
        return std::optional<PendingLoginRow>();
    PendingLoginRow row;
    row.id = id;
    row.version = query->value(0).toInt();
    row.claimedUntil = SqlValue::timeFrom(query->value(1));
    row.lastUsed = SqlValue::timeFrom(query->value(2));
    row.data = query->value(3).toString().toUtf8();
    return std::optional<PendingLoginRow>(row);
}

Result<bool>
PendingLoginRepository::claim(const QString &id, int version, const QDateTime &now, const QDateTime &until)
{
    Database::Statement query = m_database.statement(
        QStringLiteral("UPDATE pending_logins SET version = version + 1, claimed_until = ?, last_used = ? "
                       "WHERE id = ? AND version = ? AND (claimed_until = '' OR claimed_until <= ?)"));
    query->addBindValue(SqlValue::time(until));
    query->addBindValue(SqlValue::time(now));
    query->addBindValue(id);
    query->addBindValue(version);
    query->addBindValue(SqlValue::time(now));
    if (!query->exec())
        return Database::storageError(tr("take the login for a step"), *query);
    return query->numRowsAffected() == 1;
}

Result<bool>
PendingLoginRepository::save(const QString &id, int version, const QByteArray &data, const QDateTime &now)
{
    Database::Statement query = m_database.statement(QStringLiteral(
        "UPDATE pending_logins SET version = version + 1, claimed_until = '', last_used = ?, data = ? "
        "WHERE id = ? AND version = ?"));
    query->addBindValue(SqlValue::time(now));
    query->addBindValue(QString::fromUtf8(data));
    query->addBindValue(id);
    query->addBindValue(version);
    if (!query->exec())
        return Database::storageError(tr("save the login"), *query);
    return query->numRowsAffected() == 1;
}

Result<void> PendingLoginRepository::release(const QString &id, int version)
{
    Database::Statement query = m_database.statement(
        QStringLiteral("UPDATE pending_logins SET claimed_until = '' WHERE id = ? AND version = ?"));
    query->addBindValue(id);
    query->addBindValue(version);
    if (!query->exec())
        return Database::storageError(tr("let the login go"), *query);
    return {};
}

Result<bool> PendingLoginRepository::remove(const QString &id, int version)
{
    Database::Statement query
        = m_database.statement(QStringLiteral("DELETE FROM pending_logins WHERE id = ? AND version = ?"));
    query->addBindValue(id);
    query->addBindValue(version);
    if (!query->exec())
        return Database::storageError(tr("end the login"), *query);
    return query->numRowsAffected() == 1;
}

Result<int> PendingLoginRepository::count() const
{
    Database::Statement query = m_database.statement(QStringLiteral("SELECT COUNT(*) FROM pending_logins"));
    if (!query->exec() || !query->next())
        return Database::storageError(tr("count the logins"), *query);
    return query->value(0).toInt();
}

Result<int> PendingLoginRepository::removeUnused(const QDateTime &before, const QDateTime &now)
{
    Database::Statement query = m_database.statement(QStringLiteral(
        "DELETE FROM pending_logins WHERE last_used < ? AND (claimed_until = '' OR claimed_until <= ?)"));
    query->addBindValue(SqlValue::time(before));
    query->addBindValue(SqlValue::time(now));
    if (!query->exec())
        return Database::storageError(tr("forget the unused logins"), *query);
    return query->numRowsAffected();
}

Result<int> PendingLoginRepository::removeBeyond(int keep)
{
    Database::Statement query = m_database.statement(QStringLiteral(
        "DELETE FROM pending_logins WHERE id IN (SELECT id FROM pending_logins ORDER BY last_used DESC, id "
        "LIMIT ? OFFSET ?)"));
    query->addBindValue(m_database.dialect().noLimit());
    query->addBindValue(qMax(0, keep));
    if (!query->exec())
        return Database::storageError(tr("forget the oldest logins"), *query);
    return query->numRowsAffected();
}
