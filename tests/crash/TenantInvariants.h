#pragma once

#include <QSet>
#include <QString>
#include <QStringList>

class Tenant;

/**
 * @brief What must hold in a tenant whatever moment its writer was killed at, as sentences for what does not.
 *
 * - The database is whole: SQLite's integrity_check and foreign_key_check (PostgreSQL has no such check).
 * - Flows bind only actions that exist, at positions 0, 1, 2…, and a custom action at a version it has.
 * - Each custom action's versions are numbered 1…n without gaps, and exactly one is deployed when it has any.
 * - No secret change is left in the journal once the recovery has run.
 * - The keyring and the records agree: each secret a record names is in the keyring, and each of the tenant's
 *   keys in the keyring is named by a record.
 */
namespace TenantInvariants {

/// Every broken invariant of @p tenant; @p keyringKeys are the keys of the tenant's secrets in the keyring.
QStringList broken(Tenant &tenant, const QSet<QString> &keyringKeys);

/// The secret keys the records of @p tenant name (client secrets, integrations' and actions' secrets).
QSet<QString> namedSecrets(Tenant &tenant);

} // namespace TenantInvariants
