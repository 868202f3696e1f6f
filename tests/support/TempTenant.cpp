#include "TempTenant.h"

#include "core/login/PasswordHasher.h"
#include "core/login/UserStore.h"

TempTenant::TempTenant(const QString &engine)
{
    if (engine == StoreEngine::postgres()) {
        m_postgres = std::make_unique<ScratchPostgres>();
        if (!m_postgres->isValid()) {
            m_error = m_postgres->error();
            return;
        }
    }
    reopen();
}

QString TempTenant::path() const
{
    return m_postgres ? m_postgres->url() : m_dir.filePath(QStringLiteral("tenant.authdeck"));
}

bool TempTenant::reopen()
{
    m_tenant.reset();
    auto opened = Tenant::open(path(), m_secrets);
    if (!opened) {
        m_error = opened.error().message();
        return false;
    }
    m_tenant = opened.takeValue();
    // Argon2id at libsodium's smallest limits: the suites test the logic, not the hash's cost.
    m_tenant->users().setPasswordHasher(PasswordHasher::minimal());
    return true;
}

std::unique_ptr<Database> TempTenant::secondConnection() const
{
    auto opened = Database::open(path());
    if (!opened) {
        qWarning("%s", qPrintable(opened.error().message()));
        return {};
    }
    return opened.takeValue();
}
