// Send test SMS from the Library card of an installed Plivo integration that sends to the local test
// phone, and the Test phone window where the messages arrive: live states, the latest code, Copy code.

#include "core/actions/IntegrationService.h"
#include "core/delivery/SmsGateway.h"
#include "core/delivery/SmsSend.h"
#include "core/plivo/DeliveryTracker.h"
#include "core/plivo/PlivoSandbox.h"
#include "core/plivo/PlivoTypes.h"
#include "core/tenant/Tenant.h"
#include "tests/support/ResultText.h"
#include "tests/support/SandboxFailureRows.h"
#include "tests/support/TempTenant.h"
#include "tests/ui/UiTestHelpers.h"
#include "ui/shell/MainWindow.h"
#include "ui/testphone/TestPhoneModel.h"
#include "ui/testphone/TestPhoneWindow.h"

#include <QAbstractItemModelTester>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFrame>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

#include <algorithm>
#include <functional>
#include <memory>

namespace {

const QString kTestText = QStringLiteral("This is a test message from Authdeck.");
const QString kRecipient = QStringLiteral("+15554443232");

/// What the Send test SMS dialog showed, kept after the dialog is gone.
struct Shown
{
    QString recipient;
    QString uuid;
    QString status;
    QString statusRole;
    QString toError;
    bool toErrorVisible = false;
};

} // namespace

class TestLibrarySendTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void sendTestSms_data();
    void sendTestSms();
    void codeInTheTestPhone();
    void copyCodeTakesTheNewestCode();
    void badNumberIsNotSent_data();
    void badNumberIsNotSent();
    void sendFailureIsShown_data();
    void sendFailureIsShown();
    void testPhoneModelIsConsistent();

private:
    PlivoSandbox &sandbox() { return m_tenant->tenant().sms().sandbox(); }
    /// Opens the Library card menu and triggers the action named @p name.
    QAction *cardAction(const QString &name);
    /// Sends a test SMS to @p recipient through the dialog; returns what it showed once @p done.
    Shown sendThroughDialog(const QString &recipient, const std::function<bool(const Shown &)> &done);
    /// Sends @p text to kRecipient through the integration directly; waits until it is final.
    void sendDirectly(const QString &text);

    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<MainWindow> m_window;
    Integration m_integration;
};

void TestLibrarySendTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AuthdeckTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_librarysendtest"));
}

void TestLibrarySendTest::init()
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    SmsGateway &sms = m_tenant->tenant().sms();
    QVERIFY2(sms.startSandbox(), qPrintable(sandbox().errorString()));
    sandbox().setStateDelays(50, 150);
    sms.tracker(true).setPollIntervalMs(50);

    IntegrationService &service = m_tenant->tenant().integrations();
    IntegrationJob *job = service.install(
        QStringLiteral("plivo"), {{QStringLiteral("PLIVO_NUMBER"), PlivoSandbox::senderNumber()}}, {}, true);
    QSignalSpy finished(job, &IntegrationJob::finished);
    QVERIFY(finished.wait(5000));
    const auto installed = service.findByCatalogId(QStringLiteral("plivo"));
    QVERIFY2(installed, errorBytes(installed));
    QVERIFY(installed.value().has_value());
    m_integration = *installed.value();

    m_window = std::make_unique<MainWindow>(m_tenant->tenant());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(m_window->showPage(Page::Id::ActionsLibrary));
}

void TestLibrarySendTest::cleanup()
{
    m_window.reset();
    m_tenant.reset();
    m_integration = {};
}

QAction *TestLibrarySendTest::cardAction(const QString &name)
{
    auto *card
        = m_window->page(Page::Id::ActionsLibrary)->findChild<QFrame *>(QStringLiteral("integration-plivo"));
    if (!card)
        return nullptr;
    auto *menuButton = card->findChild<QToolButton *>(QStringLiteral("integrationMenu"));
    if (!menuButton || !menuButton->menu())
        return nullptr;
    return menuButton->menu()->findChild<QAction *>(name);
}

Shown TestLibrarySendTest::sendThroughDialog(const QString &recipient,
                                             const std::function<bool(const Shown &)> &done)
{
    Shown shown;
    QAction *action = cardAction(QStringLiteral("sendTestSmsAction"));
    if (!action) {
        QTest::qFail("the card has no Send test SMS action", __FILE__, __LINE__);
        return shown;
    }
    ModalAnswer answer(QStringLiteral("sendTestSmsDialog"), [&](QWidget *dialog, QStringList &failures) {
        auto *to = dialog->findChild<QLineEdit *>(QStringLiteral("recipientEdit"));
        auto *send = dialog->findChild<QPushButton *>(QStringLiteral("sendButton"));
        auto *uuid = dialog->findChild<QLabel *>(QStringLiteral("messageUuid"));
        auto *status = dialog->findChild<QLabel *>(QStringLiteral("deliveryStatus"));
        auto *toError = dialog->findChild<QLabel *>(QStringLiteral("toError"));
        auto *buttons = dialog->findChild<QDialogButtonBox *>();
        UI_CHECK(failures, to && send && uuid && status && toError && buttons);
        UiTest::retype(to, recipient);
        QTest::mouseClick(send, Qt::LeftButton);
        const auto read = [&] {
            shown = {to->text(),
                     uuid->text(),
                     status->text(),
                     status->property("role").toString(),
                     toError->text(),
                     toError->isVisible()};
            return shown;
        };
        if (!QTest::qWaitFor([&] { return done(read()); }, 5000))
            failures.append(QStringLiteral("the dialog never got there: “%1”").arg(shown.status));
        QTest::mouseClick(buttons->button(QDialogButtonBox::Close), Qt::LeftButton);
    });
    action->trigger();
    if (!answer.failures().isEmpty() || !answer.answered())
        QTest::qFail(qPrintable(answer.failures().join(QLatin1Char('\n'))), __FILE__, __LINE__);
    return shown;
}

void TestLibrarySendTest::sendDirectly(const QString &text)
{
    SmsSend *sms = m_tenant->tenant().sms().send(m_integration, kRecipient, text, QStringLiteral("test"));
    QSignalSpy finished(sms, &SmsSend::finished);
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.constFirst().at(1).toBool(), false); // final, not timed out
}

void TestLibrarySendTest::sendTestSms_data()
{
    QTest::addColumn<QString>("finalState");
    QTest::addColumn<QString>("errorCode");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("role");

    QTest::newRow("delivered") << QStringLiteral("delivered") << QStringLiteral("000")
                               << QStringLiteral("Delivery state: delivered") << QStringLiteral("success");
    QTest::newRow("undelivered: with the reason")
        << QStringLiteral("undelivered") << QStringLiteral("30")
        << QStringLiteral("Delivery state: undelivered (%1)")
               .arg(PlivoMessage::errorCodeMeaning(QStringLiteral("30")))
        << QStringLiteral("error");
}

void TestLibrarySendTest::sendTestSms()
{
    QFETCH(QString, finalState);
    QFETCH(QString, errorCode);
    QFETCH(QString, status);
    QFETCH(QString, role);
    sandbox().setDeliveryOutcome(finalState, errorCode);
    TestPhoneWindow *phone = m_window->showTestPhone();
    QVERIFY(phone);
    QVERIFY(QTest::qWaitForWindowExposed(phone));
    TestPhoneModel *model = phone->model();
    QCOMPARE(model->rowCount(), 0);

    const Shown shown = sendThroughDialog(QStringLiteral("+1 555-444-3232"),
                                          [&](const Shown &now) { return now.status == status; });
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(shown.recipient, kRecipient); // shown as it was sent
    QVERIFY(!shown.toErrorVisible);
    QCOMPARE(shown.statusRole, role);
    const QList<PlivoSandbox::Message> messages = sandbox().messages();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(shown.uuid, QStringLiteral("Plivo message UUID: %1").arg(messages.constFirst().uuid));

    // The message reached the Test phone, with its final state.
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0, TestPhoneModel::TextColumn).data().toString(), kTestText);
    QCOMPARE(model->index(0, TestPhoneModel::ToColumn).data().toString(), kRecipient);
    QCOMPARE(model->index(0, TestPhoneModel::FromColumn).data().toString(), PlivoSandbox::senderNumber());
    QCOMPARE(model->index(0, TestPhoneModel::StateColumn).data().toString(), finalState);
    QCOMPARE(model->index(0, 0).data(int(TestPhoneModel::Role::Uuid)).toString(), messages.constFirst().uuid);
    auto *latest = phone->findChild<QLabel *>(QStringLiteral("latestCode"));
    QVERIFY(latest);
    QCOMPARE(latest->text(), QStringLiteral("No code received yet"));
}

void TestLibrarySendTest::codeInTheTestPhone()
{
    TestPhoneWindow *phone = m_window->showTestPhone();
    QVERIFY(QTest::qWaitForWindowExposed(phone));
    TestPhoneModel *model = phone->model();
    auto *latest = phone->findChild<QLabel *>(QStringLiteral("latestCode"));
    auto *copy = phone->findChild<QPushButton *>(QStringLiteral("copyCodeButton"));
    QVERIFY(latest && copy);
    QVERIFY(!copy->isEnabled());

    sendDirectly(QStringLiteral("Your code is 123456"));
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0, TestPhoneModel::TextColumn).data().toString(),
             QStringLiteral("Your code is 123456"));
    QCOMPARE(model->index(0, TestPhoneModel::StateColumn).data().toString(), QStringLiteral("delivered"));
    QCOMPARE(model->index(0, 0).data(int(TestPhoneModel::Role::Code)).toString(), QStringLiteral("123456"));
    QCOMPARE(latest->text(), QStringLiteral("Latest code: 123456"));
    QVERIFY(copy->isEnabled());

    QGuiApplication::clipboard()->setText(QStringLiteral("something else"));
    QCOMPARE(phone->copyCode(), QStringLiteral("123456"));
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("123456"));

    // The button does the same.
    QGuiApplication::clipboard()->setText(QStringLiteral("something else"));
    QTest::mouseClick(copy, Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("123456"));
}

void TestLibrarySendTest::copyCodeTakesTheNewestCode()
{
    // A first code arrives before the Test phone is opened, a second one while it is open.
    sendDirectly(QStringLiteral("Your code is 111111"));
    if (QTest::currentTestFailed())
        return;
    TestPhoneWindow *phone = m_window->showTestPhone();
    QVERIFY(QTest::qWaitForWindowExposed(phone));
    auto *latest = phone->findChild<QLabel *>(QStringLiteral("latestCode"));
    QVERIFY(latest);
    QCOMPARE(latest->text(), QStringLiteral("Latest code: 111111"));
    QCOMPARE(phone->copyCode(), QStringLiteral("111111"));

    sendDirectly(QStringLiteral("Your code is 222222"));
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(phone->model()->rowCount(), 2);
    QCOMPARE(latest->text(), QStringLiteral("Latest code: 222222"));
    auto *list = phone->findChild<QTreeView *>(QStringLiteral("messageList"));
    QVERIFY(list);
    QVERIFY(list->selectionModel()->selectedRows().isEmpty());
    // Nothing was selected: Copy code copies the code shown as the latest one.
    const QString copied = phone->copyCode();
    QCOMPARE(copied, QStringLiteral("222222"));
    QCOMPARE(QGuiApplication::clipboard()->text(), copied);
}

void TestLibrarySendTest::badNumberIsNotSent_data()
{
    QTest::addColumn<QString>("recipient");

    QTest::newRow("impossible number") << QStringLiteral("+1 555");
    QTest::newRow("not a number") << QStringLiteral("call me");
    QTest::newRow("nothing typed") << QString();
}

void TestLibrarySendTest::badNumberIsNotSent()
{
    QFETCH(QString, recipient);
    const int requests = sandbox().requestCount();
    const Shown shown = sendThroughDialog(recipient, [](const Shown &now) { return now.toErrorVisible; });
    if (QTest::currentTestFailed())
        return;
    QVERIFY(!shown.toError.isEmpty());
    QVERIFY(shown.uuid.isEmpty());
    QVERIFY(shown.status.isEmpty());
    QCOMPARE(shown.recipient, recipient); // left as typed, to be fixed
    QCOMPARE(sandbox().requestCount(), requests);
    QVERIFY(sandbox().messages().isEmpty());
}

void TestLibrarySendTest::sendFailureIsShown_data()
{
    addSandboxFailureRows();
}

void TestLibrarySendTest::sendFailureIsShown()
{
    QFETCH(PlivoSandbox::FailureMode, mode);
    QFETCH(QString, reason);
    sandbox().setFailureMode(mode);
    const QString prefix = QStringLiteral("Not sent: ") + reason;
    const Shown shown = sendThroughDialog(
        kRecipient, [&](const Shown &now) { return now.status.startsWith(QStringLiteral("Not sent")); });
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(shown.status.startsWith(prefix), qPrintable(shown.status));
    QCOMPARE(shown.statusRole, QStringLiteral("error"));
    QVERIFY(shown.uuid.isEmpty());
    QVERIFY(sandbox().messages().isEmpty());
    QCOMPARE(m_window->showTestPhone()->model()->rowCount(), 0);
}

void TestLibrarySendTest::testPhoneModelIsConsistent()
{
    sendDirectly(QStringLiteral("Before: 4321"));
    if (QTest::currentTestFailed())
        return;
    TestPhoneModel model(sandbox());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(model.rowCount(), 1); // messages from before the model are there

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QList<QPointer<SmsSend>> sends;
    for (const QString &text :
         {QStringLiteral("One 1111"), QStringLiteral("Two 2222"), QStringLiteral("Three")})
        sends.append(m_tenant->tenant().sms().send(m_integration, kRecipient, text, QStringLiteral("test")));
    QTRY_COMPARE(model.rowCount(), 4);
    QTRY_VERIFY(
        std::all_of(sends.cbegin(), sends.cend(), [](const QPointer<SmsSend> &s) { return s.isNull(); }));
    const auto allDelivered = [this] {
        const QList<PlivoSandbox::Message> all = sandbox().messages();
        return std::all_of(all.cbegin(), all.cend(), [](const PlivoSandbox::Message &m) {
            return m.state == QLatin1String("delivered");
        });
    };
    QTRY_VERIFY(allDelivered());
    QCOMPARE(inserted.count(), 3);
    QCOMPARE(changed.count(), 6); // sent, then delivered, for each new message

    // Newest first, as the sandbox lists them, each with its state and code.
    const QList<PlivoSandbox::Message> messages = sandbox().messages();
    QCOMPARE(messages.size(), 4);
    for (int row = 0; row < messages.size(); ++row) {
        QCOMPARE(model.index(row, 0).data(int(TestPhoneModel::Role::Uuid)).toString(), messages.at(row).uuid);
        QCOMPARE(model.index(row, TestPhoneModel::TextColumn).data().toString(), messages.at(row).text);
        QCOMPARE(model.index(row, TestPhoneModel::StateColumn).data().toString(),
                 QStringLiteral("delivered"));
        QCOMPARE(model.index(row, 0).data(int(TestPhoneModel::Role::Code)).toString(),
                 TestPhoneModel::codeIn(messages.at(row).text));
    }
    QCOMPARE(model.index(3, TestPhoneModel::TextColumn).data().toString(), QStringLiteral("Before: 4321"));
    QCOMPARE(model.index(3, 0).data(int(TestPhoneModel::Role::Code)).toString(), QStringLiteral("4321"));
}

QTEST_MAIN(TestLibrarySendTest)
#include "TestLibrarySendTest.moc"
