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
    const QStringList kept = list();
    QStringList locations = kept;
    locations.removeAll(location);
    locations.prepend(location);
    locations = locations.mid(0, kLimit);
    // Reopening the latest tenant changes nothing: the settings file is not written again at every start.
    if (locations != kept)
        QSettings().setValue(kKey, locations);
}

void clear()
{
    QSettings().remove(kKey);
}

} // namespace RecentTenants
