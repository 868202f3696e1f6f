// authdeck-cli: the tenant without a display. `demo` prepares a demo tenant, `serve` runs its login
// server and local test phone, `test-phone` reads what that phone received, `management-client` makes the
// machine-to-machine application Auth0's tools use against the tenant's Management API, `export` and
// `import` move the tenant in Auth0 Deploy CLI's YAML and directory formats, `migrate-tenant` copies it
// between a file and PostgreSQL.

#include "app/authdeck-cli/CliOutput.h"
#include "app/authdeck-cli/ExchangeCommands.h"
#include "app/authdeck-cli/MigrateCommand.h"
#include "app/authdeck-cli/SandboxIntegration.h"
#include "app/authdeck-cli/SignalWatcher.h"
#include "app/authdeck-cli/TestPhoneChannel.h"
#include "core/applications/ApplicationService.h"
#include "core/applications/ClientGrantService.h"
#include "core/delivery/SmsGateway.h"
#include "core/plivo/PlivoSandbox.h"
#include "core/secrets/KeychainSecretStore.h"
#include "core/secrets/SecretJob.h"
#include "core/server/LoginServer.h"
#include "core/server/ManagementApi.h"
#include "core/server/TokenIssuer.h"
#include "core/settings/TenantSettings.h"
#include "core/tenant/DemoSeeder.h"
#include "core/tenant/SecretRecovery.h"
#include "core/tenant/Tenant.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

using Cli::fail;
using Cli::say;
using namespace Cli; // the exit codes

/// Sets the tenant's domain to @p domain (validated as the Tenant Settings page does); the error text.
QString setDomain(Tenant &tenant, const QString &domain)
{
    TenantSettings::Values values = tenant.settings().values();
    values.domain = domain;
    auto saved = tenant.settings().save(values);
    return saved ? QString() : saved.error().message();
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
                if (auto written = server.writeCaCertificate(caOut); !written) {
                    status = fail(written.error().message());
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

/**
 * A machine-to-machine application authorized for the tenant's Management API with every scope it knows;
 * prints what Auth0's Deploy CLI reads from its config file (AUTH0_DOMAIN, AUTH0_CLIENT_ID,
 * AUTH0_CLIENT_SECRET), the secret read from the keyring: for the admin's tools, never for a log.
 */
int managementClient(QCoreApplication &app, Tenant &tenant, const QString &name)
{
    auto created = tenant.applications().create({name, ApplicationType::MachineToMachine, {}, {}});
    if (!created)
        return fail(created.error().message());
    const QUrl domain(tenant.settings().domain());
    const QString audience = TokenIssuer::managementAudienceOf(tenant.settings().domain());
    auto grant
        = tenant.clientGrants().create(created.value().clientId, audience, ManagementApi::knownScopes());
    if (!grant)
        return fail(grant.error().message());
    int status = Ok;
    SecretJob *job = tenant.applications().readClientSecret(created.value().clientId);
    QObject::connect(job, &SecretJob::finished, &app, [&](SecretJob *done) {
        if (!done->succeeded()) {
            status = fail(QObject::tr("The client secret could not be read: %1").arg(done->errorString()));
        } else {
            const QString host = domain.port() > 0
                ? QStringLiteral("%1:%2").arg(domain.host()).arg(domain.port())
                : domain.host();
            const QJsonObject config {
                {QStringLiteral("AUTH0_DOMAIN"), host},
                {QStringLiteral("AUTH0_CLIENT_ID"), created.value().clientId},
                {QStringLiteral("AUTH0_CLIENT_SECRET"), QString::fromUtf8(done->value())},
                {QStringLiteral("AUTH0_AUDIENCE"), audience}};
            say(QString::fromUtf8(QJsonDocument(config).toJson(QJsonDocument::Compact)));
        }
        QCoreApplication::exit(status);
    });
    app.exec();
    return status;
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
        QObject::tr(
            "Authdeck without a display.\n\n"
            "Commands:\n"
            "  demo        prepare the demo story in the tenant; print its auth_config.json\n"
            "  serve       run the tenant's login server and local test phone until SIGINT/SIGTERM\n"
            "  test-phone  print the messages the running server's test phone received\n"
            "  management-client  create a machine-to-machine app allowed every Management API scope;\n"
            "              print its Deploy CLI config (domain, client id and secret)\n"
            "  export      write the tenant in Auth0 Deploy CLI's format (--format yaml|directory,\n"
            "              --output)\n"
            "  import      check a Deploy CLI export (--input), print the changes, apply them all or\n"
            "              nothing (--dry-run only prints them; --allow-delete deletes what the file\n"
            "              leaves out)\n"
            "%1\n"
            "Exit codes: 0 done, 1 failure, 2 wrong usage, 3 port busy, 4 no server running.")
            .arg(MigrateCommand::help()));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("command"),
        QObject::tr("demo, serve, test-phone, management-client, export, import or migrate-tenant"));
    const QCommandLineOption tenantOption(
        QStringLiteral("tenant"),
        QObject::tr("The tenant file (default: %1), or its PostgreSQL database: "
                    "postgresql://user@host:port/dbname (the password from PGPASSWORD or ~/.pgpass).")
            .arg(Tenant::defaultPathForDisplay()),
        QObject::tr("path|url"));
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
    const QCommandLineOption nameOption(QStringLiteral("name"),
                                        QObject::tr("management-client: the application's name."),
                                        QObject::tr("name"),
                                        QStringLiteral("Authdeck Management Client"));
    const QCommandLineOption integrationOnlyOption(
        QStringLiteral("integration-only"),
        QObject::tr(
            "demo: only install the Plivo integration in sandbox mode (before a Deploy CLI import)."));
    const QCommandLineOption formatOption(QStringLiteral("format"),
                                          QObject::tr("export: yaml (tenant.yaml) or directory."),
                                          QObject::tr("format"),
                                          QStringLiteral("yaml"));
    const QCommandLineOption outputOption(
        QStringLiteral("output"), QObject::tr("export: the folder to write into."), QObject::tr("folder"));
    const QCommandLineOption inputOption(
        QStringLiteral("input"),
        QObject::tr("import: tenant.yaml, a folder holding it, or a folder in the directory format."),
        QObject::tr("path"));
    const QCommandLineOption dryRunOption(QStringLiteral("dry-run"),
                                          QObject::tr("import: print the changes, write nothing."));
    const QCommandLineOption allowDeleteOption(
        QStringLiteral("allow-delete"),
        QObject::tr("import: delete the applications and actions the file does not list."));
    const QCommandLineOption keywordsOption(
        QStringLiteral("keywords"),
        QObject::tr("import: a JSON file of keyword mappings (##KEY##, @@KEY@@); default: the "
                    "AUTH0_KEYWORD_REPLACE_MAPPINGS environment variable."),
        QObject::tr("file"));
    const QCommandLineOption fromOption(
        QStringLiteral("from"), QObject::tr("migrate-tenant: the tenant to copy."), QObject::tr("path|url"));
    const QCommandLineOption toOption(
        QStringLiteral("to"),
        QObject::tr("migrate-tenant: a new file, or an empty PostgreSQL database."),
        QObject::tr("path|url"));
    parser.addOptions({tenantOption,
                       portOption,
                       jsonOption,
                       domainOption,
                       caOutOption,
                       nameOption,
                       formatOption,
                       outputOption,
                       inputOption,
                       dryRunOption,
                       allowDeleteOption,
                       keywordsOption,
                       integrationOnlyOption,
                       fromOption,
                       toOption});
    if (!parser.parse(app.arguments()))
        return fail(parser.errorText(), Usage);
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(Ok);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();

    const QStringList arguments = parser.positionalArguments();
    const QString command = arguments.value(0);
    if (arguments.size() != 1
        || !QStringList {QStringLiteral("demo"),
                         QStringLiteral("serve"),
                         QStringLiteral("test-phone"),
                         QStringLiteral("management-client"),
                         QStringLiteral("export"),
                         QStringLiteral("import"),
                         QStringLiteral("migrate-tenant")}
                .contains(command))
        return fail(QObject::tr("Name one command: demo, serve, test-phone, management-client, export, "
                                "import or migrate-tenant (see --help)"),
                    Usage);
    if (command == QLatin1String("migrate-tenant"))
        return MigrateCommand::migrateTenant(parser.value(fromOption), parser.value(toOption));
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
    // What a change of secrets cut short by a crash left is repaired while the command runs; say what it was.
    QObject::connect(&tenant.value()->secretRecovery(),
                     &SecretRecovery::finished,
                     &app,
                     [](const QList<SecretRecovery::Notice> &notices) {
                         for (const SecretRecovery::Notice &notice : notices)
                             Cli::note(notice.message);
                     });
    if (command == QLatin1String("demo")) {
        if (parser.isSet(domainOption)) {
            if (const QString error = setDomain(*tenant.value(), parser.value(domainOption));
                !error.isEmpty())
                return fail(error, Usage);
        }
        if (parser.isSet(integrationOnlyOption))
            return installSandboxIntegration(app, *tenant.value());
        return demo(app, *tenant.value());
    }
    if (command == QLatin1String("serve"))
        return serve(app, *tenant.value(), quint16(port), parser.value(caOutOption));
    if (command == QLatin1String("export"))
        return ExchangeCommands::exportTenant(
            *tenant.value(), parser.value(formatOption), parser.value(outputOption));
    if (command == QLatin1String("import")) {
        QByteArray keywords = qgetenv("AUTH0_KEYWORD_REPLACE_MAPPINGS");
        if (parser.isSet(keywordsOption)) {
            QFile file(parser.value(keywordsOption));
            if (!file.open(QIODevice::ReadOnly))
                return fail(QObject::tr("Cannot read %1: %2").arg(file.fileName(), file.errorString()),
                            Usage);
            keywords = file.readAll();
        }
        return ExchangeCommands::importTenant(app,
                                              *tenant.value(),
                                              {parser.value(inputOption),
                                               parser.isSet(dryRunOption),
                                               parser.isSet(allowDeleteOption),
                                               keywords});
    }
    if (command == QLatin1String("management-client"))
        return managementClient(app, *tenant.value(), parser.value(nameOption));
    return testPhone(*tenant.value(), parser.isSet(jsonOption));
}
