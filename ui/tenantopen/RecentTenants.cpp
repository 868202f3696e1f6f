#include "RecentTenants.h"

#include "core/store/PostgresAddress.h"

#include <QFileInfo>
#include <QSettings>

namespace {

const QString kKey = QStringLiteral("tenants/recent");

} // namespace

namespace RecentTenants {

QStringList list()
{
    QSettings settings;
    const QStringList stored = settings.value(kKey).toStringList();
    QStringList kept;
    for (const QString &location : stored) {
        if (PostgresAddress::isUrl(location) || QFileInfo(location).isFile())
            kept.append(location);
    }
    if (kept != stored)
        settings.setValue(kKey, kept);
    return kept;
}

void add(const QString &location)
{
    QStringList locations = list();
    locations.removeAll(location);
    locations.prepend(location);
    QSettings().setValue(kKey, locations.mid(0, kLimit));
}

void clear()
{
    QSettings().remove(kKey);
}

} // namespace RecentTenants
