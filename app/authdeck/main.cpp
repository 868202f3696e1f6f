// authdeck: parse the arguments, open the tenant, show the main window (or render the screenshots).

#include "core/delivery/SmsGateway.h"
#include "core/plivo/PlivoSandbox.h"
#include "core/secrets/FallbackSecretStore.h"
#include "core/secrets/KeychainSecretStore.h"
#include "core/secrets/MemorySecretStore.h"
#include "core/server/LoginServer.h"
#include "core/store/PostgresAddress.h"
#include "core/tenant/DemoSeeder.h"
#include "core/tenant/SecretRecovery.h"
#include "core/tenant/Tenant.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/ScreenshotRenderer.h"
#include "ui/shell/StartupNotice.h"
#include "ui/shell/Theme.h"
#include "ui/tenantopen/PasswordPrompt.h"
#include "ui/tenantopen/RecentTenants.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QEventLoop>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

namespace {

/// Whether dialogs can be shown (offscreen and minimal platforms have no screen).
bool canShowDialogs()
{
    const QString platform = QGuiApplication::platformName();
    return platform != QLatin1String("offscreen") && platform != QLatin1String("minimal");
}

int fail(const QString &message, bool gui)
{
    std::fprintf(stderr, "authdeck: %s\n", qPrintable(message));
    // Offscreen and minimal platforms have no screen to show a dialog on: stderr says it all.
    if (gui && canShowDialogs())
        StartupNotice::cannotStart(message);
    return 1;
}

/// The password the admin kept in the keyring for the PostgreSQL tenant at @p url, '' when none. Waits for
/// the keyring (at most its time-out): no window is shown yet.
QString rememberedPassword(SecretStore &secrets, const QString &url)
{
    auto address = PostgresAddress::parse(url);
    if (!address)
        return {};
    SecretJob *job = secrets.read(SecretStore::postgresPasswordKey(address.value().url()));
    QEventLoop wait;
    QString password;
    QObject::connect(job, &SecretJob::finished, &wait, [&wait, &password](SecretJob *read) {
        if (read->succeeded())
            password = QString::fromUtf8(read->value());
        wait.quit();
    });
    wait.exec();
    return password;
}

int renderScreenshots(QApplication &app, const QString &folder)
{
    QTemporaryDir scratch;
    MemorySecretStore secrets;
    auto tenant = Tenant::open(scratch.filePath(QStringLiteral("screenshots.authdeck")), secrets);
    if (!tenant)
        return fail(tenant.error().message(), false);
    if (!tenant.value()->sms().startSandbox())
        return fail(tenant.value()->sms().sandbox().errorString(), false);
    MainWindow window(*tenant.value());
    ScreenshotRenderer renderer(*tenant.value(), window);
    int status = 0;
    QObject::connect(&renderer,
                     &ScreenshotRenderer::finished,
                     &app,
                     [&status](const QStringList &written, const QString &error) {
                         for (const QString &file : written)
                             std::printf("%s\n", qPrintable(file));
                         status = error.isEmpty() ? 0 : fail(error, false);
                         QCoreApplication::quit();
                     });
    renderer.start(folder);
    app.exec();
    return status;
}

} // namespace

int main(int argc, char *argv[])
{
    // --help, --version and --screenshots need no display: pick the offscreen platform before the
    // application starts.
    for (int i = 1; i < argc; ++i) {
        for (const char *headless : {"--screenshots", "--help", "-h", "--help-all", "--version", "-v"}) {
            if (qstrcmp(argv[i], headless) == 0 && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
                qputenv("QT_QPA_PLATFORM", "offscreen");
        }
    }

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Authdeck"));
    QApplication::setOrganizationName(QStringLiteral("Authdeck"));
    QApplication::setApplicationVersion(QStringLiteral(AUTHDECK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("authdeck"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr("Authdeck: a desktop console for setting up and testing "
                                                 "login security on a tenant it holds and runs."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption tenantOption(QStringLiteral("tenant"),
                                          QObject::tr("Open the tenant file <path>, creating it if missing "
                                                      "(default: %1), or the tenant on PostgreSQL that a "
                                                      "postgresql://user@host:port/dbname URL names.")
                                              .arg(Tenant::defaultPathForDisplay()),
                                          QObject::tr("path"));
    const QCommandLineOption screenshotsOption(
        QStringLiteral("screenshots"),
        QObject::tr("Render every page and dialog, light and dark, to PNG "
                    "files in <dir>, then exit. Needs no display."),
        QObject::tr("dir"));
    const QCommandLineOption quitOnShownOption(
        QStringLiteral("quit-when-shown"),
        QObject::tr("Quit as soon as the main window is shown (used to "
                    "measure start-up time)."));
    const QCommandLineOption demoOption(
        QStringLiteral("demo"),
        QObject::tr("Open the demo tenant (beside the default one, created on "
                    "first use) where the whole SMS-MFA story is configured "
                    "against the local test phone."));
    parser.addOptions({tenantOption, demoOption, screenshotsOption, quitOnShownOption});
    parser.process(app);

    if (parser.isSet(screenshotsOption))
        return renderScreenshots(app, parser.value(screenshotsOption));

    QSettings settings;
    Theme::instance().apply(
        Theme::modeFromKey(settings.value(QStringLiteral("appearance/theme")).toString()));

    auto *secrets = new FallbackSecretStore(new KeychainSecretStore, &app);
    const QString path = parser.isSet(tenantOption) ? parser.value(tenantOption)
        : parser.isSet(demoOption)                  ? MainWindow::demoTenantPath()
                                                    : Tenant::defaultPath();
    auto tenant = Tenant::open(path, *secrets);
    // A PostgreSQL server that wants a password libpq could not find (PGPASSWORD, ~/.pgpass): the one kept
    // in the keyring, else ask for it.
    if (!tenant && PostgresAddress::isUrl(path) && PasswordPrompt::wanted(tenant.error().message())) {
        if (const QString kept = rememberedPassword(*secrets, path); !kept.isEmpty())
            tenant = Tenant::open(path, *secrets, kept);
    }
    while (!tenant && PostgresAddress::isUrl(path) && canShowDialogs()
           && PasswordPrompt::wanted(tenant.error().message())) {
        const std::optional<QString> password = PasswordPrompt::ask(path, tenant.error().message());
        if (!password)
            return 1;
        tenant = Tenant::open(path, *secrets, *password);
    }
    if (!tenant)
        return fail(tenant.error().message(), true);
    RecentTenants::add(tenant.value()->path());

    MainWindow window(*tenant.value());
    window.restoreState();
    window.show();
    if (parser.isSet(demoOption)) {
        // A new demo tenant gets the whole story; an existing one is left as the admin left it.
        auto *seeder = new DemoSeeder(*tenant.value(), &app);
        QObject::connect(seeder, &DemoSeeder::finished, &window, [&window](const QString &error) {
            if (!error.isEmpty())
                StartupNotice::demoNotSeeded(&window, error);
            window.showPage(Page::Id::GettingStarted);
        });
        seeder->start();
    }
    if (parser.isSet(quitOnShownOption)) {
        QTimer::singleShot(0, &app, &QApplication::quit);
        return app.exec();
    }
    // The local Plivo sandbox (the Test phone) runs for as long as the application does. It starts right
    // after the first frame, so that the window is not kept waiting for it.
    Tenant *opened = tenant.value().get();
    const auto sandboxPort = quint16(settings.value(QStringLiteral("sandbox/port"), 0).toUInt());
    QTimer::singleShot(0, &app, [opened, sandboxPort] {
        if (!opened->sms().startSandbox(sandboxPort))
            std::fprintf(stderr,
                         "authdeck: the local test phone did not start: %s\n",
                         qPrintable(opened->sms().sandbox().errorString()));
        // The login server too; a busy port is shown, with the reason, in Tenant Settings.
        opened->loginServer().start();
    });
    window.checkSecretStore();
    auto tellRecovered = [&window](const QList<SecretRecovery::Notice> &notices) {
        QStringList messages;
        bool allRepaired = true;
        for (const SecretRecovery::Notice &notice : notices) {
            messages.append(notice.message);
            allRepaired = allRepaired && notice.repaired;
        }
        if (!messages.isEmpty() && canShowDialogs())
            StartupNotice::secretsRecovered(&window, messages, allRepaired);
    };
    if (opened->secretRecovery().isFinished())
        tellRecovered(opened->secretRecovery().notices());
    else
        QObject::connect(&opened->secretRecovery(), &SecretRecovery::finished, &window, tellRecovered);
    return app.exec();
}
