// The Test section of the custom action page: the payload prefilled with the trigger's sample event and
// Reset payload, a run of the draft as typed (Running…, the status, the api calls, the console), a thrown
// error with its stack, a timeout, payloads refused with the position of the error, and a run that cannot
// start because a secret is gone from the secret store.

#include "core/actions/CustomActionService.h"
#include "core/runtime/ActionRuntime.h"
#include "core/runtime/ActionTriggers.h"
#include "core/tenant/Tenant.h"
#include "tests/support/SecretJobResult.h"
#include "tests/ui/CustomActionFixture.h"
#include "tests/ui/UiTestHelpers.h"
#include "ui/customactions/ActionTestPanel.h"
#include "ui/editor/CodeEditor.h"
#include "ui/editor/ConsoleView.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

class TestActionTestPanel : public QObject, public CustomActionFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { initApplication(QStringLiteral("tst_ui_customactiontest")); }
    void init();
    void cleanup() { tearDown(); }

    void payloadStartsAsTheSampleEvent();
    void runsTheDraftAsTyped();
    void thrownErrorShowsItsStack();
    void timeoutIsNamed();
    void badPayloadsAreRefused_data();
    void badPayloadsAreRefused();
    void missingSecretIsReported();

private:
    CodeEditor *payload() const { return find<CodeEditor>(QStringLiteral("testPayload")); }
    QPushButton *runButton() const { return find<QPushButton>(QStringLiteral("runTestButton")); }
    QString statusLine() const { return find<QLabel>(QStringLiteral("testStatus"))->text(); }
    QList<ConsoleLine> console() const { return find<ConsoleView>(QStringLiteral("testConsole"))->lines(); }
    /// Clicks Run and waits until the run reports; false when it never does.
    bool run();
};

void TestActionTestPanel::init()
{
    setUp();
    find<QTabWidget>(QStringLiteral("sidePanel"))
        ->setCurrentWidget(find<QWidget>(QStringLiteral("testPanel")));
}

bool TestActionTestPanel::run()
{
    QSignalSpy finished(find<ActionTestPanel>(QStringLiteral("testPanel")), &ActionTestPanel::runFinished);
    QTest::mouseClick(runButton(), Qt::LeftButton);
    return finished.wait(30000);
}

void TestActionTestPanel::payloadStartsAsTheSampleEvent()
{
    const auto parsed = QJsonDocument::fromJson(payload()->toPlainText().toUtf8());
    QCOMPARE(parsed.object(), ActionTriggers::sampleEvent(kTrigger));
    QVERIFY(payload()->toPlainText().contains(QStringLiteral("\n  \"message_options\": {")));
    QCOMPARE(statusLine(), QStringLiteral("Not run yet."));

    UiTest::retype(payload(), QStringLiteral("{}"));
    QCOMPARE(payload()->toPlainText(), QStringLiteral("{}"));
    QTest::mouseClick(find<QPushButton>(QStringLiteral("resetPayloadButton")), Qt::LeftButton);
    QCOMPARE(QJsonDocument::fromJson(payload()->toPlainText().toUtf8()).object(),
             ActionTriggers::sampleEvent(kTrigger));
}

void TestActionTestPanel::runsTheDraftAsTyped()
{
    const QString code = handlerCode(QStringLiteral("  const { recipient, code } = event.message_options;\n"
                                                    "  console.log('sending', code, 'to', recipient);\n"
                                                    "  api.cache.set('last', recipient);\n"
                                                    "  console.warn('sandbox only');"));
    pasteCode(editor(), code);
    QVERIFY(m_page->isDirty());

    QSignalSpy finished(find<ActionTestPanel>(QStringLiteral("testPanel")), &ActionTestPanel::runFinished);
    QTest::mouseClick(runButton(), Qt::LeftButton);
    QCOMPARE(runButton()->text(), QStringLiteral("Running…"));
    QVERIFY(!runButton()->isEnabled());
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().first().toBool(), true);
    QCOMPARE(runButton()->text(), QStringLiteral("Run"));
    QVERIFY(runButton()->isEnabled());

    QVERIFY2(statusLine().startsWith(QStringLiteral("Succeeded in ")), qPrintable(statusLine()));
    QVERIFY2(statusLine().endsWith(QStringLiteral(" ms")), qPrintable(statusLine()));
    const QList<ConsoleLine> lines = console();
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(0).text, QStringLiteral("sending 481516 to +14155550123"));
    QCOMPARE(lines.at(0).level, QStringLiteral("log"));
    QCOMPARE(lines.at(1).level, QStringLiteral("warn"));
    const auto commands = QJsonDocument::fromJson(
        find<QPlainTextEdit>(QStringLiteral("testCommands"))->toPlainText().toUtf8());
    QCOMPARE(commands.array().size(), 1);
    QCOMPARE(commands.array().first()[QStringLiteral("api")].toString(), QStringLiteral("cache.set"));
    QCOMPARE(commands.array().first()[QStringLiteral("args")].toArray(),
             (QJsonArray {QStringLiteral("last"), QStringLiteral("+14155550123")}));
    QVERIFY(find<QPlainTextEdit>(QStringLiteral("testStack"))->isHidden());

    // The run did not save anything.
    QCOMPARE(stored().code, ActionTriggers::skeleton(kTrigger));
    QVERIFY(m_page->isDirty());
}

void TestActionTestPanel::thrownErrorShowsItsStack()
{
    pasteCode(editor(),
              handlerCode(QStringLiteral("  console.log('before');\n"
                                         "  const phone = event.user.missing.trim();")));
    QVERIFY(run());
    QVERIFY2(statusLine().startsWith(QStringLiteral("Threw: TypeError: ")), qPrintable(statusLine()));
    QCOMPARE(console().size(), 1);
    QCOMPARE(console().first().text, QStringLiteral("before"));
    auto *stack = find<QPlainTextEdit>(QStringLiteral("testStack"));
    QVERIFY(!stack->isHidden());
    QVERIFY2(stack->toPlainText().startsWith(QStringLiteral("TypeError: ")),
             qPrintable(stack->toPlainText()));
    QVERIFY2(stack->toPlainText().contains(kActionName + QStringLiteral(".js:3:")),
             qPrintable(stack->toPlainText()));
    // The line that threw is marked in the code, and stays marked until the code changes.
    QTRY_COMPARE(editor()->diagnostics().size(), 1);
    QCOMPARE(editor()->diagnostics().constFirst().line, 3);
    QCOMPARE(editor()->cursorLine(), 3);

    // A good run afterwards hides it again.
    pasteCode(editor(), handlerCode(QStringLiteral("  console.log('fixed');")));
    QVERIFY(editor()->diagnostics().isEmpty());
    QVERIFY(run());
    QVERIFY2(statusLine().startsWith(QStringLiteral("Succeeded")), qPrintable(statusLine()));
    QVERIFY(stack->isHidden());
}

void TestActionTestPanel::timeoutIsNamed()
{
    m_tenant->tenant().actionRuntime().setDefaultTimeoutMs(500);
    pasteCode(editor(),
              handlerCode(QStringLiteral("  console.log('waiting');\n  await new Promise(() => {});")));
    QVERIFY(run());
    QVERIFY2(statusLine().startsWith(QStringLiteral("Timed out after ")), qPrintable(statusLine()));
    QCOMPARE(console().size(), 1);
}

void TestActionTestPanel::badPayloadsAreRefused_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("problem");
    QTest::addColumn<int>("line");
    QTest::newRow("missing comma on line 3")
        << QStringLiteral("{\n  \"a\": 1\n  \"b\": 2\n}") << QStringLiteral("at line 3, column ") << 3;
    QTest::newRow("trailing comma") << QStringLiteral("{ \"a\": 1, }") << QStringLiteral("at line 1, column ")
                                    << 1;
    QTest::newRow("unterminated") << QStringLiteral("{\n  \"message_options\": {")
                                  << QStringLiteral("at line 2") << 2;
    QTest::newRow("an array") << QStringLiteral("[1, 2]") << QStringLiteral("must be a JSON object") << 0;
    QTest::newRow("empty") << QString() << QStringLiteral("not valid JSON") << 1;
}

void TestActionTestPanel::badPayloadsAreRefused()
{
    QFETCH(QString, json);
    QFETCH(QString, problem);
    QFETCH(int, line);
    payload()->setPlainText(json);
    QSignalSpy finished(find<ActionTestPanel>(QStringLiteral("testPanel")), &ActionTestPanel::runFinished);
    QTest::mouseClick(runButton(), Qt::LeftButton);
    auto *error = find<QLabel>(QStringLiteral("testPayloadError"));
    QVERIFY(!error->isHidden());
    QVERIFY2(error->text().contains(problem), qPrintable(error->text()));
    QCOMPARE(runButton()->text(), QStringLiteral("Run"));
    QCOMPARE(statusLine(), QStringLiteral("Not run yet."));
    if (line > 0) {
        QCOMPARE(payload()->diagnostics().size(), 1);
        QCOMPARE(payload()->diagnostics().first().line, line);
    }

    // Editing the payload clears the error.
    QTest::keyClicks(payload(), QStringLiteral(" "));
    QVERIFY(error->isHidden());
    QVERIFY(payload()->diagnostics().isEmpty());

    // The refused click started nothing: a valid payload starts a run at once (a run still going would
    // refuse it), and that run is the only one to finish.
    payload()->setPlainText(QStringLiteral("{}"));
    QVERIFY(find<ActionTestPanel>(QStringLiteral("testPanel"))->run());
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.size(), 1);
}

void TestActionTestPanel::missingSecretIsReported()
{
    QVERIFY(waitFor(service().setSecret(m_action.id, QStringLiteral("API_KEY"), "k")).succeeded);
    // As after a restart with a store kept in memory only: the name is listed, the value is gone.
    QVERIFY(waitForJob(m_tenant->secrets().remove(CustomActionService::secretKey(
                           m_tenant->tenant().id(), m_action.id, QStringLiteral("API_KEY"))))
                .succeeded());
    QSignalSpy finished(find<ActionTestPanel>(QStringLiteral("testPanel")), &ActionTestPanel::runFinished);
    QTest::mouseClick(runButton(), Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY2(statusLine().startsWith(QStringLiteral("The test did not run: The secret API_KEY is no longer")),
             qPrintable(statusLine()));
    QVERIFY(console().isEmpty());
}

QTEST_MAIN(TestActionTestPanel)
#include "TestActionTestPanel.moc"
