#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>

/// A client grant: a machine-to-machine application's authorization to call an API with some scopes.
struct ClientGrant
{
    QString id; ///< "cgr_…"
    QString clientId;
    QString audience; ///< the API's identifier, e.g. http://localhost:4000/api/v2/
    QStringList scopes; ///< e.g. read:clients
    QDateTime createdAt;
};

Q_DECLARE_METATYPE(ClientGrant)
