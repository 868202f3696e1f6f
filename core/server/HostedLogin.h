#pragma once

#include "core/login/LoginTransaction.h"
#include "core/server/AuthorizeRequest.h"
#include "core/server/ServerReply.h"

#include <QDateTime>
#include <QObject>

#include <functional>
#include <map>
#include <memory>

class ApplicationService;
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
 * of its transaction's state. Each page posts back to itself with a CSRF token; the transaction is also
 * bound to the browser that started it by a cookie. When the transaction is Done, the browser's session
 * is made (or renewed), a single-use code is issued and the browser goes back to the application (a
 * redirect, or the web_message page); when it Failed, the application gets access_denied.
 */
class HostedLogin : public QObject
{
    Q_OBJECT

public:
    using Respond = std::function<void(ServerReply)>;

    /// How long a login may sit unused before it is forgotten.
    static constexpr int PendingLoginMinutes = 30;
    /// At most this many logins wait at once; a new one beyond it replaces the least recently used.
    static constexpr std::size_t MaxPendingLogins = 10000;
    /// How long a page waits for a busy transaction (a password hash, an SMS) before giving up.
    static constexpr int BusyTimeoutSecs = 30;

    HostedLogin(const ApplicationService &applications,
                LoginEngine &engine,
                const TenantSettings &settings,
                SessionStore &sessions,
                GrantStore &grants,
                QObject *parent = nullptr);
    ~HostedLogin() override;

    void authorize(const ServerRequest &request, const Respond &respond);
    /// GET and POST of /u/login, /u/signup, /u/mfa-phone-enrollment and /u/mfa-sms-challenge.
    void page(const ServerRequest &request, const Respond &respond);
    /// Ends every pending login (the server stops).
    void clear();
    /// Forgets the logins unused for PendingLoginMinutes.
    void prune();
    int pendingCount() const { return int(m_pending.size()); }

    /// An error page with Auth0's error code and description.
    ServerReply errorPage(int status, const QString &error, const QString &description) const;
    bool secureCookies() const;

private:
    struct Pending
    {
        AuthorizeRequest request;
        std::unique_ptr<LoginTransaction> transaction;
        QString csrf;
        QString browserKey; ///< the value of the cookie that binds the login to its browser
        QString sessionId; ///< the session this login continues, if any
        QString email; ///< what was last typed, to fill the form again
        QString phone;
        QString region = QStringLiteral("US");
        QDateTime lastUsed;
    };

    /// Sends the browser where @p id's transaction stands, once it is not busy.
    void route(const QString &id, const QString &path, bool fromPost, const Respond &respond);
    void whenIdle(const QString &id, const std::function<void()> &then, const Respond &respond);
    void finish(const QString &id, const Respond &respond);
    void submit(Pending &pending, const QString &path, const ServerRequest &request);
    /// The answer to the application: a redirect to its callback or the web_message page.
    ServerReply toApplication(const AuthorizeRequest &request,
                              const QList<QPair<QString, QString>> &fields) const;
    ServerReply renderPage(const QString &id, const Pending &pending, const QString &path) const;
    QString pagePath(LoginTransaction::State state) const;

    const ApplicationService &m_applications;
    LoginEngine &m_engine;
    const TenantSettings &m_settings;
    SessionStore &m_sessions;
    GrantStore &m_grants;
    std::map<QString, Pending> m_pending;
};
