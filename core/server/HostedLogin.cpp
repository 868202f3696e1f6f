#include "HostedLogin.h"

#include "core/common/Clock.h"
#include "core/common/Random.h"
#include "core/login/LoginEngine.h"
#include "core/model/LogEvent.h"
#include "core/server/GrantStore.h"
#include "core/server/PageTemplate.h"
#include "core/server/ServerRequest.h"
#include "core/server/SessionStore.h"
#include "core/settings/TenantSettings.h"

#include <QJsonDocument>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>

namespace {

const QString kBrowserCookie = QStringLiteral("authdeck_login");

QString param(const QString &name, const QString &value)
{
    return name + QLatin1Char('=') + QString::fromLatin1(QUrl::toPercentEncoding(value));
}

} // namespace

HostedLogin::HostedLogin(const ApplicationService &applications,
                         LoginEngine &engine,
                         const TenantSettings &settings,
                         SessionStore &sessions,
                         GrantStore &grants,
                         QObject *parent)
    : QObject(parent)
    , m_applications(applications)
    , m_engine(engine)
    , m_settings(settings)
    , m_sessions(sessions)
    , m_grants(grants)
{ }

HostedLogin::~HostedLogin() = default;

bool HostedLogin::secureCookies() const
{
    return m_settings.domain().startsWith(QLatin1String("https://"), Qt::CaseInsensitive);
}

void HostedLogin::clear()
{
    m_pending.clear();
}

void HostedLogin::prune()
{
    const QDateTime limit = m_engine.clock().now().addSecs(-60 * PendingLoginMinutes);
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        if (it->second.lastUsed < limit && !it->second.transaction->isBusy())
            it = m_pending.erase(it);
        else
            ++it;
    }
}

ServerReply HostedLogin::errorPage(int status, const QString &error, const QString &description) const
{
    auto body = PageTemplate::load(QStringLiteral("error"));
    auto layout = PageTemplate::load(QStringLiteral("layout"));
    if (!body || !layout)
        return ServerReply::error(status, error, description);
    const QVariantMap values {{QStringLiteral("errorCode"), error},
                              {QStringLiteral("errorDescription"), description},
                              {QStringLiteral("trackingId"), Random::alphanumeric(16)}};
    QVariantMap page {{QStringLiteral("title"), tr("Error")},
                      {QStringLiteral("tenantName"), m_settings.friendlyName()},
                      {QStringLiteral("body"), body.value().render(values)}};
    return ServerReply::page(layout.value().render(page), status);
}

ServerReply HostedLogin::toApplication(const AuthorizeRequest &request,
                                       const QList<QPair<QString, QString>> &fields) const
{
    QList<QPair<QString, QString>> all = fields;
    if (!request.state.isEmpty())
        all.append({QStringLiteral("state"), request.state});
    if (request.responseMode == QLatin1String("web_message")) {
        QJsonObject response;
        for (const auto &[name, value] : all)
            response.insert(name, value);
        const QJsonObject message {{QStringLiteral("type"), QStringLiteral("authorization_response")},
                                   {QStringLiteral("response"), response}};
        auto body = PageTemplate::load(QStringLiteral("web-message"));
        if (!body)
            return ServerReply::error(500, QStringLiteral("server_error"), body.error().message());
        const QVariantMap values {{QStringLiteral("responseJson"),
                                   QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact))},
                                  {QStringLiteral("targetOrigin"), request.targetOrigin()}};
        return ServerReply::page(body.value().render(values)).allowFramingBy(request.targetOrigin());
    }
    QStringList query;
    for (const auto &[name, value] : all)
        query.append(param(name, value));
    const QChar separator
        = request.redirectUri.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?');
    return ServerReply::redirect(request.redirectUri + separator + query.join(QLatin1Char('&')));
}

void HostedLogin::authorize(const ServerRequest &request, const Respond &respond)
{
    prune();
    const AuthorizeCheck check = AuthorizeCheck::run(request, m_applications);
    if (!check.ok()) {
        if (!check.redirectable())
            return respond(errorPage(400, check.error(), check.errorDescription()));
        return respond(toApplication(check.request(),
                                     {{QStringLiteral("error"), check.error()},
                                      {QStringLiteral("error_description"), check.errorDescription()}}));
    }
    const AuthorizeRequest &authorize = check.request();
    const QDateTime now = m_engine.clock().now();
    const auto session = m_sessions.find(request.cookie(QString::fromLatin1(SessionStore::CookieName)), now);

    LogEvent event;
    event.clientId = authorize.application.clientId;
    event.clientName = authorize.application.name;
    event.ip = request.ip();
    event.userAgent = request.userAgent();
    if (authorize.prompt == QLatin1String("none")) {
        if (!session) {
            event.type = QString(LogCodes::FailedSilentAuth);
            event.description = tr("Login required");
            discardResult(m_engine.logs().record(event),
                          "LogStore counts and announces a failed record itself");
            return respond(
                toApplication(authorize,
                              {{QStringLiteral("error"), QStringLiteral("login_required")},
                               {QStringLiteral("error_description"), QStringLiteral("Login required")}}));
        }
        Grant grant = session->claims;
        grant.clientId = authorize.application.clientId;
        grant.scope = authorize.scope;
        grant.audience = authorize.audience;
        grant.nonce = authorize.nonce;
        event.type = QString(LogCodes::SuccessfulSilentAuth);
        event.userId = grant.userId;
        event.userName = grant.profile.value(QLatin1String("email")).toString();
        discardResult(m_engine.logs().record(event), "LogStore counts and announces a failed record itself");
        const QString code = m_grants.issueCode(grant, authorize.redirectUri, authorize.codeChallenge, now);
        return respond(toApplication(authorize, {{QStringLiteral("code"), code}}));
    }

    if (m_pending.size() >= MaxPendingLogins) {
        // Many logins nobody finishes (a flood of /authorize): the least recently used goes first.
        auto oldest = std::min_element(m_pending.begin(), m_pending.end(), [](const auto &a, const auto &b) {
            return a.second.lastUsed < b.second.lastUsed;
        });
        m_pending.erase(oldest);
    }
    const QString id = Random::urlSafe(32);
    Pending &pending = m_pending[id];
    pending.request = authorize;
    pending.csrf = Random::urlSafe(32);
    pending.browserKey = Random::urlSafe(32);
    pending.lastUsed = now;
    LoginContext context {authorize.application.clientId,
                          authorize.application.name,
                          request.ip(),
                          request.userAgent(),
                          authorize.language};
    pending.transaction = std::make_unique<LoginTransaction>(m_engine, context);
    if (session && authorize.prompt != QLatin1String("login")) {
        pending.sessionId = session->id;
        pending.transaction->continueSession(session->userId);
    }
    ServerReply reply = ServerReply::redirect(QStringLiteral("/u/login?state=%1").arg(id));
    reply.cookie(kBrowserCookie + QLatin1Char('_') + id.left(12),
                 pending.browserKey,
                 60 * PendingLoginMinutes,
                 secureCookies(),
                 QStringLiteral("/u/"));
    respond(reply);
}

void HostedLogin::page(const ServerRequest &request, const Respond &respond)
{
    const QString id = request.param(QStringLiteral("state"));
    const auto it = m_pending.find(id);
    if (id.isEmpty() || it == m_pending.end())
        return respond(
            errorPage(400,
                      QStringLiteral("invalid_request"),
                      tr("This login has expired or does not exist. Go back to the application and "
                         "log in again.")));
    Pending &pending = it->second;
    if (request.cookie(kBrowserCookie + QLatin1Char('_') + id.left(12)) != pending.browserKey)
        return respond(errorPage(403,
                                 QStringLiteral("access_denied"),
                                 tr("This login was started in another browser. Go back to the application "
                                    "and log in again.")));
    pending.lastUsed = m_engine.clock().now();
    const bool post = request.method() == "POST";
    if (post) {
        if (request.param(QStringLiteral("csrf")) != pending.csrf)
            return respond(errorPage(403,
                                     QStringLiteral("invalid_request"),
                                     tr("The form could not be checked (its security token is missing or "
                                        "wrong). Reload the page and try again.")));
        if (pending.transaction->isBusy())
            return respond(
                errorPage(409,
                          QStringLiteral("invalid_request"),
                          tr("The previous step is still under way. Wait a moment and try again.")));
        submit(pending, request.path(), request);
    }
    route(id, request.path(), post, respond);
}

void HostedLogin::submit(Pending &pending, const QString &path, const ServerRequest &request)
{
    LoginTransaction &transaction = *pending.transaction;
    if (path == QLatin1String("/u/login")) {
        pending.email = request.param(QStringLiteral("username")).left(320);
        transaction.showLogin();
        transaction.logIn(pending.email, request.param(QStringLiteral("password")));
    } else if (path == QLatin1String("/u/signup")) {
        pending.email = request.param(QStringLiteral("email")).left(320);
        transaction.signUp(pending.email, request.param(QStringLiteral("password")));
    } else if (path == QLatin1String("/u/mfa-phone-enrollment")) {
        pending.region = request.param(QStringLiteral("country")).left(2).toUpper();
        pending.phone = request.param(QStringLiteral("phone")).left(40);
        transaction.enroll(pending.region, pending.phone);
    } else if (path == QLatin1String("/u/mfa-sms-challenge")) {
        // A refused resend says why on the page (transaction.error()); nothing else to do here.
        if (request.param(QStringLiteral("action")) == QLatin1String("resend"))
            static_cast<void>(transaction.resend());
        else
            transaction.verify(request.param(QStringLiteral("code")).left(16));
    }
}

QString HostedLogin::pagePath(LoginTransaction::State state) const
{
    switch (state) {
    case LoginTransaction::State::SignUp:
        return QStringLiteral("/u/signup");
    case LoginTransaction::State::Enroll:
        return QStringLiteral("/u/mfa-phone-enrollment");
    case LoginTransaction::State::Challenge:
        return QStringLiteral("/u/mfa-sms-challenge");
    default:
        return QStringLiteral("/u/login");
    }
}

void HostedLogin::whenIdle(const QString &id, const std::function<void()> &then, const Respond &respond)
{
    LoginTransaction *transaction = m_pending.at(id).transaction.get();
    if (!transaction->isBusy())
        return then();
    // One watcher per waiting request: whichever comes first, the transaction going idle or the time
    // limit, answers; the watcher goes with it (or with the transaction).
    auto *watcher = new QObject(transaction);
    auto *timer = new QTimer(watcher);
    timer->setSingleShot(true);
    // Queued: a transaction says it is no longer busy before it acts on the result (the password checked,
    // the Login flow done), and may become busy again (a flow, an SMS); look once it has settled.
    connect(
        transaction,
        &LoginTransaction::busyChanged,
        watcher,
        [this, watcher, transaction, then](bool) {
            if (transaction->isBusy() || watcher->property("answered").toBool())
                return;
            watcher->setProperty("answered", true);
            watcher->deleteLater();
            // Outside the watcher's own call: what follows may end the login, and the watcher with it.
            QTimer::singleShot(0, this, then);
        },
        Qt::QueuedConnection);
    connect(timer, &QTimer::timeout, watcher, [this, watcher, respond] {
        watcher->setProperty("answered", true);
        watcher->deleteLater();
        respond(errorPage(503,
                          QStringLiteral("temporarily_unavailable"),
                          tr("This step is taking too long. Wait a moment and reload the page.")));
    });
    timer->start(BusyTimeoutSecs * 1000);
}

void HostedLogin::route(const QString &id, const QString &path, bool fromPost, const Respond &respond)
{
    whenIdle(
        id,
        [this, id, path, fromPost, respond] {
            const auto it = m_pending.find(id);
            if (it == m_pending.end())
                return respond(
                    errorPage(400, QStringLiteral("invalid_request"), tr("This login has ended.")));
            Pending &pending = it->second;
            LoginTransaction &transaction = *pending.transaction;
            if (transaction.state() == LoginTransaction::State::Done
                || transaction.state() == LoginTransaction::State::Failed)
                return finish(id, respond);
            // The sign-up link and the way back only switch screens.
            // Sign-up is offered only while the tenant allows it.
            if (!fromPost && path == QLatin1String("/u/signup") && m_engine.users().signUpsEnabled())
                transaction.showSignUp();
            else if (!fromPost && path == QLatin1String("/u/login"))
                transaction.showLogin();
            const QString wanted = pagePath(transaction.state());
            if (fromPost || wanted != path)
                return respond(ServerReply::redirect(wanted + QStringLiteral("?state=") + id));
            respond(renderPage(id, pending, path));
        },
        respond);
}

void HostedLogin::finish(const QString &id, const Respond &respond)
{
    auto node = m_pending.extract(id);
    Pending &pending = node.mapped();
    const LoginTransaction &transaction = *pending.transaction;
    const AuthorizeRequest &authorize = pending.request;
    if (transaction.state() == LoginTransaction::State::Failed)
        return respond(toApplication(authorize,
                                     {{QStringLiteral("error"), QStringLiteral("access_denied")},
                                      {QStringLiteral("error_description"), transaction.error()}}));
    const QDateTime now = m_engine.clock().now();
    Grant grant;
    grant.clientId = authorize.application.clientId;
    grant.userId = transaction.userId();
    grant.scope = authorize.scope;
    grant.audience = authorize.audience;
    grant.nonce = authorize.nonce;
    grant.authTime = now;
    grant.profile = transaction.profile();
    grant.idTokenClaims = transaction.loginFlowOutcome().idTokenClaims;
    grant.accessTokenClaims = transaction.loginFlowOutcome().accessTokenClaims;
    QString sessionId = pending.sessionId;
    if (const auto session = sessionId.isEmpty() ? std::nullopt : m_sessions.find(sessionId, now)) {
        // Single sign-on: the password was entered when the session began.
        grant.authTime = session->authTime;
        m_sessions.update(sessionId, grant, now);
    } else {
        sessionId = m_sessions.create(grant, now).id;
    }
    grant.sessionId = sessionId;
    const QString code = m_grants.issueCode(grant, authorize.redirectUri, authorize.codeChallenge, now);
    ServerReply reply = toApplication(authorize, {{QStringLiteral("code"), code}});
    reply.cookie(QString::fromLatin1(SessionStore::CookieName),
                 sessionId,
                 SessionStore::AbsoluteDays * 86400,
                 secureCookies());
    reply.cookie(
        kBrowserCookie + QLatin1Char('_') + id.left(12), {}, 0, secureCookies(), QStringLiteral("/u/"));
    respond(reply);
}
