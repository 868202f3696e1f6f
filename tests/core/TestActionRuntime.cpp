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

} // namespace

class TestActionRuntime : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void defaults();
    void warmUpReachesReady();
    void finishesAsynchronouslyOnce();
    void returnValue_data();
    void returnValue();
    void consoleCapture_data();
    void consoleCapture();
    void consoleOrder();
    void thrown_data();
    void thrown();
    void missingHandler();
    void unknownTriggerRefused();
    void severalInFlight();

private:
    std::unique_ptr<ActionRuntime> m_runtime;
};

void TestActionRuntime::initTestCase()
{
    // One warm runtime for the suite, as the app has; tests of a fresh one make their own.
    m_runtime = std::make_unique<ActionRuntime>();
    if (m_runtime->nodeProgram().isEmpty())
        QSKIP("Node.js is not installed");
}

void TestActionRuntime::cleanupTestCase()
{
    m_runtime.reset();
}

void TestActionRuntime::defaults()
{
    ActionRuntime runtime;
    QCOMPARE(runtime.state(), ActionRuntime::State::Stopped);
    QCOMPARE(runtime.defaultTimeoutMs(), 20000);
    QCOMPARE(runtime.memoryLimitMb(), 128);
    QCOMPARE(runtime.poolSize(), 2);
    QVERIFY(!runtime.nodeProgram().isEmpty());
    QCOMPARE(runtime.workerProcessId(), 0);
    QVERIFY(runtime.nodeVersion().isEmpty());
}

void TestActionRuntime::warmUpReachesReady()
{
    ActionRuntime runtime;
    QSignalSpy states(&runtime, &ActionRuntime::stateChanged);
    runtime.warmUp();
    QCOMPARE(runtime.state(), ActionRuntime::State::Starting);
    QTRY_COMPARE_WITH_TIMEOUT(runtime.state(), ActionRuntime::State::Ready, kWaitMs);
    QCOMPARE(states.count(), 2);
    QCOMPARE(states.at(1).first().value<ActionRuntime::State>(), ActionRuntime::State::Ready);
    QVERIFY2(runtime.nodeVersion().section(QLatin1Char('.'), 0, 0).toInt() >= 18,
             qPrintable(runtime.nodeVersion()));
    QVERIFY(runtime.workerProcessId() > 0);
    QVERIFY(runtime.unavailableReason().isEmpty());
}

void TestActionRuntime::finishesAsynchronouslyOnce()
{
    ScriptJob *job = m_runtime->run(phoneRequest(phoneHandler(QStringLiteral("return 1;"))));
    QSignalSpy spy(job, &ScriptJob::finished);
    QPointer<ScriptJob> watch(job);
    QVERIFY(!job->isFinished());
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, kWaitMs);
    QTRY_VERIFY(watch.isNull()); // deleted itself
    QCOMPARE(spy.count(), 1);
}

void TestActionRuntime::returnValue_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QJsonValue>("expected");
    QTest::newRow("object") << phoneHandler(
        QStringLiteral("return {sent: true, to: event.message_options.recipient};"))
                            << jsonValue(R"({"sent":true,"to":"+14155550123"})");
    QTest::newRow("string") << phoneHandler(QStringLiteral("return 'done';")) << jsonValue(R"("done")");
    QTest::newRow("awaited promise") << phoneHandler(
        QStringLiteral("return await new Promise(r => setTimeout(() => r(42), 5));"))
                                     << jsonValue("42");
    QTest::newRow("nothing") << phoneHandler(QString()) << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("sync handler") << QStringLiteral("exports.onExecuteSendPhoneMessage = () => [1, 'two'];")
                                  << jsonValue(R"([1,"two"])");
    QTest::newRow("module.exports") << QStringLiteral(
        "module.exports = { onExecuteSendPhoneMessage() { return null; } };")
                                    << QJsonValue(QJsonValue::Null);
}

void TestActionRuntime::returnValue()
{
    QFETCH(QString, code);
    QFETCH(QJsonValue, expected);
    const ScriptOutcome outcome = outcomeOf(m_runtime->run(phoneRequest(code)));
    QVERIFY2(outcome.succeeded(), describe(outcome));
    QCOMPARE(outcome.returnValue, expected);
    QVERIFY(outcome.error.isEmpty());
    QVERIFY(outcome.durationMs >= 0 && outcome.durationMs < 10000);
}

void TestActionRuntime::consoleCapture_data()
{
    QTest::addColumn<QString>("statement");
    QTest::addColumn<QString>("level");
    QTest::addColumn<QString>("text");
    QTest::newRow("log with format") << QStringLiteral("console.log('%s has %d codes', 'Jordan', 3)")
                                     << QStringLiteral("log") << QStringLiteral("Jordan has 3 codes");
    QTest::newRow("info") << QStringLiteral("console.info('sending')") << QStringLiteral("info")
                          << QStringLiteral("sending");
    QTest::newRow("warn") << QStringLiteral("console.warn('slow', 2)") << QStringLiteral("warn")
                          << QStringLiteral("slow 2");
    QTest::newRow("error") << QStringLiteral("console.error(new Error('x').message)")
                           << QStringLiteral("error") << QStringLiteral("x");
    QTest::newRow("debug") << QStringLiteral("console.debug('d')") << QStringLiteral("debug")
                           << QStringLiteral("d");
    QTest::newRow("object") << QStringLiteral("console.log({a: 1, b: [2]})") << QStringLiteral("log")
                            << QStringLiteral("{ a: 1, b: [ 2 ] }");
    QTest::newRow("stdout write") << QStringLiteral("process.stdout.write('raw\\n')") << QStringLiteral("log")
                                  << QStringLiteral("raw");
    QTest::newRow("table") << QStringLiteral("console.dir('dir')") << QStringLiteral("log")
                           << QStringLiteral("'dir'");
}

void TestActionRuntime::consoleCapture()
{
    QFETCH(QString, statement);
    QFETCH(QString, level);
    QFETCH(QString, text);
    const ScriptOutcome outcome
        = outcomeOf(m_runtime->run(phoneRequest(phoneHandler(statement + QLatin1Char(';')))));
    QVERIFY2(outcome.succeeded(), describe(outcome));
    QCOMPARE(outcome.console.size(), 1);
    QCOMPARE(outcome.console.first().level, level);
    QCOMPARE(outcome.console.first().text, text);
}

void TestActionRuntime::consoleOrder()
{
    const ScriptOutcome outcome = outcomeOf(m_runtime->run(phoneRequest(phoneHandler(QStringLiteral(
        "console.log('one'); await new Promise(r => setTimeout(r, 20)); console.log('two');")))));
    QVERIFY2(outcome.succeeded(), describe(outcome));
    QCOMPARE(outcome.console.size(), 2);
    QCOMPARE(outcome.console.at(0).text, QStringLiteral("one"));
    QCOMPARE(outcome.console.at(1).text, QStringLiteral("two"));
    QVERIFY(outcome.console.at(1).atMs - outcome.console.at(0).atMs >= 15);
}

void TestActionRuntime::thrown_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("error");
    QTest::addColumn<int>("line");
    QTest::newRow("TypeError on line 3")
        << QStringLiteral("exports.onExecuteSendPhoneMessage = async (event, api) => {\n"
                          "  const provider = undefined;\n"
                          "  provider.send(event.message_options.text);\n"
                          "};\n")
        << QStringLiteral("TypeError: Cannot read properties of undefined (reading 'send')") << 3;
    QTest::newRow("rejected promise")
        << phoneHandler(QStringLiteral("return Promise.reject(new RangeError('too far'));"))
        << QStringLiteral("RangeError: too far") << 2;
    QTest::newRow("thrown text") << phoneHandler(QStringLiteral("throw 'plain text';"))
                                 << QStringLiteral("plain text") << 0;
    QTest::newRow("thrown object") << phoneHandler(QStringLiteral("throw {code: 7};"))
                                   << QStringLiteral("{ code: 7 }") << 0;
    QTest::newRow("later, from a timer")
        << phoneHandler(QStringLiteral("setTimeout(() => { throw new Error('late'); }, 1);\n"
                                       "await new Promise(r => setTimeout(r, 5000));"))
        << QStringLiteral("Error: late") << 2;
    QTest::newRow("at load time") << QStringLiteral("\nnotDefined();\n")
                                  << QStringLiteral("ReferenceError: notDefined is not defined") << 2;
}

void TestActionRuntime::thrown()
{
    QFETCH(QString, code);
    QFETCH(QString, error);
    QFETCH(int, line);
    const ScriptOutcome outcome = outcomeOf(m_runtime->run(phoneRequest(code)));
    QCOMPARE(outcome.status, Status::Threw);
    QCOMPARE(outcome.error, error);
    QCOMPARE(outcome.line, line);
    if (line > 0) {
        QVERIFY2(outcome.stack.contains(QStringLiteral("Send with fetch.js:%1:").arg(line)),
                 qPrintable(outcome.stack));
        QVERIFY2(!outcome.stack.contains(QStringLiteral("action-thread.js")), qPrintable(outcome.stack));
    }
}

void TestActionRuntime::missingHandler()
{
    ScriptRequest request = phoneRequest(QStringLiteral("exports.onExecutePostLogin = async () => {};"));
    const ScriptOutcome outcome = outcomeOf(m_runtime->run(request));
    QCOMPARE(outcome.status, Status::Threw);
    QCOMPARE(outcome.error, QStringLiteral("The action does not export onExecuteSendPhoneMessage"));
}

void TestActionRuntime::unknownTriggerRefused()
{
    ActionRuntime runtime;
    ScriptRequest request = phoneRequest(phoneHandler(QString()));
    request.triggerId = QStringLiteral("custom-email-provider");
    const ScriptOutcome outcome = outcomeOf(runtime.run(request));
    QCOMPARE(outcome.status, Status::Refused);
    QVERIFY(outcome.error.contains(QStringLiteral("custom-email-provider")));
    QCOMPARE(runtime.state(), ActionRuntime::State::Stopped); // nothing was started for it
}

void TestActionRuntime::severalInFlight()
{
    QList<QSharedPointer<QSignalSpy>> spies;
    for (int i = 0; i < 8; ++i) {
        ScriptRequest request = phoneRequest(
            phoneHandler(QStringLiteral("await new Promise(r => setTimeout(r, 30)); return %1;").arg(i)));
        spies.append(QSharedPointer<QSignalSpy>::create(m_runtime->run(request), &ScriptJob::finished));
    }
    spies.append(QSharedPointer<QSignalSpy>::create(m_runtime->check(QStringLiteral("let ok = 1;")),
                                                    &ScriptJob::finished));
    for (int i = 0; i < spies.size(); ++i) {
        QTRY_COMPARE_WITH_TIMEOUT(spies.at(i)->count(), 1, kWaitMs);
        const ScriptOutcome outcome = spies.at(i)->first().first().value<ScriptOutcome>();
        QVERIFY2(outcome.succeeded(), describe(outcome));
        if (i < 8)
            QCOMPARE(outcome.returnValue, QJsonValue(i));
    }
}

QTEST_GUILESS_MAIN(TestActionRuntime)
#include "TestActionRuntime.moc"
