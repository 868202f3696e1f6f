#pragma once

#include "core/secrets/SecretStore.h"

#include <QHash>

/**
 * @brief Secrets held in this process only: the test double, and the fallback when no keyring answers.
 */
class MemorySecretStore : public SecretStore
{
    Q_OBJECT

public:
    using SecretStore::SecretStore;

    SecretJob *read(const QString &key) override;
    SecretJob *write(const QString &key, const QByteArray &value) override;
    SecretJob *remove(const QString &key) override;

    bool isPersistent() const override { return false; }
    QString backendName() const override;

    /// How many secrets are held (for tests).
    int count() const { return m_values.size(); }
    /// Whether a value is stored under @p key (for tests).
    bool contains(const QString &key) const { return m_values.contains(key); }

private:
    QHash<QString, QByteArray> m_values;
};
