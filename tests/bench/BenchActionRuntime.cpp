// bench_action_runtime: the cost of running a custom action on ActionRuntime's Node.js worker.
//
// 1. Cold start: --cold fresh runtimes (default 10), each from warmUp() to Ready (the runner's hello) and
//    on to the first trivial run finished; medians and extremes.
// 2. Warm overhead: --runs trivial send-phone-message runs (default 500) one after the other on one warm
//    runtime, from run() to finished(); median, 95th percentile and maximum, next to the handler's own time
//    as the worker measured it. The goal is a median under 5 ms.
// 3. Throughput: the same number of runs started at once (pool of 2 threads); runs per second.
//
// Stops by itself; exit code 1 when a run fails.

#include "core/runtime/ActionRuntime.h"
#include "core/runtime/ActionTriggers.h"
#include "tests/bench/BenchResults.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace {

constexpr int kTimeoutMs = 60000;

/// Runs the event loop until @p done() holds or the timeout passes; false on timeout.
template<typename Done>
bool spinUntil(Done done)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > kTimeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    return true;
}

double percentile(QList<double> values, double fraction)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto index = qsizetype(fraction * double(values.size() - 1) + 0.5);
    return values.at(std::min(index, values.size() - 1));
}

ScriptRequest trivialRequest()
{
    ScriptRequest request;
    request.actionId = QStringLiteral("act_bench");
    request.triggerId = QStringLiteral("send-phone-message");
    request.fileName = QStringLiteral("Bench.js");
    request.code = QStringLiteral("exports.onExecuteSendPhoneMessage = async (event, api) => {\n"
                                  "  return event.message_options.recipient;\n"
                                  "};\n");
    request.event = ActionTriggers::sampleEvent(request.triggerId);
    request.secrets = QJsonObject {{QStringLiteral("TOKEN"), QStringLiteral("bench-token")}};
    return request;
}

/// Runs @p request and waits; the outcome, or BadReply when it did not finish in time.
ScriptOutcome runAndWait(ActionRuntime &runtime, const ScriptRequest &request)
{
    ScriptOutcome outcome
        = ScriptOutcome::failure(ScriptOutcome::Status::BadReply, QStringLiteral("no answer"));
    bool done = false;
    QObject::connect(runtime.run(request), &ScriptJob::finished, [&](const ScriptOutcome &result) {
        outcome = result;
        done = true;
    });
    spinUntil([&done] { return done; });
    return outcome;
}

bool fail(const ScriptOutcome &outcome)
{
    std::fprintf(stderr,
                 "run failed: %s: %s\n",
                 qPrintable(ScriptOutcome::statusName(outcome.status)),
                 qPrintable(outcome.error));
    return false;
}

bool coldStart(int count)
{
    QList<double> toReady;
    QList<double> toFirstRun;
    QString version;
    for (int i = 0; i < count; ++i) {
        ActionRuntime runtime;
        QElapsedTimer clock;
        clock.start();
        runtime.warmUp();
        if (!spinUntil([&runtime] { return runtime.state() != ActionRuntime::State::Starting; })
            || runtime.state() != ActionRuntime::State::Ready) {
            std::fprintf(stderr, "the worker did not start: %s\n", qPrintable(runtime.unavailableReason()));
            return false;
        }
        toReady.append(double(clock.nsecsElapsed()) / 1e6);
        version = runtime.nodeVersion();
        const ScriptOutcome outcome = runAndWait(runtime, trivialRequest());
        if (!outcome.succeeded())
            return fail(outcome);
        toFirstRun.append(double(clock.nsecsElapsed()) / 1e6);
    }
    std::printf("cold start, %d runtimes (Node.js %s)\n", count, qPrintable(version));
    std::printf("  warmUp -> Ready:           median %7.1f ms  min %7.1f  max %7.1f\n",
                percentile(toReady, 0.5),
                percentile(toReady, 0),
                percentile(toReady, 1));
    std::printf("  warmUp -> first run done:  median %7.1f ms  min %7.1f  max %7.1f\n",
                percentile(toFirstRun, 0.5),
                percentile(toFirstRun, 0),
                percentile(toFirstRun, 1));
    return true;
}

bool warmOverhead(int count)
{
    ActionRuntime runtime;
    for (int i = 0; i < 20; ++i) { // warm-up: the worker, its threads and V8's compile caches
        const ScriptOutcome outcome = runAndWait(runtime, trivialRequest());
        if (!outcome.succeeded())
            return fail(outcome);
    }
    QList<double> roundTrips;
    QList<double> handler;
    for (int i = 0; i < count; ++i) {
        QElapsedTimer clock;
        clock.start();
        const ScriptOutcome outcome = runAndWait(runtime, trivialRequest());
        roundTrips.append(double(clock.nsecsElapsed()) / 1e6);
        if (!outcome.succeeded())
            return fail(outcome);
        handler.append(outcome.durationMs);
    }
    std::printf("warm round trip, %d sequential runs of a trivial action (Node.js %s)\n",
                count,
                qPrintable(runtime.nodeVersion()));
    std::printf("  run() -> finished():  median %6.2f ms  p95 %6.2f  max %6.2f\n",
                percentile(roundTrips, 0.5),
                percentile(roundTrips, 0.95),
                percentile(roundTrips, 1));
    std::printf("  handler in worker:    median %6.3f ms  p95 %6.3f\n",
                percentile(handler, 0.5),
                percentile(handler, 0.95));
    BenchResults::record(
        QStringLiteral("action.warm.median"), percentile(roundTrips, 0.5), QStringLiteral("ms"));
    BenchResults::record(
        QStringLiteral("action.warm.p95"), percentile(roundTrips, 0.95), QStringLiteral("ms"));
    BenchResults::record(
        QStringLiteral("action.handler.median"), percentile(handler, 0.5), QStringLiteral("ms"));

    int finished = 0;
    int failed = 0;
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < count; ++i) {
        QObject::connect(
            runtime.run(trivialRequest()), &ScriptJob::finished, [&](const ScriptOutcome &outcome) {
                ++finished;
                failed += outcome.succeeded() ? 0 : 1;
            });
    }
    if (!spinUntil([&] { return finished == count; }) || failed > 0) {
        std::fprintf(
            stderr, "%d of %d runs in flight failed or did not finish\n", count - finished + failed, count);
        return false;
    }
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    std::printf("throughput, %d runs started at once (pool of %d threads): %.0f runs/s\n",
                count,
                runtime.poolSize(),
                count / seconds);
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Cold start and warm overhead of ActionRuntime"));
    parser.addHelpOption();
    const QCommandLineOption runs(QStringLiteral("runs"),
                                  QStringLiteral("Warm runs (500)."),
                                  QStringLiteral("n"),
                                  QStringLiteral("500"));
    const QCommandLineOption cold(QStringLiteral("cold"),
                                  QStringLiteral("Cold starts (10)."),
                                  QStringLiteral("n"),
                                  QStringLiteral("10"));
    parser.addOptions({runs, cold});
    parser.process(app);

    if (ActionRuntime().nodeProgram().isEmpty()) {
        std::fprintf(stderr, "Node.js is not installed\n");
        return 1;
    }
    const bool ok = coldStart(std::max(1, parser.value(cold).toInt()))
        && warmOverhead(std::max(1, parser.value(runs).toInt()));
    return ok ? 0 : 1;
}
