// bench_exchange: the tenant in Auth0 Deploy CLI's formats at scale, and the Management API's client list.
//
// Seeds a tenant with 10,000 applications (BenchTenant; AUTHDECK_BENCH_APPS changes the count) and 500 custom
// actions for send-phone-message (--actions N; drafts, not deployed, so that Node.js is not what is
// measured), then times, each --runs times (median printed):
//   export yaml       TenantExporter::collect + TenantFiles::write (tenant.yaml and every code.js)
//   export directory  the same in the directory layout
//   plan              TenantFiles::read + ImportPlan::make of that export into an empty tenant
//   import            TenantImporter::apply of that plan (one transaction; a fresh empty tenant each run)
// and the Management API: GET /api/v2/clients?per_page=100&page=K over real HTTP on loopback (a token from
// client_credentials for each machine-to-machine app, one app per 80 requests so that Auth0's per-client rate
// limit does not cap the count), --requests N (default 2000) with --in-flight M (default 8) requests at once:
// requests per second and each request's median and p95 as the client saw them.

#include "core/actions/CustomActionService.h"
#include "core/applications/ApplicationService.h"
#include "core/applications/ClientGrantService.h"
#include "core/exchange/ImportPlan.h"
#include "core/exchange/TenantExporter.h"
#include "core/exchange/TenantFiles.h"
#include "core/exchange/TenantImporter.h"
#include "core/secrets/MemorySecretStore.h"
#include "core/secrets/SecretJob.h"
#include "core/server/LoginServer.h"
#include "core/server/ManagementApi.h"
#include "core/tenant/Tenant.h"
#include "tests/bench/BenchTenant.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QUrlQuery>

#include <algorithm>
#include <cstdio>
#include <functional>

namespace {

[[noreturn]] void die(const QString &message)
{
    std::fprintf(stderr, "bench_exchange: %s\n", qPrintable(message));
    std::exit(1);
}

std::unique_ptr<Tenant> openTenant(const QString &path, SecretStore &secrets)
{
    auto opened = Tenant::open(path, secrets);
    if (!opened)
        die(opened.error().message());
    return opened.takeValue();
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

double percentile(QList<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(qMin(values.size() - 1, qsizetype(values.size() * p)));
}

qint64 folderBytes(const QString &folder)
{
    qint64 bytes = 0;
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        bytes += it.fileInfo().size();
    }
    return bytes;
}

void seedActions(Tenant &tenant, int count)
{
    CustomActionService &actions = tenant.customActions();
    for (int i = 0; i < count; ++i) {
        auto created = actions.create(QStringLiteral("Notify %1").arg(i, 4, 10, QLatin1Char('0')),
                                      QStringLiteral("send-phone-message"));
        if (!created)
            die(created.error().message());
        const QString code
            = QStringLiteral("exports.onExecuteSendPhoneMessage = async (event, api) => {\n"
                             "  console.log('action %1', event.message_options.recipient);\n};\n")
                  .arg(i);
        if (auto saved = actions.saveDraft(created.value().id,
                                           code,
                                           {{QStringLiteral("axios"), QStringLiteral("1.7.2")}},
                                           created.value().revision);
            !saved)
            die(saved.error().message());
    }
}

/// Times @p work @p runs times; the median in milliseconds.
double timeRuns(int runs, const std::function<void()> &work)
{
    QList<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        times.append(timer.nsecsElapsed() / 1e6);
    }
    return median(times);
}

/// A Management API access token for a new machine-to-machine application of @p tenant, named @p name.
QByteArray managementToken(Tenant &tenant, QNetworkAccessManager &network, const QString &name)
{
    auto app = tenant.applications().create({name, ApplicationType::MachineToMachine, {}, {}});
    if (!app)
        die(app.error().message());
    const QString audience = tenant.loginServer().managementAudience();
    if (auto grant
        = tenant.clientGrants().create(app.value().clientId, audience, ManagementApi::knownScopes());
        !grant)
        die(grant.error().message());
    SecretJob *read = tenant.applications().readClientSecret(app.value().clientId);
    QSignalSpy secretRead(read, &SecretJob::finished);
    if (!secretRead.wait(10000))
        die(QStringLiteral("the client secret was not read"));
    const QByteArray secret = qvariant_cast<SecretJob *>(secretRead.first().first())->value();
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("client_credentials"));
    form.addQueryItem(QStringLiteral("client_id"), app.value().clientId);
    form.addQueryItem(QStringLiteral("client_secret"), QString::fromUtf8(secret));
    form.addQueryItem(QStringLiteral("audience"), audience);
    QNetworkRequest request(QUrl(tenant.loginServer().url().toString() + QLatin1String("/oauth/token")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-www-form-urlencoded"));
    QNetworkReply *reply = network.post(request, form.toString(QUrl::FullyEncoded).toUtf8());
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(10000))
        die(QStringLiteral("no answer from /oauth/token"));
    const QByteArray token = QJsonDocument::fromJson(reply->readAll())
                                 .object()
                                 .value(QLatin1String("access_token"))
                                 .toString()
                                 .toUtf8();
    reply->deleteLater();
    if (token.isEmpty())
        die(QStringLiteral("/oauth/token gave no access token"));
    return token;
}

void benchClientList(Tenant &tenant, int requests, int inFlight, int apps)
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost))
        die(QStringLiteral("no free port"));
    const quint16 port = probe.serverPort();
    probe.close();
    QSignalSpy running(&tenant.loginServer(), &LoginServer::stateChanged);
    tenant.loginServer().start(port);
    while (tenant.loginServer().state() != LoginServer::State::Running) {
        if (tenant.loginServer().state() == LoginServer::State::Failed || !running.wait(10000))
            die(tenant.loginServer().errorString());
    }
    QNetworkAccessManager network;
    // Each client may send 50 requests a second in bursts of 100, as on Auth0 (RateLimiter): the requests
    // are shared among enough machine-to-machine clients that none sends more than 80, so that what is
    // measured is the server, with the limiter's bookkeeping in its path, and not the limit.
    QList<QByteArray> tokens;
    for (int i = 0; i < (requests + 79) / 80; ++i)
        tokens.append(managementToken(tenant, network, QStringLiteral("Bench M2M %1").arg(i + 1)));
    const int pages = qMax(1, (apps + 99) / 100);
    QList<double> latencies;
    int started = 0;
    int done = 0;
    int failures = 0;
    QEventLoop loop;
    QElapsedTimer wall;
    std::function<void()> startOne = [&] {
        const QByteArray &token = tokens.at(started % tokens.size());
        const int page = started++ % pages;
        QNetworkRequest request(
            QUrl(QStringLiteral("%1/api/v2/clients?per_page=100&page=%2&include_totals=true")
                     .arg(tenant.loginServer().url().toString())
                     .arg(page)));
        request.setRawHeader("Authorization", "Bearer " + token);
        QElapsedTimer *timer = new QElapsedTimer;
        timer->start();
        QNetworkReply *reply = network.get(request);
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply, timer] {
            latencies.append(timer->nsecsElapsed() / 1e6);
            delete timer;
            if (const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                status != 200) {
                if (failures++ == 0)
                    std::printf(
                        "first failure: HTTP %d %s\n", status, reply->readAll().left(200).constData());
            }
            reply->deleteLater();
            if (++done == requests)
                return loop.quit();
            if (started < requests)
                startOne();
        });
    };
    wall.start();
    for (int i = 0; i < qMin(inFlight, requests); ++i)
        startOne();
    loop.exec();
    const double seconds = wall.nsecsElapsed() / 1e9;
    std::printf(
        "GET /api/v2/clients?per_page=100 (%d apps, %d in flight, %d clients): %.0f requests/s, median "
        "%.2f ms, p95 %.2f ms, %d failed\n",
        apps,
        inFlight,
        int(tokens.size()),
        requests / seconds,
        median(latencies),
        percentile(latencies, 0.95),
        failures);
    tenant.loginServer().stop();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("actions"),
                      QStringLiteral("Custom actions to seed."),
                      QStringLiteral("n"),
                      QStringLiteral("500")});
    parser.addOption({QStringLiteral("runs"),
                      QStringLiteral("Timed runs of each step."),
                      QStringLiteral("n"),
                      QStringLiteral("3")});
    parser.addOption({QStringLiteral("requests"),
                      QStringLiteral("GET /api/v2/clients requests."),
                      QStringLiteral("n"),
                      QStringLiteral("2000")});
    parser.addOption({QStringLiteral("in-flight"),
                      QStringLiteral("Requests at once."),
                      QStringLiteral("n"),
                      QStringLiteral("8")});
    parser.process(app);
    const int actions = qMax(0, parser.value(QStringLiteral("actions")).toInt());
    const int runs = qMax(1, parser.value(QStringLiteral("runs")).toInt());
    const int apps = BenchTenant::applicationCount();

    QTemporaryDir dir;
    MemorySecretStore secrets;
    auto tenant = openTenant(dir.filePath(QStringLiteral("source.authdeck")), secrets);
    QElapsedTimer seeding;
    seeding.start();
    if (const QString error = BenchTenant::seed(*tenant, apps); !error.isEmpty())
        die(error);
    seedActions(*tenant, actions);
    std::printf(
        "seeded %d applications and %d actions in %.1f s\n", apps, actions, seeding.nsecsElapsed() / 1e9);

    int exports = 0;
    const QString yamlFolder = dir.filePath(QStringLiteral("yaml"));
    const double exportYaml = timeRuns(runs, [&] {
        auto assets = TenantExporter::collect(*tenant);
        if (!assets || !TenantFiles::write(assets.value(), yamlFolder, TenantFiles::Format::Yaml))
            die(QStringLiteral("export failed"));
        ++exports;
    });
    const double exportDirectory = timeRuns(runs, [&] {
        auto assets = TenantExporter::collect(*tenant);
        if (!assets
            || !TenantFiles::write(
                assets.value(), dir.filePath(QStringLiteral("directory")), TenantFiles::Format::Directory))
            die(QStringLiteral("export failed"));
    });
    std::printf("export yaml: median %.0f ms (%.1f MB)\nexport directory: median %.0f ms (%.1f MB)\n",
                exportYaml,
                folderBytes(yamlFolder) / 1e6,
                exportDirectory,
                folderBytes(dir.filePath(QStringLiteral("directory"))) / 1e6);

    QList<double> planTimes;
    QList<double> importTimes;
    for (int run = 0; run < runs; ++run) {
        auto target = openTenant(dir.filePath(QStringLiteral("target%1.authdeck").arg(run)), secrets);
        QElapsedTimer timer;
        timer.start();
        auto files = TenantFiles::read(yamlFolder);
        if (!files)
            die(files.error().message());
        auto plan = ImportPlan::make(*target, files.value(), {});
        if (!plan)
            die(plan.error().message());
        planTimes.append(timer.nsecsElapsed() / 1e6);
        TenantImporter importer(*target);
        QSignalSpy finished(&importer, &TenantImporter::finished);
        timer.restart();
        importer.apply(plan.value());
        if (!finished.wait(600000) || !finished.first().first().toString().isEmpty())
            die(QStringLiteral("import failed: %1").arg(finished.value(0).value(0).toString()));
        importTimes.append(timer.nsecsElapsed() / 1e6);
        if (run == 0)
            std::printf("plan: %s\n", qPrintable(plan.value().summary()));
    }
    std::printf("read + plan: median %.0f ms\nimport (one transaction): median %.0f ms\n",
                median(planTimes),
                median(importTimes));

    benchClientList(*tenant,
                    qMax(1, parser.value(QStringLiteral("requests")).toInt()),
                    qMax(1, parser.value(QStringLiteral("in-flight")).toInt()),
                    apps);
    return 0;
}
