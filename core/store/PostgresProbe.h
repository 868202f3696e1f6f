#pragma once

#include <QCoreApplication>
#include <QString>

/**
 * @brief Tries a PostgreSQL tenant address without opening the tenant: can Authdeck reach the server, log
 *        in, and find a tenant (or an empty database it would set up) there?
 *
 * run() blocks for as long as the connection takes (at most connect_timeout seconds, 5 unless the URL says
 * otherwise) and uses a connection of its own, so that it may run on a worker thread (QtConcurrent). It
 * writes nothing.
 */
class PostgresProbe
{
    Q_DECLARE_TR_FUNCTIONS(PostgresProbe)

public:
    enum class Outcome
    {
        Tenant, ///< an Authdeck tenant this version can open; schemaVersion says which
        Empty, ///< an empty database: opening it makes it a new tenant
        NotTenant, ///< a database with other tables: opening it is refused
        Newer, ///< a tenant written by a newer Authdeck
        Unreachable, ///< no server answered at the host and port (refused, unknown host, timeout)
        PasswordNeeded, ///< the server asks for a password and none was given
        AuthFailed, ///< the server refused the user or the password
        DatabaseMissing, ///< the server has no database of that name
        Invalid, ///< the address itself is wrong
        Failed, ///< something else; the message says what
    };

    struct Report
    {
        Outcome outcome = Outcome::Failed;
        int schemaVersion = 0;
        QString message; ///< what to tell the admin, never with the password
    };

    /// Connects to @p url with @p password (empty: libpq's PGPASSWORD or ~/.pgpass) and reports.
    static Report run(const QString &url, const QString &password = {});

    /// What a failed connection's message from libpq (@p reason) means.
    static Outcome classify(const QString &reason);
};
