#pragma once

#include "core/model/ApplicationType.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>

/**
 * @brief An application (an Auth0 "client") as stored in the tenant. The client secret is not part of
 *        it: it lives in the secret store.
 */
struct Application
{
    QString clientId;
    QString name;
    QString description;
    ApplicationType type = ApplicationType::SinglePage;
    QString technology; ///< the quickstart technology chosen at creation (SPA), may be empty
    QStringList callbacks;
    QStringList logoutUrls;
    QStringList webOrigins;
    QStringList grantTypes;
    QString tokenEndpointAuthMethod;
    QDateTime createdAt;
    QDateTime updatedAt;
    /// Bumped by every save; a save based on an older revision is refused as a conflict.
    int revision = 0;

    const ApplicationTypeInfo &typeInfo() const { return ApplicationTypeInfo::of(type); }
};

/// The few fields the applications list shows.
struct ApplicationSummary
{
    QString clientId;
    QString name;
    ApplicationType type = ApplicationType::SinglePage;
};

Q_DECLARE_METATYPE(Application)
Q_DECLARE_METATYPE(ApplicationSummary)
