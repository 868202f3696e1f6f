// The Getting Started checklist on the real main window: its first step reads the tenant and leads to
// the page that does it; a tenant still to set up offers the ready-made demo tenant.

#include "core/applications/ApplicationService.h"
#include "core/secrets/MemorySecretStore.h"
#include "core/tenant/Tenant.h"
#include "tests/support/ResultText.h"
#include "tests/support/TempTenant.h"
#include "tests/ui/UiTestHelpers.h"
#include "ui/applications/ApplicationPage.h"
#include "ui/common/MessageBar.h"
#include "ui/shell/MainWindow.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFrame>
#include <QLabel>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>

#include <memory>

namespace {

/// What the tenant holds before the checklist is read.
enum class Setup
{
    Nothing,
    RegularWebWithUrls,
    SpaWithoutUrls,
    SpaWithCallbacksOnly,
    SpaWithUrls
};

} // namespace

class TestGettingStarted : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void applicationStep_data();
    void applicationStep();
    void stepFollowsChangesMadeElsewhere();
    void offersTheDemo_data();
    void offersTheDemo();
    void noDemoOfferOnTheDemo();

private:
    ApplicationService &service() { return m_tenant->tenant().applications(); }
    Page *gettingStarted() const { return m_window->page(Page::Id::GettingStarted); }
    /// Creates an application of @p type named @p name with @p callbacks and @p webOrigins; its client id.
    QString addApplication(const QString &name,
                           ApplicationType type,
                           const QStringList &callbacks,
                           const QStringList &webOrigins);
    /// The "Done" / "To do" badge of step card @p step.
    static QString badgeOf(const QFrame *step);

    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<MainWindow> m_window;
};

void TestGettingStarted::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AuthdeckTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_gettingstarted"));
}

void TestGettingStarted::init()
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    m_window = std::make_unique<MainWindow>(m_tenant->tenant());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QCOMPARE(m_window->currentPageId(), Page::Id::GettingStarted);
}

void TestGettingStarted::cleanup()
{
    m_window.reset();
    m_tenant.reset();
}

QString TestGettingStarted::addApplication(const QString &name,
                                           ApplicationType type,
                                           const QStringList &callbacks,
                                           const QStringList &webOrigins)
{
    auto created = service().create({name, type, {}, {}});
    if (!created)
        return {};
    Application app = created.value();
    if (callbacks.isEmpty() && webOrigins.isEmpty())
        return app.clientId;
    app.callbacks = callbacks;
    app.webOrigins = webOrigins;
    return service().update(app) ? app.clientId : QString();
}

QString TestGettingStarted::badgeOf(const QFrame *step)
{
    const QList<QLabel *> labels = step->findChildren<QLabel *>();
    for (const QLabel *label : labels) {
        if (label->property("role").toString() == QLatin1String("badge"))
            return label->text();
    }
    return {};
}

void TestGettingStarted::applicationStep_data()
{
    QTest::addColumn<Setup>("setup");
    QTest::addColumn<bool>("done");
    QTest::addColumn<bool>("opensApplication");

    QTest::newRow("no application: create one") << Setup::Nothing << false << false;
    QTest::newRow("only a regular web app: create an SPA") << Setup::RegularWebWithUrls << false << false;
    QTest::newRow("SPA without URLs: open it to set them") << Setup::SpaWithoutUrls << false << true;
    QTest::newRow("SPA with callbacks only: still to do") << Setup::SpaWithCallbacksOnly << false << true;
    QTest::newRow("SPA with callbacks and web origins: done") << Setup::SpaWithUrls << true << true;
}

void TestGettingStarted::applicationStep()
{
    QFETCH(Setup, setup);
    QFETCH(bool, done);
    QFETCH(bool, opensApplication);
    const QStringList local {QStringLiteral("http://localhost:3000")};

    QString clientId;
    switch (setup) {
    case Setup::Nothing:
        break;
    case Setup::RegularWebWithUrls:
        QVERIFY(!addApplication(QStringLiteral("Server App"), ApplicationType::RegularWeb, local, local)
                     .isEmpty());
        break;
    case Setup::SpaWithoutUrls:
        clientId = addApplication(QStringLiteral("My SPA"), ApplicationType::SinglePage, {}, {});
        break;
    case Setup::SpaWithCallbacksOnly:
        clientId = addApplication(QStringLiteral("My SPA"), ApplicationType::SinglePage, local, {});
        break;
    case Setup::SpaWithUrls:
        clientId = addApplication(QStringLiteral("My SPA"), ApplicationType::SinglePage, local, local);
        break;
    }
    QCOMPARE(clientId.isEmpty(), !opensApplication);
    const auto countBefore = service().count();
    QVERIFY2(countBefore, errorBytes(countBefore));

    // The page is showing: it rebuilt its steps when the tenant changed.
    auto *step = gettingStarted()->findChild<QFrame *>(QStringLiteral("step1"));
    QVERIFY(step);
    auto *action = step->findChild<QPushButton *>(QStringLiteral("stepAction1"));
    QVERIFY(action);
    QTRY_VERIFY(action->isVisible()); // cards rebuilt while shown appear on the next event loop turn
    QCOMPARE(badgeOf(step), done ? QStringLiteral("Done") : QStringLiteral("To do"));

    if (opensApplication) {
        QTest::mouseClick(action, Qt::LeftButton);
        QCOMPARE(m_window->currentPageId(), Page::Id::Application);
        auto *page = qobject_cast<ApplicationPage *>(m_window->page(Page::Id::Application));
        QVERIFY(page);
        QCOMPARE(page->clientId(), clientId);
        return;
    }

    // The Applications page opens the Create Application dialog on its own, once it is shown.
    ModalAnswer answer(QStringLiteral("createApplicationDialog"), [](QWidget *dialog, QStringList &failures) {
        UI_CHECK(failures, dialog->isVisible());
        UiTest::closeModal(dialog);
    });
    QTest::mouseClick(action, Qt::LeftButton);
    QCOMPARE(m_window->currentPageId(), Page::Id::Applications);
    QTRY_VERIFY(answer.isDone());
    UI_VERIFY_ANSWERED(answer);
    QCOMPARE(m_window->currentPageId(), Page::Id::Applications);
    const auto countAfter = service().count();
    QVERIFY2(countAfter, errorBytes(countAfter));
    QCOMPARE(countAfter.value(), countBefore.value()); // rejected: nothing created
}

void TestGettingStarted::stepFollowsChangesMadeElsewhere()
{
    auto *step = gettingStarted()->findChild<QFrame *>(QStringLiteral("step1"));
    QVERIFY(step);
    QCOMPARE(badgeOf(step), QStringLiteral("To do"));

    // Changed while another page shows: the checklist is read again when it is shown.
    QVERIFY(m_window->showPage(Page::Id::TenantSettings));
    const QStringList local {QStringLiteral("http://localhost:3000")};
    const QString clientId
        = addApplication(QStringLiteral("Late SPA"), ApplicationType::SinglePage, local, local);
    QVERIFY(!clientId.isEmpty());
    QVERIFY(m_window->showPage(Page::Id::GettingStarted));

    step = gettingStarted()->findChild<QFrame *>(QStringLiteral("step1"));
    QVERIFY(step);
    QCOMPARE(badgeOf(step), QStringLiteral("Done"));
    auto *action = step->findChild<QPushButton *>(QStringLiteral("stepAction1"));
    QVERIFY(action);
    QTest::mouseClick(action, Qt::LeftButton);
    QCOMPARE(m_window->currentPageId(), Page::Id::Application);
    QCOMPARE(qobject_cast<ApplicationPage *>(m_window->page(Page::Id::Application))->clientId(), clientId);

    // Removed: back to "create".
    QVERIFY(m_window->showPage(Page::Id::GettingStarted));
    QVERIFY(service().remove(clientId));
    step = gettingStarted()->findChild<QFrame *>(QStringLiteral("step1"));
    QVERIFY(step);
    QCOMPARE(badgeOf(step), QStringLiteral("To do"));
}

void TestGettingStarted::offersTheDemo_data()
{
    QTest::addColumn<bool>("starts"); ///< whether the new process starts

    QTest::newRow("the demo opens in a new window") << true;
    QTest::newRow("it cannot start: the banner says so") << false;
}

void TestGettingStarted::offersTheDemo()
{
    QFETCH(bool, starts);
    QList<QPair<QString, QStringList>> launched;
    m_window->setLauncher([&launched, starts](const QString &program,
                                              const QStringList &arguments,
                                              const QProcessEnvironment &) {
        launched.append({program, arguments});
        return starts;
    });
    QVERIFY(!m_window->isDemoTenant());
    auto *open = gettingStarted()->findChild<QPushButton *>(QStringLiteral("openDemoButton"));
    QVERIFY(open);
    QTRY_VERIFY(open->isVisible());

    QTest::mouseClick(open, Qt::LeftButton);
    // The same as `authdeck --demo`, in a process of its own; this window stays on its tenant.
    QCOMPARE(launched.size(), 1);
    QCOMPARE(launched.constFirst().first, QCoreApplication::applicationFilePath());
    QCOMPARE(launched.constFirst().second, QStringList {QStringLiteral("--demo")});
    QCOMPARE(m_window->currentPageId(), Page::Id::GettingStarted);
    auto *banner = m_window->findChild<MessageBar *>(QStringLiteral("keyringBanner"));
    QVERIFY(banner);
    QCOMPARE(banner->isVisible(), !starts);
    if (!starts) {
        QCOMPARE(banner->level(), MessageBar::Level::Error);
        QVERIFY2(banner->text().startsWith(QStringLiteral("The demo tenant could not be opened")),
                 qPrintable(banner->text()));
    }
}

void TestGettingStarted::noDemoOfferOnTheDemo()
{
    const QString path = MainWindow::demoTenantPath();
    QVERIFY(QDir().mkpath(QFileInfo(path).path()));
    QVERIFY(!QFileInfo::exists(path) || QFile::remove(path));
    MemorySecretStore secrets;
    {
        auto demo = Tenant::open(path, secrets);
        QVERIFY2(demo, errorBytes(demo));
        MainWindow window(*demo.value());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.isDemoTenant());
        QCOMPARE(window.currentPageId(), Page::Id::GettingStarted);
        QVERIFY(window.page(Page::Id::GettingStarted)->findChild<QFrame *>(QStringLiteral("step1")));
        QVERIFY(!window.page(Page::Id::GettingStarted)
                     ->findChild<QPushButton *>(QStringLiteral("openDemoButton")));
    }
    const QDir folder = QFileInfo(path).dir();
    for (const QString &file : folder.entryList({QFileInfo(path).fileName() + QLatin1Char('*')}, QDir::Files))
        QVERIFY(QFile::remove(folder.filePath(file)));
}

QTEST_MAIN(TestGettingStarted)
#include "TestGettingStarted.moc"
