#pragma once

#include "core/common/Result.h"

#include <QJsonObject>
#include <QStringList>

class Tenant;

/**
 * @brief The tenant as Auth0 Deploy CLI's assets: what `a0deploy export` writes for the resource types
 *        TenantFiles::resourceTypes(), read through the tenant's services.
 *
 * Records are sorted by name and carry the fields deploy-cli writes, never a secret: clients without
 * client_id and client_secret; custom actions with their draft code, dependencies, runtime, trigger,
 * whether the draft is deployed, and their secrets' names only; marketplace integrations (Plivo) are left
 * out as deploy-cli leaves them out, but the flows that bind them name them. Triggers list only the flows
 * with bindings; the Guardian types say what Security > Multi-factor Auth holds.
 */
namespace TenantExporter {

/// Auth0's Guardian factor names, in the order GET guardian/factors lists them.
const QStringList &guardianFactorNames();

/// The assets of @p tenant; a Storage error when a service cannot be read.
Result<QJsonObject> collect(Tenant &tenant);

} // namespace TenantExporter
