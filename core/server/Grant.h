#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

/// What one successful login granted an application: carried by its code, then by its tokens.
struct Grant
{
    QString clientId;
    QString userId; ///< empty for a client_credentials grant
    QString scope; ///< space-separated, as granted
    QString audience; ///< empty when none was asked for
    QString nonce; ///< the authorize request's, for the ID token
    QString sessionId; ///< the browser session the login made; empty for refreshes of ended sessions
    QDateTime authTime; ///< when the user last entered a password (or passed MFA)
    QJsonObject profile; ///< the user's claims for the ID token (Auth0's profile shape)
    QJsonObject idTokenClaims; ///< custom claims the Login flow's actions set
    QJsonObject accessTokenClaims;

    bool hasScope(const QString &name) const { return scope.split(QLatin1Char(' ')).contains(name); }
};
