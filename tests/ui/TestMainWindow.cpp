// The main window across a restart: the page the admin was on, with the application, flow or integration
// it showed, comes back in a new window on the same settings; creating the window forgets nothing.

#include "core/applications/ApplicationService.h"
#include "core/tenant/Tenant.h"
#include "tests/support/ResultText.h"
#include "tests/support/TempTenant.h"
#include "ui/shell/MainWindow.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

#include <memory>

namespace {

/// Stands for the client id of the application the test creates.
const QString kTheApplication = QStringLiteral("(the application)");

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void reopensTheLastPage_data();
    void reopensTheLastPage();
    void opensThePageTheSettingsName();
    void reopeningWritesNoSettings_data();
    void reopeningWritesNoSettings();

private:
    /// The title of the page in front of @p window.
    static QString titleOf(MainWindow &window);

    std::unique_ptr<TempTenant> m_tenant;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AuthdeckTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_mainwindow"));
}

void TestMainWindow::init()
{
    QSettings().clear();
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
}

void TestMainWindow::cleanup()
{
    m_tenant.reset();
    QSettings().clear();
}

QString TestMainWindow::titleOf(MainWindow &window)
{
    Page *page = window.page(window.currentPageId());
    const QList<QLabel *> titles = page->findChildren<QLabel *>(QStringLiteral("pageTitle"));
    for (const QLabel *title : titles) {
        if (title->isVisible())
            return title->text();
    }
    return QStringLiteral("(no title)");
}

void TestMainWindow::reopensTheLastPage_data()
{
    QTest::addColumn<Page::Id>("page");
    QTest::addColumn<QString>("argument");
    QTest::addColumn<bool>("deleteApplication"); ///< the application is deleted before the restart
    QTest::addColumn<Page::Id>("reopened");
    QTest::addColumn<QString>("title");

    using Id = Page::Id;
    QTest::newRow("Logs") << Id::Logs << QString() << false << Id::Logs << QStringLiteral("Logs");
    QTest::newRow("Users") << Id::Users << QString() << false << Id::Users << QStringLiteral("Users");
    QTest::newRow("Multi-factor Auth")
        << Id::MultiFactor << QString() << false << Id::MultiFactor << QStringLiteral("Multi-factor Auth");
    QTest::newRow("Phone Message") << Id::PhoneMessage << QString() << false << Id::PhoneMessage
                                   << QStringLiteral("Phone Message");
    QTest::newRow("an application") << Id::Application << kTheApplication << false << Id::Application
                                    << QStringLiteral("Restored App");
    QTest::newRow("an application deleted since: the list")
        << Id::Application << kTheApplication << true << Id::Applications << QStringLiteral("Applications");
    QTest::newRow("the Send Phone Message flow")
        << Id::FlowEditor << QStringLiteral("send-phone-message") << false << Id::FlowEditor
        << QStringLiteral("Send Phone Message");
    QTest::newRow("the flow, without the one-off add request")
        << Id::FlowEditor << QStringLiteral("send-phone-message?add=nothing") << false << Id::FlowEditor
        << QStringLiteral("Send Phone Message");
    QTest::newRow("the Plivo integration")
        << Id::Integration << QStringLiteral("plivo") << false << Id::Integration << QStringLiteral("Plivo");
    QTest::newRow("Getting Started") << Id::GettingStarted << QString() << false << Id::GettingStarted
                                     << QStringLiteral("Getting Started");
}

void TestMainWindow::reopensTheLastPage()
{
    QFETCH(Page::Id, page);
    QFETCH(QString, argument);
    QFETCH(bool, deleteApplication);
    QFETCH(Page::Id, reopened);
    QFETCH(QString, title);
    auto created = m_tenant->tenant().applications().create(
        {QStringLiteral("Restored App"), ApplicationType::SinglePage, {}, {}});
    QVERIFY2(created, errorBytes(created));
    const QString clientId = created.value().clientId;
    if (argument == kTheApplication)
        argument = clientId;

    {
        MainWindow first(m_tenant->tenant());
        first.restoreState();
        first.show();
        QVERIFY(QTest::qWaitForWindowExposed(&first));
        QVERIFY(first.showPage(Page::Id::Logs)); // somewhere else first
        QVERIFY(first.showPage(page, argument));
        QCOMPARE(first.currentPageId(), page);
        QVERIFY(first.close());
    }
    if (deleteApplication) {
        const auto removed = m_tenant->tenant().applications().remove(clientId);
        QVERIFY2(removed, errorBytes(removed));
    }

    MainWindow second(m_tenant->tenant());
    QCOMPARE(QSettings().value(QStringLiteral("window/lastPage")).toInt(), int(page)); // nothing forgotten
    second.restoreState();
    second.show();
    QVERIFY(QTest::qWaitForWindowExposed(&second));
    QCOMPARE(second.currentPageId(), reopened);
    QCOMPARE(titleOf(second), title);
}

void TestMainWindow::opensThePageTheSettingsName()
{
    // As an admin would find it in the settings file after quitting on Logs.
    QSettings().setValue(QStringLiteral("window/lastPage"), int(Page::Id::Logs));
    MainWindow window(m_tenant->tenant());
    window.restoreState();
    QCOMPARE(window.currentPageId(), Page::Id::Logs);
    QCOMPARE(QSettings().value(QStringLiteral("window/lastPage")).toInt(), int(Page::Id::Logs));
}

void TestMainWindow::reopeningWritesNoSettings_data()
{
    QTest::addColumn<Page::Id>("page");
    QTest::addColumn<bool>("withApplication"); ///< the page shows the application made for the test

    QTest::newRow("Logs") << Page::Id::Logs << false;
    QTest::newRow("Getting Started") << Page::Id::GettingStarted << false;
    QTest::newRow("an application") << Page::Id::Application << true;
}

void TestMainWindow::reopeningWritesNoSettings()
{
    QFETCH(Page::Id, page);
    QFETCH(bool, withApplication);
    QString argument;
    if (withApplication) {
        auto created = m_tenant->tenant().applications().create(
            {QStringLiteral("Restored App"), ApplicationType::SinglePage, {}, {}});
        QVERIFY2(created, errorBytes(created));
        argument = created.value().clientId;
    }
    const auto run = [this](Page::Id shown, const QString &shownArgument) {
        MainWindow window(m_tenant->tenant());
        window.restoreState();
        window.show();
        if (!QTest::qWaitForWindowExposed(&window) || !window.showPage(shown, shownArgument))
            return false;
        return window.close();
    };
    // The first start had no geometry to restore; the window manager may move a window it places. The second
    // start restores the geometry the first one saved, and saves it as it finds it.
    QVERIFY(run(page, argument));
    QVERIFY(run(page, argument));

    // A start that reopens the page it was closed on, at the same size, has nothing to write: the settings
    // file (written atomically, with a sync to disk) is left alone.
    const QString file = QSettings().fileName();
    const QDateTime written(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC);
    {
        QFile settings(file);
        QVERIFY(settings.open(QIODevice::ReadOnly));
        QVERIFY(settings.setFileTime(written, QFileDevice::FileModificationTime));
    }
    QVERIFY(run(page, argument));
    QCOMPARE(QFileInfo(file).lastModified(), written);

    QVERIFY(run(Page::Id::Users, {})); // a change is written
    QVERIFY(QFileInfo(file).lastModified() != written);
    QCOMPARE(QSettings().value(QStringLiteral("window/lastPage")).toInt(), int(Page::Id::Users));
}

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
