// A log event that cannot be written leaves a trace an admin sees: the main window says so in a message
// bar, and Monitoring > Logs counts the events lost since the tenant was opened.

#include "core/logs/LogStore.h"
#include "core/settings/TenantSettings.h"
#include "core/store/Database.h"
#include "core/tenant/Tenant.h"
#include "tests/support/ResultText.h"
#include "tests/support/TempTenant.h"
#include "ui/common/MessageBar.h"
#include "ui/shell/MainWindow.h"

#include <QLabel>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

#include <memory>

class TestLogFailures : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void failedAuditWriteIsShown();

private:
    Tenant &tenant() { return m_tenant->tenant(); }
    /// Makes every insert into the logs fail (as a full disk would), or lets them through again.
    void jamLogs(bool jammed);
    /// Renames the tenant through the service, as Tenant Settings does.
    void rename(const QString &name);

    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<MainWindow> m_window;
};

void TestLogFailures::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AuthdeckTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_logfailures"));
}

void TestLogFailures::init()
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    m_window = std::make_unique<MainWindow>(tenant());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestLogFailures::cleanup()
{
    m_window.reset();
    m_tenant.reset();
}

void TestLogFailures::jamLogs(bool jammed)
{
    QSqlQuery query = tenant().database().prepare(
        jammed ? QStringLiteral(
            "CREATE TRIGGER jam BEFORE INSERT ON logs BEGIN SELECT RAISE(ABORT, 'disk full'); END")
               : QStringLiteral("DROP TRIGGER jam"));
    QVERIFY(query.exec());
}

void TestLogFailures::rename(const QString &name)
{
    TenantSettings::Values values = tenant().settings().values();
    values.friendlyName = name;
    const auto saved = tenant().settings().save(values);
    QVERIFY2(saved, errorBytes(saved));
}

void TestLogFailures::failedAuditWriteIsShown()
{
    auto *banner = m_window->findChild<MessageBar *>(QStringLiteral("logFailureBanner"));
    QVERIFY(banner);
    QVERIFY(banner->isHidden());
    QSignalSpy failed(&tenant().logs(), &LogStore::recordFailed);

    jamLogs(true);
    rename(QStringLiteral("Renamed"));
    QCOMPARE(failed.count(), 1);
    QVERIFY(!banner->isHidden());
    const QString text = banner->findChild<QLabel *>(QStringLiteral("messageText"))->text();
    QVERIFY2(text.contains(QStringLiteral("Update tenant settings")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("disk full")), qPrintable(text));

    // Monitoring > Logs counts the lost events.
    QVERIFY(m_window->showPage(Page::Id::Logs));
    auto *lost = m_window->page(Page::Id::Logs)->findChild<QLabel *>(QStringLiteral("logsLostCount"));
    QVERIFY(lost);
    QTRY_VERIFY(!lost->isHidden());
    QVERIFY2(lost->text().contains(QStringLiteral("1 event")), qPrintable(lost->text()));
    jamLogs(false);
    rename(QStringLiteral("Renamed again"));
    jamLogs(true);
    rename(QStringLiteral("Renamed a third time"));
    QTRY_VERIFY2(lost->text().contains(QStringLiteral("2 events")), qPrintable(lost->text()));
}

QTEST_MAIN(TestLogFailures)
#include "TestLogFailures.moc"
