// The demo tenant: the whole story configured against the local test phone, and nothing done twice.

#include "core/applications/ApplicationService.h"
#include "core/login/UserStore.h"
#include "core/tenant/DemoSeeder.h"
#include "core/tenant/SetupChecklist.h"
#include "tests/support/TempTenant.h"

#include <QSignalSpy>
#include <QTest>

class TestDemoSeeder final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void configuresTheWholeStory();
    void leavesAnUsedTenantAlone();
};

void TestDemoSeeder::configuresTheWholeStory()
{
    TempTenant tenant;
    QVERIFY2(tenant.isValid(), qPrintable(tenant.error()));
    DemoSeeder seeder(tenant.tenant());
    QSignalSpy finished(&seeder, &DemoSeeder::finished);
    seeder.start();
    QVERIFY(finished.wait());
    QCOMPARE(finished.first().first().toString(), QString());

    SetupChecklist checklist(tenant.tenant());
    const QList<SetupChecklist::Item> items = checklist.items();
    QCOMPARE(items.size(), 5);
    for (const SetupChecklist::Item &item : items)
        QVERIFY2(item.state == SetupChecklist::State::Done,
                 qPrintable(item.title + QLatin1String(": ") + item.detail));
    QVERIFY(tenant->users().list({}).value().size() == 1);
}

void TestDemoSeeder::leavesAnUsedTenantAlone()
{
    TempTenant tenant;
    QVERIFY(tenant->applications().create({QStringLiteral("Mine"), ApplicationType::Native, {}, {}}));
    DemoSeeder seeder(tenant.tenant());
    QSignalSpy finished(&seeder, &DemoSeeder::finished);
    seeder.start();
    QVERIFY(finished.wait());
    QCOMPARE(tenant->applications().count().value(), 1);
    QVERIFY(tenant->users().list({}).value().isEmpty());
}

QTEST_GUILESS_MAIN(TestDemoSeeder)
#include "TestDemoSeeder.moc"
