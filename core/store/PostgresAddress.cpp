#include "PostgresAddress.h"

#include <QSqlDatabase>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

namespace {

const QStringList kSslModes {QStringLiteral("disable"),
                             QStringLiteral("allow"),
                             QStringLiteral("prefer"),
                             QStringLiteral("require"),
                             QStringLiteral("verify-ca"),
                             QStringLiteral("verify-full")};

} // namespace

bool PostgresAddress::isUrl(const QString &location)
{
    return location.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive)
        || location.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive);
}

Result<PostgresAddress> PostgresAddress::parse(const QString &url)
{
    const QUrl parsed(url, QUrl::StrictMode);
    // Named without its password or query, which may hold one: error messages get shown and logged.
    const QString shown = parsed.isValid() ? parsed.toString(QUrl::RemovePassword | QUrl::RemoveQuery) : url;
    const auto invalid = [&shown](const QString &why) {
        return Error(Error::Kind::Invalid,
                     PostgresAddress::tr("The PostgreSQL address %1 cannot be used: %2").arg(shown, why));
    };
    if (!isUrl(url))
        return invalid(PostgresAddress::tr("it must start with postgresql:// or postgres://."));
    if (!parsed.isValid())
        return invalid(parsed.errorString());
    if (!parsed.password().isEmpty())
        return invalid(PostgresAddress::tr("it holds a password. Leave the password out of the address; "
                                           "put it in ~/.pgpass or PGPASSWORD instead."));
    if (!parsed.fragment().isEmpty())
        return invalid(PostgresAddress::tr("it has a fragment (#%1).").arg(parsed.fragment()));

    PostgresAddress address;
    address.m_host = parsed.host();
    if (address.m_host.isEmpty())
        return invalid(PostgresAddress::tr("it names no host (postgresql://user@host:port/dbname)."));
    address.m_port = parsed.port(5432);
    if (address.m_port < 1 || address.m_port > 65535)
        return invalid(PostgresAddress::tr("the port must be a number from 1 to 65535."));
    address.m_user = parsed.userName();
    if (address.m_user.isEmpty())
        return invalid(PostgresAddress::tr("it names no user (postgresql://user@host:port/dbname)."));
    address.m_databaseName = parsed.path().mid(1);
    if (address.m_databaseName.isEmpty() || address.m_databaseName.contains(QLatin1Char('/')))
        return invalid(PostgresAddress::tr("it must name one database after the host (…/dbname)."));

    QStringList options;
    const QUrlQuery query(parsed);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1String("sslmode")) {
            if (!kSslModes.contains(value))
                return invalid(PostgresAddress::tr("sslmode must be one of %1, not \"%2\".")
                                   .arg(kSslModes.join(QStringLiteral(", ")), value));
        } else if (key == QLatin1String("connect_timeout")) {
            bool number = false;
            if (value.toUInt(&number), !number)
                return invalid(PostgresAddress::tr("connect_timeout must be a number of seconds."));
        } else if (key != QLatin1String("sslrootcert") && key != QLatin1String("application_name")) {
            return invalid(PostgresAddress::tr("the parameter \"%1\" is not known (known: sslmode, "
                                               "sslrootcert, connect_timeout, application_name).")
                               .arg(key));
        }
        if (value.contains(QLatin1Char(';')) || value.contains(QLatin1Char(' '))
            || value.contains(QLatin1Char('\'')) || value.contains(QLatin1Char('\\')))
            return invalid(
                PostgresAddress::tr("the value of %1 may not hold spaces, quotes, ';' or '\\'.").arg(key));
        options.append(key + QLatin1Char('=') + value);
    }
    address.m_connectOptions = options.join(QLatin1Char(';'));

    QUrl canonical;
    canonical.setScheme(QStringLiteral("postgresql"));
    canonical.setUserName(address.m_user);
    canonical.setHost(address.m_host);
    canonical.setPort(address.m_port);
    canonical.setPath(QLatin1Char('/') + address.m_databaseName);
    if (!query.isEmpty())
        canonical.setQuery(query);
    address.m_url = canonical.toString();
    return address;
}

void PostgresAddress::configure(QSqlDatabase &database) const
{
    database.setHostName(m_host);
    database.setPort(m_port);
    database.setUserName(m_user);
    database.setDatabaseName(m_databaseName);
    database.setConnectOptions(m_connectOptions);
}
