// File > Open Tenant… and File > Open Recent on the real main window: the tenant chosen opens in a new
// process, with the PostgreSQL password in its environment and never on its command line; the recent
// tenants, newest first, without missing files or the tenant open; the title says where the tenant lives.

#include "core/secrets/SecretStore.h"
#include "core/settings/TenantSettings.h"
#include "core/tenant/Tenant.h"
#include "tests/support/TempTenant.h"
#include "ui/common/MessageBar.h"
#include "ui/shell/MainWindow.h"
#include "ui/tenantopen/OpenTenantDialog.h"
#include "ui/tenantopen/RecentTenants.h"
#include "ui/tenantopen/TenantLocation.h"

#include <QAction>
#include <QCheckBox>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

class TestTenantOpenActions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void describesTheLocation_data();
    void describesTheLocation();
    void titleSaysWhere();
    void opensWithThePasswordInTheEnvironment();
    void remembersThePasswordWhenAsked_data();
    void remembersThePasswordWhenAsked();
    void saysWhenItCannotStart();
    void listsTheRecentTenants();
    void keepsAtMostEight();
    void addingTheLatestAgainWritesNothing();

private:
    struct Launch
    {
        QStringList arguments;
        QProcessEnvironment environment;
    };

    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<MainWindow> m_window;
    QList<Launch> m_launched;
    bool m_starts = true;
};

void TestTenantOpenActions::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AuthdeckTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_tenantopenactions"));
}

void TestTenantOpenActions::init()
{
    RecentTenants::clear();
    m_launched.clear();
    m_starts = true;
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    m_window = std::make_unique<MainWindow>(m_tenant->tenant());
    m_window->setLauncher(
        [this](const QString &, const QStringList &arguments, const QProcessEnvironment &environment) {
            m_launched.append({arguments, environment});
            return m_starts;
        });
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestTenantOpenActions::cleanup()
{
    m_window.reset();
    m_tenant.reset();
    RecentTenants::clear();
}

void TestTenantOpenActions::describesTheLocation_data()
{
    QTest::addColumn<QString>("location");
    QTest::addColumn<QString>("described");
    QTest::newRow("server") << QStringLiteral("postgresql://ada@db.example.com/authdeck?sslmode=require")
                            << QStringLiteral("db.example.com/authdeck (PostgreSQL)");
    QTest::newRow("server on another port") << QStringLiteral("postgresql://ada@db.example.com:6543/authdeck")
                                            << QStringLiteral("db.example.com:6543/authdeck (PostgreSQL)");
    QTest::newRow("file at home") << QDir::homePath() + QStringLiteral("/tenants/team.authdeck")
                                  << QDir::toNativeSeparators(QStringLiteral("~/tenants/team.authdeck"));
    QTest::newRow("file elsewhere") << QStringLiteral("/srv/team.authdeck")
                                    << QDir::toNativeSeparators(QStringLiteral("/srv/team.authdeck"));
}

void TestTenantOpenActions::describesTheLocation()
{
    QFETCH(QString, location);
    QFETCH(QString, described);
    QCOMPARE(TenantLocation::describe(location), described);
}

void TestTenantOpenActions::titleSaysWhere()
{
    const QString where = TenantLocation::describe(m_tenant->tenant().path());
    QVERIFY2(m_window->windowTitle().contains(where), qPrintable(m_window->windowTitle()));
    QVERIFY(m_window->windowTitle().startsWith(m_tenant->tenant().settings().friendlyName()));
    auto *location = m_window->findChild<QLabel *>(QStringLiteral("sidebarTenantLocation"));
    QVERIFY(location);
    QCOMPARE(location->toolTip(), where);
}

void TestTenantOpenActions::opensWithThePasswordInTheEnvironment()
{
    auto *action = m_window->findChild<QAction *>(QStringLiteral("openTenantAction"));
    QVERIFY(action);
    action->trigger();
    auto *dialog = m_window->findChild<OpenTenantDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    dialog->setLocation(QStringLiteral("postgresql://ada@db.example.com:5432/team?sslmode=require"));
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("postgresPassword")),
                     QStringLiteral("s3cret"));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("openButton")), Qt::LeftButton);

    QCOMPARE(m_launched.size(), 1);
    const QString url = QStringLiteral("postgresql://ada@db.example.com:5432/team?sslmode=require");
    QCOMPARE(m_launched.constFirst().arguments, (QStringList {QStringLiteral("--tenant"), url}));
    QCOMPARE(m_launched.constFirst().environment.value(QStringLiteral("PGPASSWORD")),
             QStringLiteral("s3cret"));
    // Nothing the settings keep holds the password.
    QSettings settings;
    for (const QString &key : settings.allKeys())
        QVERIFY2(!settings.value(key).toString().contains(QLatin1String("s3cret")), qPrintable(key));
}

void TestTenantOpenActions::remembersThePasswordWhenAsked_data()
{
    QTest::addColumn<bool>("remember");
    QTest::newRow("ticked: kept in the keyring") << true;
    QTest::newRow("not ticked: this connection only") << false;
}

void TestTenantOpenActions::remembersThePasswordWhenAsked()
{
    QFETCH(bool, remember);
    m_window->findChild<QAction *>(QStringLiteral("openTenantAction"))->trigger();
    auto *dialog = m_window->findChild<OpenTenantDialog *>();
    QVERIFY(dialog);
    const QString url = QStringLiteral("postgresql://ada@db.example.com:5432/team");
    dialog->setLocation(url);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("postgresPassword")),
                     QStringLiteral("s3cret"));
    auto *check = dialog->findChild<QCheckBox *>(QStringLiteral("rememberPassword"));
    QVERIFY(check);
    if (remember)
        QTest::mouseClick(check, Qt::LeftButton, {}, QPoint(8, check->height() / 2));
    QCOMPARE(dialog->remembersPassword(), remember);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("openButton")), Qt::LeftButton);
    QCOMPARE(m_launched.size(), 1);

    SecretJob *read = m_tenant->tenant().secrets().read(SecretStore::postgresPasswordKey(url));
    QSignalSpy finished(read, &SecretJob::finished);
    QVERIFY(finished.wait());
    QCOMPARE(read->succeeded(), remember);
    if (remember)
        QCOMPARE(read->value(), QByteArray("s3cret"));
}

void TestTenantOpenActions::saysWhenItCannotStart()
{
    m_starts = false;
    QVERIFY(!m_window->openTenant(QStringLiteral("/srv/team.authdeck")));
    auto *banner = m_window->findChild<MessageBar *>(QStringLiteral("keyringBanner"));
    QVERIFY(banner);
    QVERIFY(banner->isVisible());
    QCOMPARE(banner->level(), MessageBar::Level::Error);
    QVERIFY2(banner->text().contains(QLatin1String("/srv/team.authdeck")), qPrintable(banner->text()));
}

void TestTenantOpenActions::listsTheRecentTenants()
{
    QTemporaryDir folder;
    const QString kept = folder.filePath(QStringLiteral("kept.authdeck"));
    QFile file(kept);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    const QString url = QStringLiteral("postgresql://ada@db.example.com:5432/team");
    RecentTenants::add(folder.filePath(QStringLiteral("gone.authdeck")));
    RecentTenants::add(kept);
    RecentTenants::add(url);
    RecentTenants::add(m_tenant->tenant().path());
    // The missing file is dropped; the newest comes first.
    QCOMPARE(RecentTenants::list(), (QStringList {m_tenant->tenant().path(), url, kept}));

    auto *menu = m_window->findChild<QMenu *>(QStringLiteral("recentTenantsMenu"));
    QVERIFY(menu);
    Q_EMIT menu->aboutToShow();
    QStringList texts;
    for (QAction *action : menu->actions()) {
        if (!action->isSeparator())
            texts.append(action->text());
    }
    // Without the tenant open in this window.
    QCOMPARE(texts,
             (QStringList {TenantLocation::describe(url),
                           TenantLocation::describe(kept),
                           QStringLiteral("&Clear the List")}));
    menu->actions().constFirst()->trigger();
    QCOMPARE(m_launched.size(), 1);
    QCOMPARE(m_launched.constFirst().arguments, (QStringList {QStringLiteral("--tenant"), url}));

    menu->findChild<QAction *>(QStringLiteral("clearRecentTenantsAction"))->trigger();
    QVERIFY(RecentTenants::list().isEmpty());
    QCOMPARE(menu->actions().size(), 1);
    QVERIFY(!menu->actions().constFirst()->isEnabled());
}

void TestTenantOpenActions::keepsAtMostEight()
{
    for (int i = 0; i < RecentTenants::kLimit + 3; ++i)
        RecentTenants::add(QStringLiteral("postgresql://ada@db.example.com/tenant%1").arg(i));
    RecentTenants::add(QStringLiteral("postgresql://ada@db.example.com/tenant5"));
    const QStringList recent = RecentTenants::list();
    QCOMPARE(recent.size(), RecentTenants::kLimit);
    QCOMPARE(recent.constFirst(), QStringLiteral("postgresql://ada@db.example.com/tenant5"));
    QCOMPARE(recent.count(QStringLiteral("postgresql://ada@db.example.com/tenant5")), 1);
    QCOMPARE(recent.constLast(), QStringLiteral("postgresql://ada@db.example.com/tenant3"));
}

void TestTenantOpenActions::addingTheLatestAgainWritesNothing()
{
    // authdeck adds the tenant it opens at every start: the newest already, the settings file is left alone.
    const QString url = QStringLiteral("postgresql://ada@db.example.com/tenant");
    RecentTenants::add(m_tenant->tenant().path());
    RecentTenants::add(url);
    const QString file = QSettings().fileName();
    const QDateTime written(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC);
    {
        QFile settings(file);
        QVERIFY(settings.open(QIODevice::ReadOnly));
        QVERIFY(settings.setFileTime(written, QFileDevice::FileModificationTime));
    }
    RecentTenants::add(url);
    QCOMPARE(QFileInfo(file).lastModified(), written);

    RecentTenants::add(m_tenant->tenant().path()); // a new order is written
    QVERIFY(QFileInfo(file).lastModified() != written);
    QCOMPARE(RecentTenants::list(), (QStringList {m_tenant->tenant().path(), url}));
}

QTEST_MAIN(TestTenantOpenActions)
#include "TestTenantOpenActions.moc"
