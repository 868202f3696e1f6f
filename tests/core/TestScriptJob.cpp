#include "core/runtime/ActionRuntime.h"
#include "tests/support/ScriptOutcomeText.h"
#include "tests/support/ScriptRequests.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using Status = ScriptOutcome::Status;

namespace {

constexpr int kWaitMs = 30000;

const QString kSlow = QStringLiteral("await new Promise(r => setTimeout(r, 60000));");

} // namespace

/// A job's lifetime: asynchronous finish, cancel, ownership.
class TestScriptJob : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void kinds();
    void cancelQueued();
    void cancelRunning();
    void reparentedJobStays();
    void deletedJobIsWithdrawn();
    void runtimeDestroyedWhileRunning();

private:
    std::unique_ptr<ActionRuntime> m_runtime;
};

void TestScriptJob::initTestCase()
{
    if (ActionRuntime().nodeProgram().isEmpty())
        QSKIP("Node.js is not installed");
}

void TestScriptJob::init()
{
    m_runtime = std::make_unique<ActionRuntime>();
    m_runtime->setPoolSize(1);
}

void TestScriptJob::cleanup()
{
    m_runtime.reset();
}

void TestScriptJob::kinds()
{
    ScriptJob *run = m_runtime->run(phoneHandlerRequest(QString()));
    ScriptJob *check = m_runtime->check(QString());
    QCOMPARE(run->kind(), ScriptJob::Kind::Run);
    QCOMPARE(check->kind(), ScriptJob::Kind::Check);
    QCOMPARE(run->parent(), m_runtime.get());
    QVERIFY(!run->isFinished());
    QSignalSpy spy(check, &ScriptJob::finished);
    QVERIFY(spy.wait(kWaitMs));
    QVERIFY(spy.first().first().value<ScriptOutcome>().succeeded());
}

void TestScriptJob::cancelQueued()
{
    QSignalSpy running(m_runtime->run(phoneHandlerRequest(kSlow)), &ScriptJob::finished);
    ScriptJob *queued = m_runtime->run(phoneHandlerRequest(QStringLiteral("return 1;")));
    QSignalSpy cancelled(queued, &ScriptJob::finished);
    queued->cancel();
    QCOMPARE(cancelled.count(), 0); // asynchronous, like every finish
    QVERIFY(cancelled.wait(kWaitMs));
    QCOMPARE(cancelled.count(), 1);
    QCOMPARE(cancelled.first().first().value<ScriptOutcome>().status, Status::Cancelled);
    QCOMPARE(running.count(), 0);
}

void TestScriptJob::cancelRunning()
{
    ScriptJob *job = m_runtime->run(phoneHandlerRequest(kSlow));
    QSignalSpy finished(job, &ScriptJob::finished);
    QTRY_COMPARE_WITH_TIMEOUT(m_runtime->state(), ActionRuntime::State::Ready, kWaitMs);
    job->cancel();
    QVERIFY(finished.wait(kWaitMs));
    const ScriptOutcome outcome = finished.first().first().value<ScriptOutcome>();
    QCOMPARE(outcome.status, Status::Cancelled);
    QCOMPARE(outcome.error, QStringLiteral("Cancelled"));

    // The single thread was freed for the next run.
    QSignalSpy next(m_runtime->run(phoneHandlerRequest(QStringLiteral("return 2;"))), &ScriptJob::finished);
    QVERIFY(next.wait(kWaitMs));
    const ScriptOutcome second = next.first().first().value<ScriptOutcome>();
    QVERIFY2(second.succeeded(), describe(second));
    QCOMPARE(second.returnValue, QJsonValue(2));
}

void TestScriptJob::reparentedJobStays()
{
    QObject holder;
    QPointer<ScriptJob> job = m_runtime->run(phoneHandlerRequest(QStringLiteral("return 4;")));
    job->setParent(&holder);
    QSignalSpy finished(job.data(), &ScriptJob::finished);
    QVERIFY(finished.wait(kWaitMs));
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QVERIFY(!job.isNull());
    QVERIFY(job->isFinished());
    QCOMPARE(job->outcome().returnValue, QJsonValue(4));
    job->cancel(); // no second finish
    QCoreApplication::processEvents();
    QCOMPARE(finished.count(), 1);
    QVERIFY(job->outcome().succeeded());

    QPointer<ScriptJob> own = m_runtime->run(phoneHandlerRequest(QStringLiteral("return 5;")));
    QSignalSpy ownFinished(own.data(), &ScriptJob::finished);
    QVERIFY(ownFinished.wait(kWaitMs));
    QTRY_VERIFY(own.isNull());
}

void TestScriptJob::deletedJobIsWithdrawn()
{
    auto holder = std::make_unique<QObject>();
    ScriptJob *slow = m_runtime->run(phoneHandlerRequest(kSlow));
    slow->setParent(holder.get());
    QTRY_COMPARE_WITH_TIMEOUT(m_runtime->state(), ActionRuntime::State::Ready, kWaitMs);
    holder.reset(); // deletes the running job: its only thread must be freed for the next run

    QSignalSpy next(m_runtime->run(phoneHandlerRequest(QStringLiteral("return 6;"))), &ScriptJob::finished);
    QVERIFY(next.wait(kWaitMs));
    QCOMPARE(next.first().first().value<ScriptOutcome>().returnValue, QJsonValue(6));
}

void TestScriptJob::runtimeDestroyedWhileRunning()
{
    QObject holder;
    QPointer<ScriptJob> kept = m_runtime->run(phoneHandlerRequest(kSlow));
    kept->setParent(&holder);
    QPointer<ScriptJob> owned = m_runtime->run(phoneHandlerRequest(kSlow));
    QSignalSpy keptFinished(kept.data(), &ScriptJob::finished);
    QTRY_COMPARE_WITH_TIMEOUT(m_runtime->state(), ActionRuntime::State::Ready, kWaitMs);
    m_runtime.reset();
    QVERIFY(owned.isNull()); // deleted with its runtime, silently
    QCOMPARE(keptFinished.count(), 0);
    QVERIFY(keptFinished.wait(kWaitMs));
    const ScriptOutcome outcome = keptFinished.first().first().value<ScriptOutcome>();
    QCOMPARE(outcome.status, Status::Cancelled);
    QCOMPARE(outcome.error, QStringLiteral("The action runtime was shut down"));
}

QTEST_GUILESS_MAIN(TestScriptJob)
#include "TestScriptJob.moc"
