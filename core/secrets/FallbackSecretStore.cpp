#include "FallbackSecretStore.h"

FallbackSecretStore::FallbackSecretStore(SecretStore *primary, QObject *parent)
    : SecretStore(parent)
    , m_primary(primary)
    , m_memory(new MemorySecretStore(this))
{
    m_primary->setParent(this);
}

SecretStore *FallbackSecretStore::active() const
{
    return m_memoryOnly ? static_cast<SecretStore *>(m_memory) : m_primary;
}

SecretJob *FallbackSecretStore::read(const QString &key)
{
    return active()->read(key);
}

SecretJob *FallbackSecretStore::write(const QString &key, const QByteArray &value)
{
    return active()->write(key, value);
}

SecretJob *FallbackSecretStore::remove(const QString &key)
{
    return active()->remove(key);
}

bool FallbackSecretStore::isPersistent() const
{
    return active()->isPersistent();
}

QString FallbackSecretStore::backendName() const
{
    return active()->backendName();
}

void FallbackSecretStore::switchToMemory()
{
    if (m_memoryOnly)
        return;
    m_memoryOnly = true;
    Q_EMIT backendChanged();
}
