#pragma once

#include "core/secrets/MemorySecretStore.h"
#include "core/store/Database.h"
#include "core/tenant/Tenant.h"
#include "tests/support/ScratchPostgres.h"
#include "tests/support/StoreEngine.h"

#include <QTemporaryDir>

#include <memory>

/**
 * @brief A tenant in a fresh temporary folder with an in-memory secret store, for one test.
 *
 * On the engine StoreEngine::postgres() the tenant lives in a ScratchPostgres database instead of a file.
 */
class TempTenant
{
public:
    /// A tenant on @p engine (by default the engine of the current global test row, see StoreEngine).
    explicit TempTenant(const QString &engine = StoreEngine::current());

    /// False when the tenant could not be opened; error() says why.
    bool isValid() const { return m_tenant != nullptr; }
    QString error() const { return m_error; }

    Tenant &tenant() { return *m_tenant; }
    Tenant *operator->() { return m_tenant.get(); }
    MemorySecretStore &secrets() { return m_secrets; }
    /// The tenant file, or the URL of its PostgreSQL database.
    QString path() const;
    QString folder() const { return m_dir.path(); }

    /// Closes the tenant (the file stays until this object goes).
    void close() { m_tenant.reset(); }
    /// Opens the same file (or database) again.
    bool reopen();
    /**
     * @brief Another connection to the tenant's database, as a second login server or admin has (nullptr with
     *        a warning when it cannot be opened).
     */
    std::unique_ptr<Database> secondConnection() const;

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ScratchPostgres> m_postgres;
    MemorySecretStore m_secrets;
    std::unique_ptr<Tenant> m_tenant;
    QString m_error;
};
