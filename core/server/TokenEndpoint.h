#pragma once

#include "core/common/Result.h"
#include "core/model/Application.h"
#include "core/server/ServerReply.h"

#include <QObject>
#include <QThreadPool>

#include <functional>
#include <optional>

class ApplicationService;
class ClientGrantService;
struct Grant;
class GrantStore;
class LogStore;
class LoginEngine;
class ServerRequest;
class TokenIssuer;

/**
 * @brief POST /oauth/token: the authorization_code (PKCE), refresh_token (rotation and reuse detection)
 *        and client_credentials grants, with Auth0's error codes, logs and CORS.
 *
 * Bodies may be form-encoded or JSON. Every answer is `Cache-Control: no-store`; a browser's request gets
 * `Access-Control-Allow-Origin` only when its origin is an allowed web origin of the application. Each
 * exchange is logged: seacft/feacft, sertft/fertft, seccft/feccft, with the client, IP and user agent.
 * A confidential client authenticates with its secret (client_secret_post or client_secret_basic), read
 * from the secret store; single-page and native applications are public and use PKCE instead.
 */
class TokenEndpoint : public QObject
{
    Q_OBJECT

public:
    using Respond = std::function<void(ServerReply)>;

    TokenEndpoint(ApplicationService &applications,
                  GrantStore &grants,
                  const TokenIssuer &issuer,
                  LogStore &logs,
                  const LoginEngine &engine,
                  const ClientGrantService &clientGrants,
                  QObject *parent = nullptr);

    void token(const ServerRequest &request, const Respond &respond);
    /// The CORS preflight of a browser's token request.
    void preflight(const ServerRequest &request, const Respond &respond);

private:
    struct Exchange; // one request being answered

    void authorizationCode(const Exchange &exchange);
    void refreshToken(const Exchange &exchange);
    void clientCredentials(const Exchange &exchange);
    /// Checks the client secret of a confidential client, then calls @p then (public clients at once).
    void authenticate(const Exchange &exchange, const std::function<void()> &then);
    /// Issues the tokens of @p grant (signed on m_signers), then succeed() with @p logType.
    void issue(const Exchange &exchange,
               const Grant &grant,
               const std::optional<QString> &refreshFamily,
               const QString &logType);
    /// Logs the exchange's failure type with @p description and answers Auth0's error body.
    void fail(const Exchange &exchange, int status, const QString &error, const QString &description);
    /// The answer to a code or refresh token the store refused: invalid_grant, or 503 when it failed.
    void failGrant(const Exchange &exchange, const Error &error);
    void
    succeed(const Exchange &exchange, const QString &logType, const QJsonObject &body, const Grant &grant);
    void record(const Exchange &exchange,
                const QString &type,
                const QString &description,
                const Grant &grant) const;
    /// Sends @p reply, with CORS for an allowed web origin of the application.
    void answer(const Exchange &exchange, ServerReply reply) const;
    QByteArray allowedOrigin(const ServerRequest &request, const Application &application) const;

    ApplicationService &m_applications;
    GrantStore &m_grants;
    const TokenIssuer &m_issuer;
    LogStore &m_logs;
    const LoginEngine &m_engine; ///< for the clock, which a test may set after construction
    const ClientGrantService &m_clientGrants;
    /// The threads that sign (RS256 is most of an exchange). Its own pool, not the global one, so that its
    /// threads end with the endpoint, while OpenSSL still runs and frees their per-thread state; the global
    /// pool's threads may outlive OpenSSL's cleanup at exit.
    QThreadPool m_signers;
};
