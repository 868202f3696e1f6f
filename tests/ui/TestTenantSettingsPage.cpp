// Tenant Settings through its widgets: inline errors, refused and accepted saves, persistence.

#include "core/login/UserStore.h"
#include "core/logs/LogStore.h"
#include "core/settings/TenantSettings.h"
#include "core/tenant/Tenant.h"
#include "tests/support/ResultText.h"
#include "tests/support/TempTenant.h"
#include "tests/ui/UiTestHelpers.h"
#include "ui/common/MessageBar.h"
#include "ui/settings/TenantSettingsPage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>

#include <memory>

class TestTenantSettingsPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void showsTheStoredSettings();
    void badValueIsRefused_data();
    void badValueIsRefused();
    void goodSavePersists_data();
    void goodSavePersists();
    void signUpsSwitchAppliesAtOnce();

private:
    TenantSettings &settings() { return m_tenant->tenant().settings(); }
    /// Closes the page and opens the tenant file again, as a new run of Authdeck would.
    bool reopen();

    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<TenantSettingsPage> m_page;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_domain = nullptr;
    QComboBox *m_environment = nullptr;
    QPushButton *m_save = nullptr;
    MessageBar *m_message = nullptr;
};

void TestTenantSettingsPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestTenantSettingsPage::init()
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    m_page = std::make_unique<TenantSettingsPage>(
        settings(), m_tenant->tenant().users(), m_tenant->tenant().loginServer());
    m_page->resize(900, 700);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    m_page->open(QString());

    m_name = m_page->findChild<QLineEdit *>(QStringLiteral("friendlyNameEdit"));
    m_domain = m_page->findChild<QLineEdit *>(QStringLiteral("domainEdit"));
    m_environment = m_page->findChild<QComboBox *>(QStringLiteral("environmentCombo"));
    m_save = m_page->findChild<QPushButton *>(QStringLiteral("saveSettingsButton"));
    m_message = m_page->findChild<MessageBar *>(QStringLiteral("messageBar"));
    QVERIFY(m_name && m_domain && m_environment && m_save && m_message);
}

void TestTenantSettingsPage::cleanup()
{
    m_page.reset();
    m_tenant.reset();
}

bool TestTenantSettingsPage::reopen()
{
    m_page.reset();
    m_name = nullptr;
    m_domain = nullptr;
    m_environment = nullptr;
    m_save = nullptr;
    m_message = nullptr;
    return m_tenant->reopen();
}

void TestTenantSettingsPage::showsTheStoredSettings()
{
    const TenantSettings::Values stored = settings().values();
    QVERIFY(!stored.friendlyName.isEmpty());
    QCOMPARE(m_name->text(), stored.friendlyName);
    QCOMPARE(m_domain->text(), stored.domain);
    QCOMPARE(m_environment->currentData().toString(), stored.environment);
    QCOMPARE(m_environment->count(), TenantSettings::environments().size());
    QVERIFY(!m_save->isEnabled());
    QVERIFY(!m_message->isVisible());

    // Any change enables Save; undoing it disables it again.
    UiTest::retype(m_name, stored.friendlyName + QStringLiteral(" 2"));
    QVERIFY(m_save->isEnabled());
    UiTest::retype(m_name, stored.friendlyName);
    QVERIFY(!m_save->isEnabled());
}

void TestTenantSettingsPage::badValueIsRefused_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("errorLabel");

    const QString domain = QStringLiteral("domainEdit");
    const QString domainError = QStringLiteral("domainError");
    QTest::newRow("domain: empty") << domain << QString() << domainError;
    QTest::newRow("domain: no scheme") << domain << QStringLiteral("login.example.com") << domainError;
    QTest::newRow("domain: ftp") << domain << QStringLiteral("ftp://login.example.com") << domainError;
    QTest::newRow("domain: with a path")
        << domain << QStringLiteral("https://login.example.com/tenant") << domainError;
    QTest::newRow("domain: with a query")
        << domain << QStringLiteral("https://login.example.com?x=1") << domainError;
    QTest::newRow("domain: with credentials")
        << domain << QStringLiteral("https://admin:pw@login.example.com") << domainError;
    QTest::newRow("domain: no host") << domain << QStringLiteral("https://") << domainError;
    QTest::newRow("friendly name: blank")
        << QStringLiteral("friendlyNameEdit") << QStringLiteral("   ") << QStringLiteral("friendlyNameError");
}

void TestTenantSettingsPage::badValueIsRefused()
{
    QFETCH(QString, field);
    QFETCH(QString, text);
    QFETCH(QString, errorLabel);
    const TenantSettings::Values before = settings().values();
    auto *edit = m_page->findChild<QLineEdit *>(field);
    auto *error = m_page->findChild<QLabel *>(errorLabel);
    QVERIFY(edit && error);
    QVERIFY(!error->isVisible());
    QSignalSpy changed(&settings(), &TenantSettings::changed);

    UiTest::retype(edit, text);
    QCOMPARE(edit->text(), text);
    QVERIFY(error->isVisible());
    QVERIFY(!error->text().isEmpty());
    QVERIFY(edit->property("invalid").toBool());

    QVERIFY(m_save->isEnabled());
    QTest::mouseClick(m_save, Qt::LeftButton);
    QVERIFY(m_message->isVisible());
    QCOMPARE(m_message->level(), MessageBar::Level::Error);
    QCOMPARE(changed.count(), 0);
    QVERIFY(settings().values() == before);
    QCOMPARE(edit->text(), text); // kept, to be fixed

    // Fixing it clears the error.
    UiTest::retype(edit, field == QLatin1String("domainEdit") ? before.domain : before.friendlyName);
    QVERIFY(!error->isVisible());
    QVERIFY(!edit->property("invalid").toBool());

    QVERIFY(reopen());
    QVERIFY(settings().values() == before);
}

void TestTenantSettingsPage::goodSavePersists_data()
{
    QTest::addColumn<QString>("friendlyName");
    QTest::addColumn<QString>("domain");
    QTest::addColumn<QString>("environment");
    QTest::addColumn<QString>("storedDomain");
    QTest::addColumn<int>("retentionDays");

    QTest::newRow("https, staging") << QStringLiteral("Acme Staging")
                                    << QStringLiteral("https://login.acme.test") << QStringLiteral("staging")
                                    << QStringLiteral("https://login.acme.test") << 30;
    QTest::newRow("port and trailing slash, logs kept 7 days")
        << QStringLiteral("Local Dev") << QStringLiteral("http://localhost:4100/")
        << QStringLiteral("development") << QStringLiteral("http://localhost:4100") << 7;
    QTest::newRow("production, spaces trimmed, logs kept a year")
        << QStringLiteral("  Acme  ") << QStringLiteral("https://auth.acme.example")
        << QStringLiteral("production") << QStringLiteral("https://auth.acme.example") << 365;
}

void TestTenantSettingsPage::goodSavePersists()
{
    QFETCH(QString, friendlyName);
    QFETCH(QString, domain);
    QFETCH(QString, environment);
    QFETCH(QString, storedDomain);
    QFETCH(int, retentionDays);
    TenantSettings::Values expected {friendlyName.trimmed(), storedDomain, environment};
    expected.logRetentionDays = retentionDays;
    QVERIFY(!(settings().values() == expected));
    QSignalSpy changed(&settings(), &TenantSettings::changed);

    UiTest::retype(m_name, friendlyName);
    UiTest::retype(m_domain, domain);
    const int index = m_environment->findData(environment);
    QVERIFY(index >= 0);
    m_environment->setCurrentIndex(index);
    auto *retention = m_page->findChild<QSpinBox *>(QStringLiteral("logRetentionSpin"));
    QVERIFY(retention);
    retention->selectAll();
    QTest::keyClicks(retention, QString::number(retentionDays));
    QCOMPARE(retention->value(), retentionDays);
    QVERIFY(m_save->isEnabled());
    QTest::mouseClick(m_save, Qt::LeftButton);

    QCOMPARE(m_message->level(), MessageBar::Level::Success);
    QVERIFY(m_message->isVisible());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(settings().friendlyName(), expected.friendlyName);
    QCOMPARE(settings().domain(), expected.domain);
    QCOMPARE(settings().environment(), expected.environment);
    QCOMPARE(settings().logRetentionDays(), retentionDays);
    QCOMPARE(m_tenant->tenant().logs().retentionDays(), retentionDays);
    // The form shows what was stored, and has nothing left to save.
    QCOMPARE(m_name->text(), expected.friendlyName);
    QCOMPARE(m_domain->text(), expected.domain);
    QCOMPARE(m_environment->currentData().toString(), expected.environment);
    QVERIFY(!m_save->isEnabled());

    QVERIFY2(reopen(), qPrintable(m_tenant->error()));
    QVERIFY(settings().values() == expected);
}

void TestTenantSettingsPage::signUpsSwitchAppliesAtOnce()
{
    UserStore &users = m_tenant->tenant().users();
    auto *signUps = m_page->findChild<QCheckBox *>(QStringLiteral("signUpsCheck"));
    QVERIFY(signUps);
    QVERIFY(signUps->isChecked());
    QVERIFY(users.signUpsEnabled());
    QSignalSpy switched(&users, &UserStore::signUpsEnabledChanged);

    UiTest::clickToggle(signUps);
    QCOMPARE(switched.count(), 1);
    QVERIFY(!users.signUpsEnabled());
    QCOMPARE(m_message->level(), MessageBar::Level::Success);
    QVERIFY(!m_save->isEnabled()); // nothing else to save

    // Another part of the app switching it back shows here too.
    QVERIFY(users.setSignUpsEnabled(true));
    QVERIFY(signUps->isChecked());
    UiTest::clickToggle(signUps);
    QVERIFY(reopen());
    QVERIFY(!m_tenant->tenant().users().signUpsEnabled());
}

QTEST_MAIN(TestTenantSettingsPage)
#include "TestTenantSettingsPage.moc"
