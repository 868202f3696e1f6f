// bench_login_server: whole browserless logins per second through the login server, over real HTTP on
// loopback, in one process.
//
// The tenant is the demo story (DemoSeeder: the React SPA with http://localhost:3000, Plivo in sandbox mode,
// the Send Phone Message flow, Phone Message on, policy Always) with one more user whose password is hashed
// with PasswordHasher::minimal(); a first login enrolls its phone. Each measured login is a fresh browser (an
// empty cookie jar, the connections kept) doing what a browser does:
//   GET /authorize (PKCE S256) -> GET /u/login -> POST the password (answered once the hash is checked) ->
//   GET the challenge page (answered once the code has gone through the flow to the local test phone) -> the
//   code read from the sandbox -> POST the code (302 to the callback with the code) -> POST /oauth/token (a
//   200 with an id_token).
// Like a browser it follows the redirects between hosted pages; a redirect to a page that only redirects
// again is counted and printed (one such round trip is part of the step that follows it).
// Prints logins per second (logins / the loop's wall time) and each step's median, p95 and minimum as the
// client saw it. The client is a QNetworkAccessManager in the same process (its HTTP runs on Qt's own
// network thread). The engine's clock is a FakeClock moved an hour before each login, so that the hourly SMS
// limit never ends the run. Options: --logins N (default 300), --warmup N (default 20).

#include "core/applications/ApplicationService.h"
#include "core/common/Clock.h"
#include "core/delivery/SmsGateway.h"
#include "core/login/PasswordHasher.h"
#include "core/login/UserStore.h"
#include "core/plivo/PlivoSandbox.h"
#include "core/secrets/MemorySecretStore.h"
#include "core/server/LoginServer.h"
#include "core/tenant/DemoSeeder.h"
#include "core/tenant/Tenant.h"
#include "tests/bench/BenchTenant.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkCookieJar>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>

namespace {

constexpr auto kEmail = "bench@example.com";
constexpr auto kPassword = "correct horse battery";
constexpr auto kCallback = "http://localhost:3000";
/// RFC 7636's example verifier and its S256 challenge.
constexpr auto kVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
constexpr auto kChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

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

constexpr std::array<const char *, StepCount> kStepNames {"GET /authorize",
                                                          "GET /u/login",
                                                          "POST /u/login (password)",
                                                          "GET challenge page (SMS, + redirects)",
                                                          "read the code from the sandbox",
                                                          "POST the code (+ redirects)",
                                                          "POST /oauth/token"};

struct Answer
{
    QString url; ///< the path and query asked for
    int status = 0;
    QByteArray body;
    QString location;
};

/// A browser without a display: one QNetworkAccessManager, redirects not followed, a cookie jar.
class Browser
{
public:
    explicit Browser(const QUrl &base)
        : m_base(base.toString())
    {
        m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    }

    /// A new browser profile: no cookies (the open connections stay).
    void forgetCookies() { m_network.setCookieJar(new QNetworkCookieJar); }

    Answer get(const QString &pathAndQuery) { return send("GET", pathAndQuery, {}); }
    Answer post(const QString &pathAndQuery, const QByteArray &form)
    {
        return send("POST", pathAndQuery, form);
    }

private:
    Answer send(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body)
    {
        QNetworkRequest request(QUrl(m_base + pathAndQuery));
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader,
                              QByteArray("application/x-www-form-urlencoded"));
        QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
        if (!reply->isFinished()) {
            QEventLoop loop;
            QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            QTimer::singleShot(15000, &loop, &QEventLoop::quit);
            loop.exec();
        }
        Answer answer;
        answer.url = pathAndQuery;
        if (reply->isFinished()) {
            answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            answer.body = reply->readAll();
            answer.location = QString::fromUtf8(reply->rawHeader("Location"));
        }
        reply->deleteLater();
        return answer;
    }

    QNetworkAccessManager m_network;
    QString m_base;
};

QByteArray formOf(const QList<QPair<QString, QString>> &fields)
{
    QByteArray form;
    for (const auto &[name, value] : fields) {
        if (!form.isEmpty())
            form += '&';
        form += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    return form;
}

QString csrfOf(const QByteArray &page)
{
    static const QRegularExpression field(QStringLiteral(R"(name="csrf"\s+value="([^"]+)\")"));
    return field.match(QString::fromUtf8(page)).captured(1);
}

QString latestCode(Tenant &tenant)
{
    static const QRegularExpression digits(QStringLiteral("\\b([0-9]{6})\\b"));
    return digits.match(tenant.sms().sandbox().messages().value(0).text).captured(1);
}

/**
 * @brief GETs @p path and follows the redirects that stay on the hosted pages (/u/...), as a browser does;
 *        counts them in @p hops.
 */
Answer open(Browser &browser, const QString &path, int &hops)
{
    Answer answer = browser.get(path);
    while (answer.status == 302 && answer.location.startsWith(QLatin1String("/u/")) && hops < 20) {
        ++hops;
        answer = browser.get(answer.location);
    }
    return answer;
}

struct Login
{
    std::array<double, StepCount> stepMs {};
    /// Redirects from a hosted page to another hosted page that did not show the next step at once.
    int hops = 0;
};

/// One whole login, each step timed as the client sees it. Enrolls the phone when the server asks.
bool logIn(Browser &browser, Tenant &tenant, const QString &clientId, Login &login)
{
    QElapsedTimer timer;
    const auto step = [&](Step which, auto &&work) {
        timer.start();
        auto result = work();
        login.stepMs[which] = double(timer.nsecsElapsed()) / 1e6;
        return result;
    };
    const auto fail = [](const char *where, const Answer &answer) {
        std::fprintf(stderr,
                     "%s: HTTP %d %s %s\n",
                     where,
                     answer.status,
                     qPrintable(answer.location),
                     answer.body.left(300).constData());
        return false;
    };
    const auto onPage = [](const Answer &answer, const char *path) {
        return answer.status == 200 && answer.url.startsWith(QLatin1String(path));
    };
    const QString authorize = QStringLiteral("/authorize?")
        + QString::fromLatin1(formOf({{QStringLiteral("client_id"), clientId},
                                      {QStringLiteral("response_type"), QStringLiteral("code")},
                                      {QStringLiteral("redirect_uri"), QString::fromLatin1(kCallback)},
                                      {QStringLiteral("scope"), QStringLiteral("openid profile email")},
                                      {QStringLiteral("state"), QStringLiteral("bench-state")},
                                      {QStringLiteral("nonce"), QStringLiteral("bench-nonce")},
                                      {QStringLiteral("code_challenge"), QString::fromLatin1(kChallenge)},
                                      {QStringLiteral("code_challenge_method"), QStringLiteral("S256")}}));
    const Answer started = step(Authorize, [&] { return browser.get(authorize); });
    if (started.status != 302 || !started.location.startsWith(QLatin1String("/u/login")))
        return fail("GET /authorize", started);
    const Answer loginPage = step(LoginPage, [&] { return open(browser, started.location, login.hops); });
    if (!onPage(loginPage, "/u/login"))
        return fail("GET /u/login", loginPage);
    const Answer password = step(Password, [&] {
        return browser.post(loginPage.url,
                            formOf({{QStringLiteral("username"), QString::fromLatin1(kEmail)},
                                    {QStringLiteral("password"), QString::fromLatin1(kPassword)},
                                    {QStringLiteral("action"), QStringLiteral("default")},
                                    {QStringLiteral("csrf"), csrfOf(loginPage.body)}}));
    });
    if (password.status != 302 || !password.location.startsWith(QLatin1String("/u/")))
        return fail("POST /u/login", password);
    Answer challengePage = step(ChallengePage, [&] { return open(browser, password.location, login.hops); });
    if (onPage(challengePage, "/u/mfa-phone-enrollment")) {
        // The first login: enroll the phone (not a measured login).
        const Answer enrolled = browser.post(challengePage.url,
                                             formOf({{QStringLiteral("country"), QStringLiteral("US")},
                                                     {QStringLiteral("phone"), QStringLiteral("2015550123")},
                                                     {QStringLiteral("action"), QStringLiteral("default")},
                                                     {QStringLiteral("csrf"), csrfOf(challengePage.body)}}));
        challengePage = open(browser, enrolled.location, login.hops);
    }
    if (!onPage(challengePage, "/u/mfa-sms-challenge"))
        return fail("the page after the password", challengePage);
    const QString code = step(ReadCode, [&] { return latestCode(tenant); });
    if (code.isEmpty())
        return fail("the sandbox has no code", {});
    Answer back = step(Code, [&] {
        Answer answer = browser.post(challengePage.url,
                                     formOf({{QStringLiteral("code"), code},
                                             {QStringLiteral("action"), QStringLiteral("default")},
                                             {QStringLiteral("csrf"), csrfOf(challengePage.body)}}));
        if (answer.status != 302 || !answer.location.startsWith(QLatin1String("/u/")))
            return answer;
        ++login.hops; // a page again, not the application: the page then sends the browser on
        return open(browser, answer.location, login.hops);
    });
    const QString authorizationCode
        = QUrlQuery(QUrl(back.location).query()).queryItemValue(QStringLiteral("code"));
    if (back.status != 302 || !back.location.startsWith(QLatin1String(kCallback))
        || authorizationCode.isEmpty())
        return fail("POST /u/mfa-sms-challenge", back);
    const Answer token = step(Token, [&] {
        return browser.post(QStringLiteral("/oauth/token"),
                            formOf({{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                                    {QStringLiteral("client_id"), clientId},
                                    {QStringLiteral("code"), authorizationCode},
                                    {QStringLiteral("code_verifier"), QString::fromLatin1(kVerifier)},
                                    {QStringLiteral("redirect_uri"), QString::fromLatin1(kCallback)}}));
    });
    const QJsonObject tokens = QJsonDocument::fromJson(token.body).object();
    if (token.status != 200
        || tokens.value(QLatin1String("id_token")).toString().count(QLatin1Char('.')) != 2)
        return fail("POST /oauth/token", token);
    return true;
}

void report(const char *what, QList<double> values)
{
    std::sort(values.begin(), values.end());
    const auto at
        = [&values](double q) { return values.at(qMin(values.size() - 1, qsizetype(q * values.size()))); };
    std::printf("%-38s median %8.3f ms   p95 %8.3f ms   min %8.3f ms\n",
                what,
                at(0.5),
                at(0.95),
                values.constFirst());
}

bool startServer(LoginServer &server)
{
    // A free port: bind one, let it go, and start the server on it.
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost))
        return false;
    const quint16 port = probe.serverPort();
    probe.close();
    QEventLoop loop;
    QObject::connect(&server, &LoginServer::stateChanged, &loop, &QEventLoop::quit);
    QTimer::singleShot(20000, &loop, &QEventLoop::quit);
    server.start(port);
    while (server.state() == LoginServer::State::Starting)
        loop.exec();
    return server.state() == LoginServer::State::Running;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("logins"),
                      QStringLiteral("Measured logins."),
                      QStringLiteral("n"),
                      QStringLiteral("300")});
    parser.addOption({QStringLiteral("warmup"),
                      QStringLiteral("Logins before the measured ones."),
                      QStringLiteral("n"),
                      QStringLiteral("20")});
    parser.process(app);
    const int logins = qMax(1, parser.value(QStringLiteral("logins")).toInt());
    const int warmup = qMax(0, parser.value(QStringLiteral("warmup")).toInt());

    QTemporaryDir dir;
    MemorySecretStore secrets;
    auto opened = Tenant::open(dir.filePath(QStringLiteral("bench.authdeck")), secrets);
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message()));
        return 1;
    }
    Tenant &tenant = *opened.value();
    if (const QString error = BenchTenant::seedDemo(tenant); !error.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    FakeClock clock(QDateTime::currentDateTimeUtc());
    tenant.setClock(clock);
    tenant.users().setPasswordHasher(PasswordHasher::minimal());
    if (auto created = tenant.users().create(QString::fromLatin1(kEmail), QString::fromLatin1(kPassword));
        !created)
        qFatal("cannot create the benchmark's user: %s", qPrintable(created.error().message()));
    auto spa = tenant.applications().firstOfType(ApplicationType::SinglePage, true);
    if (!spa || !spa.value()) {
        std::fprintf(stderr, "The demo has no single-page application\n");
        return 1;
    }
    const QString clientId = spa.value()->clientId;
    if (!startServer(tenant.loginServer())) {
        std::fprintf(
            stderr, "The login server did not start: %s\n", qPrintable(tenant.loginServer().errorString()));
        return 1;
    }

    QUrl base = tenant.loginServer().url();
    base.setHost(QStringLiteral("127.0.0.1")); // no attempt at ::1 first
    Browser browser(base);
    for (int i = 0; i <= warmup; ++i) { // the first one enrolls the phone
        clock.advanceSecs(3600);
        browser.forgetCookies();
        Login login;
        if (!logIn(browser, tenant, clientId, login)) {
            std::fprintf(stderr, "Warm-up login %d did not complete\n", i);
            return 1;
        }
    }

    std::array<QList<double>, StepCount> steps;
    QList<double> totals;
    QElapsedTimer wall;
    int hops = 0;
    qint64 outsideNs = 0; // moving the clock and the cookie jar: not part of a login
    wall.start();
    for (int i = 0; i < logins; ++i) {
        const qint64 before = wall.nsecsElapsed();
        clock.advanceSecs(3600);
        browser.forgetCookies();
        const qint64 started = wall.nsecsElapsed();
        outsideNs += started - before;
        Login login;
        if (!logIn(browser, tenant, clientId, login)) {
            std::fprintf(stderr, "Login %d did not complete\n", i);
            return 1;
        }
        hops += login.hops;
        totals << double(wall.nsecsElapsed() - started) / 1e6;
        for (int s = 0; s < StepCount; ++s)
            steps[s] << login.stepMs[s];
    }
    const double seconds = double(wall.nsecsElapsed() - outsideNs) / 1e9;

    std::printf(
        "%d whole logins (password hashed with PasswordHasher::minimal(), SMS code, token) in %.2f s: "
        "%.1f logins/s, one at a time\n",
        logins,
        seconds,
        logins / seconds);
    for (int s = 0; s < StepCount; ++s)
        report(kStepNames[s], steps[s]);
    report("whole login", totals);
    std::printf("redirects from a hosted page to a page that only redirects again: %.2f per login\n",
                double(hops) / logins);
    return 0;
}
