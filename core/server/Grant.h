#pragma once

#include <QByteArray>
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
    /// The ID token's sid: names the browser session the login made without being its cookie's value (a hash
    /// of it), so that a stored grant never holds a session; empty for client_credentials.
    QString sid;
    QDateTime authTime; ///< when the user last entered a password (or passed MFA)
    QJsonObject profile; ///< the user's claims for the ID token (Auth0's profile shape)
    QJsonObject idTokenClaims; ///< custom claims the Login flow's actions set
    QJsonObject accessTokenClaims;

    bool hasScope(const QString &name) const { return scope.split(QLatin1Char(' ')).contains(name); }

    /// The grant as compact JSON, as the login servers keep it in the tenant's database.
    QByteArray toJson() const;
    /// The grant of toJson()'s @p json; an empty grant when it is not one.
    static Grant fromJson(const QByteArray &json);
};
