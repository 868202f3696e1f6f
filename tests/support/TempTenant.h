#pragma once

#include "core/secrets/MemorySecretStore.h"
#include "core/tenant/Tenant.h"

#include <QTemporaryDir>

#include <memory>

/**
 * @brief A tenant in a fresh temporary folder with an in-memory secret store, for one test.
 */
class TempTenant
{
public:
    TempTenant();

    /// False when the tenant could not be opened; error() says why.
    bool isValid() const { return m_tenant != nullptr; }
    QString error() const { return m_error; }

    Tenant &tenant() { return *m_tenant; }
    Tenant *operator->() { return m_tenant.get(); }
    MemorySecretStore &secrets() { return m_secrets; }
    QString path() const;
    QString folder() const { return m_dir.path(); }

    /// Closes the tenant (the file stays until this object goes).
    void close() { m_tenant.reset(); }
    /// Opens the same file again.
    bool reopen();

private:
    QTemporaryDir m_dir;
    MemorySecretStore m_secrets;
    std::unique_ptr<Tenant> m_tenant;
    QString m_error;
};
