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

namespace {

/// The cookie that binds the login @p id to the browser that started it.
QString browserCookie(const QString &id)
{
    return QStringLiteral("authdeck_login_") + id.left(12);
}

} // namespace

HostedLogin::HostedLogin(Database &database,
                         const ApplicationService &applications,
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
    , m_logins(database)
{ }

HostedLogin::~HostedLogin() = default;

bool HostedLogin::secureCookies() const
{
    return m_settings.domain().startsWith(QLatin1String("https://"), Qt::CaseInsensitive);
}

void HostedLogin::clear()
{
    // The steps under way here end with the server: their logins go on from their last page elsewhere.
    for (const auto &[id, working] : m_working)
        discardResult(m_logins.release(id, working.version), "a claim not let go runs out by itself");
    m_working.clear();
}

void HostedLogin::prune()
{
    const QDateTime now = m_engine.clock().now();
    discardResult(m_logins.removeUnused(now.addSecs(-60 * PendingLoginMinutes), now),
                  "what is not pruned now is pruned a minute later");
    // Many logins nobody finishes (a flood of /authorize): beyond the cap, the least recently used go.
    discardResult(m_logins.removeBeyond(MaxPendingLogins), "what is not pruned now is pruned a minute later");
    // A step whose page gave up waiting (BusyTimeoutSecs) and that has settled since: nobody waits for it.
    for (auto it = m_working.begin(); it != m_working.end();) {
        if (it->second.transaction->isBusy()) {
            ++it;
            continue;
        }
        discardResult(m_logins.release(it->first, it->second.version),
                      "a claim not let go runs out by itself");
        it = m_working.erase(it);
    }
}

ServerReply HostedLogin::unavailable(const Error &error) const
{
    // The reason is for the admin (the server's output), not for whoever is logging in.
    qWarning("Hosted login: %s", qPrintable(error.message()));
    return errorPage(503,
                     QStringLiteral("temporarily_unavailable"),
                     tr("The login could not be read or saved. Wait a moment and try again."));
}

ServerReply HostedLogin::stepUnderWay() const
{
    return errorPage(409,
                     QStringLiteral("invalid_request"),
                     tr("The previous step is still under way. Wait a moment and try again."));
}

void HostedLogin::authorize(const ServerRequest &request, const Respond &respond)
{
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
        auto code = m_grants.issueCode(grant, authorize.redirectUri, authorize.codeChallenge, now);
        if (!code)
            return respond(unavailable(code.error()));
        event.type = QString(LogCodes::SuccessfulSilentAuth);
        event.userId = grant.userId;
        event.userName = grant.profile.value(QLatin1String("email")).toString();
        discardResult(m_engine.logs().record(event), "LogStore counts and announces a failed record itself");
        return respond(toApplication(authorize, {{QStringLiteral("code"), code.value()}}));
    }

    PendingLogin login;
    login.id = Random::urlSafe(32);
    login.request = authorize;
    login.csrf = Random::urlSafe(32);
    const QString browserKey = Random::urlSafe(32);
    login.browserKeyHash = GrantStore::hash(browserKey);
    LoginContext context {authorize.application.clientId,
                          authorize.application.name,
                          request.ip(),
                          request.userAgent(),
                          authorize.language};
    auto transaction = std::make_unique<LoginTransaction>(m_engine, context);
    // Saved before any step, so that the login starts at its first page wherever the step ends.
    login.transaction = transaction->saved();
    if (session && authorize.prompt != QLatin1String("login")) {
        login.sessionHash = GrantStore::hash(session->id);
        transaction->continueSession(session->userId);
    }
    ServerReply reply = ServerReply::redirect(QStringLiteral("/u/login?state=%1").arg(login.id));
    reply.cookie(browserCookie(login.id),
                 browserKey,
                 60 * PendingLoginMinutes,
                 secureCookies(),
                 QStringLiteral("/u/"));
    const bool busy = transaction->isBusy();
    if (!busy)
        login.transaction = transaction->saved();
    const PendingLoginRow row {
        login.id, 0, busy ? now.addSecs(BusyTimeoutSecs) : QDateTime(), now, login.toJson()};
    if (auto kept = m_logins.insert(row); !kept)
        return respond(unavailable(kept.error()));
    if (!busy)
        return respond(reply);
    settle(std::move(login),
           std::move(transaction),
           respond,
           [respond, reply](PendingLogin &, LoginTransaction &) { respond(reply); });
}

void HostedLogin::page(const ServerRequest &request, const Respond &respond)
{
    const QString id = request.param(QStringLiteral("state"));
    auto row = id.isEmpty() ? Result<std::optional<PendingLoginRow>>(std::nullopt) : m_logins.find(id);
    if (!row)
        return respond(unavailable(row.error()));
    if (!row.value())
        return respond(
            errorPage(400,
                      QStringLiteral("invalid_request"),
                      tr("This login has expired or does not exist. Go back to the application and "
                         "log in again.")));
    auto login = PendingLogin::fromJson(id, row.value()->version, row.value()->data, m_applications);
    if (!login)
        return respond(errorPage(400, QStringLiteral("invalid_request"), login.error().message()));
    if (GrantStore::hash(request.cookie(browserCookie(id))) != login.value().browserKeyHash)
        return respond(errorPage(403,
                                 QStringLiteral("access_denied"),
                                 tr("This login was started in another browser. Go back to the application "
                                    "and log in again.")));
    const QDateTime now = m_engine.clock().now();
    const bool post = request.method() == "POST";
    if (post && request.param(QStringLiteral("csrf")) != login.value().csrf)
        return respond(errorPage(403,
                                 QStringLiteral("invalid_request"),
                                 tr("The form could not be checked (its security token is missing or "
                                    "wrong). Reload the page and try again.")));
    if (row.value()->claimedUntil.isValid() && now < row.value()->claimedUntil)
        return respond(stepUnderWay());
    auto transaction = LoginTransaction::restore(m_engine, login.value().transaction);
    if (!transaction)
        return respond(errorPage(400, QStringLiteral("invalid_request"), transaction.error().message()));
    if (!post)
        return route(login.value(), *transaction.value(), request, false, respond);

    auto claimed = m_logins.claim(id, login.value().version, now, now.addSecs(BusyTimeoutSecs));
    if (!claimed)
        return respond(unavailable(claimed.error()));
    if (!claimed.value())
        return respond(stepUnderWay());
    PendingLogin taken = login.takeValue();
    ++taken.version;
    submit(taken, *transaction.value(), request);
    settle(std::move(taken),
           transaction.takeValue(),
           respond,
           [this, request, respond](PendingLogin &settled, LoginTransaction &stepped) {
               route(settled, stepped, request, true, respond);
           });
}

void HostedLogin::settle(PendingLogin login,
                         std::unique_ptr<LoginTransaction> transaction,
                         const Respond &respond,
                         const Settled &then)
{
    const QString id = login.id;
    LoginTransaction *stepping = transaction.get();
    m_working[id] = Working {std::move(transaction), login.version};
    whenIdle(
        stepping,
        [this, id, login, respond, then]() mutable {
            const auto found = m_working.find(id);
            if (found == m_working.end())
                return respond(
                    errorPage(400, QStringLiteral("invalid_request"), tr("This login has ended.")));
            const std::unique_ptr<LoginTransaction> settled = std::move(found->second.transaction);
            m_working.erase(found);
            login.transaction = settled->saved();
            auto saved = m_logins.save(id, login.version, login.toJson(), m_engine.clock().now());
            if (!saved)
                return respond(unavailable(saved.error()));
            if (!saved.value())
                return respond(stepUnderWay());
            ++login.version;
            then(login, *settled);
        },
        respond);
}

void HostedLogin::submit(PendingLogin &pending, LoginTransaction &transaction, const ServerRequest &request)
{
    const QString path = request.path();
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

void HostedLogin::whenIdle(LoginTransaction *transaction,
                           const std::function<void()> &then,
                           const Respond &respond)
{
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

void HostedLogin::route(PendingLogin &login,
                        LoginTransaction &transaction,
                        const ServerRequest &request,
                        bool fromPost,
                        const Respond &respond)
{
    if (transaction.state() == LoginTransaction::State::Done
        || transaction.state() == LoginTransaction::State::Failed)
        return finish(login, transaction, request, respond);
    // The sign-up link and the way back only switch screens (nothing to save: each page asks again).
    // Sign-up is offered only while the tenant allows it.
    const QString path = request.path();
    if (!fromPost && path == QLatin1String("/u/signup") && m_engine.users().signUpsEnabled())
        transaction.showSignUp();
    else if (!fromPost && path == QLatin1String("/u/login"))
        transaction.showLogin();
    const QString wanted = pagePath(transaction.state());
    if (fromPost || wanted != path)
        return respond(ServerReply::redirect(wanted + QStringLiteral("?state=") + login.id));
    respond(renderPage(login, transaction, path));
}

void HostedLogin::finish(PendingLogin &login,
                         const LoginTransaction &transaction,
                         const ServerRequest &request,
                         const Respond &respond)
{
    // Ending the login's row is what makes this server the one that answers it.
    auto ended = m_logins.remove(login.id, login.version);
    if (!ended)
        return respond(unavailable(ended.error()));
    if (!ended.value())
        return respond(errorPage(400, QStringLiteral("invalid_request"), tr("This login has ended.")));
    const AuthorizeRequest &authorize = login.request;
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
    // The session this login continued, if the browser still holds it.
    const QString cookie = request.cookie(QString::fromLatin1(SessionStore::CookieName));
    const bool continues = !login.sessionHash.isEmpty() && GrantStore::hash(cookie) == login.sessionHash;
    QString sessionId;
    if (const auto session = continues ? m_sessions.find(cookie, now) : std::nullopt) {
        // Single sign-on: the password was entered when the session began.
        grant.authTime = session->authTime;
        if (auto updated = m_sessions.update(session->id, grant, now); !updated)
            return respond(unavailable(updated.error()));
        sessionId = session->id;
    } else {
        auto created = m_sessions.create(grant, now);
        if (!created)
            return respond(unavailable(created.error()));
        sessionId = created.value().id;
    }
    grant.sid = SessionStore::sidOf(sessionId);
    auto code = m_grants.issueCode(grant, authorize.redirectUri, authorize.codeChallenge, now);
    if (!code)
        return respond(unavailable(code.error()));
    ServerReply reply = toApplication(authorize, {{QStringLiteral("code"), code.value()}});
    reply.cookie(QString::fromLatin1(SessionStore::CookieName),
                 sessionId,
                 SessionStore::AbsoluteDays * 86400,
                 secureCookies());
    reply.cookie(browserCookie(login.id), {}, 0, secureCookies(), QStringLiteral("/u/"));
    respond(reply);
}
