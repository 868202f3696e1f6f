// The login server as a client on the network reaches it: raw HTTP request bytes sent over a loopback socket
// to a real LoginServer in this process (QHttpServer's parser, ServerRequest's query strings, form and JSON
// bodies, cookies and bearer tokens, /authorize, the hosted pages, /oauth/token, /userinfo, the Management
// API). The tenant has the test SPA, a user and a machine-to-machine application granted every Management API
// scope. Input: the bytes of one or more requests, in which these placeholders are replaced first (so that
// the seeds reach past the checks of who is calling):
//   @CLIENT@   the SPA's client_id            @M2M@     the machine application's client_id
//   @SECRET@   its client secret              @BEARER@  "Bearer <a Management API access token>"
//   @REFRESH@  a refresh token of the SPA's user   @AUDIENCE@ the Management API's identifier, %-encoded
// The client sends the bytes, closes its sending side and reads until the server closes the connection.

#include "FuzzInput.h"
#include "core/applications/ClientGrantService.h"
#include "core/server/LoginServer.h"
#include "core/server/ManagementApi.h"
#include "tests/core/LoginServerFixture.h"

#include <QEventLoop>
#include <QSocketNotifier>
#include <QTimer>

#include <arpa/inet.h>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

/// How long the server may take to answer and close one input's connection before the input counts as a hang.
constexpr int AnswerTimeoutMs = 10000;

struct Server
{
    LoginServerFixture fixture;
    quint16 port = 0;
    QList<QPair<QByteArray, QByteArray>> placeholders;
};

Server *server = nullptr;

[[noreturn]] void giveUp(const char *why)
{
    fprintf(stderr, "FuzzLoginServerHttp: %s\n", why);
    abort();
}

/// A refresh token of the fixture's user, from a whole login with offline_access.
QByteArray refreshToken(LoginServerFixture &fixture)
{
    const HttpAnswer callback
        = fixture.logIn({{QStringLiteral("scope"), QStringLiteral("openid offline_access")}});
    const QString code = callback.locationQuery().queryItemValue(QStringLiteral("code"));
    return fixture.exchange(code).json().value(QLatin1String("refresh_token")).toString().toLatin1();
}

/// Sends @p request on a new connection to the server, closes the sending side and runs the event loop until
/// the server closes the connection.
void exchange(const QByteArray &request)
{
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        giveUp("no socket");
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(server->port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    // The kernel completes a loopback connection and buffers the request (at most -max_len bytes) before
    // the server's event loop runs.
    if (connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0)
        giveUp("cannot connect to the login server");
    for (qsizetype sent = 0; sent < request.size();) {
        const ssize_t n = send(fd, request.constData() + sent, size_t(request.size() - sent), MSG_NOSIGNAL);
        if (n <= 0)
            break; // the server closed early
        sent += n;
    }
    shutdown(fd, SHUT_WR);
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);

    QEventLoop loop;
    QSocketNotifier readable(qintptr(fd), QSocketNotifier::Read);
    QObject::connect(&readable, &QSocketNotifier::activated, &loop, [&loop, fd] {
        char buffer[16384];
        ssize_t n;
        while ((n = recv(fd, buffer, sizeof buffer, 0)) > 0) { }
        if (n == 0 || errno != EAGAIN)
            loop.quit();
    });
    QTimer deadline;
    deadline.setSingleShot(true);
    bool hung = false;
    QObject::connect(&deadline, &QTimer::timeout, &loop, [&loop, &hung] {
        hung = true;
        loop.quit();
    });
    deadline.start(AnswerTimeoutMs);
    loop.exec();
    close(fd);
    if (hung)
        giveUp("the server neither answered nor closed the connection");
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    FuzzInput::startQt(argc, argv);
    server = new Server;
    if (!server->fixture.start())
        giveUp("the login server did not start");
    server->port = quint16(server->fixture.tenant().loginServer().url().port());
    const auto machine = server->fixture.addMachineClient();
    if (machine.secret.isEmpty()
        || !server->fixture.tenant().clientGrants().create(
            machine.clientId, server->fixture.managementAudience(), ManagementApi::knownScopes()))
        giveUp("the machine-to-machine application could not be made");
    const QString token
        = server->fixture.clientCredentials(machine).json().value(QLatin1String("access_token")).toString();
    const QByteArray bearer = "Bearer " + token.toLatin1();
    const QByteArray refresh = refreshToken(server->fixture);
    if (token.isEmpty() || refresh.isEmpty())
        giveUp("the tenant's test credentials could not be made");
    server->placeholders = {{"@CLIENT@", server->fixture.clientId().toLatin1()},
                            {"@M2M@", machine.clientId.toLatin1()},
                            {"@SECRET@", machine.secret},
                            {"@BEARER@", bearer},
                            {"@REFRESH@", refresh},
                            {"@AUDIENCE@", QUrl::toPercentEncoding(server->fixture.managementAudience())}};
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray request = FuzzInput::bytes(data, size);
    for (const auto &[placeholder, value] : std::as_const(server->placeholders))
        request.replace(placeholder, value);
    exchange(request);
    return 0;
}
