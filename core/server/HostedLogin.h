#pragma once

#include "core/login/LoginTransaction.h"
#include "core/server/AuthorizeRequest.h"
#include "core/server/PendingLogin.h"
#include "core/server/ServerReply.h"
#include "core/store/PendingLoginRepository.h"

#include <QObject>

#include <functional>
#include <map>
#include <memory>

class ApplicationService;
class Database;
class GrantStore;
class LoginEngine;
class ServerRequest;
class SessionStore;
class TenantSettings;

/**
 * @brief /authorize and the hosted login pages under /u/: one LoginTransaction per login, the same
 *        engine as the Try window, so both show the same screens, texts and limits by construction.
 *
 * /authorize checks the request (AuthorizeCheck), then either answers a silent authentication
 * (prompt=none) from the browser's session, or starts a pending login and sends the browser to the page
 * of its transaction's state. Each page posts back to itself with a CSRF token; the login is also bound to
 * the browser that started it by a cookie. When the transaction is Done, the browser's session is made (or
 * renewed), a single-use code is issued and the browser goes back to the application (a redirect, or the
 * web_message page); when it Failed, the application gets access_denied.
 *
 * Between two pages a login lives in the tenant's database (PendingLogin), not in this process: any login
 * server of the tenant serves its next page. A step (a form posted) first claims the login there, so that two
 * servers never run one login's step; a server that dies mid-step leaves a claim that runs out after
 * BusyTimeoutSecs, and the login goes on from its last page on another server.
 */
class HostedLogin : public QObject
{
    Q_OBJECT

public:
    using Respond = std::function<void(ServerReply)>;

    /// How long a login may sit unused before it is forgotten.
    static constexpr int PendingLoginMinutes = 30;
    /// Beyond this many waiting logins, prune() forgets the least recently used (kept off /authorize's path,
    /// which would otherwise count them at each request).
    static constexpr int MaxPendingLogins = 10000;
    /// How long a page waits for a busy transaction (a password hash, an SMS), and how long a server's claim
    /// on a login's step lasts.
    static constexpr int BusyTimeoutSecs = 30;

    HostedLogin(Database &database,
                const ApplicationService &applications,
                LoginEngine &engine,
                const TenantSettings &settings,
                SessionStore &sessions,
                GrantStore &grants,
                QObject *parent = nullptr);
    ~HostedLogin() override;

    void authorize(const ServerRequest &request, const Respond &respond);
    /// GET and POST of /u/login, /u/signup, /u/mfa-phone-enrollment and /u/mfa-sms-challenge.
    void page(const ServerRequest &request, const Respond &respond);
    /// Drops the steps under way in this process and lets their logins go (the server stops).
    void clear();
    /// Forgets the logins unused for PendingLoginMinutes, and the oldest beyond MaxPendingLogins.
    void prune();

    /// An error page with Auth0's error code and description.
    ServerReply errorPage(int status, const QString &error, const QString &description) const;
    bool secureCookies() const;

private:
    /// A step under way in this process: the transaction working, and the version of its claimed row.
    struct Working
    {
        std::unique_ptr<LoginTransaction> transaction;
        int version = 0;
    };
    using Settled = std::function<void(PendingLogin &, LoginTransaction &)>;

    /// Waits for @p transaction to settle, writes @p login with it (the row is claimed at login.version),
    /// then calls @p then; a failed write answers an error page.
    void settle(PendingLogin login,
                std::unique_ptr<LoginTransaction> transaction,
                const Respond &respond,
                const Settled &then);
    void whenIdle(LoginTransaction *transaction, const std::function<void()> &then, const Respond &respond);
    /// Sends the browser where @p login's transaction stands.
    void route(PendingLogin &login,
               LoginTransaction &transaction,
               const ServerRequest &request,
               bool fromPost,
               const Respond &respond);
    void finish(PendingLogin &login,
                const LoginTransaction &transaction,
                const ServerRequest &request,
                const Respond &respond);
    void submit(PendingLogin &login, LoginTransaction &transaction, const ServerRequest &request);
    /// The answer to the application: a redirect to its callback or the web_message page.
    ServerReply toApplication(const AuthorizeRequest &request,
                              const QList<QPair<QString, QString>> &fields) const;
    ServerReply
    renderPage(const PendingLogin &login, const LoginTransaction &transaction, const QString &path) const;
    QString pagePath(LoginTransaction::State state) const;
    ServerReply unavailable(const Error &error) const;
    ServerReply stepUnderWay() const;

    const ApplicationService &m_applications;
    LoginEngine &m_engine;
    const TenantSettings &m_settings;
    SessionStore &m_sessions;
    GrantStore &m_grants;
    PendingLoginRepository m_logins;
    std::map<QString, Working> m_working; ///< by login id
};
