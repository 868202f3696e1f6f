// authdeck-cli: the tenant without a display. `demo` prepares a demo tenant, `serve` runs its login
// server and local test phone, `test-phone` reads what that phone received.

#include "app/authdeck-cli/SignalWatcher.h"
#include "app/authdeck-cli/TestPhoneChannel.h"
#include "core/applications/ApplicationService.h"
#include "core/delivery/SmsGateway.h"
#include "core/plivo/PlivoSandbox.h"
#include "core/secrets/KeychainSecretStore.h"
#include "core/server/LoginServer.h"
#include "core/settings/TenantSettings.h"
#include "core/tenant/DemoSeeder.h"
#include "core/tenant/Tenant.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <cstdio>

namespace {

enum Exit
{
    Ok = 0,
    Failure = 1,
    Usage = 2,
    PortBusy = 3,
    NoServer = 4,
};

int fail(const QString &message, int code = Failure)
{
    std::fprintf(stderr, "authdeck-cli: %s\n", qPrintable(message));
    return code;
}

void say(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

/// Sets the tenant's domain to @p domain (validated as the Tenant Settings page does); the error text.
QString setDomain(Tenant &tenant, const QString &domain)
{
    TenantSettings::Values values = tenant.settings().values();
    values.domain = domain;
    auto saved = tenant.settings().save(values);
    return saved ? QString() : saved.error().message();
}

/// Writes the CA of the server's TLS certificate to @p path for clients to trust; the error text.
QString writeCa(const LoginServer &server, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(server.caCertificatePem()) < 0
        || !file.commit())
        return QObject::tr("The CA certificate could not be written to %1: %2").arg(path, file.errorString());
    return {};
}

int demo(QCoreApplication &app, Tenant &tenant)
{
    DemoSeeder seeder(tenant);
    int status = Ok;
    QObject::connect(&seeder, &DemoSeeder::finished, &app, [&](const QString &error) {
        if (!error.isEmpty()) {
            status = fail(error);
        } else if (auto spa = tenant.applications().firstOfType(ApplicationType::SinglePage, true);
                   !spa || !spa.value()) {
            status = fail(spa ? QObject::tr("The tenant has no single-page application with URLs")
                              : spa.error().message());
        } else {
            const QJsonObject config {{QStringLiteral("domain"), tenant.settings().domain()},
                                      {QStringLiteral("clientId"), spa.value()->clientId}};
            say(QString::fromUtf8(QJsonDocument(config).toJson(QJsonDocument::Compact)));
        }
        QCoreApplication::exit(status);
    });
    seeder.start();
    app.exec();
    return status;
}

int serve(QCoreApplication &app, Tenant &tenant, quint16 port, const QString &caOut)
{
    if (!tenant.sms().startSandbox())
        return fail(
            QObject::tr("The local test phone did not start: %1").arg(tenant.sms().sandbox().errorString()));
    TestPhoneChannel phone(tenant.sms().sandbox(), tenant.id());
    if (!phone.listen())
        return fail(phone.errorString());
    LoginServer &server = tenant.loginServer();
    int status = Ok;
    QObject::connect(&server, &LoginServer::requestServed, &app, say);
    QObject::connect(&server, &LoginServer::stateChanged, &app, [&](LoginServer::State state) {
        if (state == LoginServer::State::Running) {
            say(QObject::tr("Login server listening on %1").arg(server.url().toString()));
            if (server.usesTls() && !caOut.isEmpty()) {
                if (const QString error = writeCa(server, caOut); !error.isEmpty()) {
                    status = fail(error);
                    server.stop();
                    return QCoreApplication::exit(status);
                }
                say(QObject::tr("Its CA certificate is in %1: trust it, e.g. NODE_EXTRA_CA_CERTS=%1")
                        .arg(caOut));
            }
            say(QObject::tr("Test phone: authdeck-cli test-phone --tenant %1").arg(tenant.path()));
        } else if (state == LoginServer::State::Failed) {
            status = fail(server.errorString(),
                          server.errorString().contains(QLatin1String("port")) ? PortBusy : Failure);
            QCoreApplication::exit(status);
        }
    });
    SignalWatcher watcher;
    QObject::connect(&watcher, &SignalWatcher::stopRequested, &app, [&server](int signal) {
        say(QObject::tr("Signal %1: stopping").arg(signal));
        server.stop();
        QCoreApplication::exit(Ok);
    });
    server.start(port);
    app.exec();
    return status;
}

int testPhone(Tenant &tenant, bool json)
{
    const auto lines = TestPhoneChannel::read(tenant.id());
    if (!lines)
        return fail(
            QObject::tr("No login server of this tenant is running (start it with: authdeck-cli serve "
                        "--tenant %1)")
                .arg(tenant.path()),
            NoServer);
    for (const QByteArray &line : lines->split('\n')) {
        if (line.isEmpty())
            continue;
        if (json) {
            say(QString::fromUtf8(line));
            continue;
        }
        const QJsonObject message = QJsonDocument::fromJson(line).object();
        say(QStringLiteral("%1  to %2: %3")
                .arg(message.value(QLatin1String("time")).toString(),
                     message.value(QLatin1String("to")).toString(),
                     message.value(QLatin1String("text")).toString()));
    }
    return Ok;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("Authdeck"));
    QCoreApplication::setOrganizationName(QStringLiteral("Authdeck"));
    QCoreApplication::setApplicationVersion(QStringLiteral(AUTHDECK_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QObject::tr("Authdeck without a display.\n\n"
                    "Commands:\n"
                    "  demo        prepare the demo story in the tenant; print its auth_config.json\n"
                    "  serve       run the tenant's login server and local test phone until SIGINT/SIGTERM\n"
                    "  test-phone  print the messages the running server's test phone received\n\n"
                    "Exit codes: 0 done, 1 failure, 2 wrong usage, 3 port busy, 4 no server running."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), QObject::tr("demo, serve or test-phone"));
    const QCommandLineOption tenantOption(
        QStringLiteral("tenant"),
        QObject::tr("The tenant file (default: %1).").arg(Tenant::defaultPathForDisplay()),
        QObject::tr("path"));
    const QCommandLineOption portOption(
        QStringLiteral("port"),
        QObject::tr("serve: listen on <port> instead of the tenant domain's."),
        QObject::tr("port"));
    const QCommandLineOption jsonOption(QStringLiteral("json"),
                                        QObject::tr("test-phone: one JSON object per line."));
    const QCommandLineOption domainOption(
        QStringLiteral("domain"),
        QObject::tr(
            "demo: set the tenant's domain first (https://localhost:8443 serves TLS, for Auth0's tools)."),
        QObject::tr("url"));
    const QCommandLineOption caOutOption(
        QStringLiteral("ca-out"),
        QObject::tr("serve: on an https:// domain, write the CA of the server's certificate to <file>."),
        QObject::tr("file"));
    parser.addOptions({tenantOption, portOption, jsonOption, domainOption, caOutOption});
    if (!parser.parse(app.arguments()))
        return fail(parser.errorText(), Usage);
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(Ok);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();

    const QStringList arguments = parser.positionalArguments();
    const QString command = arguments.value(0);
    if (arguments.size() != 1
        || !QStringList {QStringLiteral("demo"), QStringLiteral("serve"), QStringLiteral("test-phone")}
                .contains(command))
        return fail(QObject::tr("Name one command: demo, serve or test-phone (see --help)"), Usage);
    bool portOk = true;
    const uint port = parser.isSet(portOption) ? parser.value(portOption).toUInt(&portOk) : 0;
    if (!portOk || port > 65535 || (parser.isSet(portOption) && port == 0))
        return fail(
            QObject::tr("--port wants a number from 1 to 65535, not %1").arg(parser.value(portOption)),
            Usage);

    KeychainSecretStore secrets;
    const QString path = parser.isSet(tenantOption) ? parser.value(tenantOption) : Tenant::defaultPath();
    auto tenant = Tenant::open(path, secrets);
    if (!tenant)
        return fail(tenant.error().message());
    if (command == QLatin1String("demo")) {
        if (parser.isSet(domainOption)) {
            if (const QString error = setDomain(*tenant.value(), parser.value(domainOption));
                !error.isEmpty())
                return fail(error, Usage);
        }
        return demo(app, *tenant.value());
    }
    if (command == QLatin1String("serve"))
        return serve(app, *tenant.value(), quint16(port), parser.value(caOutOption));
    return testPhone(*tenant.value(), parser.isSet(jsonOption));
}
