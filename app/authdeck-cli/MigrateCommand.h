#pragma once

#include <QString>

/// authdeck-cli migrate-tenant: a tenant copied into an empty database or a new file
/// (core/store/TenantCopier).
namespace MigrateCommand {

/// What --help says of the command and of its secrets.
QString help();

/// Copies the tenant at @p from into @p to, all or nothing; prints the rows of each table and where the
/// tenant's secrets are.
int migrateTenant(const QString &from, const QString &to);

} // namespace MigrateCommand
