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
// limit never ends the run. Options: --logins N (default 300), --warmup N (default 20), --no-mfa (policy
// Never: the password sends the browser back to the application, as in oidc-provider's devInteractions).

#include "core/applications/ApplicationService.h"
#include "core/common/Clock.h"
#include "core/delivery/SmsGateway.h"
#include "core/login/PasswordHasher.h"
#include "core/login/UserStore.h"
#include "core/mfa/MfaService.h"
#include "core/plivo/PlivoSandbox.h"
#include "core/secrets/MemorySecretStore.h"
#include "core/server/LoginServer.h"
#include "core/tenant/DemoSeeder.h"
#include "core/tenant/Tenant.h"
#include "tests/bench/BenchResults.h"
#include "tests/bench/BenchTenant.h"
#include "tests/bench/HostedLoginClient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <array>
#include <cstdio>

namespace {

constexpr auto kEmail = "bench@example.com";
constexpr auto kPassword = "correct horse battery";
QString latestCode(Tenant &tenant, const QString &)
{
    static const QRegularExpression digits(QStringLiteral("\\b([0-9]{6})\\b"));
    return digits.match(tenant.sms().sandbox().messages().value(0).text).captured(1);
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
    parser.addOption(
        {QStringLiteral("no-mfa"), QStringLiteral("MFA policy Never: password and token only.")});
    parser.process(app);
    const bool secondFactor = !parser.isSet(QStringLiteral("no-mfa"));
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
    if (!secondFactor) {
        if (auto never = tenant.mfa().setPolicy(MfaPolicy::Never); !never)
            qFatal("cannot turn MFA off: %s", qPrintable(never.error().message()));
    }
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
    HostedLoginClient browser(base);
    const auto readCode = [&tenant](const QString &phone) { return latestCode(tenant, phone); };
    const auto logIn = [&](HostedLoginClient::Login &login) {
        return browser.logIn(clientId,
                             QString::fromLatin1(kEmail),
                             QString::fromLatin1(kPassword),
                             QStringLiteral("2015550123"),
                             readCode,
                             login);
    };
    for (int i = 0; i <= warmup; ++i) { // the first one enrolls the phone
        clock.advanceSecs(3600);
        browser.forgetCookies();
        HostedLoginClient::Login login;
        if (!logIn(login)) {
            std::fprintf(stderr, "Warm-up login %d did not complete\n", i);
            return 1;
        }
    }

    std::array<QList<double>, HostedLoginClient::StepCount> steps;
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
        HostedLoginClient::Login login;
        if (!logIn(login)) {
            std::fprintf(stderr, "Login %d did not complete\n", i);
            return 1;
        }
        hops += login.hops;
        totals << double(wall.nsecsElapsed() - started) / 1e6;
        for (int s = 0; s < HostedLoginClient::StepCount; ++s)
            steps[s] << login.stepMs[s];
    }
    const double seconds = double(wall.nsecsElapsed() - outsideNs) / 1e9;

    std::printf("%d whole logins (password hashed with PasswordHasher::minimal(), %s) in %.2f s: "
                "%.1f logins/s, one at a time\n",
                logins,
                secondFactor ? "SMS code, token" : "no second factor, token",
                seconds,
                logins / seconds);
    for (int s = 0; s < HostedLoginClient::StepCount; ++s) {
        if (*std::max_element(steps[s].cbegin(), steps[s].cend()) > 0) // a step the login went through
            HostedLoginClient::report(HostedLoginClient::kStepNames[s], steps[s]);
    }
    HostedLoginClient::report("whole login", totals);
    std::printf("redirects from a hosted page to a page that only redirects again: %.2f per login\n",
                double(hops) / logins);
    std::sort(totals.begin(), totals.end());
    const QString key = secondFactor ? QStringLiteral("login_server") : QStringLiteral("login_server_no_mfa");
    BenchResults::record(key + QStringLiteral(".logins_per_second"), logins / seconds, QStringLiteral("/s"));
    BenchResults::record(
        key + QStringLiteral(".whole.median"), totals.at(totals.size() / 2), QStringLiteral("ms"));
    return 0;
}
