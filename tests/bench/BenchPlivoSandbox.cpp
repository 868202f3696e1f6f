// bench_plivo_sandbox: PlivoClient against PlivoSandbox over loopback.
//
// 1. Throughput: --sends SMS sends (default 2,000) with 1, 8 and 64 sends in flight; prints sends per
//    second and the median and 99th percentile of one send, then checks the sandbox stored them all.
// 2. Memory per request in flight: the sandbox holds every answer back (SlowReply), the client starts
//    64 and then 1,000 sends, and the growth of the resident set (from /proc/self/statm) is divided by
//    the number in flight (also the growth of the heap in use, from mallinfo2, which is not hidden by
//    the reuse of memory freed earlier). Qt opens at most 6 HTTP/1.1 connections per host, so all but 6 of
//    them wait inside QNetworkAccessManager; the number that reached the sandbox is printed too.
//
// 3. With --node-peer SCRIPT (tests/bench/plivo-sdk-sends.mjs): the same sends through Plivo's own Node SDK
// to
//    the same sandbox, in the same run, at 1 and 64 in flight (the SDK keeps up to 100 connections per host).
//
// The sandbox runs in its own thread unless --same-thread is given. Stops by itself. With AUTHDECK_BENCH_JSON
// set, the sends per second are also written there (BenchResults).

#include "core/plivo/PlivoCall.h"
#include "core/plivo/PlivoClient.h"
#include "core/plivo/PlivoSandbox.h"
#include "tests/bench/BenchResults.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <malloc.h>
#include <unistd.h>

namespace {

qint64 residentBytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields.at(1).toLongLong() * sysconf(_SC_PAGESIZE) : 0;
}

/// Bytes the heap has handed out and not taken back (glibc), unlike RSS blind to reuse of freed memory.
qint64 heapInUse()
{
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks + info.hblkhd);
}

/// Runs @p work on the sandbox's thread and waits for it.
template<typename Work>
void onSandbox(PlivoSandbox *sandbox, Work work)
{
    if (sandbox->thread() == QThread::currentThread())
        work();
    else
        QMetaObject::invokeMethod(sandbox, work, Qt::BlockingQueuedConnection);
}

/// Runs the event loop until @p done() holds or @p timeoutMs pass; false on timeout.
template<typename Done>
bool spinUntil(Done done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    return true;
}

struct Throughput
{
    int completed = 0;
    int failed = 0;
    double seconds = 0;
    QList<double> latenciesMs;
    QString firstError;
};

Throughput measureThroughput(PlivoClient &client, int sends, int inFlight)
{
    Throughput run;
    int started = 0;
    QElapsedTimer clock;
    clock.start();
    std::function<void()> startOne = [&] {
        const int index = started++;
        const QString to = QStringLiteral("+1415556%1").arg(index % 10000, 4, 10, QLatin1Char('0'));
        QElapsedTimer *one = new QElapsedTimer;
        one->start();
        PlivoCall *call = client.sendSms(PlivoSandbox::credentials(),
                                         PlivoSandbox::senderNumber(),
                                         to,
                                         QStringLiteral("Your Authdeck code is %1").arg(100000 + index));
        QObject::connect(call, &PlivoCall::finished, call, [&, one](const PlivoResult &result) {
            run.latenciesMs.append(double(one->nsecsElapsed()) / 1e6);
            delete one;
            ++run.completed;
            if (!result.succeeded()) {
                ++run.failed;
                if (run.firstError.isEmpty())
                    run.firstError = result.message();
            }
            if (started < sends)
                startOne();
        });
    };
    for (int i = 0; i < inFlight && started < sends; ++i)
        startOne();
    spinUntil([&] { return run.completed >= sends; }, 600000);
    run.seconds = double(clock.nsecsElapsed()) / 1e9;
    return run;
}

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return values.at(qMin(values.size() - 1, qsizetype(p * double(values.size()))));
}

/**
 * Runs the Node SDK's script against @p baseUrl: @p sends sends with @p inFlight in flight, after its own
 * warm-up. Returns its JSON result, or an empty object (with the reason printed) when it failed.
 */
QJsonObject runNodePeer(const QString &script, const QUrl &baseUrl, int sends, int inFlight)
{
    QProcess node;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const PlivoCredentials credentials = PlivoSandbox::credentials();
    environment.insert(QStringLiteral("AUTHDECK_PLIVO_URL"), baseUrl.toString(QUrl::StripTrailingSlash));
    environment.insert(QStringLiteral("AUTHDECK_PLIVO_AUTH_ID"), credentials.authId);
    environment.insert(QStringLiteral("AUTHDECK_PLIVO_AUTH_TOKEN"), credentials.authToken);
    node.setProcessEnvironment(environment);
    node.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    node.start(QStandardPaths::findExecutable(QStringLiteral("node")),
               {script,
                QStringLiteral("--sends"),
                QString::number(sends),
                QStringLiteral("--in-flight"),
                QString::number(inFlight)});
    if (!node.waitForFinished(600000) || node.exitStatus() != QProcess::NormalExit || node.exitCode() != 0) {
        std::fprintf(stderr,
                     "bench_plivo_sandbox: %s failed: %s\n",
                     qPrintable(script),
                     qPrintable(node.errorString()));
        return {};
    }
    return QJsonDocument::fromJson(node.readAllStandardOutput()).object();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("PlivoClient against PlivoSandbox over loopback."));
    parser.addHelpOption();
    const QCommandLineOption sendsOption(QStringLiteral("sends"),
                                         QStringLiteral("Sends per run (2000)."),
                                         QStringLiteral("n"),
                                         QStringLiteral("2000"));
    const QCommandLineOption sameThread(QStringLiteral("same-thread"),
                                        QStringLiteral("Run the sandbox on the client's thread."));
    const QCommandLineOption nodePeer(QStringLiteral("node-peer"),
                                      QStringLiteral("Also send through Plivo's Node SDK with this script."),
                                      QStringLiteral("script"));
    parser.addOption(sendsOption);
    parser.addOption(sameThread);
    parser.addOption(nodePeer);
    parser.process(app);
    const int sends = qMax(1, parser.value(sendsOption).toInt());

    QThread sandboxThread;
    auto *sandbox = new PlivoSandbox;
    if (!parser.isSet(sameThread)) {
        sandbox->moveToThread(&sandboxThread);
        QObject::connect(&sandboxThread, &QThread::finished, sandbox, &QObject::deleteLater);
        sandboxThread.start();
    }
    bool started = false;
    QString error;
    onSandbox(sandbox, [&] {
        started = sandbox->start();
        error = sandbox->errorString();
    });
    if (!started) {
        std::fprintf(stderr, "bench_plivo_sandbox: %s\n", qPrintable(error));
        return 1;
    }
    QUrl baseUrl;
    onSandbox(sandbox, [&] { baseUrl = sandbox->baseUrl(); });

    QNetworkAccessManager network;
    PlivoClient client(network);
    client.setBaseUrl(baseUrl);
    client.setTimeoutMs(120000);

    std::printf("bench_plivo_sandbox: Qt %s, sandbox %s, %d sends per run\n\n",
                qVersion(),
                parser.isSet(sameThread) ? "on the client's thread" : "on its own thread",
                sends);
    measureThroughput(client, qMin(sends, 200), 8); // warm-up: connections, caches, code paths
    std::printf("%-10s %14s %14s %14s %16s\n",
                "in flight",
                "RSS delta KiB",
                "RSS B/request",
                "heap B/request",
                "at the sandbox");
    onSandbox(sandbox, [&] {
        sandbox->clear();
        sandbox->setSlowReplyMs(600000);
        sandbox->setFailureMode(PlivoSandbox::FailureMode::SlowReply);
    });
    struct MemoryRun
    {
        int inFlight;
        bool send;
    };
    for (const MemoryRun &memoryRun :
         {MemoryRun {64, true}, MemoryRun {1000, true}, MemoryRun {1000, false}}) {
        const int inFlight = memoryRun.inFlight;
        network.clearConnectionCache();
        spinUntil([] { return false; }, 200);
        const qint64 before = residentBytes();
        const qint64 heapBefore = heapInUse();
        int requestsBefore = 0;
        onSandbox(sandbox, [&] { requestsBefore = sandbox->requestCount(); });
        QList<QPointer<PlivoCall>> calls;
        for (int i = 0; i < inFlight; ++i)
            calls.append(memoryRun.send
                             ? client.sendSms(PlivoSandbox::credentials(),
                                              PlivoSandbox::senderNumber(),
                                              QStringLiteral("+1415557%1").arg(i, 4, 10, QLatin1Char('0')),
                                              QStringLiteral("Your Authdeck code is %1").arg(200000 + i))
                             : client.getAccount(PlivoSandbox::credentials()));
        int atSandbox = 0;
        spinUntil(
            [&] {
                onSandbox(sandbox, [&] { atSandbox = sandbox->requestCount() - requestsBefore; });
                return atSandbox >= qMin(inFlight, 6);
            },
            10000);
        spinUntil([] { return false; }, 300); // let every queued request settle inside Qt
        const qint64 after = residentBytes();
        const qint64 heapAfter = heapInUse();
        const QString label
            = QString::number(inFlight) + (memoryRun.send ? QString() : QStringLiteral(" reads"));
        std::printf("%-10s %14.0f %14.0f %14.0f %16d\n",
                    qPrintable(label),
                    double(after - before) / 1024.0,
                    double(after - before) / inFlight,
                    double(heapAfter - heapBefore) / inFlight,
                    atSandbox);
        for (const QPointer<PlivoCall> &call : std::as_const(calls)) {
            if (call)
                call->cancel();
        }
        spinUntil([] { return false; }, 200);
    }

    std::printf(
        "\n%-10s %10s %12s %10s %10s %8s\n", "in flight", "sends", "sends/s", "p50 ms", "p99 ms", "failed");
    int stored = 0;
    onSandbox(sandbox, [&] { sandbox->setFailureMode(PlivoSandbox::FailureMode::None); });
    for (int inFlight : {1, 8, 64}) {
        onSandbox(sandbox, [&] { sandbox->clear(); });
        const Throughput run = measureThroughput(client, sends, inFlight);
        onSandbox(sandbox, [&] { stored = int(sandbox->messages().size()); });
        std::printf("%-10d %10d %12.0f %10.2f %10.2f %8d\n",
                    inFlight,
                    run.completed,
                    run.completed / run.seconds,
                    percentile(run.latenciesMs, 0.5),
                    percentile(run.latenciesMs, 0.99),
                    run.failed);
        if (run.failed > 0 || stored != sends)
            std::printf(
                "   ! %d stored by the sandbox; first error: %s\n", stored, qPrintable(run.firstError));
        else
            BenchResults::record(QStringLiteral("plivo.authdeck.%1").arg(inFlight),
                                 run.completed / run.seconds,
                                 QStringLiteral("/s"));
    }

    bool peerOk = true;
    if (parser.isSet(nodePeer)) {
        std::printf("\nPlivo's Node SDK (%s) to the same sandbox:\n", qPrintable(parser.value(nodePeer)));
        for (int inFlight : {1, 64}) {
            onSandbox(sandbox, [&] { sandbox->clear(); });
            const QJsonObject peer = runNodePeer(parser.value(nodePeer), baseUrl, sends, inFlight);
            onSandbox(sandbox, [&] { stored = int(sandbox->messages().size()); });
            const int expected = sends + 200; // its warm-up, then the timed sends
            peerOk = peerOk && !peer.isEmpty() && stored == expected;
            if (peer.isEmpty() || stored != expected) {
                std::printf("   ! %d of %d stored by the sandbox\n", stored, expected);
                continue;
            }
            std::printf("%-10d %10d %12.0f %10.2f %10.2f %8d   plivo %s, Node %s\n",
                        inFlight,
                        peer.value(QLatin1String("sends")).toInt(),
                        peer.value(QLatin1String("sendsPerSecond")).toDouble(),
                        peer.value(QLatin1String("p50Ms")).toDouble(),
                        peer.value(QLatin1String("p99Ms")).toDouble(),
                        peer.value(QLatin1String("failed")).toInt(),
                        qPrintable(peer.value(QLatin1String("plivoVersion")).toString()),
                        qPrintable(peer.value(QLatin1String("node")).toString()));
            BenchResults::record(QStringLiteral("plivo.node_sdk.%1").arg(inFlight),
                                 peer.value(QLatin1String("sendsPerSecond")).toDouble(),
                                 QStringLiteral("/s"));
        }
    }

    onSandbox(sandbox, [&] { sandbox->stop(); });
    if (parser.isSet(sameThread)) {
        delete sandbox;
    } else {
        sandboxThread.quit();
        sandboxThread.wait();
    }
    return peerOk ? 0 : 1;
}
