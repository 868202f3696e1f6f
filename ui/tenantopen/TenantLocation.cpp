#include "TenantLocation.h"

#include "core/store/PostgresAddress.h"

#include <QCoreApplication>
#include <QDir>

namespace TenantLocation {

QString describe(const QString &location)
{
    if (PostgresAddress::isUrl(location)) {
        auto address = PostgresAddress::parse(location);
        if (!address)
            return location;
        const PostgresAddress &where = address.value();
        const QString server = where.port() == 5432
            ? where.host()
            : QStringLiteral("%1:%2").arg(where.host()).arg(where.port());
        return QCoreApplication::translate("TenantLocation", "%1/%2 (PostgreSQL)")
            .arg(server, where.databaseName());
    }
    const QString home = QDir::homePath() + QLatin1Char('/');
    const QString path = QDir::fromNativeSeparators(location);
    return QDir::toNativeSeparators(path.startsWith(home) ? QStringLiteral("~/") + path.mid(home.size())
                                                          : path);
}

} // namespace TenantLocation
