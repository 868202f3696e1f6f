#include "LoginServer.h"

#include "core/applications/ApplicationService.h"
#include "core/common/Clock.h"
#include "core/login/LoginEngine.h"
#include "core/server/GrantStore.h"
#include "core/server/HostedLogin.h"
#include "core/server/ManagementApi.h"
#include "core/server/ServerReply.h"
#include "core/server/ServerRequest.h"
#include "core/server/ServerServices.h"
#include "core/server/SessionStore.h"
#include "core/server/SigningKeyRing.h"
#include "core/server/TlsIdentityStore.h"
#include "core/server/TokenEndpoint.h"
#include "core/server/TokenIssuer.h"
#include "core/settings/TenantSettings.h"

#include <QAbstractHttpServer>
#include <QElapsedTimer>
#include <QFile>
#include <QHttpServerRequest>
#include <QPointer>
#include <QSaveFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

/// The HTTP side: hands every request to the LoginServer with a responder it may keep.
class HttpListener : public QAbstractHttpServer
{
public:
    explicit HttpListener(LoginServer &server)
        : m_server(server)
    { }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        // An answer leaves in several writes (status line, headers, body); without TCP_NODELAY the last
        // waits for the client's delayed ACK, 40 ms on Linux, on every request of a kept-alive connection.
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_server.accept(request, makeResponder(request, socket), socket);
        return true;
    }
    void missingHandler(const QHttpServerRequest &, QTcpSocket *) override { }

private:
    LoginServer &m_server;
};

struct LoginServer::Waiting
{
    QHttpServerResponder responder;
    QPointer<QTcpSocket> socket;
    QByteArray method;
    QString path;
    QElapsedTimer timer;
};

LoginServer::LoginServer(const ServerServices &services, QObject *parent)
    : QObject(parent)
    , m_applications(services.applications)
    , m_engine(services.engine)
    , m_settings(services.settings)
    , m_keys(std::make_unique<SigningKeyRing>(services.secrets, m_settings.tenantId()))
    , m_tls(std::make_unique<TlsIdentityStore>(services.secrets, m_settings.tenantId()))
    , m_grants(std::make_unique<GrantStore>(services.database))
    , m_sessions(std::make_unique<SessionStore>(services.database))
    , m_issuer(std::make_unique<TokenIssuer>(*m_keys, m_settings, *m_grants))
    , m_hosted(std::make_unique<HostedLogin>(
          services.database, m_applications, m_engine, m_settings, *m_sessions, *m_grants))
    , m_token(std::make_unique<TokenEndpoint>(
          m_applications, *m_grants, *m_issuer, m_engine.logs(), m_engine, services.clientGrants))
    , m_management(std::make_unique<ManagementApi>(services, *m_issuer))
    , m_pruneTimer(new QTimer(this))
{
    m_pruneTimer->setInterval(60 * 1000);
    connect(m_pruneTimer, &QTimer::timeout, this, [this] {
        const QDateTime now = m_engine.clock().now();
        m_grants->prune(now);
        m_sessions->prune(now);
        m_hosted->prune();
        m_engine.codes().prune();
        m_management->prune(now);
    });
    connect(m_keys.get(), &SigningKeyRing::loaded, this, [this](const QString &error) {
        if (m_state != State::Starting)
            return;
        if (!error.isEmpty())
            return setState(State::Failed, error);
        keysLoaded();
    });
    connect(m_tls.get(), &TlsIdentityStore::loaded, this, [this](const QString &error) {
        if (m_state != State::Starting)
            return;
        if (!error.isEmpty())
            return setState(State::Failed, error);
        listen();
    });
    // A blocked or removed user's sessions end at once.
    connect(&m_engine.users(), &UserStore::blockedChanged, this, [this](const QString &id, bool blocked) {
        if (blocked)
            m_sessions->endForUser(id);
    });
    connect(&m_engine.users(), &UserStore::userRemoved, this, [this](const QString &id) {
        m_sessions->endForUser(id);
    });
}

LoginServer::~LoginServer()
{
    stop();
}

void LoginServer::setState(State state, const QString &error)
{
    m_error = error;
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

QUrl LoginServer::url() const
{
    if (!m_listener)
        return {};
    QUrl url(m_settings.domain());
    url.setPort(m_port);
    url.setPath({});
    return url;
}

QString LoginServer::managementAudience() const
{
    return m_issuer->managementAudience();
}

void LoginServer::start(quint16 port)
{
    if (m_state == State::Running || m_state == State::Starting)
        return;
    m_portOverride = port;
    setState(State::Starting);
    if (m_keys->isLoaded())
        return keysLoaded();
    m_keys->load();
}

bool LoginServer::usesTls() const
{
    return QUrl(m_settings.domain()).scheme() == QLatin1String("https");
}

QByteArray LoginServer::caCertificatePem() const
{
    return m_listener && usesTls() && m_tls->identity() ? m_tls->identity()->caCertificatePem()
                                                        : QByteArray();
}

Result<void> LoginServer::writeCaCertificate(const QString &path) const
{
    const QByteArray pem = caCertificatePem();
    if (pem.isEmpty())
        return Error(Error::Kind::Invalid, tr("The login server is not running over HTTPS"));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(pem) != pem.size() || !file.commit())
        return Error(Error::Kind::Storage,
                     tr("The CA certificate could not be written to %1: %2").arg(path, file.errorString()));
    return {};
}

void LoginServer::keysLoaded()
{
    if (!usesTls())
        return listen();
    m_tls->load(QUrl(m_settings.domain()).host().toLower(), m_engine.clock().now());
}

void LoginServer::listen()
{
    const QUrl domain(m_settings.domain());
    const QString host = domain.host().toLower();
    const quint16 port = m_portOverride
        ? m_portOverride
        : quint16(domain.port(domain.scheme() == QLatin1String("https") ? 443 : 80));
    // localhost means the loopback interface only; another name or address is the admin's choice.
    const bool loopback = host == QLatin1String("localhost") || host == QLatin1String("127.0.0.1");
    m_address = loopback
        ? QHostAddress(QHostAddress::LocalHost)
        : (QHostAddress(host).isNull() ? QHostAddress(QHostAddress::Any) : QHostAddress(host));
    m_listener = std::make_unique<HttpListener>(*this);
    if (usesTls()) {
        const TlsIdentity &identity = *m_tls->identity();
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificateChain(
            QSslCertificate::fromData(identity.certificatePem() + identity.caCertificatePem()));
        tls.setPrivateKey(QSslKey(identity.privateKeyPem(), QSsl::Ec));
        tls.setProtocol(QSsl::SecureProtocols);
        m_listener->sslSetup(tls);
    }
    const quint16 bound = m_listener->listen(m_address, port);
    if (bound == 0) {
        const QList<QTcpServer *> servers = m_listener->servers();
        const QString reason = servers.isEmpty() ? QString() : servers.first()->errorString();
        m_listener.reset();
        return setState(State::Failed,
                        tr("The login server cannot listen on %1 port %2: %3")
                            .arg(m_address.toString())
                            .arg(port)
                            .arg(reason.isEmpty() ? tr("the port is in use") : reason));
    }
    m_port = bound;
    m_issuer->setBaseUrl(url().toString());
    m_pruneTimer->start();
    setState(State::Running);
}

void LoginServer::stop()
{
    if (m_state == State::Stopped)
        return;
    // Every request still waiting (a page waiting for a password hash or an SMS) gets an answer first,
    // while its connection is open; then the logins end and the connections close.
    while (!m_waiting.empty())
        answer(m_waiting.begin()->first,
               ServerReply::error(
                   503, QStringLiteral("temporarily_unavailable"), tr("The login server is stopping")));
    m_hosted->clear();
    m_pruneTimer->stop();
    m_listener.reset();
    m_issuer->setBaseUrl({});
    setState(State::Stopped);
}

void LoginServer::accept(const QHttpServerRequest &request,
                         QHttpServerResponder responder,
                         QTcpSocket *socket)
{
    const quint64 id = ++m_nextRequest;
    auto waiting
        = std::make_unique<Waiting>(Waiting {std::move(responder), socket, {}, request.url().path(), {}});
    waiting->timer.start();
    auto parsed = ServerRequest::parse(request);
    waiting->method = parsed ? parsed.value().method() : QByteArray("?");
    m_waiting.emplace(id, std::move(waiting));
    if (!parsed) {
        const bool tooLarge = request.body().size() > ServerRequest::MaxBodyBytes;
        return answer(id,
                      ServerReply::error(
                          tooLarge ? 413 : 400, QStringLiteral("invalid_request"), parsed.error().message()));
    }
    QPointer<LoginServer> self(this);
    handle(parsed.value(), [self, id](const ServerReply &reply) {
        if (self)
            self->answer(id, reply);
    });
}

void LoginServer::answer(quint64 id, const ServerReply &reply)
{
    auto node = m_waiting.extract(id);
    if (node.empty())
        return;
    Waiting &waiting = *node.mapped();
    if (waiting.socket && waiting.socket->isOpen())
        reply.send(waiting.responder);
    Q_EMIT requestServed(QStringLiteral("%1 %2 %3 %4 ms")
                             .arg(QString::fromLatin1(waiting.method), waiting.path)
                             .arg(reply.status)
                             .arg(double(waiting.timer.nsecsElapsed()) / 1e6, 0, 'f', 1));
}

void LoginServer::handle(const ServerRequest &request, const std::function<void(ServerReply)> &respond)
{
    const QString path = request.path();
    const QByteArray method = request.method();
    if (path == QLatin1String("/authorize") && method == "GET")
        return m_hosted->authorize(request, respond);
    if (path.startsWith(QLatin1String("/u/assets/")) && method == "GET")
        return respond(asset(path));
    if ((path == QLatin1String("/u/login") || path == QLatin1String("/u/signup")
         || path == QLatin1String("/u/mfa-phone-enrollment") || path == QLatin1String("/u/mfa-sms-challenge"))
        && (method == "GET" || method == "POST"))
        return m_hosted->page(request, respond);
    if (path == QLatin1String("/oauth/token")) {
        if (method == "POST")
            return m_token->token(request, respond);
        if (method == "OPTIONS")
            return m_token->preflight(request, respond);
    }
    if (path.startsWith(QLatin1String("/api/v2/")))
        return m_management->handle(request, respond);
    if (path == QLatin1String("/userinfo") && method == "GET")
        return userInfo(request, respond);
    if (path == QLatin1String("/v2/logout") && method == "GET")
        return logout(request, respond);
    if (path == QLatin1String("/.well-known/openid-configuration") && method == "GET")
        return respond(discovery());
    if (path == QLatin1String("/.well-known/jwks.json") && method == "GET")
        return respond(ServerReply::json(m_keys->jwks()).header("Access-Control-Allow-Origin", "*"));
    respond(ServerReply::error(
        404, QStringLiteral("not_found"), tr("Not found: %1 %2").arg(QString::fromLatin1(method), path)));
}

ServerReply LoginServer::asset(const QString &path) const
{
    static const QHash<QString, QByteArray> types {{QStringLiteral("css"), "text/css; charset=utf-8"},
                                                   {QStringLiteral("js"), "text/javascript; charset=utf-8"},
                                                   {QStringLiteral("svg"), "image/svg+xml"}};
    const QString name = path.mid(int(qstrlen("/u/assets/")));
    const QString suffix = name.section(QLatin1Char('.'), -1);
    QFile file(QStringLiteral(":/login/") + name);
    if (name.contains(QLatin1Char('/')) || !types.contains(suffix) || !file.open(QIODevice::ReadOnly))
        return ServerReply::error(404, QStringLiteral("not_found"), tr("No such asset"));
    return ServerReply::asset(file.readAll(), types.value(suffix));
}
