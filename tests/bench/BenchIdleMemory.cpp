// bench_idle_memory: the memory authdeck holds once it has shown its main window and gone idle, on a tenant
// with 10,000 applications and 100,000 users, against bench_bare_window --stay (an empty QMainWindow)
// measured the same way.
//
// Each run starts the program with QT_QPA_PLATFORM=offscreen and a temporary XDG_CONFIG_HOME, waits until it
// has used no CPU for a whole second (read from /proc/PID/stat every 100 ms, at most 60 s), then reads its
// proportional set size (Pss, and its anonymous part Pss_Anon) and resident set size (Rss) from
// /proc/PID/smaps_rollup, and kills it. The
// programs take turns; the medians are printed and, with AUTHDECK_BENCH_JSON set, recorded (BenchResults).

#include "core/login/PasswordHasher.h"
#include "core/store/UserRepository.h"
#include "core/tenant/Tenant.h"
#include "tests/bench/BenchResults.h"
#include "tests/bench/BenchTenant.h"
#include "tests/support/TempTenant.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "bench_idle_memory: %s\n", qPrintable(message));
    return 1;
}

/// The CPU time (user + system, in clock ticks) the process @p pid has used, or -1 when it is gone.
qint64 cpuTicks(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // The fields after the command name, which is in parentheses and may hold spaces.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    return fields.size() > 12 ? fields.at(11).toLongLong() + fields.at(12).toLongLong() : -1;
}

/// A field of /proc/@p pid/smaps_rollup ("Pss", "Rss") in KiB, or -1.
qint64 rollupKiB(qint64 pid, const QByteArray &field)
{
    QFile rollup(QStringLiteral("/proc/%1/smaps_rollup").arg(pid));
    if (!rollup.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : rollup.readAll().split('\n')) {
        if (line.startsWith(QByteArray(field + ':')))
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

struct Subject
{
    QString label;
    QString key;
    QString program;
    QStringList arguments;
    QList<double> pssKiB;
    QList<double> anonKiB; // Pss_Anon: the heap and other private memory, without the mapped libraries
    QList<double> rssKiB;
};

/// Starts @p subject, waits until it is idle, reads its memory; false (with @p error) when it failed.
bool measureOnce(Subject &subject, const QProcessEnvironment &environment, QString *error)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setStandardOutputFile(QProcess::nullDevice());
    process.start(subject.program, subject.arguments);
    if (!process.waitForStarted()) {
        *error = QStringLiteral("%1 did not start: %2").arg(subject.program, process.errorString());
        return false;
    }
    const qint64 pid = process.processId();
    QElapsedTimer clock;
    clock.start();
    qint64 lastTicks = -2;
    QElapsedTimer quiet;
    quiet.start();
    while (quiet.elapsed() < 1000) {
        if (clock.elapsed() > 60000 || process.waitForFinished(100)) {
            *error = QStringLiteral("%1 exited or never went idle:\n%2")
                         .arg(subject.program, QString::fromLocal8Bit(process.readAllStandardError()));
            process.kill();
            process.waitForFinished();
            return false;
        }
        const qint64 ticks = cpuTicks(pid);
        if (ticks != lastTicks)
            quiet.restart();
        lastTicks = ticks;
    }
    subject.pssKiB << double(rollupKiB(pid, "Pss"));
    subject.anonKiB << double(rollupKiB(pid, "Pss_Anon"));
    subject.rssKiB << double(rollupKiB(pid, "Rss"));
    process.kill();
    process.waitForFinished();
    return true;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

QString seedUsers(Tenant &tenant, int count)
{
    const QString hash = PasswordHasher::minimal().hash(QStringLiteral("bench password"));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    UserRepository users(tenant.database());
    const Result<void> inserted = users.insertMany(count, [&](int i) {
        User user;
        user.id = QStringLiteral("auth0|bench%1").arg(i, 8, 10, QLatin1Char('0'));
        user.email = QStringLiteral("user%1@bench.test").arg(i);
        user.passwordHash = hash;
        user.createdAt = now.addSecs(-60 * qint64(count - i));
        user.updatedAt = user.createdAt;
        return user;
    });
    return inserted ? QString() : inserted.error().message();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Idle memory of authdeck against an empty QMainWindow."));
    parser.addHelpOption();
    const QCommandLineOption runsOption(QStringLiteral("runs"),
                                        QStringLiteral("Runs of each program (3)."),
                                        QStringLiteral("n"),
                                        QStringLiteral("3"));
    const QCommandLineOption usersOption(QStringLiteral("users"),
                                         QStringLiteral("Users (100000)."),
                                         QStringLiteral("n"),
                                         QStringLiteral("100000"));
    parser.addOptions({runsOption, usersOption});
    parser.process(app);
    const int runs = qMax(1, parser.value(runsOption).toInt());
    const int userCount = qMax(0, parser.value(usersOption).toInt());
    const int applications = BenchTenant::applicationCount();

    TempTenant tenant;
    if (!tenant.isValid())
        return fail(tenant.error());
    if (const QString error = BenchTenant::seed(tenant.tenant(), applications); !error.isEmpty())
        return fail(error);
    if (const QString error = seedUsers(tenant.tenant(), userCount); !error.isEmpty())
        return fail(error);
    tenant.close(); // authdeck opens the file on its own

    QTemporaryDir config;
    if (!config.isValid())
        return fail(QStringLiteral("cannot create a temporary folder: %1").arg(config.errorString()));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());

    QList<Subject> subjects {
        {QStringLiteral("authdeck"),
         QStringLiteral("authdeck"),
         QStringLiteral(AUTHDECK_EXECUTABLE),
         {QStringLiteral("--tenant"), tenant.path()},
         {},
         {},
         {}},
        {QStringLiteral("bench_bare_window"),
         QStringLiteral("bare_window"),
         QStringLiteral(BARE_WINDOW_EXECUTABLE),
         {QStringLiteral("--stay")},
         {},
         {},
         {}},
    };
    QString error;
    for (int run = 0; run < runs; ++run) {
        for (Subject &subject : subjects) {
            if (!measureOnce(subject, environment, &error))
                return fail(error);
        }
    }
    std::printf("idle after showing (offscreen), %d applications, %d users, median of %d runs:\n",
                applications,
                userCount,
                runs);
    for (const Subject &subject : subjects) {
        std::printf("%-20s Pss %8.1f MiB (anonymous %6.1f MiB)   Rss %8.1f MiB\n",
                    qPrintable(subject.label),
                    median(subject.pssKiB) / 1024,
                    median(subject.anonKiB) / 1024,
                    median(subject.rssKiB) / 1024);
        BenchResults::record(QStringLiteral("memory.%1.pss_anon").arg(subject.key),
                             median(subject.anonKiB) / 1024,
                             QStringLiteral("MiB"));
        BenchResults::record(QStringLiteral("memory.%1.pss").arg(subject.key),
                             median(subject.pssKiB) / 1024,
                             QStringLiteral("MiB"));
        BenchResults::record(QStringLiteral("memory.%1.rss").arg(subject.key),
                             median(subject.rssKiB) / 1024,
                             QStringLiteral("MiB"));
    }
    std::printf("ratio authdeck / bare window (Pss): %.2f\n",
                median(subjects.at(0).pssKiB) / median(subjects.at(1).pssKiB));
    return 0;
}
