#pragma once

#include "core/tenant/SecretRecovery.h"
#include "core/tenant/Tenant.h"
#include "tests/support/TempTenant.h"
#include "tests/support/UnreliableKeyring.h"

#include <memory>

/**
 * @brief A tenant over an UnreliableKeyring, reopened as after a crash, for the suites that cut changes of
 *        secrets short (tst_secretrecovery, tst_importsecrets).
 */
class KeyringFaultFixture
{
protected:
    /// Makes the tenant and opens it over a fresh keyring; false (with a warning) when it cannot.
    bool openFresh();
    void closeAll();
    /// Opens the tenant over m_keyring; false (with a warning) when it cannot.
    bool open();
    /// What a crash does: the writing process is gone. Closes the tenant, brings the keyring back, reopens it
    /// and waits for the recovery; returns its notices.
    QList<SecretRecovery::Notice> reopenAfterCrash();
    QList<SecretRecovery::Notice> waitForRecovery();
    /// The rows in the tenant's secret journal, or -1 when they cannot be counted.
    int journalRows();

    std::unique_ptr<TempTenant> m_temp;
    std::unique_ptr<UnreliableKeyring> m_keyring;
    std::unique_ptr<Tenant> m_tenant;
};
