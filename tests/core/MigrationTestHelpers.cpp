#include "MigrationTestHelpers.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace MigrationTest {

QByteArray sha256Of(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

/// Creates a plain SQLite file (not through Database) and runs @p statements in it.
QString createSqliteFile(const QString &path, const QStringList &statements)
{
    const QString connection = QStringLiteral("fixture-%1").arg(QFileInfo(path).fileName());
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        if (!db.open()) {
            error = db.lastError().text();
        } else {
            for (const QString &statement : statements) {
                QSqlQuery query(db);
                if (!query.exec(statement)) {
                    error = statement + QStringLiteral(": ") + query.lastError().text();
                    break;
                }
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return error;
}

/// Runs @p sql on @p database; returns the error text, empty on success.
QString exec(Database &database, const QString &sql)
{
    QSqlQuery query = database.prepare(sql);
    return query.exec() ? QString() : query.lastError().text();
}

/// The first column of the first row of @p sql.
QVariant scalar(Database &database, const QString &sql)
{
    QSqlQuery query = database.prepare(sql);
    if (!query.exec() || !query.next())
        return {};
    return query.value(0);
}

/// The tables of @p database, without SQLite's own and without schema_migrations.
QStringList userTables(Database &database)
{
    QSqlQuery query = database.prepare(
        database.dialect().engine() == SqlDialect::Engine::Sqlite
            ? QStringLiteral(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name != 'schema_migrations' ORDER BY name")
            : QStringLiteral("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                             "current_schema() AND table_name != 'schema_migrations' ORDER BY table_name"));
    QStringList names;
    if (!query.exec())
        return {QStringLiteral("<query failed: %1>").arg(query.lastError().text())};
    while (query.next())
        names.append(query.value(0).toString());
    return names;
}

QList<int> recordedVersions(Database &database)
{
    QSqlQuery query
        = database.prepare(QStringLiteral("SELECT version FROM schema_migrations ORDER BY version"));
    QList<int> versions;
    if (!query.exec())
        return {-1};
    while (query.next())
        versions.append(query.value(0).toInt());
    return versions;
}

/// The built-in migrations; none (so that the test fails on them) when they cannot be read.
QList<Migration> builtin()
{
    const Result<QList<Migration>> &migrations = Migration::builtin();
    if (!migrations)
        qWarning() << migrations.error().message();
    return migrations ? migrations.value() : QList<Migration>();
}

/// The built-in migrations before version @p version.
QList<Migration> builtinBefore(int version)
{
    QList<Migration> before;
    for (const Migration &migration : builtin()) {
        if (migration.version < version)
            before.append(migration);
    }
    return before;
}

QList<int> versionsOf(const QList<Migration> &migrations)
{
    QList<int> versions;
    for (const Migration &migration : migrations)
        versions.append(migration.version);
    return versions;
}

QStringList builtinTables(bool sqlite)
{
    QStringList tables {QStringLiteral("applications"),
                        QStringLiteral("client_grants"),
                        QStringLiteral("custom_action_versions"),
                        QStringLiteral("custom_actions"),
                        QStringLiteral("execution_results"),
                        QStringLiteral("executions"),
                        QStringLiteral("flow_bindings"),
                        QStringLiteral("integrations"),
                        QStringLiteral("login_grants"),
                        QStringLiteral("login_sessions"),
                        QStringLiteral("login_settings"),
                        QStringLiteral("logs"),
                        QStringLiteral("mfa_phone_factor"),
                        QStringLiteral("mfa_policies"),
                        QStringLiteral("otp_codes"),
                        QStringLiteral("otp_sends"),
                        QStringLiteral("pending_logins"),
                        QStringLiteral("rate_buckets"),
                        QStringLiteral("secret_journal"),
                        QStringLiteral("sms_messages"),
                        QStringLiteral("tenant_settings"),
                        QStringLiteral("users")};
    if (sqlite) {
        tables << QStringLiteral("users_search") << QStringLiteral("users_search_config")
               << QStringLiteral("users_search_content") << QStringLiteral("users_search_data")
               << QStringLiteral("users_search_docsize") << QStringLiteral("users_search_idx");
    }
    return tables;
}

} // namespace MigrationTest
