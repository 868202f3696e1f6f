#pragma once

#include "core/exchange/ImportPlan.h"
#include "core/exchange/TenantFiles.h"
#include "tests/support/TempTenant.h"

#include <QJsonObject>
#include <QTemporaryDir>

/**
 * @brief The demo tenant (DemoSeeder: the SPA, Plivo in sandbox mode bound in Send Phone Message, the
 *        Phone Message factor on, policy Always) and a folder to write tenant files into, for the import and
 *        export suites.
 */
class ExchangeFixture
{
public:
    /// Seeds the demo; its error, empty on success.
    QString seed();
    Tenant &tenant() { return m_tenant.tenant(); }
    TempTenant &temp() { return m_tenant; }

    /// The tenant's assets (TenantExporter::collect); an empty object when they cannot be read.
    QJsonObject exported();
    /// Writes @p document in @p format into a new folder; that folder, or empty on a failure.
    QString write(const QJsonObject &document, TenantFiles::Format format = TenantFiles::Format::Yaml);
    /// Reads the folder @p path and plans its import into the tenant.
    Result<ImportPlan> plan(const QString &path, const ImportPlan::Options &options = {});

private:
    TempTenant m_tenant;
    QTemporaryDir m_files;
    int m_written = 0;
};
