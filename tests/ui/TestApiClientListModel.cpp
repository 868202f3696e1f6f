// The rows of an API's Machine to Machine Applications tab: only machine-to-machine applications, by name,
// each with its grant for that API alone, kept in step with the services' signals (under
// QAbstractItemModelTester).

#include "core/applications/ApplicationService.h"
#include "core/applications/ClientGrantService.h"
#include "tests/support/TempTenant.h"
#include "ui/apis/ApiClientListModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace {
const QString kAudience = QStringLiteral("https://localhost:4000/api/v2/");
}

class TestApiClientListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void onlyMachineToMachineByName();
    void grantsOfThisApiOnly_data();
    void grantsOfThisApiOnly();
    void followsApplications();

private:
    QString create(const QString &name, ApplicationType type = ApplicationType::MachineToMachine);
    QStringList names() const;
    QVariant value(const QString &clientId, ApiClientListModel::Role role) const
    {
        return m_model->index(m_model->rowOf(clientId)).data(int(role));
    }

    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<ApiClientListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestApiClientListModel::init()
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    m_model = std::make_unique<ApiClientListModel>(m_tenant->tenant().applications(),
                                                   m_tenant->tenant().clientGrants());
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestApiClientListModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_tenant.reset();
}

QString TestApiClientListModel::create(const QString &name, ApplicationType type)
{
    auto created = m_tenant->tenant().applications().create({name, type, {}, {}});
    return created ? created.value().clientId : QString();
}

QStringList TestApiClientListModel::names() const
{
    QStringList names;
    for (int row = 0; row < m_model->rowCount(); ++row)
        names.append(m_model->index(row).data().toString());
    return names;
}

void TestApiClientListModel::onlyMachineToMachineByName()
{
    create(QStringLiteral("zeta job"));
    create(QStringLiteral("Web shop"), ApplicationType::SinglePage);
    create(QStringLiteral("Alpha job"));
    create(QStringLiteral("Portal"), ApplicationType::RegularWeb);
    QCOMPARE(m_model->reload(kAudience), QString());
    QCOMPARE(names(), (QStringList {QStringLiteral("Alpha job"), QStringLiteral("zeta job")}));
    QCOMPARE(m_model->audience(), kAudience);
}

void TestApiClientListModel::grantsOfThisApiOnly_data()
{
    QTest::addColumn<bool>("beforeReload");
    QTest::newRow("read at reload") << true;
    QTest::newRow("followed live") << false;
}

void TestApiClientListModel::grantsOfThisApiOnly()
{
    QFETCH(bool, beforeReload);
    const QString job = create(QStringLiteral("Billing job"));
    const QString other = create(QStringLiteral("Other job"));
    ClientGrantService &grants = m_tenant->tenant().clientGrants();
    if (!beforeReload)
        QCOMPARE(m_model->reload(kAudience), QString());
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    auto mine = grants.create(job, kAudience, {QStringLiteral("read:users")});
    QVERIFY(mine);
    QVERIFY(grants.create(other, QStringLiteral("https://example.com/api/"), {QStringLiteral("read:stuff")}));
    if (beforeReload)
        QCOMPARE(m_model->reload(kAudience), QString());
    else
        QCOMPARE(changed.count(), 1); // the grant for another API changed no row

    QCOMPARE(value(job, ApiClientListModel::Role::Authorized).toBool(), true);
    QCOMPARE(value(job, ApiClientListModel::Role::Scopes).toStringList(),
             QStringList {QStringLiteral("read:users")});
    QCOMPARE(value(job, ApiClientListModel::Role::GrantId).toString(), mine.value().id);
    QCOMPARE(m_model->index(m_model->rowOf(job)).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QCOMPARE(value(other, ApiClientListModel::Role::Authorized).toBool(), false);
    QCOMPARE(value(other, ApiClientListModel::Role::Scopes).toStringList(), QStringList());

    QVERIFY(
        grants.updateScopes(mine.value().id, {QStringLiteral("read:logs"), QStringLiteral("read:users")}));
    QCOMPARE(value(job, ApiClientListModel::Role::Scopes).toStringList(),
             (QStringList {QStringLiteral("read:logs"), QStringLiteral("read:users")}));
    QVERIFY(grants.remove(mine.value().id));
    QCOMPARE(value(job, ApiClientListModel::Role::Authorized).toBool(), false);
    QCOMPARE(value(job, ApiClientListModel::Role::GrantId).toString(), QString());
}

void TestApiClientListModel::followsApplications()
{
    QCOMPARE(m_model->reload(kAudience), QString());
    ApplicationService &apps = m_tenant->tenant().applications();
    const QString billing = create(QStringLiteral("Billing job"));
    create(QStringLiteral("Web shop"), ApplicationType::SinglePage);
    const QString audit = create(QStringLiteral("Audit job"));
    QCOMPARE(names(), (QStringList {QStringLiteral("Audit job"), QStringLiteral("Billing job")}));

    auto app = apps.find(billing);
    QVERIFY(app);
    Application renamed = app.value();
    renamed.name = QStringLiteral("Accounting job");
    QVERIFY(apps.update(renamed));
    QCOMPARE(names(), (QStringList {QStringLiteral("Accounting job"), QStringLiteral("Audit job")}));

    QVERIFY(apps.remove(audit));
    QCOMPARE(names(), QStringList {QStringLiteral("Accounting job")});
    QCOMPARE(m_model->rowOf(audit), -1);
}

QTEST_MAIN(TestApiClientListModel)
#include "TestApiClientListModel.moc"
