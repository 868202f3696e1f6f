// Send test message on the Phone Message page of the real main window: the code goes through the
// applied Send Phone Message flow to Plivo's local sandbox and shows up in the Test phone.

#include "core/actions/IntegrationService.h"
#include "core/delivery/SmsGateway.h"
#include "core/flows/FlowService.h"
#include "core/mfa/MfaService.h"
#include "core/pipelines/PhoneMessagePipeline.h"
#include "core/pipelines/PipelineRun.h"
#include "core/plivo/DeliveryTracker.h"
#include "core/plivo/PlivoSandbox.h"
#include "core/settings/TenantSettings.h"
#include "core/tenant/Tenant.h"
#include "tests/support/ResultText.h"
#include "tests/support/SandboxFailureRows.h"
#include "tests/support/TempTenant.h"
#include "tests/ui/MfaPageFixture.h"
#include "tests/ui/UiTestHelpers.h"
#include "ui/common/MessageBar.h"
#include "ui/mfa/TemplateEditor.h"
#include "ui/shell/MainWindow.h"
#include "ui/testphone/TestPhoneModel.h"
#include "ui/testphone/TestPhoneWindow.h"

#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <memory>

namespace {

const QString kRecipient = QStringLiteral("+15554443232");
/// Auth0's default enrollment message with the test code and the tenant's name.
const QString kSentText = QStringLiteral("123456 is your verification code for Acme Test. Please enter this "
                                         "code to verify your enrollment.");

} // namespace

class TestMfaSendTest : public QObject, private MfaPageFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void sendTestMessage_data();
    void sendTestMessage();
    void sentTextFollowsTheSavedTemplate();
    void badNumberIsNotSent_data();
    void badNumberIsNotSent();
    void emptyFlowFails();
    void providerFailureIsShown_data();
    void providerFailureIsShown();
    void secondSendReplacesTheResults();
    void enterWhileSendingSendsOnce();

private:
    Page *page() const { return m_window->page(Page::Id::PhoneMessage); }
    template<typename T>
    T *child(const QString &name) const
    {
        return page()->findChild<T *>(name);
    }
    void applyPlivo();
    /// Types @p number and clicks Send test message.
    void send(const QString &number);
    /// The latest execution of the flow.
    Execution lastExecution();
};

void TestMfaSendTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AuthdeckTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_mfasendtest"));
}

void TestMfaSendTest::init()
{
    setUp({QStringLiteral("Acme Test"), true, true});
}

void TestMfaSendTest::cleanup()
{
    tearDown();
}

void TestMfaSendTest::applyPlivo()
{
    const auto applied = m_tenant->tenant().flows().apply(
        QStringLiteral("send-phone-message"),
        {{Binding::Kind::Integration, m_plivoId, QStringLiteral("Plivo"), 0}});
    QVERIFY2(applied, errorBytes(applied));
}

void TestMfaSendTest::send(const QString &number)
{
    QVERIFY(m_window->showPage(Page::Id::PhoneMessage));
    auto *edit = child<QLineEdit>(QStringLiteral("testNumberEdit"));
    auto *button = child<QPushButton>(QStringLiteral("sendTestMessageButton"));
    QVERIFY(edit && button);
    QVERIFY(button->isEnabled());
    UiTest::retype(edit, number);
    QTest::mouseClick(button, Qt::LeftButton);
}

Execution TestMfaSendTest::lastExecution()
{
    const auto recent = m_tenant->tenant().phoneMessages().executions().recent(1);
    if (!recent || recent.value().isEmpty())
        return {};
    return recent.value().constFirst();
}

void TestMfaSendTest::sendTestMessage_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<bool>("phoneOpenFirst");

    QTest::newRow("E.164, Test phone open") << kRecipient << true;
    QTest::newRow("spaces and dashes, Test phone opened after") << QStringLiteral("+1 555-444-3232") << false;
    QTest::newRow("national number: US by default") << QStringLiteral("(555) 444-3232") << true;
}

void TestMfaSendTest::sendTestMessage()
{
    QFETCH(QString, typed);
    QFETCH(bool, phoneOpenFirst);
    applyPlivo();
    if (phoneOpenFirst)
        QCOMPARE(m_window->showTestPhone()->model()->rowCount(), 0);
    QSignalSpy received(&sandbox(), &PlivoSandbox::messageReceived);
    send(typed);
    if (QTest::currentTestFailed())
        return;
    auto *button = child<QPushButton>(QStringLiteral("sendTestMessageButton"));
    QVERIFY(!button->isEnabled()); // while the flow runs

    QTRY_VERIFY(child<QLabel>(QStringLiteral("delivery0")));
    auto *result = child<QLabel>(QStringLiteral("result0"));
    QVERIFY(result);
    QVERIFY2(result->text().startsWith(QStringLiteral("1. Plivo: accepted in ")), qPrintable(result->text()));
    QCOMPARE(result->property("role").toString(), QStringLiteral("success"));
    QCOMPARE(received.count(), 1);
    const QList<PlivoSandbox::Message> messages = sandbox().messages();
    QCOMPARE(messages.size(), 1);
    const QString uuid = messages.constFirst().uuid;
    QVERIFY(!uuid.isEmpty());
    auto *delivery = child<QLabel>(QStringLiteral("delivery0"));
    QVERIFY2(delivery->text().startsWith(QStringLiteral("Message %1: ").arg(uuid)),
             qPrintable(delivery->text()));
    QTRY_COMPARE(delivery->text(), QStringLiteral("Message %1: delivered").arg(uuid));

    QCOMPARE(child<QLineEdit>(QStringLiteral("testNumberEdit"))->text(), kRecipient);
    QVERIFY(!child<QLabel>(QStringLiteral("testNumberError"))->isVisible());
    QVERIFY(button->isEnabled());
    auto *bar = child<MessageBar>(QStringLiteral("messageBar"));
    QVERIFY(bar && bar->isVisible());
    QCOMPARE(bar->level(), MessageBar::Level::Success);
    QCOMPARE(bar->text(), QStringLiteral("The flow ran: the message was handed to the provider."));

    // What Plivo got, and the Test phone.
    QCOMPARE(messages.constFirst().to, kRecipient);
    QCOMPARE(messages.constFirst().from, QStringLiteral("+14155550100"));
    QCOMPARE(messages.constFirst().text, kSentText);
    TestPhoneModel *model = m_window->showTestPhone()->model();
    QCOMPARE(model->rowCount(), 1);
    const QString text = model->index(0, TestPhoneModel::TextColumn).data().toString();
    QVERIFY2(text.contains(QStringLiteral("123456")) && text.contains(QStringLiteral("Acme Test")),
             qPrintable(text));
    QCOMPARE(text, kSentText);
    QCOMPARE(model->index(0, 0).data(int(TestPhoneModel::Role::Uuid)).toString(), uuid);
    QCOMPARE(model->index(0, 0).data(int(TestPhoneModel::Role::Code)).toString(), QStringLiteral("123456"));
    QTRY_COMPARE(model->index(0, TestPhoneModel::StateColumn).data().toString(), QStringLiteral("delivered"));

    // Recorded without the code, and with the number masked.
    const Execution execution = lastExecution();
    QCOMPARE(execution.status, QStringLiteral("final"));
    QCOMPARE(execution.results.size(), 1);
    QCOMPARE(execution.results.constFirst().messageUuid, uuid);
    const QJsonObject options = execution.event.value(QStringLiteral("message_options")).toObject();
    QCOMPARE(options.value(QStringLiteral("recipient")).toString(), QStringLiteral("+1******3232"));
    QVERIFY(!options.contains(QStringLiteral("code")));
    QVERIFY(!options.contains(QStringLiteral("text")));
}

void TestMfaSendTest::sentTextFollowsTheSavedTemplate()
{
    applyPlivo();
    QVERIFY(m_window->showPage(Page::Id::PhoneMessage));
    auto *editor = child<TemplateEditor>(QStringLiteral("enrollmentTemplate"));
    QVERIFY(editor);
    auto *edit = editor->findChild<QPlainTextEdit *>(QStringLiteral("templateEdit"));
    auto *save = child<QPushButton>(QStringLiteral("savePhoneButton"));
    QVERIFY(edit && save);
    UiTest::retype(edit, QStringLiteral("{{tenant.friendly_name}} code: {{code}}"));
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY(!save->isEnabled());

    send(kRecipient);
    if (QTest::currentTestFailed())
        return;
    TestPhoneModel *model = m_window->showTestPhone()->model();
    QTRY_COMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0, TestPhoneModel::TextColumn).data().toString(),
             QStringLiteral("Acme Test code: 123456"));
}

void TestMfaSendTest::badNumberIsNotSent_data()
{
    QTest::addColumn<QString>("typed");

    QTest::newRow("too short") << QStringLiteral("+1 555");
    QTest::newRow("not a number") << QStringLiteral("call me");
    QTest::newRow("nothing typed") << QString();
}

void TestMfaSendTest::badNumberIsNotSent()
{
    QFETCH(QString, typed);
    applyPlivo();
    const int requests = sandbox().requestCount();
    send(typed);
    if (QTest::currentTestFailed())
        return;
    auto *error = child<QLabel>(QStringLiteral("testNumberError"));
    auto *edit = child<QLineEdit>(QStringLiteral("testNumberEdit"));
    QVERIFY(error && edit);
    QVERIFY(error->isVisible());
    QVERIFY(!error->text().isEmpty());
    QVERIFY(edit->property("invalid").toBool());
    QCOMPARE(edit->text(), typed); // left as typed, to be fixed
    QVERIFY(child<QPushButton>(QStringLiteral("sendTestMessageButton"))->isEnabled());
    QVERIFY(!child<QLabel>(QStringLiteral("result0")));
    QVERIFY(!child<MessageBar>(QStringLiteral("messageBar"))->isVisible());
    QCOMPARE(sandbox().requestCount(), requests);
    QVERIFY(sandbox().messages().isEmpty());
    QCOMPARE(lastExecution().id, QString()); // nothing ran

    // Fixed: the error goes and the message is sent.
    send(kRecipient);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(!error->isVisible());
    QTRY_COMPARE(sandbox().messages().size(), 1);
}

void TestMfaSendTest::emptyFlowFails()
{
    const int requests = sandbox().requestCount();
    send(kRecipient);
    if (QTest::currentTestFailed())
        return;
    auto *bar = child<MessageBar>(QStringLiteral("messageBar"));
    QVERIFY(bar);
    QTRY_VERIFY(bar->isVisible());
    QCOMPARE(bar->level(), MessageBar::Level::Error);
    QCOMPARE(
        bar->text(),
        QStringLiteral("The flow failed: No action is bound in the Send Phone Message flow: codes cannot be "
                       "sent."));
    QVERIFY(!child<QLabel>(QStringLiteral("result0")));
    QVERIFY(child<QPushButton>(QStringLiteral("sendTestMessageButton"))->isEnabled());
    QCOMPARE(sandbox().requestCount(), requests);
    QVERIFY(sandbox().messages().isEmpty());
    QCOMPARE(lastExecution().status, QStringLiteral("failed"));
}

void TestMfaSendTest::providerFailureIsShown_data()
{
    addSandboxFailureRows();
}

void TestMfaSendTest::providerFailureIsShown()
{
    QFETCH(PlivoSandbox::FailureMode, mode);
    QFETCH(QString, reason);
    applyPlivo();
    sandbox().setFailureMode(mode);
    TestPhoneModel *model = m_window->showTestPhone()->model();
    send(kRecipient);
    if (QTest::currentTestFailed())
        return;
    auto *button = child<QPushButton>(QStringLiteral("sendTestMessageButton"));
    QTRY_VERIFY(button->isEnabled());
    auto *result = child<QLabel>(QStringLiteral("result0"));
    QVERIFY(result);
    QVERIFY2(result->text().startsWith(QStringLiteral("1. Plivo: failed after ")),
             qPrintable(result->text()));
    QVERIFY2(result->text().contains(reason), qPrintable(result->text()));
    QCOMPARE(result->property("role").toString(), QStringLiteral("error"));
    QVERIFY(!child<QLabel>(QStringLiteral("delivery0")));
    auto *bar = child<MessageBar>(QStringLiteral("messageBar"));
    QCOMPARE(bar->level(), MessageBar::Level::Error);
    QVERIFY2(bar->text().startsWith(QStringLiteral("The flow failed: Plivo failed: ") + reason),
             qPrintable(bar->text()));
    QVERIFY(sandbox().messages().isEmpty());
    QCOMPARE(model->rowCount(), 0);
    QCOMPARE(lastExecution().status, QStringLiteral("failed"));
}

void TestMfaSendTest::secondSendReplacesTheResults()
{
    applyPlivo();
    sandbox().setStateDelays(20, 1500); // the first message is delivered after the second one
    send(kRecipient);
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY(child<QLabel>(QStringLiteral("delivery0")));
    const QString firstRun = lastExecution().id;
    QVERIFY(!firstRun.isEmpty());
    QTRY_VERIFY(child<QPushButton>(QStringLiteral("sendTestMessageButton"))->isEnabled());

    sandbox().setStateDelays(20, 60);
    send(QStringLiteral("+15554443233"));
    if (QTest::currentTestFailed())
        return;
    QTRY_COMPARE(sandbox().messages().size(), 2);
    const QString newest = sandbox().messages().constFirst().uuid;
    const QString shown = QStringLiteral("Message %1: delivered").arg(newest);
    QTRY_COMPARE(child<QLabel>(QStringLiteral("delivery0"))->text(), shown);
    QCOMPARE(page()->findChildren<QLabel *>(QStringLiteral("result0")).size(), 1);
    QCOMPARE(page()->findChildren<QLabel *>(QStringLiteral("delivery0")).size(), 1);
    QVERIFY(!child<QLabel>(QStringLiteral("result1")));

    // The first run still follows its message; its late states must not land in the new results.
    const auto firstDelivered = [&] {
        const auto found = m_tenant->tenant().phoneMessages().executions().find(firstRun);
        return found && found.value() && !found.value()->results.isEmpty()
            && found.value()->results.constFirst().deliveryState == QLatin1String("delivered");
    };
    QTRY_VERIFY_WITH_TIMEOUT(firstDelivered(), 10000);
    QCOMPARE(child<QLabel>(QStringLiteral("delivery0"))->text(), shown);
}

void TestMfaSendTest::enterWhileSendingSendsOnce()
{
    applyPlivo();
    QVERIFY(m_window->showPage(Page::Id::PhoneMessage));
    auto *edit = child<QLineEdit>(QStringLiteral("testNumberEdit"));
    auto *button = child<QPushButton>(QStringLiteral("sendTestMessageButton"));
    QVERIFY(edit && button);
    UiTest::retype(edit, kRecipient);
    QTest::keyClick(edit, Qt::Key_Return);
    QVERIFY(!button->isEnabled());
    QTest::keyClick(edit, Qt::Key_Return); // again, while the flow runs: the button cannot be clicked now
    PhoneMessagePipeline &pipeline = m_tenant->tenant().phoneMessages();
    const auto running
        = [&] { return pipeline.findChildren<PipelineRun *>(QString(), Qt::FindDirectChildrenOnly).size(); };
    QTRY_COMPARE_WITH_TIMEOUT(running(), 0, 10000); // every run has sent and followed its message
    QVERIFY(button->isEnabled());
    QCOMPARE(sandbox().messages().size(), 1);
}

QTEST_MAIN(TestMfaSendTest)
#include "TestMfaSendTest.moc"
