#include "PostgresProbe.h"

#include "core/store/Database.h"
#include "core/store/PostgresAddress.h"
#include "core/store/SqlDialect.h"

#include <QAtomicInt>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace {

/// Opens, asks and closes one connection; removes it from Qt's list once every handle is gone.
class ProbeConnection
{
public:
    explicit ProbeConnection(const QString &driver)
    {
        static QAtomicInt counter;
        m_name = QStringLiteral("authdeck-probe-%1").arg(counter.fetchAndAddRelaxed(1));
        m_database = QSqlDatabase::addDatabase(driver, m_name);
    }
    ~ProbeConnection()
    {
        m_database.close();
        m_database = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    ProbeConnection(const ProbeConnection &) = delete;
    ProbeConnection &operator=(const ProbeConnection &) = delete;

    QSqlDatabase &database() { return m_database; }

    /// The first column of the first row of @p sql, or an invalid QVariant.
    QVariant value(const QString &sql)
    {
        QSqlQuery query(m_database);
        if (!query.exec(sql) || !query.next())
            return {};
        return query.value(0);
    }

private:
    QString m_name;
    QSqlDatabase m_database;
};

} // namespace

PostgresProbe::Outcome PostgresProbe::classify(const QString &reason)
{
    const auto has
        = [&reason](const char *words) { return reason.contains(QLatin1String(words), Qt::CaseInsensitive); };
    if (has("no password supplied"))
        return Outcome::PasswordNeeded;
    if (has("authentication failed") || has("role \"") || has("no pg_hba.conf entry"))
        return Outcome::AuthFailed;
    if (has("database \"") && has("does not exist"))
        return Outcome::DatabaseMissing;
    if (has("connection refused") || has("could not translate host name") || has("timeout expired")
        || has("no route to host") || has("network is unreachable") || has("could not connect"))
        return Outcome::Unreachable;
    return Outcome::Failed;
}

PostgresProbe::Report PostgresProbe::run(const QString &url, const QString &password)
{
    auto address = PostgresAddress::parse(url);
    if (!address)
        return {Outcome::Invalid, 0, address.error().message()};
    const PostgresAddress &where = address.value();
    const SqlDialect dialect(SqlDialect::Engine::Postgres);
    if (!QSqlDatabase::isDriverAvailable(dialect.driver()))
        return {
            Outcome::Failed,
            0,
            tr("Qt's PostgreSQL driver (QPSQL) is not installed (on Debian: the package libqt6sql6-psql).")};

    ProbeConnection connection(dialect.driver());
    where.configure(connection.database());
    QString options = where.connectOptions();
    if (!options.contains(QLatin1String("connect_timeout=")))
        options
            += (options.isEmpty() ? QString() : QStringLiteral(";")) + QStringLiteral("connect_timeout=5");
    connection.database().setConnectOptions(options);
    if (!password.isEmpty())
        connection.database().setPassword(password);
    const QString server = QStringLiteral("%1:%2").arg(where.host()).arg(where.port());
    if (!connection.database().open()) {
        const QSqlError error = connection.database().lastError();
        const QString reason = error.databaseText().isEmpty() ? error.text() : error.databaseText();
        switch (const Outcome outcome = classify(reason)) {
        case Outcome::Unreachable:
            return {outcome, 0, tr("No PostgreSQL server answered at %1: %2").arg(server, reason.trimmed())};
        case Outcome::PasswordNeeded:
            return {outcome, 0, tr("The server asks for a password for %1.").arg(where.user())};
        case Outcome::AuthFailed:
            return {outcome,
                    0,
                    tr("The server refused the user %1 (wrong password, or no access): %2")
                        .arg(where.user(), reason.trimmed())};
        case Outcome::DatabaseMissing:
            return {outcome,
                    0,
                    tr("The server has no database named %1. Create it first (CREATE DATABASE %1 TEMPLATE "
                       "template0 LOCALE 'C').")
                        .arg(where.databaseName())};
        default:
            return {outcome, 0, tr("The connection failed: %1").arg(reason.trimmed())};
        }
    }

    const QVariant tables = connection.value(dialect.tableCountQuery());
    if (!tables.isValid())
        return {Outcome::Failed, 0, tr("Connected, but the database's tables could not be listed.")};
    if (tables.toInt() == 0)
        return {Outcome::Empty, 0, tr("Connected. The database is empty: opening it makes it a new tenant.")};
    if (connection.value(dialect.migrationsColumnsQuery()).toInt() != 3)
        return {Outcome::NotTenant,
                0,
                tr("Connected, but the database holds other tables, not an Authdeck tenant. It would be "
                   "refused.")};
    const int version
        = connection.value(QStringLiteral("SELECT coalesce(max(version), 0) FROM schema_migrations")).toInt();
    if (version > Database::latestVersion())
        return {Outcome::Newer,
                version,
                tr("Connected, but the tenant was written by a newer Authdeck (schema %1; this version "
                   "knows up to %2).")
                    .arg(version)
                    .arg(Database::latestVersion())};
    return {
        Outcome::Tenant, version, tr("Connected to an Authdeck tenant (schema version %1).").arg(version)};
}
