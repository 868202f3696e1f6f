// bench_login_servers: whole logins per second through `authdeck-cli serve` processes, with one server on an
// SQLite tenant, one on a PostgreSQL tenant and two on the same PostgreSQL tenant, in one run.
//
// Each configuration gets a fresh tenant: `authdeck-cli demo` (the React SPA, Plivo in sandbox mode, the Send
// Phone Message flow, policy Always), then users made here with PasswordHasher::minimal() and a phone each
// enrolled (one user never logs in twice at once, nor more than nine times, under the hourly SMS limit). The
// servers start one after the other on free ports. --clients threads (default 8), each a HostedLoginClient
// with its own cookie jar, log in at once; login i goes to server i % servers, and its code is read from that
// server's test phone (its local socket, as `authdeck-cli test-phone` reads it). Prints, for each
// configuration, logins per second over the measured logins' wall time, the whole login's median and p95,
// each step's median, and where the CPU went per login (from /proc: the servers, Node (the actions),
// PostgreSQL, this client). Needs a keyring and, for PostgreSQL, AUTHDECK_TEST_POSTGRES: run it through
//   packaging/run-tests.sh BUILD --exec BUILD/tests/bench/bench_login_servers [--logins N] [--clients N]

#include "core/login/PasswordHasher.h"
#include "core/login/UserStore.h"
#include "core/secrets/MemorySecretStore.h"
#include "core/tenant/Tenant.h"
#include "tests/bench/HostedLoginClient.h"
#include "tests/support/ScratchPostgres.h"
#include "tests/support/StoreEngine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QMutex>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>

#include <atomic>
#include <cstdio>
#include <map>
#include <memory>
#include <unistd.h>

namespace {

constexpr auto kPassword = "correct horse battery";

struct Configuration
{
    const char *name;
    bool postgres;
    int servers;
};

struct Server
{
    std::unique_ptr<QProcess> process;
    QUrl base;
    QString phoneSocket; ///< its test phone (TestPhoneChannel's socket name)
};

/// CPU time (ms) and command name of every process on the machine, by pid.
std::map<QString, std::pair<QString, double>> cpuByProcess()
{
    std::map<QString, std::pair<QString, double>> cpu;
    const double tick = 1000.0 / double(sysconf(_SC_CLK_TCK));
    for (const QString &pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!pid.front().isDigit() || !stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = stat.readAll();
        const qsizetype open = line.indexOf('('), close = line.lastIndexOf(')');
        if (open < 0 || close < open)
            continue;
        const QList<QByteArray> fields = line.mid(close + 2).split(' ');
        if (fields.size() < 13)
            continue;
        // Fields 14 and 15 of stat (utime, stime) are 11 and 12 after the command.
        cpu[pid] = {QString::fromLatin1(line.mid(open + 1, close - open - 1)),
                    (fields.at(11).toDouble() + fields.at(12).toDouble()) * tick};
    }
    return cpu;
}

/// Which part of the system a command is.
QString partOf(const QString &command)
{
    if (command.startsWith(QLatin1String("authdeck-cli")))
        return QStringLiteral("login servers (authdeck-cli serve)");
    if (command == QLatin1String("node") || command.startsWith(QLatin1String("MainThread")))
        return QStringLiteral("actions (Node.js workers)");
    if (command.startsWith(QLatin1String("postgres")))
        return QStringLiteral("PostgreSQL");
    if (command.startsWith(QLatin1String("bench_login")) || command.startsWith(QLatin1String("QThread"))
        || command.startsWith(QLatin1String("Qt ")))
        return QStringLiteral("this client");
    return QStringLiteral("other");
}

QString run(const QString &cli, const QStringList &arguments)
{
    QProcess process;
    process.start(cli, arguments);
    if (!process.waitForFinished(120000) || process.exitCode() != 0) {
        std::fprintf(stderr,
                     "authdeck-cli %s: %s\n",
                     qPrintable(arguments.join(QLatin1Char(' '))),
                     process.readAllStandardError().constData());
        return {};
    }
    return QString::fromUtf8(process.readAllStandardOutput());
}

bool startServer(const QString &cli, const QString &tenant, const QString &tenantId, Server &server)
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost))
        return false;
    const quint16 port = probe.serverPort();
    probe.close();
    server.process = std::make_unique<QProcess>();
    server.process->setProcessChannelMode(QProcess::MergedChannels);
    server.process->start(cli,
                          {QStringLiteral("serve"),
                           QStringLiteral("--tenant"),
                           tenant,
                           QStringLiteral("--port"),
                           QString::number(port)});
    QByteArray output;
    while (!output.contains("Login server listening on")) {
        if (!server.process->waitForReadyRead(30000)) {
            std::fprintf(stderr, "authdeck-cli serve did not start: %s\n", output.constData());
            return false;
        }
        output += server.process->readAll();
    }
    server.base = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    QString folder = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    server.phoneSocket
        = QDir(folder.isEmpty() ? QDir::tempPath() : folder)
              .filePath(
                  QStringLiteral("authdeck-test-phone-%1-%2").arg(tenantId).arg(server.process->processId()));
    return true;
}

/// The newest code the test phone on @p socket received for @p phone.
QString codeFor(const QString &socket, const QString &phone)
{
    QLocalSocket channel;
    channel.connectToServer(socket);
    if (!channel.waitForConnected(5000))
        return {};
    QByteArray all;
    while (channel.state() == QLocalSocket::ConnectedState && channel.waitForReadyRead(5000))
        all += channel.readAll();
    all += channel.readAll();
    static const QRegularExpression digits(QStringLiteral("\\b([0-9]{6})\\b"));
    const QList<QByteArray> lines = all.split('\n');
    for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
        const QJsonObject message = QJsonDocument::fromJson(*it).object();
        if (message.value(QLatin1String("to")).toString().remove(QLatin1Char('+'))
            == QString(phone).remove(QLatin1Char('+')))
            return digits.match(message.value(QLatin1String("text")).toString()).captured(1);
    }
    return {};
}

} // namespace

namespace {

struct Outcome
{
    double loginsPerSecond = 0;
    QList<double> totals;
    std::array<QList<double>, HostedLoginClient::StepCount> steps;
    std::map<QString, double> cpuMsPerLogin;
};

/// Users for @p logins logins: each used at most nine times, and never by two clients at once.
QStringList makeUsers(Tenant &tenant, int logins, int clients, QString *error)
{
    tenant.users().setPasswordHasher(PasswordHasher::minimal());
    const int count = logins / 9 + clients + 1;
    QStringList phones;
    for (int i = 0; i < count; ++i) {
        auto user = tenant.users().create(QStringLiteral("bench-%1@example.com").arg(i),
                                          QString::fromLatin1(kPassword));
        const QString phone = QStringLiteral("+1201555%1").arg(1000 + i, 4, 10, QLatin1Char('0'));
        if (!user || !tenant.users().enrollPhone(user.value().id, phone)) {
            *error = user ? QStringLiteral("could not enroll %1").arg(phone) : user.error().message();
            return {};
        }
        phones.append(phone);
    }
    return phones;
}

std::optional<Outcome>
measure(const QString &cli, const Configuration &configuration, int logins, int clients)
{
    QTemporaryDir dir;
    std::unique_ptr<ScratchPostgres> database;
    QString location = dir.filePath(QStringLiteral("bench.authdeck"));
    if (configuration.postgres) {
        database = std::make_unique<ScratchPostgres>();
        if (!database->isValid()) {
            std::fprintf(stderr, "%s\n", qPrintable(database->error()));
            return std::nullopt;
        }
        location = database->url();
    }
    const QString config = run(cli, {QStringLiteral("demo"), QStringLiteral("--tenant"), location});
    const QString clientId = QJsonDocument::fromJson(config.trimmed().section(QLatin1Char('\n'), -1).toUtf8())
                                 .object()
                                 .value(QLatin1String("clientId"))
                                 .toString();
    if (clientId.isEmpty())
        return std::nullopt;
    QStringList phones;
    QString tenantId;
    {
        MemorySecretStore secrets; // users need no secret; the servers read theirs from the keyring
        auto tenant = Tenant::open(location, secrets);
        if (!tenant) {
            std::fprintf(stderr, "%s\n", qPrintable(tenant.error().message()));
            return std::nullopt;
        }
        QString error;
        phones = makeUsers(*tenant.value(), logins, clients, &error);
        if (phones.isEmpty()) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return std::nullopt;
        }
        tenantId = tenant.value()->id();
    }
    std::vector<Server> servers(size_t(configuration.servers));
    for (Server &server : servers) {
        if (!startServer(cli, location, tenantId, server))
            return std::nullopt;
    }

    // A warm-up login per client and server (Node workers started, connections open), then the measured ones.
    const int warmup = clients * configuration.servers;
    std::atomic<int> next {0};
    std::atomic<bool> failed {false};
    QMutex lock;
    Outcome outcome;
    QElapsedTimer wall;
    std::map<QString, std::pair<QString, double>> cpuBefore;
    std::atomic<int> warmedUp {0};
    const auto work = [&] {
        HostedLoginClient client(servers.front().base);
        for (int i = next++; i < warmup + logins && !failed; i = next++) {
            if (i == warmup) {
                // The first measured login waits for every warm-up login to end.
                while (warmedUp < warmup && !failed)
                    QThread::yieldCurrentThread();
                const QMutexLocker locked(&lock);
                cpuBefore = cpuByProcess();
                wall.start();
            } else if (i > warmup) {
                while (!wall.isValid() && !failed)
                    QThread::yieldCurrentThread();
            }
            const Server &server = servers.at(size_t(i % configuration.servers));
            client.setBase(server.base);
            client.forgetCookies();
            HostedLoginClient::Login login;
            QElapsedTimer timer;
            timer.start();
            const bool done = client.logIn(
                clientId,
                QStringLiteral("bench-%1@example.com").arg(i % phones.size()),
                QString::fromLatin1(kPassword),
                phones.at(i % phones.size()),
                [&server](const QString &phone) { return codeFor(server.phoneSocket, phone); },
                login);
            if (!done) {
                failed = true;
                break;
            }
            if (i < warmup) {
                ++warmedUp;
                continue;
            }
            const QMutexLocker locked(&lock);
            outcome.totals << double(timer.nsecsElapsed()) / 1e6;
            for (int s = 0; s < HostedLoginClient::StepCount; ++s)
                outcome.steps[s] << login.stepMs[s];
        }
    };
    std::vector<std::unique_ptr<QThread>> threads;
    for (int c = 0; c < clients; ++c) {
        threads.emplace_back(QThread::create(work));
        threads.back()->start();
    }
    for (auto &thread : threads)
        thread->wait();
    const double seconds = double(wall.nsecsElapsed()) / 1e9;
    const auto cpuAfter = cpuByProcess();
    for (Server &server : servers) {
        server.process->terminate();
        server.process->waitForFinished(20000);
    }
    if (failed || outcome.totals.size() != logins)
        return std::nullopt;
    outcome.loginsPerSecond = logins / seconds;
    for (const auto &[pid, after] : cpuAfter) {
        // A process started meanwhile counts whole; one that ended meanwhile is not seen (none should).
        const auto before = cpuBefore.find(pid);
        const double used = after.second - (before == cpuBefore.end() ? 0.0 : before->second.second);
        if (used > 0)
            outcome.cpuMsPerLogin[partOf(after.first)] += used / logins;
    }
    return outcome;
}

double median(QList<double> values, double quantile = 0.5)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(qMin(values.size() - 1, qsizetype(quantile * values.size())));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("logins"),
                      QStringLiteral("Measured logins per configuration."),
                      QStringLiteral("n"),
                      QStringLiteral("400")});
    parser.addOption({QStringLiteral("clients"),
                      QStringLiteral("Browsers logging in at once."),
                      QStringLiteral("n"),
                      QStringLiteral("8")});
    parser.addOption({QStringLiteral("cli"),
                      QStringLiteral("The authdeck-cli to run."),
                      QStringLiteral("path"),
                      QStringLiteral(AUTHDECK_CLI)});
    parser.addOption(
        {QStringLiteral("only"),
         QStringLiteral("Only configuration n: 1 SQLite, 2 PostgreSQL, 3 PostgreSQL with two servers."),
         QStringLiteral("n")});
    parser.process(app);
    const int logins = qMax(1, parser.value(QStringLiteral("logins")).toInt());
    const int clients = qMax(1, parser.value(QStringLiteral("clients")).toInt());
    const QString cli = parser.value(QStringLiteral("cli"));
    if (const QString why = StoreEngine::unavailable(StoreEngine::postgres()); !why.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(why));
        return 1;
    }

    std::vector<Configuration> configurations {Configuration {"SQLite, 1 server", false, 1},
                                               Configuration {"PostgreSQL, 1 server", true, 1},
                                               Configuration {"PostgreSQL, 2 servers", true, 2}};
    if (parser.isSet(QStringLiteral("only"))) {
        const int only = parser.value(QStringLiteral("only")).toInt();
        if (only < 1 || only > int(configurations.size())) {
            std::fprintf(stderr, "--only wants 1, 2 or 3\n");
            return 2;
        }
        configurations = {configurations.at(size_t(only - 1))};
    }
    std::printf(
        "%d logins per configuration, %d clients at once, %d cores, minimal Argon2id, SMS code through the "
        "sandbox\n\n",
        logins,
        clients,
        QThread::idealThreadCount());
    std::vector<Outcome> outcomes;
    for (const Configuration &configuration : configurations) {
        const auto outcome = measure(cli, configuration, logins, clients);
        if (!outcome) {
            std::fprintf(stderr, "%s: the run did not complete\n", configuration.name);
            return 1;
        }
        outcomes.push_back(*outcome);
        std::printf("%s: %.1f logins/s, whole login median %.1f ms, p95 %.1f ms\n",
                    configuration.name,
                    outcome->loginsPerSecond,
                    median(outcome->totals),
                    median(outcome->totals, 0.95));
        for (int s = 0; s < HostedLoginClient::StepCount; ++s)
            std::printf(
                "    %-40s median %7.2f ms\n", HostedLoginClient::kStepNames[s], median(outcome->steps[s]));
        std::printf("    CPU per login:");
        for (const auto &[part, ms] : outcome->cpuMsPerLogin)
            std::printf("  %s %.2f ms;", qPrintable(part), ms);
        std::printf("\n\n");
    }
    std::printf("| configuration | logins/s | vs SQLite, 1 server | whole login median | p95 "
                "|\n|---|---|---|---|---|\n");
    for (size_t i = 0; i < outcomes.size(); ++i)
        std::printf("| %s | %.1f | %.2fx | %.1f ms | %.1f ms |\n",
                    configurations.at(i).name,
                    outcomes.at(i).loginsPerSecond,
                    outcomes.at(i).loginsPerSecond / outcomes.front().loginsPerSecond,
                    median(outcomes.at(i).totals),
                    median(outcomes.at(i).totals, 0.95));
    return 0;
}
