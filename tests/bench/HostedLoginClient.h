#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QString>
#include <QUrl>

#include <array>
#include <functional>
#include <optional>

/**
 * @brief A browser without a display doing whole logins through a tenant's hosted pages, each step timed as
 *        the client sees it (for the login server benchmarks).
 *
 * One QNetworkAccessManager: redirects are not followed by Qt but, like a browser, between hosted pages (each
 * such extra round trip counted in hops), cookies kept until forgetCookies(). Each request waits in a local
 * event loop (a benchmark client has nothing else to do meanwhile; never done in the GUI). A client lives in
 * one thread; several clients in several threads log in at once.
 */
class HostedLoginClient
{
public:
    enum Step
    {
        Authorize,
        LoginPage,
        Password,
        ChallengePage,
        ReadCode,
        Code,
        Token,
        StepCount,
    };
    static constexpr std::array<const char *, StepCount> kStepNames {"GET /authorize",
                                                                     "GET /u/login",
                                                                     "POST /u/login (password)",
                                                                     "GET challenge page (SMS, + redirects)",
                                                                     "read the code from the sandbox",
                                                                     "POST the code (+ redirects)",
                                                                     "POST /oauth/token"};

    /// What one login took.
    struct Login
    {
        std::array<double, StepCount> stepMs {};
        /// Redirects from a hosted page to another hosted page that did not show the next step at once.
        int hops = 0;
    };

    /// One answer, as the client saw it.
    struct Answer
    {
        QString url; ///< the path and query asked for
        int status = 0;
        QByteArray body;
        QString location;
    };

    /// The latest code sent to @p phone (E.164), '' when none.
    using CodeReader = std::function<QString(const QString &phone)>;

    explicit HostedLoginClient(const QUrl &base);

    /// A new browser profile: no cookies (the open connections stay).
    void forgetCookies();
    /// Sends the requests to @p base from now on (another login server of the tenant).
    void setBase(const QUrl &base);

    /**
     * @brief One whole login of @p email (whose phone is @p phone, enrolled on the way when the server asks
     *        for a second factor) for the application @p clientId; false (with the reason on stderr) when a
     *        step did not answer as it should. Without a second factor, its steps take no time.
     */
    bool logIn(const QString &clientId,
               const QString &email,
               const QString &password,
               const QString &phone,
               const CodeReader &readCode,
               Login &login);

    static QByteArray formOf(const QList<QPair<QString, QString>> &fields);
    static QString csrfOf(const QByteArray &page);
    /// Prints @p what's median, p95 and minimum of @p values (milliseconds).
    static void report(const char *what, QList<double> values);

private:
    /// From the page the password sent the browser to (@p location): the SMS challenge (after enrolling
    /// @p phone on a first login) up to the redirect to the application; nullopt (with the reason on stderr)
    /// when a step did not answer as it should.
    std::optional<Answer>
    passSecondFactor(const QString &location, const QString &phone, const CodeReader &readCode, Login &login);
    Answer get(const QString &pathAndQuery) { return send("GET", pathAndQuery, {}); }
    Answer post(const QString &pathAndQuery, const QByteArray &form)
    {
        return send("POST", pathAndQuery, form);
    }
    Answer send(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body);
    /// GETs @p path and follows the redirects that stay on the hosted pages (/u/...), counting them in @p
    /// hops.
    Answer open(const QString &path, int &hops);

    QNetworkAccessManager m_network;
    QString m_base;
};
