#include "core/runtime/RunnerProtocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using Status = ScriptOutcome::Status;
Q_DECLARE_METATYPE(ScriptOutcome::Status)

namespace {

QJsonObject object(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

/// The JSON lines between ActionRuntime and runner.js, offline.
class TestRunnerProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statusNames();
    void runRequest();
    void toLineIsOneLine();
    void parseLine_data();
    void parseLine();
    void outcome();
    void badOutcome_data();
    void badOutcome();
    void nodeMajor_data();
    void nodeMajor();
};

void TestRunnerProtocol::statusNames()
{
    for (int i = 0; i <= int(Status::Refused); ++i) {
        const auto status = Status(i);
        Status back = Status::Refused;
        const QString name = ScriptOutcome::statusName(status);
        QVERIFY(!name.isEmpty());
        QVERIFY(ScriptOutcome::statusFromName(name, &back));
        QCOMPARE(back, status);
    }
    Status unchanged = Status::Threw;
    QVERIFY(!ScriptOutcome::statusFromName(QStringLiteral("Succeeded"), &unchanged));
    QCOMPARE(unchanged, Status::Threw);
}

void TestRunnerProtocol::runRequest()
{
    ScriptRequest request;
    request.actionId = QStringLiteral("act_1");
    request.triggerId = QStringLiteral("send-phone-message");
    request.code = QStringLiteral("exports.x = 1;");
    request.event = object(R"({"tenant":{"id":"t"}})");
    request.secrets = object(R"({"TOKEN":"s"})");
    request.modulesDir = QStringLiteral("/deps/node_modules");
    const QJsonObject message = RunnerProtocol::runRequest(7, request, QStringLiteral("a.js"), 1500, 64);
    QCOMPARE(message.value(QLatin1String("type")).toString(), QStringLiteral("run"));
    QCOMPARE(message.value(QLatin1String("id")).toInt(), 7);
    QCOMPARE(message.value(QLatin1String("handler")).toString(), QStringLiteral("onExecuteSendPhoneMessage"));
    QCOMPARE(message.value(QLatin1String("api")).toArray().size(), 3);
    QCOMPARE(message.value(QLatin1String("fileName")).toString(), QStringLiteral("a.js"));
    QCOMPARE(message.value(QLatin1String("secrets")).toObject(), request.secrets);
    QVERIFY(!message.value(QLatin1String("event")).toObject().contains(QLatin1String("secrets")));
    QCOMPARE(message.value(QLatin1String("timeoutMs")).toInt(), 1500);
    QCOMPARE(message.value(QLatin1String("memoryLimitMb")).toInt(), 64);
    QCOMPARE(message.value(QLatin1String("modulesDir")).toString(), request.modulesDir);
    QCOMPARE(RunnerProtocol::cancelRequest(7), object(R"({"type":"cancel","id":7})"));
}

void TestRunnerProtocol::toLineIsOneLine()
{
    const QByteArray line = RunnerProtocol::toLine(
        RunnerProtocol::checkRequest(1, QStringLiteral("a\nb\u2028c"), QStringLiteral("x.js")));
    QVERIFY(line.endsWith('\n'));
    QCOMPARE(line.count('\n'), 1);
    QCOMPARE(RunnerProtocol::parseLine(line.chopped(1)).value().value(QLatin1String("code")).toString(),
             QStringLiteral("a\nb\u2028c"));
}

void TestRunnerProtocol::parseLine_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("problem");
    QTest::newRow("hello") << QByteArray(R"({"type":"hello","protocol":1,"node":"20.1.0"})") << QString();
    QTest::newRow("garbage") << QByteArray("Debugger listening") << QStringLiteral("not JSON");
    QTest::newRow("array") << QByteArray("[1]") << QStringLiteral("not a JSON object");
    QTest::newRow("no type") << QByteArray(R"({"id":1})") << QStringLiteral("a message without a type");
    QTest::newRow("type not text") << QByteArray(R"({"type":3})")
                                   << QStringLiteral("a message without a type");
}

void TestRunnerProtocol::parseLine()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, problem);
    const Result<QJsonObject> parsed = RunnerProtocol::parseLine(line);
    QCOMPARE(parsed.ok(), problem.isEmpty());
    if (!parsed)
        QVERIFY2(parsed.error().message().startsWith(problem), qPrintable(parsed.error().message()));
}

void TestRunnerProtocol::outcome()
{
    const ScriptOutcome outcome = RunnerProtocol::outcomeFromResult(object(R"({
        "type":"result","id":3,"status":"threw","error":"TypeError: x","stack":"TypeError: x\n    at a.js:2:5",
        "line":2,"column":5,"durationMs":1.5,"commands":[{"api":"cache.get","args":["k"]}],
        "console":[{"level":"warn","text":"careful","atMs":0.25}],"returnValue":null})"));
    QCOMPARE(outcome.status, Status::Threw);
    QCOMPARE(outcome.error, QStringLiteral("TypeError: x"));
    QCOMPARE(outcome.line, 2);
    QCOMPARE(outcome.column, 5);
    QCOMPARE(outcome.durationMs, 1.5);
    QCOMPARE(outcome.commands.size(), 1);
    QCOMPARE(outcome.console.size(), 1);
    QCOMPARE(outcome.console.first().level, QStringLiteral("warn"));
    QCOMPARE(outcome.console.first().atMs, 0.25);
    QCOMPARE(outcome.returnValue, QJsonValue(QJsonValue::Null));

    const ScriptOutcome bare
        = RunnerProtocol::outcomeFromResult(object(R"({"type":"result","id":4,"status":"succeeded"})"));
    QVERIFY(bare.succeeded());
    QVERIFY(bare.returnValue.isUndefined());
}

void TestRunnerProtocol::badOutcome_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("problem");
    QTest::newRow("no status") << QByteArray(R"({"id":1})") << QStringLiteral("unknown status \"\"");
    QTest::newRow("status of the app") << QByteArray(R"({"id":1,"status":"nodeMissing"})")
                                       << QStringLiteral("unknown status \"nodeMissing\"");
    QTest::newRow("error not text") << QByteArray(R"({"id":1,"status":"threw","error":{}})")
                                    << QStringLiteral("error is not text");
    QTest::newRow("line not number") << QByteArray(R"({"id":1,"status":"threw","line":"2"})")
                                     << QStringLiteral("line is not a number");
    QTest::newRow("console not list") << QByteArray(R"({"id":1,"status":"succeeded","console":"x"})")
                                      << QStringLiteral("commands or console is not a list");
    QTest::newRow("console line") << QByteArray(R"({"id":1,"status":"succeeded","console":[{"text":"x"}]})")
                                  << QStringLiteral("a console line without level or text");
}

void TestRunnerProtocol::badOutcome()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, problem);
    const ScriptOutcome outcome = RunnerProtocol::outcomeFromResult(QJsonDocument::fromJson(json).object());
    QCOMPARE(outcome.status, Status::BadReply);
    QCOMPARE(outcome.error, QStringLiteral("The Node.js worker sent an unreadable result: ") + problem);
}

void TestRunnerProtocol::nodeMajor_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<int>("major");
    QTest::newRow("20") << QStringLiteral("20.11.1") << 20;
    QTest::newRow("with v") << QStringLiteral("v18.0.0") << 18;
    QTest::newRow("major only") << QStringLiteral("22") << 22;
    QTest::newRow("empty") << QString() << 0;
    QTest::newRow("words") << QStringLiteral("latest") << 0;
}

void TestRunnerProtocol::nodeMajor()
{
    QFETCH(QString, version);
    QFETCH(int, major);
    QCOMPARE(RunnerProtocol::nodeMajor(version), major);
}

QTEST_GUILESS_MAIN(TestRunnerProtocol)
#include "TestRunnerProtocol.moc"
