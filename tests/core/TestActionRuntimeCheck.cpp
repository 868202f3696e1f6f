#include "core/runtime/ActionRuntime.h"
#include "tests/support/ScriptOutcomeText.h"

#include <QTest>

#include <memory>

using Status = ScriptOutcome::Status;

/// Syntax checks by Node.js itself, and the file names actions get.
class TestActionRuntimeCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void check_data();
    void check();
    void runReportsSyntaxError();
    void sanitizedFileName_data();
    void sanitizedFileName();

private:
    std::unique_ptr<ActionRuntime> m_runtime;
};

void TestActionRuntimeCheck::initTestCase()
{
    m_runtime = std::make_unique<ActionRuntime>();
    if (m_runtime->nodeProgram().isEmpty())
        QSKIP("Node.js is not installed");
}

void TestActionRuntimeCheck::cleanupTestCase()
{
    m_runtime.reset();
}

void TestActionRuntimeCheck::check_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("error");
    QTest::newRow("valid") << QStringLiteral("exports.onExecutePostLogin = async (event, api) => {\n};\n")
                           << 0 << 0 << QString();
    QTest::newRow("top-level return is CommonJS") << QStringLiteral("return;") << 0 << 0 << QString();
    QTest::newRow("unexpected token on line 3")
        << QStringLiteral("exports.onExecutePostLogin = async (event, api) => {\n"
                          "  const tier = 'gold';\n"
                          "  api.idToken.setCustomClaim('tier', tier;\n"
                          "};\n")
        << 3 << 38 << QStringLiteral("SyntaxError: missing ) after argument list");
    QTest::newRow("redeclared") << QStringLiteral("let a = 1;\n\tlet a = 2;") << 2 << 6
                                << QStringLiteral("SyntaxError: Identifier 'a' has already been declared");
    QTest::newRow("await outside async")
        << QStringLiteral("exports.x = () => {\n  await fetch('x');\n};") << 2 << 3
        << QStringLiteral("SyntaxError: await is only valid in async functions "
                          "and the top level bodies of modules");
    QTest::newRow("unterminated") << QStringLiteral("const s = 'open;\n") << 1 << 11
                                  << QStringLiteral("SyntaxError: Invalid or unexpected token");
}

void TestActionRuntimeCheck::check()
{
    QFETCH(QString, code);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, error);
    const ScriptOutcome outcome = outcomeOf(m_runtime->check(code, QStringLiteral("Add roles.js")));
    QCOMPARE(outcome.status, line > 0 ? Status::SyntaxError : Status::Succeeded);
    QCOMPARE(outcome.line, line);
    QCOMPARE(outcome.column, column);
    QCOMPARE(outcome.error, error);
    if (line > 0)
        QVERIFY2(outcome.stack.startsWith(QStringLiteral("Add roles.js:%1\n").arg(line)),
                 qPrintable(outcome.stack));
}

void TestActionRuntimeCheck::runReportsSyntaxError()
{
    ScriptRequest request;
    request.triggerId = QStringLiteral("post-login");
    request.code
        = QStringLiteral("exports.onExecutePostLogin = async (event, api) => {\n  api.access.deny(;\n};\n");
    const ScriptOutcome outcome = outcomeOf(m_runtime->run(request));
    QCOMPARE(outcome.status, Status::SyntaxError);
    QCOMPARE(outcome.line, 2);
    QCOMPARE(outcome.column, 19);
    QVERIFY2(outcome.stack.startsWith(QStringLiteral("action.js:2\n")), qPrintable(outcome.stack));
}

void TestActionRuntimeCheck::sanitizedFileName_data()
{
    QTest::addColumn<QString>("given");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << QStringLiteral("Send with fetch.js") << QStringLiteral("Send with fetch.js");
    QTest::newRow("empty") << QString() << QStringLiteral("action.js");
    QTest::newRow("folders") << QStringLiteral("../../etc/passwd") << QStringLiteral("passwd");
    QTest::newRow("backslashes") << QStringLiteral("C:\\actions\\mine.js") << QStringLiteral("mine.js");
    QTest::newRow("colons and parentheses")
        << QStringLiteral("a:b (copy).js") << QStringLiteral("a b copy .js");
    QTest::newRow("newlines") << QStringLiteral("two\nlines.js") << QStringLiteral("two lines.js");
    QTest::newRow("dots only") << QStringLiteral("..") << QStringLiteral("action.js");
    QTest::newRow("long") << QString(300, QLatin1Char('x')) << QString(100, QLatin1Char('x'));
}

void TestActionRuntimeCheck::sanitizedFileName()
{
    QFETCH(QString, given);
    QFETCH(QString, expected);
    QCOMPARE(ActionRuntime::sanitizedFileName(given), expected);
}

QTEST_GUILESS_MAIN(TestActionRuntimeCheck)
#include "TestActionRuntimeCheck.moc"
