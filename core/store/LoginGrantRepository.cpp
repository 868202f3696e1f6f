#include "LoginGrantRepository.h"

#include "core/store/Database.h"
#include "core/store/SqlValue.h"

#include <QSqlQuery>
#include <QVariant>

namespace {

QString kindName(LoginGrantRow::Kind kind)
{
    switch (kind) {
    case LoginGrantRow::Kind::Code:
        return QStringLiteral("code");
    case LoginGrantRow::Kind::Refresh:
        return QStringLiteral("refresh");
    case LoginGrantRow::Kind::Access:
        return QStringLiteral("access");
    }
    return {};
}

} // namespace

LoginGrantRepository::LoginGrantRepository(Database &database)
    : m_database(database)
{ }

Result<void> LoginGrantRepository::insert(const LoginGrantRow &row)
{
    Database::Statement query = m_database.statement(QStringLiteral(
        "INSERT INTO login_grants (token_hash, kind, family, grant_data, redirect_uri, code_challenge, "
        "expires_at, spent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    query->addBindValue(SqlValue::hex(row.tokenHash));
    query->addBindValue(kindName(row.kind));
    query->addBindValue(SqlValue::text(row.family));
    query->addBindValue(QString::fromUtf8(row.data));
    query->addBindValue(SqlValue::text(row.redirectUri));
    query->addBindValue(SqlValue::text(row.codeChallenge));
    query->addBindValue(SqlValue::time(row.expires));
    query->addBindValue(row.spent ? 1 : 0);
    if (!query->exec())
        return Database::storageError(tr("keep the code or token"), *query);
    return {};
}

Result<std::optional<LoginGrantRow>> LoginGrantRepository::find(const QByteArray &tokenHash,
                                                                LoginGrantRow::Kind kind) const
{
    Database::Statement query = m_database.statement(
        QStringLiteral("SELECT family, grant_data, redirect_uri, code_challenge, expires_at, spent FROM "
                       "login_grants WHERE token_hash = ? AND kind = ?"));
    query->addBindValue(SqlValue::hex(tokenHash));
    query->addBindValue(kindName(kind));
    if (!query->exec())
        return Database::storageError(tr("read the code or token"), *query);
    if (!query->next())
        return std::optional<LoginGrantRow>();
    LoginGrantRow row;
    row.tokenHash = tokenHash;
    row.kind = kind;
    row.family = query->value(0).toString();
    row.data = query->value(1).toString().toUtf8();
    row.redirectUri = query->value(2).toString();
    row.codeChallenge = query->value(3).toString();
    row.expires = SqlValue::timeFrom(query->value(4));
    row.spent = query->value(5).toInt() != 0;
    return std::optional<LoginGrantRow>(row);
}

Result<bool> LoginGrantRepository::spend(const QByteArray &tokenHash)
{
    Database::Statement query = m_database.statement(
        QStringLiteral("UPDATE login_grants SET spent = 1 WHERE token_hash = ? AND spent = 0"));
    query->addBindValue(SqlValue::hex(tokenHash));
    if (!query->exec())
        return Database::storageError(tr("use the code or token"), *query);
    return query->numRowsAffected() == 1;
}

Result<void> LoginGrantRepository::remove(const QByteArray &tokenHash)
{
    Database::Statement query
        = m_database.statement(QStringLiteral("DELETE FROM login_grants WHERE token_hash = ?"));
    query->addBindValue(SqlValue::hex(tokenHash));
    if (!query->exec())
        return Database::storageError(tr("remove the code or token"), *query);
    return {};
}

Result<void> LoginGrantRepository::removeFamily(const QString &family)
{
    Database::Statement query = m_database.statement(
        QStringLiteral("DELETE FROM login_grants WHERE family = ? AND kind = 'refresh'"));
    query->addBindValue(family);
    if (!query->exec())
        return Database::storageError(tr("revoke the refresh tokens"), *query);
    return {};
}

Result<int> LoginGrantRepository::removeExpired(const QDateTime &now)
{
    Database::Statement query
        = m_database.statement(QStringLiteral("DELETE FROM login_grants WHERE expires_at < ?"));
    query->addBindValue(SqlValue::time(now));
    if (!query->exec())
        return Database::storageError(tr("remove the expired codes and tokens"), *query);
    return query->numRowsAffected();
}
