// Uninstalling Plivo from its Library card: the confirmation, and what goes with the integration (its
// row, its secrets, its card). Integrations bound to flows cannot be tested until flows exist.

#include "core/actions/IntegrationService.h"
#include "core/plivo/PlivoSandbox.h"
#include "core/tenant/Tenant.h"
#include "tests/support/ResultText.h"
#include "tests/support/SecretJobResult.h"
#include "tests/support/TempTenant.h"
#include "tests/ui/UiTestHelpers.h"
#include "ui/common/MessageBar.h"
#include "ui/shell/MainWindow.h"

#include <QFrame>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>

#include <memory>

namespace {

const QString kAuthId = QStringLiteral("PLIVO_AUTH_ID");
const QString kAuthToken = QStringLiteral("PLIVO_AUTH_TOKEN");

} // namespace

class TestLibraryUninstall : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void uninstall_data();
    void uninstall();

private:
    IntegrationService &service() { return m_tenant->tenant().integrations(); }
    Page *library() const { return m_window->page(Page::Id::ActionsLibrary); }
    QFrame *card() const { return library()->findChild<QFrame *>(QStringLiteral("integration-plivo")); }
    SecretJobResult storedSecret(const QString &key);

    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<MainWindow> m_window;
    Integration m_integration;
};

void TestLibraryUninstall::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AuthdeckTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_libraryuninstall"));
}

void TestLibraryUninstall::init()
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    const PlivoCredentials credentials = PlivoSandbox::credentials();
    IntegrationJob *job = service().install(
        QStringLiteral("plivo"),
        {{QStringLiteral("PLIVO_NUMBER"), QStringLiteral("+14155550123")}},
        {{kAuthId, credentials.authId.toUtf8()}, {kAuthToken, credentials.authToken.toUtf8()}},
        false);
    QSignalSpy finished(job, &IntegrationJob::finished);
    QVERIFY(finished.wait(5000));
    const auto installed = service().findByCatalogId(QStringLiteral("plivo"));
    QVERIFY2(installed, errorBytes(installed));
    QVERIFY(installed.value().has_value());
    m_integration = *installed.value();
    QCOMPARE(m_tenant->secrets().count(), 2);

    m_window = std::make_unique<MainWindow>(m_tenant->tenant());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(m_window->showPage(Page::Id::ActionsLibrary));
    QVERIFY(card());
    QTRY_VERIFY(card()->isVisible());
}

void TestLibraryUninstall::cleanup()
{
    m_window.reset();
    m_tenant.reset();
    m_integration = {};
}

SecretJobResult TestLibraryUninstall::storedSecret(const QString &key)
{
    return waitForJob(m_tenant->secrets().read(
        IntegrationService::secretKey(m_tenant->tenant().id(), m_integration.id, key)));
}

void TestLibraryUninstall::uninstall_data()
{
    QTest::addColumn<bool>("confirm");

    QTest::newRow("Cancel: the integration stays") << false;
    QTest::newRow("Uninstall: integration, secrets and card go") << true;
}

void TestLibraryUninstall::uninstall()
{
    QFETCH(bool, confirm);
    // Nothing binds it yet (flows do not exist): the confirmation does not speak of flows.
    QCOMPARE(service().bindingCount(m_integration.id), 0);
    auto *menuButton = card()->findChild<QToolButton *>(QStringLiteral("integrationMenu"));
    QVERIFY(menuButton && menuButton->menu());
    QAction *action = menuButton->menu()->findChild<QAction *>(QStringLiteral("uninstallAction"));
    QVERIFY(action);

    QSignalSpy removed(&service(), &IntegrationService::integrationRemoved);
    ModalAnswer answer(QStringLiteral("uninstallConfirmation"), [&](QWidget *modal, QStringList &failures) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        UI_CHECK(failures, box);
        UI_CHECK(failures,
                 box->text().contains(QStringLiteral("Uninstalling Plivo removes its configuration")));
        UI_CHECK(failures, !box->text().contains(QStringLiteral("flows")));
        QAbstractButton *button = confirm ? box->findChild<QPushButton *>(QStringLiteral("confirmUninstall"))
                                          : box->button(QMessageBox::Cancel);
        UI_CHECK(failures, button);
        QTest::mouseClick(button, Qt::LeftButton);
    });
    action->trigger();
    UI_VERIFY_ANSWERED(answer);

    auto *message = library()->findChild<MessageBar *>();
    QVERIFY(message);
    if (!confirm) {
        // A later job would run after any uninstall the click started: once it is done, nothing is pending.
        QSignalSpy done(service().uninstall(QStringLiteral("no-such-integration")),
                        &IntegrationJob::finished);
        QVERIFY(done.wait(5000));
        QCOMPARE(removed.count(), 0);
        const auto list = service().list();
        QVERIFY2(list, errorBytes(list));
        QCOMPARE(list.value().size(), 1);
        QVERIFY(card());
        QVERIFY(card()->isVisible());
        QCOMPARE(m_tenant->secrets().count(), 2);
        const SecretJobResult token = storedSecret(kAuthToken);
        QVERIFY2(token.succeeded(), qPrintable(token.errorString));
        QCOMPARE(token.value, PlivoSandbox::credentials().authToken.toUtf8());
        QVERIFY(!message->isVisible());
        return;
    }

    QTRY_COMPARE(removed.count(), 1);
    QCOMPARE(removed.constFirst().constFirst().toString(), m_integration.id);
    const auto list = service().list();
    QVERIFY2(list, errorBytes(list));
    QVERIFY(list.value().isEmpty());
    QVERIFY(!card());
    auto *count = library()->findChild<QLabel *>(QStringLiteral("installedCount"));
    QVERIFY(count);
    QCOMPARE(count->text(), QStringLiteral("No integrations installed yet. Add one from the catalog."));
    QTRY_VERIFY(message->isVisible());
    QCOMPARE(message->level(), MessageBar::Level::Success);
    QCOMPARE(message->text(), QStringLiteral("Plivo was uninstalled."));

    QCOMPARE(m_tenant->secrets().count(), 0);
    for (const QString &key : {kAuthId, kAuthToken}) {
        const SecretJobResult secret = storedSecret(key);
        QVERIFY(secret.finished);
        QCOMPARE(secret.status, SecretJob::Status::NotFound);
    }

    // It can be added again from its page.
    QVERIFY(m_window->showPage(Page::Id::Integration, QStringLiteral("plivo")));
    auto *add
        = m_window->page(Page::Id::Integration)->findChild<QPushButton *>(QStringLiteral("addIntegration"));
    QVERIFY(add);
    QVERIFY(add->isEnabled());
}

QTEST_MAIN(TestLibraryUninstall)
#include "TestLibraryUninstall.moc"
