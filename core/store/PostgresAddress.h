#pragma once

#include "core/common/Result.h"

#include <QCoreApplication>
#include <QString>

class QSqlDatabase;

/**
 * @brief Where a tenant on PostgreSQL lives: a postgresql://user@host:port/dbname URL, parsed.
 *
 * postgres:// is accepted too. The query may set sslmode, sslrootcert, connect_timeout and
 * application_name, which become QPSQL connect options. A URL never carries a password: libpq reads it
 * from PGPASSWORD or ~/.pgpass, so that no password ends up in a tenant list or in the settings.
 */
class PostgresAddress
{
    Q_DECLARE_TR_FUNCTIONS(PostgresAddress)

public:
    /// Whether @p location names a PostgreSQL database (postgresql:// or postgres://) rather than a file.
    static bool isUrl(const QString &location);

    /**
     * @brief Parses @p url.
     * @return the address, or an Invalid error naming what is wrong (scheme, host, port, database name,
     *         a password in the URL, an unknown or bad query parameter)
     */
    static Result<PostgresAddress> parse(const QString &url);

    QString host() const { return m_host; }
    int port() const { return m_port; }
    QString user() const { return m_user; }
    QString databaseName() const { return m_databaseName; }
    /// The QPSQL connect options ("sslmode=require;connect_timeout=5"), '' for none.
    QString connectOptions() const { return m_connectOptions; }

    /// The URL to show and to open again: postgresql://user@host:port/dbname?query.
    QString url() const { return m_url; }

    /// Points @p database (a QPSQL connection not yet open) at this address.
    void configure(QSqlDatabase &database) const;

private:
    QString m_host;
    int m_port = 5432;
    QString m_user;
    QString m_databaseName;
    QString m_connectOptions;
    QString m_url;
};
