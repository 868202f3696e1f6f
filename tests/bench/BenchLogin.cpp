// bench_login: the login engine with MFA, on the demo story (Plivo through the local test phone).
//
// 1. Engine work per login: a login of an enrolled user (password, then the code by SMS) and a first
//    login (sign-up, enrollment, code). The transaction is busy while Argon2id runs on a worker thread and
//    while the Send Phone Message flow sends the code over HTTP to the sandbox; the engine's own work is
//    the time inside its calls and continuations (see drive()). Also printed: the wall time outside the
//    busy spans, an upper bound that includes the sandbox and the delivery tracking sharing the thread.
//    Passwords use libsodium's smallest Argon2id limits here.
// 2. Whole try-login: the same enrolled-user login, wall time from the first call to Done, with the
//    production Argon2id limits (what a user of the Try window waits for).
//
// The engine's clock is a FakeClock moved an hour before each login so that the hourly SMS limit does
// not end the run. Options: --logins N (default 300), --whole N (default 30).

#include "core/common/Clock.h"
#include "core/delivery/SmsGateway.h"
#include "core/login/LoginEngine.h"
#include "core/login/LoginTransaction.h"
#include "core/login/PasswordHasher.h"
#include "core/login/UserStore.h"
#include "core/plivo/PlivoSandbox.h"
#include "core/secrets/MemorySecretStore.h"
#include "core/tenant/DemoSeeder.h"
#include "core/tenant/Tenant.h"
#include "tests/bench/BenchResults.h"
#include "tests/bench/BenchTenant.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cstdio>

namespace {

constexpr auto kPassword = "correct horse battery";

struct Timing
{
    double totalMs = 0; ///< from the first call to Done
    double busyMs = 0; ///< waiting for Argon2id or the Send Phone Message flow
    double engineMs = 0; ///< inside the engine: its calls and its continuations
    bool ok = false;
};

QString latestCode(Tenant &tenant)
{
    static const QRegularExpression digits(QStringLiteral("\\b([0-9]{6})\\b"));
    return digits.match(tenant.sms().sandbox().messages().value(0).text).captured(1);
}

/**
 * @brief Drives one login to Done: @p start makes the first call; answers the enrollment and the
 *        challenge.
 *
 * Engine time is the time inside the calls a login window makes (logIn, signUp, enroll, verify) plus the
 * time inside the engine's continuations: from the signal that ends a busy span (the hash is known, the
 * flow has finished) to the transaction's last signal before control returns to the event loop, or to the
 * signal that starts the next busy span. What else runs in the same event loop (the sandbox answering,
 * delivery tracking) is not counted.
 */
template<typename Start>
Timing drive(Tenant &tenant, Start start)
{
    Timing timing;
    std::unique_ptr<LoginTransaction> t(new LoginTransaction(tenant.login(), {}));
    QElapsedTimer clock;
    clock.start();
    qint64 busySince = 0;
    qint64 continuationSince = -1;
    qint64 lastSignal = 0;
    const auto ms = [](qint64 ns) { return double(ns) / 1e6; };
    const auto mark = [&] { lastSignal = clock.nsecsElapsed(); };
    QObject::connect(t.get(), &LoginTransaction::stateChanged, mark);
    QObject::connect(t.get(), &LoginTransaction::errorChanged, mark);
    QObject::connect(t.get(), &LoginTransaction::timelineEntryAdded, mark);
    QObject::connect(t.get(), &LoginTransaction::busyChanged, [&](bool on) {
        const qint64 now = clock.nsecsElapsed();
        lastSignal = now;
        if (on) {
            busySince = now;
            if (continuationSince >= 0)
                timing.engineMs += ms(now - continuationSince);
            continuationSince = -1;
        } else {
            timing.busyMs += ms(now - busySince);
            continuationSince = now;
        }
    });
    const auto call = [&](auto &&work) {
        const qint64 before = clock.nsecsElapsed();
        work();
        timing.engineMs += ms(clock.nsecsElapsed() - before);
    };
    const auto settle = [&] {
        // An event loop that wakes as soon as the transaction is done waiting (QTest::qWaitFor would
        // sleep 10 ms between its rounds and make every HTTP exchange look slow).
        QEventLoop loop;
        QObject::connect(t.get(), &LoginTransaction::busyChanged, &loop, [&loop, &t] {
            if (!t->isBusy())
                loop.quit();
        });
        bool timedOut = false;
        QTimer::singleShot(10000, &loop, [&loop, &timedOut] {
            timedOut = true;
            loop.quit();
        });
        // A continuation can end one busy span and start the next (the hash, then the SMS).
        while (t->isBusy() && !timedOut)
            loop.exec();
        const bool settled = !t->isBusy();
        if (continuationSince >= 0)
            timing.engineMs += ms(lastSignal - continuationSince);
        continuationSince = -1;
        return settled;
    };
    call([&] { start(*t); });
    if (!settle())
        return timing;
    if (t->state() == LoginTransaction::State::Enroll) {
        call([&] { t->enroll(QStringLiteral("US"), QStringLiteral("201 555 0123")); });
        if (!settle())
            return timing;
    }
    if (t->state() != LoginTransaction::State::Challenge)
        return timing;
    const QString code = latestCode(tenant);
    call([&] { t->verify(code); });
    timing.totalMs = ms(clock.nsecsElapsed());
    timing.ok = t->state() == LoginTransaction::State::Done;
    return timing;
}

/// Prints the median, p95 and minimum of @p values; records the median and p95 as @p resultKey.median and
/// .p95 (BenchResults).
void report(const char *what, const char *resultKey, QList<double> values)
{
    std::sort(values.begin(), values.end());
    const auto at
        = [&values](double q) { return values.at(qMin(values.size() - 1, qsizetype(q * values.size()))); };
    std::printf("%-44s median %8.3f ms   p95 %8.3f ms   min %8.3f ms   (n=%lld)\n",
                what,
                at(0.5),
                at(0.95),
                values.constFirst(),
                static_cast<long long>(values.size()));
    BenchResults::record(QLatin1String(resultKey) + QStringLiteral(".median"), at(0.5), QStringLiteral("ms"));
    BenchResults::record(QLatin1String(resultKey) + QStringLiteral(".p95"), at(0.95), QStringLiteral("ms"));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("logins"),
                      QStringLiteral("Logins per engine measurement."),
                      QStringLiteral("n"),
                      QStringLiteral("300")});
    parser.addOption({QStringLiteral("whole"),
                      QStringLiteral("Whole try-logins."),
                      QStringLiteral("n"),
                      QStringLiteral("30")});
    parser.process(app);
    const int logins = qMax(1, parser.value(QStringLiteral("logins")).toInt());
    const int whole = qMax(1, parser.value(QStringLiteral("whole")).toInt());

    QTemporaryDir dir;
    MemorySecretStore secrets;
    auto opened = Tenant::open(dir.filePath(QStringLiteral("bench.authdeck")), secrets);
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message()));
        return 1;
    }
    Tenant &tenant = *opened.value();
    if (const QString error = BenchTenant::seedDemo(tenant); !error.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    FakeClock clock(QDateTime::currentDateTimeUtc());
    tenant.setClock(clock);

    const QString email = QStringLiteral("bench@example.com");
    tenant.users().setPasswordHasher(PasswordHasher::minimal());
    if (auto created = tenant.users().create(email, QLatin1String(kPassword)); !created)
        qFatal("cannot create the benchmark's user: %s", qPrintable(created.error().message()));
    const auto logIn = [&](LoginTransaction &t) { t.logIn(email, QLatin1String(kPassword)); };
    clock.advanceSecs(3600);
    if (!drive(tenant, logIn).ok) { // enrolls the user
        std::fprintf(stderr, "The first login did not complete\n");
        return 1;
    }

    QList<double> engine;
    QList<double> outside;
    QList<double> busy;
    for (int i = 0; i < logins; ++i) {
        clock.advanceSecs(3600);
        const Timing timing = drive(tenant, logIn);
        if (!timing.ok) {
            std::fprintf(stderr, "Login %d did not complete\n", i);
            return 1;
        }
        engine << timing.engineMs;
        outside << timing.totalMs - timing.busyMs;
        busy << timing.busyMs;
    }
    QList<double> firstEngine;
    for (int i = 0; i < logins; ++i) {
        clock.advanceSecs(3600);
        const QString newEmail = QStringLiteral("new%1@example.com").arg(i);
        const Timing timing
            = drive(tenant, [&](LoginTransaction &t) { t.signUp(newEmail, QLatin1String(kPassword)); });
        if (!timing.ok) {
            std::fprintf(stderr, "Sign-up %d did not complete\n", i);
            return 1;
        }
        firstEngine << timing.engineMs;
    }

    tenant.users().setPasswordHasher(PasswordHasher::interactive());
    const QString real = QStringLiteral("whole@example.com");
    if (auto created = tenant.users().create(real, QLatin1String(kPassword)); !created)
        qFatal("cannot create the benchmark's user: %s", qPrintable(created.error().message()));
    const auto logInReal = [&](LoginTransaction &t) { t.logIn(real, QLatin1String(kPassword)); };
    clock.advanceSecs(3600);
    drive(tenant, logInReal);
    QList<double> wall;
    for (int i = 0; i < whole; ++i) {
        clock.advanceSecs(3600);
        const Timing timing = drive(tenant, logInReal);
        if (!timing.ok) {
            std::fprintf(stderr, "Whole login %d did not complete\n", i);
            return 1;
        }
        wall << timing.totalMs;
    }

    report("engine work, login of an enrolled user", "login.engine", engine);
    report("  wall time outside the busy spans", "login.outside_busy", outside);
    report("  busy (hash + Send Phone Message flow)", "login.busy", busy);
    report("engine work, sign-up + enrollment", "login.signup_engine", firstEngine);
    report("whole try-login (Argon2id interactive)", "login.whole_try", wall);
    return 0;
}
