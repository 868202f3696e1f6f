#include "MigrateCommand.h"

#include "app/authdeck-cli/CliOutput.h"
#include "core/settings/TenantSettings.h"
#include "core/store/Database.h"
#include "core/store/TenantCopier.h"

#include <QObject>

namespace MigrateCommand {

QString help()
{
    return QObject::tr(
        "  migrate-tenant  copy the tenant --from a file or postgresql:// URL --to a new file or an empty\n"
        "              PostgreSQL database, all or nothing. Secrets are never in the database and are\n"
        "              not copied: they stay in this machine's keyring under the tenant's id, which the\n"
        "              copy keeps, so here the copy finds them; on another machine enter them again\n"
        "              (client, integration and action secrets; the signing key and the login server's\n"
        "              CA are made anew)\n");
}

int migrateTenant(const QString &from, const QString &to)
{
    if (from.isEmpty() || to.isEmpty())
        return Cli::fail(QObject::tr("migrate-tenant needs --from <path|url> and --to <path|url>"),
                         Cli::Usage);
    auto copied = TenantCopier::copy(from, to);
    if (!copied)
        return Cli::fail(copied.error().message());
    qint64 total = 0;
    for (const TenantCopier::TableRows &table : copied.value().tables) {
        Cli::say(QObject::tr("%1 %2 rows").arg(table.table, -24).arg(table.rows, 8));
        total += table.rows;
    }
    // Opened as the tenant will be: the id read the way Tenant does.
    auto copy = Database::open(to);
    auto settings
        = copy ? TenantSettings::load(*copy.value()) : Result<std::unique_ptr<TenantSettings>>(copy.error());
    if (!settings)
        return Cli::fail(QObject::tr("The tenant was copied, but the copy cannot be read: %1")
                             .arg(settings.error().message()));
    Cli::say(QObject::tr("Copied %1 rows of %2 tables (schema %3) from %4 to %5.")
                 .arg(total)
                 .arg(copied.value().tables.size())
                 .arg(copied.value().schemaVersion)
                 .arg(from, copy.value()->path()));
    Cli::say(
        QObject::tr("Secrets were not copied: they are never in the database. They stay in this machine's "
                    "keyring under the tenant id %1, which the copy keeps, so on this machine the copy "
                    "finds them. On another machine enter the client, integration and action secrets "
                    "again; the token signing key and the login server's CA are made anew there.")
            .arg(settings.value()->tenantId()));
    return Cli::Ok;
}

} // namespace MigrateCommand
