#pragma once

#include <QDateTime>
#include <QHash>
#include <QMetaType>
#include <QString>
#include <QStringList>

/**
 * @brief An integration installed in the tenant: a catalog entry with the admin's values.
 *
 * Secret values are not part of it: they live in the secret store, under
 * IntegrationService::secretKey(); the tenant only records which secrets were set.
 */
struct Integration
{
    QString id; ///< a UUID, without braces
    QString catalogId; ///< the CatalogEntry it was installed from, e.g. "plivo"
    QString name; ///< the catalog entry's name at install time
    QString trigger; ///< e.g. "send-phone-message"
    /// The non-secret inputs by key, e.g. PLIVO_NUMBER in E.164.
    QHash<QString, QString> configuration;
    /// The keys of the secrets stored, sorted; never their values.
    QStringList secretsSet;
    /// Send through the local test phone instead of Plivo ("Use the local test phone (no Plivo account)").
    bool useSandbox = false;
    QDateTime createdAt;
    QDateTime updatedAt;
    /// Bumped by every save; a save based on an older revision is refused as a conflict.
    int revision = 0;
};

Q_DECLARE_METATYPE(Integration)
