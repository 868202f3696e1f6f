#include "core/runtime/ActionRuntime.h"
#include "tests/support/ScriptOutcomeText.h"
#include "tests/support/ScriptRequests.h"

#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <signal.h>

using Status = ScriptOutcome::Status;

namespace {

constexpr int kWaitMs = 30000;

const QString kOk = QStringLiteral("return 'ok';");

} // namespace

/// Runs that go wrong: timeouts, memory, crashes, Node.js missing or misbehaving (fake "node" scripts).
class TestActionRuntimeFailures : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void infiniteLoopTimesOut();
    void defaultTimeoutApplies();
    void outOfMemory();
    void actionKillsWorker();
    void workerKilledFromOutside();
    void actionEndsItsThread();
    void nodeMissing_data();
    void nodeMissing();
    void nodeTooOld();
    void nodeDiesBeforeHello();
    void garbageLine();
    void unknownStatus();
    void watchdogKillsWedgedWorker();

private:
    bool haveNode() const;
    /// A fake "node": a shell script with @p body, in m_dir.
    QString fakeNode(const QByteArray &body);

    std::unique_ptr<ActionRuntime> m_runtime;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestActionRuntimeFailures::init()
{
    m_runtime = std::make_unique<ActionRuntime>();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestActionRuntimeFailures::cleanup()
{
    m_runtime.reset();
    m_dir.reset();
}

bool TestActionRuntimeFailures::haveNode() const
{
    return !m_runtime->nodeProgram().isEmpty();
}

QString TestActionRuntimeFailures::fakeNode(const QByteArray &body)
{
    const QString path = m_dir->filePath(QStringLiteral("node"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write("#!/bin/sh\n" + body + '\n');
    file.close();
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return path;
}

void TestActionRuntimeFailures::infiniteLoopTimesOut()
{
    if (!haveNode())
        QSKIP("Node.js is not installed");
    const ScriptOutcome outcome = outcomeOf(
        m_runtime->run(phoneHandlerRequest(QStringLiteral("console.log('before'); while (true) {}"), 300)));
    QCOMPARE(outcome.status, Status::TimedOut);
    QCOMPARE(outcome.error, QStringLiteral("Timed out after 0.3 s"));
    QCOMPARE(outcome.console.size(), 1); // what it wrote before it hung is kept
    QCOMPARE(outcome.console.first().text, QStringLiteral("before"));

    const ScriptOutcome next = outcomeOf(m_runtime->run(phoneHandlerRequest(kOk, 300)));
    QVERIFY2(next.succeeded(), describe(next));
}

void TestActionRuntimeFailures::defaultTimeoutApplies()
{
    if (!haveNode())
        QSKIP("Node.js is not installed");
    m_runtime->setDefaultTimeoutMs(250);
    const ScriptOutcome outcome = outcomeOf(
        m_runtime->run(phoneHandlerRequest(QStringLiteral("await new Promise(r => setTimeout(r, 60000));"))));
    QCOMPARE(outcome.status, Status::TimedOut);
    QCOMPARE(outcome.error, QStringLiteral("Timed out after 0.25 s"));
}

void TestActionRuntimeFailures::outOfMemory()
{
    if (!haveNode())
        QSKIP("Node.js is not installed");
    m_runtime->setMemoryLimitMb(48);
    const ScriptOutcome outcome = outcomeOf(m_runtime->run(phoneHandlerRequest(
        QStringLiteral("const hoard = []; for (;;) hoard.push(new Array(1000).fill('x' + hoard.length));"),
        20000)));
    QCOMPARE(outcome.status, Status::OutOfMemory);
    QCOMPARE(outcome.error, QStringLiteral("The action ran out of memory (limit 48 MB)"));

    const ScriptOutcome next = outcomeOf(m_runtime->run(phoneHandlerRequest(kOk)));
    QVERIFY2(next.succeeded(), describe(next));
}

void TestActionRuntimeFailures::actionKillsWorker()
{
    if (!haveNode())
        QSKIP("Node.js is not installed");
    QSignalSpy restarted(m_runtime.get(), &ActionRuntime::workerRestarted);
    const ScriptOutcome outcome = outcomeOf(
        m_runtime->run(phoneHandlerRequest(QStringLiteral("process.kill(process.pid, 'SIGKILL');"))));
    QCOMPARE(outcome.status, Status::WorkerCrashed);
    QVERIFY2(outcome.error.startsWith(QStringLiteral("The Node.js worker stopped during the run (signal 9")),
             qPrintable(outcome.error));
    QCOMPARE(restarted.count(), 1);
    QCOMPARE(m_runtime->state(), ActionRuntime::State::Stopped);

    const ScriptOutcome next = outcomeOf(m_runtime->run(phoneHandlerRequest(kOk)));
    QVERIFY2(next.succeeded(), describe(next));
    QCOMPARE(m_runtime->state(), ActionRuntime::State::Ready);
}

void TestActionRuntimeFailures::workerKilledFromOutside()
{
    if (!haveNode())
        QSKIP("Node.js is not installed");
    QSignalSpy restarted(m_runtime.get(), &ActionRuntime::workerRestarted);
    const ScriptRequest slow = phoneHandlerRequest(
        QStringLiteral("console.log('started'); await new Promise(r => setTimeout(r, 60000));"));
    QSignalSpy first(m_runtime->run(slow), &ScriptJob::finished);
    QSignalSpy second(m_runtime->run(slow), &ScriptJob::finished);
    QSignalSpy queued(m_runtime->run(phoneHandlerRequest(kOk)),
                      &ScriptJob::finished); // waits: both threads are busy
    QTRY_COMPARE_WITH_TIMEOUT(m_runtime->state(), ActionRuntime::State::Ready, kWaitMs);
    const qint64 pid = m_runtime->workerProcessId(); // both slow runs were sent when it became Ready
    QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);

    QTRY_COMPARE_WITH_TIMEOUT(first.count(), 1, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(second.count(), 1, kWaitMs);
    QCOMPARE(first.first().first().value<ScriptOutcome>().status, Status::WorkerCrashed);
    QCOMPARE(second.first().first().value<ScriptOutcome>().status, Status::WorkerCrashed);
    QCOMPARE(restarted.count(), 1);
    // The run that was still waiting goes to the new worker.
    QTRY_COMPARE_WITH_TIMEOUT(queued.count(), 1, kWaitMs);
    const ScriptOutcome next = queued.first().first().value<ScriptOutcome>();
    QVERIFY2(next.succeeded(), describe(next));
    QVERIFY(m_runtime->workerProcessId() != pid);
}

void TestActionRuntimeFailures::actionEndsItsThread()
{
    if (!haveNode())
        QSKIP("Node.js is not installed");
    const ScriptOutcome outcome
        = outcomeOf(m_runtime->run(phoneHandlerRequest(QStringLiteral("process.exit(3);"))));
    QCOMPARE(outcome.status, Status::WorkerCrashed);
    QCOMPARE(outcome.error, QStringLiteral("The action stopped its JS thread (exit code 3)"));
    const ScriptOutcome next = outcomeOf(m_runtime->run(phoneHandlerRequest(kOk)));
    QVERIFY2(next.succeeded(), describe(next));
}

void TestActionRuntimeFailures::nodeMissing_data()
{
    QTest::addColumn<bool>("check");
    QTest::newRow("run") << false;
    QTest::newRow("check") << true;
}

void TestActionRuntimeFailures::nodeMissing()
{
    QFETCH(bool, check);
    m_runtime->setNodeProgram(m_dir->filePath(QStringLiteral("no-such-node")));
    QSignalSpy states(m_runtime.get(), &ActionRuntime::stateChanged);
    ScriptJob *job
        = check ? m_runtime->check(QStringLiteral("let a;")) : m_runtime->run(phoneHandlerRequest(kOk));
    QSignalSpy finished(job, &ScriptJob::finished);
    QCOMPARE(finished.count(), 0); // never inside run()/check()
    QVERIFY(finished.wait(kWaitMs));
    const ScriptOutcome outcome = finished.first().first().value<ScriptOutcome>();
    QCOMPARE(outcome.status, Status::NodeMissing);
    const QString reason = QStringLiteral(
        "Node.js is not installed: custom actions need Node.js 18 or newer (Debian: apt install nodejs)");
    QCOMPARE(outcome.error, reason);
    QCOMPARE(m_runtime->state(), ActionRuntime::State::Unavailable);
    QCOMPARE(m_runtime->unavailableReason(), reason);
    QCOMPARE(states.count(), 1);

    // Later jobs finish the same way, and asynchronously too.
    QSignalSpy again(m_runtime->run(phoneHandlerRequest(kOk)), &ScriptJob::finished);
    QCOMPARE(again.count(), 0);
    QVERIFY(again.wait(kWaitMs));
    QCOMPARE(again.first().first().value<ScriptOutcome>().status, Status::NodeMissing);
}

void TestActionRuntimeFailures::nodeTooOld()
{
    m_runtime->setNodeProgram(
        fakeNode(R"(echo '{"type":"hello","protocol":1,"node":"16.20.2"}'; cat >/dev/null)"));
    const ScriptOutcome outcome = outcomeOf(m_runtime->run(phoneHandlerRequest(kOk)));
    QCOMPARE(outcome.status, Status::NodeMissing);
    QCOMPARE(outcome.error,
             QStringLiteral("Node.js 16.20.2 is too old: custom actions need Node.js 18 or newer "
                            "(Debian: apt install nodejs)"));
    QCOMPARE(m_runtime->state(), ActionRuntime::State::Unavailable);
    QVERIFY(m_runtime->nodeVersion().isEmpty());
}

void TestActionRuntimeFailures::nodeDiesBeforeHello()
{
    m_runtime->setNodeProgram(
        fakeNode("echo 'Error: Cannot find module runner.js' >&2\necho '    at x' >&2; exit 1"));
    const ScriptOutcome outcome = outcomeOf(m_runtime->check(QStringLiteral("let a;")));
    QCOMPARE(outcome.status, Status::NodeMissing);
    QCOMPARE(outcome.error,
             QStringLiteral(
                 "The Node.js worker did not start (exit code 1: Error: Cannot find module runner.js)"));
    QCOMPARE(m_runtime->state(), ActionRuntime::State::Unavailable);

    m_runtime->setNodeProgram(m_runtime->nodeProgram()); // a new program makes it try again
    QCOMPARE(m_runtime->state(), ActionRuntime::State::Stopped);
}

void TestActionRuntimeFailures::garbageLine()
{
    m_runtime->setNodeProgram(fakeNode(
        R"(echo '{"type":"hello","protocol":1,"node":"20.0.0"}'; read line; echo 'this is not json'; cat >/dev/null)"));
    QSignalSpy restarted(m_runtime.get(), &ActionRuntime::workerRestarted);
    const ScriptOutcome outcome = outcomeOf(m_runtime->run(phoneHandlerRequest(kOk)));
    QCOMPARE(outcome.status, Status::BadReply);
    QVERIFY2(outcome.error.startsWith(
                 QStringLiteral("The Node.js worker answered something unreadable: not JSON")),
             qPrintable(outcome.error));
    QCOMPARE(restarted.count(), 1);
    QCOMPARE(m_runtime->state(), ActionRuntime::State::Stopped);
}

void TestActionRuntimeFailures::unknownStatus()
{
    m_runtime->setNodeProgram(fakeNode(R"(echo '{"type":"hello","protocol":1,"node":"20.0.0"}'; read line
echo '{"type":"result","id":1,"status":"exploded"}'; cat >/dev/null)"));
    QSignalSpy restarted(m_runtime.get(), &ActionRuntime::workerRestarted);
    const ScriptOutcome outcome = outcomeOf(m_runtime->run(phoneHandlerRequest(kOk)));
    QCOMPARE(outcome.status, Status::BadReply);
    QCOMPARE(outcome.error,
             QStringLiteral("The Node.js worker sent an unreadable result: unknown status \"exploded\""));
    QCOMPARE(restarted.count(), 0); // only that job is concerned
    QCOMPARE(m_runtime->state(), ActionRuntime::State::Ready);
}

void TestActionRuntimeFailures::watchdogKillsWedgedWorker()
{
    m_runtime->setNodeProgram(
        fakeNode(R"(echo '{"type":"hello","protocol":1,"node":"20.0.0"}'; cat >/dev/null)"));
    QSignalSpy restarted(m_runtime.get(), &ActionRuntime::workerRestarted);
    const ScriptOutcome outcome = outcomeOf(m_runtime->run(phoneHandlerRequest(kOk, 100)));
    QCOMPARE(outcome.status, Status::WorkerCrashed);
    QCOMPARE(outcome.error,
             QStringLiteral("The Node.js worker stopped answering (no result 3 s after the run's timeout)"));
    QCOMPARE(restarted.count(), 1);
}

QTEST_GUILESS_MAIN(TestActionRuntimeFailures)
#include "TestActionRuntimeFailures.moc"
