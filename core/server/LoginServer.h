#pragma once

#include "core/common/Result.h"

#include <QHostAddress>
#include <QHttpServerResponder>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <map>
#include <memory>

class ApplicationService;
class ClientGrantService;
class ManagementApi;
struct Application;
class GrantStore;
class HostedLogin;
class HttpListener;
class LoginEngine;
class QHttpServerRequest;
class QTcpSocket;
class QTimer;
class SecretStore;
class ServerReply;
class ServerRequest;
class SessionStore;
struct ServerServices;
class SigningKeyRing;
class TenantSettings;
class TlsIdentityStore;
class TokenEndpoint;
class TokenIssuer;

/**
 * @brief The tenant's login server: OpenID Connect for real applications (auth0-spa-js, auth0-react), on
 *        the address of the tenant's domain.
 *
 * Serves /authorize and the hosted login pages (HostedLogin), /oauth/token (TokenEndpoint), the Management
 * API under /api/v2/ (ManagementApi), /userinfo, /v2/logout, /.well-known/openid-configuration and
 * /.well-known/jwks.json. start() loads the signing keys (created on first use, kept in the secret store) and
 * listens on the domain's host and port (loopback unless the domain names another host); a busy port is an
 * error naming it. An https:// domain is served over TLS with the tenant's own certificate
 * (TlsIdentityStore), whose CA the clients are given (caCertificatePem(), e.g. as Node's
 * NODE_EXTRA_CA_CERTS): Auth0's own tools reach a tenant over https only. stop() answers every request still
 * waiting, lets go of the steps under way and closes the connections. Pending logins, sessions, codes,
 * tokens and rate limits live in the tenant's database (hashed where they are credentials), so that several
 * servers on one tenant (PostgreSQL) serve one login between them, and a restart loses none of them.
 */
class LoginServer : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Stopped,
        Starting, ///< loading the signing keys (and for an https:// domain the TLS certificate)
        Running,
        Failed, ///< see errorString()
    };
    Q_ENUM(State)

    explicit LoginServer(const ServerServices &services, QObject *parent = nullptr);
    ~LoginServer() override;

    /// Starts listening; @p port overrides the domain's port for this run (0: the domain's).
    void start(quint16 port = 0);
    void stop();
    State state() const { return m_state; }
    /// Why the last start failed; empty otherwise.
    QString errorString() const { return m_error; }
    /// Where the server listens while running, e.g. http://localhost:4000
    QUrl url() const;
    /// Whether the domain is https://, so that the server speaks TLS.
    bool usesTls() const;
    /// The PEM of the CA that signed the server's TLS certificate, once running over TLS; empty otherwise.
    QByteArray caCertificatePem() const;
    /// Writes caCertificatePem() to @p path whole or not at all, for clients to trust (NODE_EXTRA_CA_CERTS).
    [[nodiscard]] Result<void> writeCaCertificate(const QString &path) const;
    SigningKeyRing &signingKeys() { return *m_keys; }
    /// The identifier of the tenant's Management API (the address it answers on, followed by /api/v2/).
    QString managementAudience() const;
    /**
     * @brief The /authorize address that starts a login for @p application, as its SDK would build it:
     *        its first callback URL, a fresh state and nonce, and a PKCE S256 challenge (the login ends on
     *        the application's callback with a code, to show the whole round). Empty when the server is not
     *        running or the application has no callback URL.
     */
    QUrl loginPageUrl(const Application &application) const;

    /// Handles one parsed request (also the entry point of the server's tests and benchmarks).
    void handle(const ServerRequest &request, const std::function<void(ServerReply)> &respond);

Q_SIGNALS:
    void stateChanged(LoginServer::State state);
    /// One line per answered request: "GET /authorize 302 1.2 ms" (no query: it holds codes and states).
    void requestServed(const QString &line);

private:
    friend class HttpListener;
    void setState(State state, const QString &error = {});
    /// The signing keys are loaded: loads the TLS certificate when the domain asks for it, then listens.
    void keysLoaded();
    void listen();
    void accept(const QHttpServerRequest &request, QHttpServerResponder responder, QTcpSocket *socket);
    void answer(quint64 id, const ServerReply &reply);
    void userInfo(const ServerRequest &request, const std::function<void(ServerReply)> &respond);
    void logout(const ServerRequest &request, const std::function<void(ServerReply)> &respond);
    ServerReply discovery() const;
    ServerReply asset(const QString &path) const;

    ApplicationService &m_applications;
    LoginEngine &m_engine;
    TenantSettings &m_settings;
    std::unique_ptr<SigningKeyRing> m_keys;
    std::unique_ptr<TlsIdentityStore> m_tls;
    std::unique_ptr<GrantStore> m_grants;
    std::unique_ptr<SessionStore> m_sessions;
    std::unique_ptr<TokenIssuer> m_issuer;
    std::unique_ptr<HostedLogin> m_hosted;
    std::unique_ptr<TokenEndpoint> m_token;
    std::unique_ptr<ManagementApi> m_management;
    std::unique_ptr<HttpListener> m_listener;
    struct Waiting;
    std::map<quint64, std::unique_ptr<Waiting>> m_waiting; ///< requests not answered yet
    quint64 m_nextRequest = 0;
    State m_state = State::Stopped;
    QString m_error;
    QHostAddress m_address;
    quint16 m_port = 0;
    quint16 m_portOverride = 0;
    QTimer *m_pruneTimer; ///< forgets expired codes, tokens, sessions and logins every minute
};
