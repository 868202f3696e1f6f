// The demo seeder killed (SIGKILL) at random moments while it seeds: the tenant has the whole demo or none
// of it, and a rerun makes it whole. The test runs itself as the seeding process ("--seed-child <path>").

#include "core/actions/IntegrationService.h"
#include "core/applications/ApplicationService.h"
#include "core/login/UserStore.h"
#include "core/mfa/MfaService.h"
#include "core/secrets/MemorySecretStore.h"
#include "core/tenant/DemoSeeder.h"
#include "core/tenant/SetupChecklist.h"
#include "core/tenant/Tenant.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cstdio>

namespace {

constexpr int kRuns = 24;

/// The child: opens (creating) the tenant at @p path, says "seeding", seeds, says "done".
int seedChild(const QString &path)
{
    MemorySecretStore secrets;
    auto tenant = Tenant::open(path, secrets);
    if (!tenant) {
        std::fprintf(stderr, "%s\n", qPrintable(tenant.error().message()));
        return 2;
    }
    DemoSeeder seeder(*tenant.value());
    int status = 0;
    QObject::connect(&seeder, &DemoSeeder::finished, [&status](const QString &error) {
        status = error.isEmpty() ? 0 : 3;
        std::printf("%s\n", error.isEmpty() ? "done" : qPrintable(error));
        std::fflush(stdout);
        QCoreApplication::quit();
    });
    std::printf("seeding\n");
    std::fflush(stdout);
    seeder.start();
    QCoreApplication::exec();
    return status;
}

enum class State
{
    Empty,
    Complete,
    Partial,
};

State stateOf(Tenant &tenant, QString &detail)
{
    const int apps = tenant.applications().count().value();
    const int integrations = int(tenant.integrations().list().value().size());
    const bool user = tenant.users().findByEmail(QLatin1String(DemoSeeder::DemoEmail)).value().has_value();
    const bool always = tenant.mfa().policy() == MfaPolicy::Always;
    detail = QStringLiteral("apps %1, integrations %2, user %3, Always %4")
                 .arg(apps)
                 .arg(integrations)
                 .arg(user)
                 .arg(always);
    if (apps == 0 && integrations == 0 && !user && !always)
        return State::Empty;
    SetupChecklist checklist(tenant);
    for (const SetupChecklist::Item &item : checklist.items()) {
        if (item.state != SetupChecklist::State::Done)
            return State::Partial;
    }
    return user ? State::Complete : State::Partial;
}

} // namespace

class TestDemoSeederKill final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killedSeedingKeepsAllOrNothing();

private:
    /// Starts the child on @p path; false when it did not reach "seeding".
    bool startChild(QProcess &child, const QString &path);
};

bool TestDemoSeederKill::startChild(QProcess &child, const QString &path)
{
    child.setProgram(QCoreApplication::applicationFilePath());
    child.setArguments({QStringLiteral("--seed-child"), path});
    child.start();
    if (!child.waitForStarted(10000))
        return false;
    while (!child.canReadLine()) {
        if (!child.waitForReadyRead(10000))
            return false;
    }
    return child.readLine().trimmed() == "seeding";
}

void TestDemoSeederKill::killedSeedingKeepsAllOrNothing()
{
    // One whole run first, to learn how long seeding takes here.
    QTemporaryDir timing;
    QVERIFY(timing.isValid());
    QProcess whole;
    QVERIFY(startChild(whole, timing.filePath(QStringLiteral("timing.authdeck"))));
    QElapsedTimer clock;
    clock.start();
    QVERIFY(whole.waitForFinished(30000));
    const qint64 seedingMs = clock.elapsed();
    QCOMPARE(whole.exitCode(), 0);

    QRandomGenerator random(QRandomGenerator::global()->generate());
    int empty = 0;
    int complete = 0;
    int killed = 0;
    for (int run = 0; run < kRuns; ++run) {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("demo.authdeck"));
        QProcess child;
        QVERIFY2(startChild(child, path), qPrintable(QString::number(run)));
        // Uniformly over the seeding time and a little after it.
        const int delay = random.bounded(int(seedingMs * 5 / 4) + 1);
        QSignalSpy ended(&child, &QProcess::finished);
        QTimer::singleShot(delay, &child, [&child] {
            if (child.state() == QProcess::Running)
                child.kill();
        });
        QVERIFY(ended.wait(30000));
        if (child.exitStatus() == QProcess::CrashExit)
            ++killed;

        MemorySecretStore secrets;
        auto tenant = Tenant::open(path, secrets);
        QVERIFY2(tenant, qPrintable(tenant ? QString() : tenant.error().message()));
        QString detail;
        const State state = stateOf(*tenant.value(), detail);
        QVERIFY2(
            state != State::Partial,
            qPrintable(QStringLiteral("run %1, killed after %2 ms: %3").arg(run).arg(delay).arg(detail)));
        (state == State::Empty ? empty : complete) += 1;

        // A rerun makes the demo whole.
        DemoSeeder seeder(*tenant.value());
        QSignalSpy finished(&seeder, &DemoSeeder::finished);
        seeder.start();
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().first().toString(), QString());
        QCOMPARE(stateOf(*tenant.value(), detail), State::Complete);
    }
    qInfo("%d runs, seeding takes %lld ms: %d killed, %d left no demo, %d a whole one, 0 half a demo",
          kRuns,
          seedingMs,
          killed,
          empty,
          complete);
    // Some kills must have landed while seeding, or the test proves nothing.
    QVERIFY(killed > 0);
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc == 3 && qstrcmp(argv[1], "--seed-child") == 0)
        return seedChild(QString::fromLocal8Bit(argv[2]));
    TestDemoSeederKill test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestDemoSeederKill.moc"
