#pragma once

#include "core/secrets/SecretJob.h"

#include <QObject>

/**
 * @brief Where secrets live: client secrets, provider tokens, action secrets, signing keys.
 *
 * Secrets never go to the tenant database, logs or exports; only to an implementation of this
 * interface. Every call returns a SecretJob at once and never blocks the caller.
 */
class SecretStore : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    virtual SecretJob *read(const QString &key) = 0;
    virtual SecretJob *write(const QString &key, const QByteArray &value) = 0;
    virtual SecretJob *remove(const QString &key) = 0;

    /// Whether secrets outlive this run of Authdeck.
    virtual bool isPersistent() const = 0;
    /// Where secrets are kept, in words ("System keyring", "Memory, for this run only").
    virtual QString backendName() const = 0;

    /**
     * @brief Checks that the store answers: writes, reads back and removes a probe entry.
     *
     * The job succeeds when the round trip works; otherwise its errorString() says why, in words
     * an admin can act on.
     */
    SecretJob *probe();

    /// The key of an application's client secret in tenant @p tenantId.
    static QString clientSecretKey(const QString &tenantId, const QString &clientId);
    /// The key of the password the admin chose to remember for the PostgreSQL tenant at @p url (a URL as
    /// PostgresAddress::url() spells it).
    static QString postgresPasswordKey(const QString &url);
};
