// A machine-to-machine application's APIs tab: authorizing it for the Management API with chosen scopes,
// changing them and taking the authorization back, each through Update, in the client grants.

#include "core/applications/ApplicationService.h"
#include "core/applications/ClientGrantService.h"
#include "core/secrets/MemorySecretStore.h"
#include "core/server/LoginServer.h"
#include "core/tenant/Tenant.h"
#include "ui/applications/ApplicationApisTab.h"

#include <QCheckBox>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

class TestApplicationApisTab : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    MemorySecretStore m_secrets;
    std::unique_ptr<Tenant> m_tenant;
    std::unique_ptr<ApplicationApisTab> m_tab;
    Application m_app;

    QCheckBox *box(const QString &name) const { return m_tab->findChild<QCheckBox *>(name); }
    QPushButton *update() const
    {
        return m_tab->findChild<QPushButton *>(QStringLiteral("updateGrantButton"));
    }
    QList<ClientGrant> grants() const { return m_tenant->clientGrants().list(m_app.clientId).value(); }

private Q_SLOTS:
    void init();
    void cleanup();
    void authorizeChangeAndTakeBack();
    void authorizingNeedsAScope();
    void followsChangesMadeElsewhere();
};

void TestApplicationApisTab::init()
{
    auto opened = Tenant::open(
        m_dir.filePath(QStringLiteral("%1.authdeck").arg(QLatin1String(QTest::currentTestFunction()))),
        m_secrets);
    QVERIFY(opened);
    m_tenant = opened.takeValue();
    auto created = m_tenant->applications().create(
        {QStringLiteral("Billing job"), ApplicationType::MachineToMachine, {}, {}});
    QVERIFY(created);
    m_app = created.value();
    m_tab = std::make_unique<ApplicationApisTab>(*m_tenant);
    m_tab->load(m_app);
    m_tab->show();
}

void TestApplicationApisTab::cleanup()
{
    m_tab.reset();
    m_tenant.reset();
}

void TestApplicationApisTab::authorizeChangeAndTakeBack()
{
    QVERIFY(!box(QStringLiteral("authorizedCheck"))->isChecked());
    QVERIFY(!update()->isEnabled());
    QTest::mouseClick(box(QStringLiteral("authorizedCheck")), Qt::LeftButton, {}, QPoint(4, 4));
    QTest::mouseClick(box(QStringLiteral("scope:read:clients")), Qt::LeftButton, {}, QPoint(4, 4));
    QVERIFY(grants().isEmpty()); // nothing until Update
    QTest::mouseClick(update(), Qt::LeftButton);
    QCOMPARE(grants().size(), 1);
    QCOMPARE(grants().first().audience, m_tenant->loginServer().managementAudience());
    QCOMPARE(grants().first().scopes, QStringList {QStringLiteral("read:clients")});
    QVERIFY(!update()->isEnabled());

    QTest::mouseClick(box(QStringLiteral("scope:read:users")), Qt::LeftButton, {}, QPoint(4, 4));
    QTest::mouseClick(update(), Qt::LeftButton);
    QCOMPARE(grants().first().scopes,
             (QStringList {QStringLiteral("read:clients"), QStringLiteral("read:users")}));

    QTest::mouseClick(box(QStringLiteral("authorizedCheck")), Qt::LeftButton, {}, QPoint(4, 4));
    QVERIFY(!box(QStringLiteral("scope:read:users"))->isEnabled());
    QTest::mouseClick(update(), Qt::LeftButton);
    QVERIFY(grants().isEmpty());
}

void TestApplicationApisTab::authorizingNeedsAScope()
{
    QTest::mouseClick(box(QStringLiteral("authorizedCheck")), Qt::LeftButton, {}, QPoint(4, 4));
    QVERIFY(box(QStringLiteral("authorizedCheck"))->isChecked());
    QVERIFY(!update()->isEnabled());
    QTest::mouseClick(box(QStringLiteral("scope:read:logs")), Qt::LeftButton, {}, QPoint(4, 4));
    QVERIFY(update()->isEnabled());
}

void TestApplicationApisTab::followsChangesMadeElsewhere()
{
    // Applications > APIs (or the Management API) authorizes it meanwhile: shown at once, and Update then
    // changes that grant instead of failing to create a second one.
    ClientGrantService &service = m_tenant->clientGrants();
    auto granted = service.create(
        m_app.clientId, m_tenant->loginServer().managementAudience(), {QStringLiteral("read:logs")});
    QVERIFY(granted);
    QVERIFY(box(QStringLiteral("authorizedCheck"))->isChecked());
    QVERIFY(box(QStringLiteral("scope:read:logs"))->isChecked());
    QVERIFY(!update()->isEnabled());
    QTest::mouseClick(box(QStringLiteral("scope:read:users")), Qt::LeftButton, {}, QPoint(4, 4));
    QTest::mouseClick(update(), Qt::LeftButton);
    QCOMPARE(grants().size(), 1);
    QCOMPARE(grants().first().id, granted.value().id);
    QStringList scopes = grants().first().scopes;
    scopes.sort();
    QCOMPARE(scopes, (QStringList {QStringLiteral("read:logs"), QStringLiteral("read:users")}));

    QVERIFY(service.remove(granted.value().id));
    QVERIFY(!box(QStringLiteral("authorizedCheck"))->isChecked());
    QVERIFY(!box(QStringLiteral("scope:read:users"))->isEnabled());
}

QTEST_MAIN(TestApplicationApisTab)
#include "TestApplicationApisTab.moc"
