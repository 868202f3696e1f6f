// bench_startup: how long authdeck takes from launch to its main window being shown, on a tenant with
// 10,000 applications, against an empty QMainWindow (bench_bare_window) started the same way.
//
// Each run starts the program with QT_QPA_PLATFORM=offscreen and a temporary XDG_CONFIG_HOME, and is
// timed from QProcess::start until the process has exited. The two programs take turns.

#include "tests/bench/BenchResults.h"
#include "tests/bench/BenchTenant.h"
#include "tests/support/TempTenant.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <optional>

namespace {

/// One program to start, and how long each run took.
struct Subject
{
    QString label;
    QString program;
    QStringList arguments;
    QList<double> millis;
};

int fail(const QString &message)
{
    std::fprintf(stderr, "bench_startup: %s\n", qPrintable(message));
    return 1;
}

/// Runs @p subject once in @p environment; the wall time in milliseconds, or nothing if it failed.
std::optional<double> runOnce(const Subject &subject, const QProcessEnvironment &environment, QString *error)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setStandardOutputFile(QProcess::nullDevice()); // stderr is kept for the error message
    QElapsedTimer timer;
    timer.start();
    process.start(subject.program, subject.arguments);
    if (!process.waitForFinished(60000)) {
        *error = QStringLiteral("%1 did not finish: %2").arg(subject.program, process.errorString());
        process.kill();
        process.waitForFinished();
        return std::nullopt;
    }
    const double millis = double(timer.nsecsElapsed()) / 1e6;
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        *error = QStringLiteral("%1 failed (exit code %2):\n%3")
                     .arg(subject.program)
                     .arg(process.exitCode())
                     .arg(QString::fromLocal8Bit(process.readAllStandardError()));
        return std::nullopt;
    }
    return millis;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    const qsizetype middle = values.size() / 2;
    return values.size() % 2 ? values.at(middle) : (values.at(middle - 1) + values.at(middle)) / 2;
}

void report(const Subject &subject)
{
    const auto [min, max] = std::minmax_element(subject.millis.cbegin(), subject.millis.cend());
    std::printf("%-22s median %7.1f ms   min %7.1f ms   max %7.1f ms   (%lld runs)\n",
                qPrintable(subject.label),
                median(subject.millis),
                *min,
                *max,
                static_cast<long long>(subject.millis.size()));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bench_startup"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Times authdeck --tenant FILE --quit-when-shown against an empty QMainWindow (bench_bare_window)."));
    parser.addHelpOption();
    const QCommandLineOption runsOption(QStringLiteral("runs"),
                                        QStringLiteral("Timed runs of each program (default 15)."),
                                        QStringLiteral("n"),
                                        QStringLiteral("15"));
    const QCommandLineOption warmupOption(QStringLiteral("warmup"),
                                          QStringLiteral("Untimed runs of each program first (default 1)."),
                                          QStringLiteral("n"),
                                          QStringLiteral("1"));
    const QCommandLineOption appsOption(QStringLiteral("apps"),
                                        QStringLiteral("Applications in the tenant (default %1, or "
                                                       "AUTHDECK_BENCH_APPS).")
                                            .arg(BenchTenant::applicationCount()),
                                        QStringLiteral("n"),
                                        QString::number(BenchTenant::applicationCount()));
    parser.addOptions({runsOption, warmupOption, appsOption});
    parser.process(app);

    bool runsOk = false;
    bool warmupOk = false;
    bool appsOk = false;
    const int runs = parser.value(runsOption).toInt(&runsOk);
    const int warmup = parser.value(warmupOption).toInt(&warmupOk);
    const int applications = parser.value(appsOption).toInt(&appsOk);
    if (!runsOk || runs < 1 || !warmupOk || warmup < 0 || !appsOk || applications < 0)
        return fail(QStringLiteral("--runs must be at least 1, --warmup and --apps at least 0."));

    TempTenant tenant;
    if (!tenant.isValid())
        return fail(tenant.error());
    QElapsedTimer seeding;
    seeding.start();
    if (const QString error = BenchTenant::seed(tenant.tenant(), applications); !error.isEmpty())
        return fail(error);
    std::printf("seeded %d applications through ApplicationService::create in %lld ms\n",
                applications,
                static_cast<long long>(seeding.elapsed()));
    std::fflush(stdout);
    tenant.close(); // authdeck opens the file on its own

    QTemporaryDir config;
    if (!config.isValid())
        return fail(QStringLiteral("cannot create a temporary folder: %1").arg(config.errorString()));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());

    QList<Subject> subjects {
        {QStringLiteral("authdeck"),
         QStringLiteral(AUTHDECK_EXECUTABLE),
         {QStringLiteral("--tenant"), tenant.path(), QStringLiteral("--quit-when-shown")},
         {}},
        {QStringLiteral("bench_bare_window"), QStringLiteral(BARE_WINDOW_EXECUTABLE), {}, {}},
        {QStringLiteral("bare window + text"),
         QStringLiteral(BARE_WINDOW_EXECUTABLE),
         {QStringLiteral("--with-text")},
         {}},
    };

    QString error;
    for (int i = 0; i < warmup + runs; ++i) {
        for (Subject &subject : subjects) {
            const std::optional<double> millis = runOnce(subject, environment, &error);
            if (!millis)
                return fail(error);
            if (i >= warmup)
                subject.millis << *millis;
        }
    }

    std::printf("start-up until the main window is shown and the process has exited (offscreen):\n");
    for (const Subject &subject : subjects)
        report(subject);
    std::printf("ratio authdeck / bare window (medians): %.2f\n",
                median(subjects.at(0).millis) / median(subjects.at(1).millis));
    std::printf("ratio authdeck / bare window with text (medians): %.2f\n",
                median(subjects.at(0).millis) / median(subjects.at(2).millis));
    BenchResults::record(
        QStringLiteral("startup.authdeck"), median(subjects.at(0).millis), QStringLiteral("ms"));
    BenchResults::record(
        QStringLiteral("startup.bare_window"), median(subjects.at(1).millis), QStringLiteral("ms"));
    BenchResults::record(
        QStringLiteral("startup.bare_window_text"), median(subjects.at(2).millis), QStringLiteral("ms"));
    return 0;
}
