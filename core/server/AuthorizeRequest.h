#pragma once

#include "core/model/Application.h"

#include <QString>
#include <QStringList>

class ApplicationService;
class ServerRequest;

/// A checked /authorize request: the application it is for and the parameters the login will honour.
struct AuthorizeRequest
{
    Application application;
    QString redirectUri;
    QString responseMode; ///< "query" or "web_message"
    QString state;
    QString nonce;
    QString scope; ///< always contains openid
    QString audience;
    QString prompt; ///< "", "none" or "login"
    QString codeChallenge; ///< S256; empty when the application may go without (confidential clients)
    QString language = QStringLiteral("en");

    /// The origin the web_message response is posted to.
    QString targetOrigin() const;
    bool wantsRefreshToken() const;
};

/**
 * @brief Checks an /authorize request as Auth0 does, in Auth0's order and words.
 *
 * Until the client and its callback are known good, an error is shown on an error page and never sent
 * anywhere (redirectable() is false): an unknown client, a missing or not allowed redirect_uri, or a
 * web_message response to an origin that is not an allowed web origin. Later errors go back to the
 * application, with the request's state (unsupported_response_type, invalid_request for PKCE or a
 * malformed parameter).
 */
class AuthorizeCheck
{
public:
    static AuthorizeCheck run(const ServerRequest &request, const ApplicationService &applications);

    bool ok() const { return m_error.isEmpty(); }
    bool redirectable() const { return m_redirectable; }
    const AuthorizeRequest &request() const { return m_request; }
    QString error() const { return m_error; }
    QString errorDescription() const { return m_description; }

private:
    AuthorizeCheck &fail(const QString &error, const QString &description, bool redirectable);

    AuthorizeRequest m_request;
    QString m_error;
    QString m_description;
    bool m_redirectable = false;
};
