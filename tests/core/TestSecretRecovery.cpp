// A keyring that answers slowly, fails or goes away in the middle of a change of secrets: the tenant and the
// keyring never disagree silently. What a change cut short leaves (a secret without its record, a record
// without its secret) is repaired, or reported, when the tenant next opens (SecretRecovery), on both engines.

#include "core/actions/CustomActionJob.h"
#include "core/actions/CustomActionService.h"
#include "core/actions/IntegrationService.h"
#include "core/applications/ApplicationService.h"
#include "core/exchange/ImportPlan.h"
#include "core/exchange/TenantFiles.h"
#include "core/exchange/TenantImporter.h"
#include "core/store/Database.h"
#include "core/tenant/SecretRecovery.h"
#include "tests/support/IntegrationServiceFixture.h"
#include "tests/support/RawSql.h"
#include "tests/support/ResultText.h"
#include "tests/support/SecretJobResult.h"
#include "tests/support/StoreEngine.h"
#include "tests/support/StoreFault.h"
#include "tests/support/UnreliableKeyring.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTest>

#include <memory>

class TestSecretRecovery final : public QObject, private IntegrationServiceFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void integrationInstallCutShort_data();
    void integrationInstallCutShort();
    void integrationUninstallCutShort_data();
    void integrationUninstallCutShort();
    void reconfigureCutShortIsReported();
    void applicationSecretCutShort_data();
    void applicationSecretCutShort();
    void slowKeyringLeavesNothing();
    void failedSaveSettlesTheJournal();
    void importCutShort();
    void importThatCannotKeepASecretTouchesNothing();
    void runningWritersAreLeftAlone();
    void keyringStillAwayKeepsTheRows();

private:
    /// Opens the tenant over m_keyring; false (with a failure) when it cannot.
    bool open();
    /// What a crash does: the writing process is gone. Closes the tenant, brings the keyring back, reopens it
    /// and waits for the recovery; returns its notices.
    QList<SecretRecovery::Notice> reopenAfterCrash();
    QList<SecretRecovery::Notice> waitForRecovery();
    int journalRows();
    QStringList keysOf(const QString &prefix) const;
    /// The plan of importing a file that lists @p actions.
    Result<ImportPlan> planActions(const QJsonArray &actions);
    IntegrationService &integrations() { return m_tenant->integrations(); }

    std::unique_ptr<TempTenant> m_temp;
    std::unique_ptr<UnreliableKeyring> m_keyring;
    std::unique_ptr<Tenant> m_tenant;
};

void TestSecretRecovery::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestSecretRecovery::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_temp = std::make_unique<TempTenant>();
    QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
    m_temp->close();
    m_keyring = std::make_unique<UnreliableKeyring>();
    QVERIFY(open());
    QVERIFY(waitForRecovery().isEmpty());
}

void TestSecretRecovery::cleanup()
{
    m_tenant.reset();
    m_keyring.reset();
    m_temp.reset();
}

bool TestSecretRecovery::open()
{
    auto opened = Tenant::open(m_temp->path(), *m_keyring);
    if (!opened) {
        qWarning("%s", qPrintable(opened.error().message()));
        return false;
    }
    m_tenant = opened.takeValue();
    return true;
}

QList<SecretRecovery::Notice> TestSecretRecovery::waitForRecovery()
{
    SecretRecovery &recovery = m_tenant->secretRecovery();
    if (!recovery.isFinished()) {
        QSignalSpy finished(&recovery, &SecretRecovery::finished);
        if (!finished.wait(10000))
            qWarning("the recovery did not finish");
    }
    return recovery.notices();
}

QList<SecretRecovery::Notice> TestSecretRecovery::reopenAfterCrash()
{
    // The rows of this process stand for those of a process that died: another boot of this machine.
    const QString gone = QSysInfo::machineHostName() + QStringLiteral("/an-earlier-boot 1 1");
    const QString error = RawSql::run(m_tenant->database(),
                                      {QStringLiteral("UPDATE secret_journal SET writer = '%1'").arg(gone)});
    if (!error.isEmpty())
        qWarning("%s", qPrintable(error));
    m_tenant.reset();
    m_keyring->comeBack();
    if (!open())
        return {{QStringLiteral("could not reopen"), false}};
    return waitForRecovery();
}

int TestSecretRecovery::journalRows()
{
    QSqlQuery query = m_tenant->database().prepare(QStringLiteral("SELECT COUNT(*) FROM secret_journal"));
    return query.exec() && query.next() ? query.value(0).toInt() : -1;
}

QStringList TestSecretRecovery::keysOf(const QString &prefix) const
{
    QStringList keys;
    for (const QString &key : {kAuthId, kAuthToken}) {
        if (m_keyring->contains(prefix + key))
            keys.append(key);
    }
    return keys;
}

void TestSecretRecovery::integrationInstallCutShort_data()
{
    QTest::addColumn<int>("answers");
    QTest::addColumn<int>("notices");

    // Plivo's two secrets: the keyring goes away before the first write, or between the two.
    QTest::newRow("gone before the first write") << 0 << 1;
    QTest::newRow("gone after one write") << 1 << 1;
}

void TestSecretRecovery::integrationInstallCutShort()
{
    QFETCH(int, answers);
    QFETCH(int, notices);

    m_keyring->answersLeft = answers;
    const JobOutcome installed
        = waitFor(integrations().install(QStringLiteral("plivo"), number(), credentials(), false));
    QVERIFY(!installed.succeeded);
    QCOMPARE(installed.kind(), Error::Kind::Unavailable);
    QCOMPARE(journalRows(), 2); // the undo could not reach the keyring either
    QCOMPARE(m_keyring->count(), answers); // the first secret stays behind: written without its record

    const auto found = reopenAfterCrash();
    QCOMPARE(found.size(), notices);
    QVERIFY(found.constFirst().repaired);
    QVERIFY2(found.constFirst().message.contains(QLatin1String("uninstalled integration")),
             qPrintable(found.constFirst().message));
    QCOMPARE(m_keyring->count(), 0);
    QCOMPARE(journalRows(), 0);
    QVERIFY(integrations().list().value().isEmpty());
}

void TestSecretRecovery::integrationUninstallCutShort_data()
{
    QTest::addColumn<int>("answers");
    QTest::addColumn<QStringList>("kept");

    // Uninstalling reads each secret, then removes it: read, remove, read, (remove).
    QTest::newRow("gone after removing the first") << 2 << QStringList {kAuthToken};
    QTest::newRow("gone after reading the second") << 3 << QStringList {kAuthToken};
}

void TestSecretRecovery::integrationUninstallCutShort()
{
    QFETCH(int, answers);
    QFETCH(QStringList, kept);

    const JobOutcome installed
        = waitFor(integrations().install(QStringLiteral("plivo"), number(), credentials(), false));
    QVERIFY2(installed.succeeded, installed.message());
    const QString id = installed.integration.id;
    const QString prefix = IntegrationService::secretKey(m_tenant->id(), id, QString());

    m_keyring->answersLeft = answers;
    const JobOutcome uninstalled = waitFor(integrations().uninstall(id));
    QVERIFY(!uninstalled.succeeded);
    QCOMPARE(keysOf(prefix), kept); // the Auth ID is gone from the keyring, its record says it is set

    const auto found = reopenAfterCrash();
    QCOMPARE(found.size(), 1);
    QVERIFY2(found.constFirst().message.contains(QLatin1String("now shows as not set")),
             qPrintable(found.constFirst().message));
    QVERIFY(found.constFirst().message.contains(kAuthId));
    const Integration repaired = integrations().find(id).value();
    QCOMPARE(repaired.secretsSet, kept); // the record agrees with the keyring again
    QCOMPARE(keysOf(prefix), kept);
    QCOMPARE(journalRows(), 0);
}

void TestSecretRecovery::reconfigureCutShortIsReported()
{
    const JobOutcome installed
        = waitFor(integrations().install(QStringLiteral("plivo"), number(), credentials(), false));
    QVERIFY2(installed.succeeded, installed.message());

    // Read the old token, write the new one, then the keyring goes before the undo can put the old one back.
    m_keyring->answersLeft = 2;
    Integration edited = installed.integration;
    edited.configuration = number(QStringLiteral("+1 555 444 9999"));
    QCOMPARE(StoreFault::refuse(m_tenant->database(),
                                QStringLiteral("no_reconfigure"),
                                QStringLiteral("UPDATE"),
                                QStringLiteral("integrations"),
                                QStringLiteral("the disk is full")),
             QString());
    const JobOutcome changed = waitFor(
        integrations().reconfigure(edited, {{kAuthToken, QByteArrayLiteral("a-new-token-0123456789")}}));
    QVERIFY(!changed.succeeded);
    QCOMPARE(StoreFault::allow(
                 m_tenant->database(), QStringLiteral("no_reconfigure"), QStringLiteral("integrations")),
             QString());

    const auto found = reopenAfterCrash();
    QCOMPARE(found.size(), 1);
    QVERIFY(
        !found.constFirst().repaired); // nothing can tell which token the keyring holds: the admin is told
    QVERIFY2(found.constFirst().message.contains(QLatin1String("may hold the new value")),
             qPrintable(found.constFirst().message));
    QCOMPARE(journalRows(), 0);
    QCOMPARE(reopenAfterCrash().size(), 0); // said once
}

void TestSecretRecovery::applicationSecretCutShort_data()
{
    QTest::addColumn<bool>("removeIt");

    QTest::newRow("created, its secret never written") << false;
    QTest::newRow("deleted, its secret never removed") << true;
}

void TestSecretRecovery::applicationSecretCutShort()
{
    QFETCH(bool, removeIt);

    ApplicationService &applications = m_tenant->applications();
    if (removeIt) {
        QSignalSpy rotated(&applications, &ApplicationService::clientSecretRotated);
        const auto created
            = applications.create({QStringLiteral("Billing"), ApplicationType::RegularWeb, {}, {}});
        QVERIFY2(created, errorBytes(created));
        QVERIFY(rotated.wait());
        m_keyring->answersLeft = 0;
        QVERIFY(applications.remove(created.value().clientId));
        QTRY_COMPARE(m_keyring->jobsRun, 2);
        QCOMPARE(m_keyring->count(), 1); // the secret of an application that is gone
        const auto found = reopenAfterCrash();
        QCOMPARE(found.size(), 1);
        QVERIFY2(found.constFirst().message.contains(QLatin1String("deleted application")),
                 qPrintable(found.constFirst().message));
        QCOMPARE(m_keyring->count(), 0);
    } else {
        m_keyring->answersLeft = 0;
        const auto created
            = applications.create({QStringLiteral("Billing"), ApplicationType::RegularWeb, {}, {}});
        QVERIFY2(created, errorBytes(created));
        QTRY_COMPARE(m_keyring->jobsRun, 1);
        QCOMPARE(m_keyring->count(), 0); // a confidential application without its secret
        const auto found = reopenAfterCrash();
        QCOMPARE(found.size(), 1);
        QVERIFY2(found.constFirst().message.contains(QLatin1String("has a new one")),
                 qPrintable(found.constFirst().message));
        const QString key = SecretStore::clientSecretKey(m_tenant->id(), created.value().clientId);
        QTRY_VERIFY(m_keyring->contains(key));
    }
    QTRY_COMPARE(journalRows(), 0);
}

void TestSecretRecovery::slowKeyringLeavesNothing()
{
    m_keyring->delayMs = 150;
    const JobOutcome installed
        = waitFor(integrations().install(QStringLiteral("plivo"), number(), credentials(), false));
    QVERIFY2(installed.succeeded, installed.message());
    QCOMPARE(journalRows(), 0);
    const JobOutcome uninstalled = waitFor(integrations().uninstall(installed.integration.id));
    QVERIFY2(uninstalled.succeeded, uninstalled.message());
    QCOMPARE(journalRows(), 0);
    QCOMPARE(m_keyring->count(), 0);
    QVERIFY(reopenAfterCrash().isEmpty());
}

void TestSecretRecovery::failedSaveSettlesTheJournal()
{
    QCOMPARE(StoreFault::refuse(m_tenant->database(),
                                QStringLiteral("no_install"),
                                QStringLiteral("INSERT"),
                                QStringLiteral("integrations"),
                                QStringLiteral("the disk is full")),
             QString());
    const JobOutcome installed
        = waitFor(integrations().install(QStringLiteral("plivo"), number(), credentials(), false));
    QVERIFY(!installed.succeeded);
    QCOMPARE(m_keyring->count(), 0); // undone
    QCOMPARE(journalRows(), 0); // and settled: nothing for the next open to do
    QVERIFY(reopenAfterCrash().isEmpty());
}

Result<ImportPlan> TestSecretRecovery::planActions(const QJsonArray &actions)
{
    const QString folder = m_temp->folder() + QStringLiteral("/import");
    if (!TenantFiles::write({{QStringLiteral("actions"), actions}}, folder, TenantFiles::Format::Yaml))
        return Error(Error::Kind::Storage, QStringLiteral("could not write ") + folder);
    auto files = TenantFiles::read(folder);
    if (!files)
        return files.error();
    return ImportPlan::make(*m_tenant, files.value(), {});
}

void TestSecretRecovery::importCutShort()
{
    // An import that creates an action with a secret: the keyring takes the secret, then goes away, so the
    // import fails, its transaction rolls back, and the secret cannot be taken back out.
    const QJsonObject action {
        {QStringLiteral("name"), QStringLiteral("Imported")},
        {QStringLiteral("code"), QStringLiteral("exports.onExecuteSendPhoneMessage = async () => {};\n")},
        {QStringLiteral("runtime"), QStringLiteral("node18")},
        {QStringLiteral("deployed"), false},
        {QStringLiteral("secrets"),
         QJsonArray {QJsonObject {{QStringLiteral("name"), QStringLiteral("KEY")},
                                  {QStringLiteral("value"), QStringLiteral("imported-value")}}}},
        {QStringLiteral("supported_triggers"),
         QJsonArray {QJsonObject {{QStringLiteral("id"), QStringLiteral("send-phone-message")},
                                  {QStringLiteral("version"), QStringLiteral("v2")}}}}};
    const auto plan = planActions({action});
    QVERIFY2(plan, errorBytes(plan));

    // The secret's read (it is new) and its write are answered; then the tenant refuses the record of the
    // secret, and the keyring is gone when the secret is taken back out.
    QCOMPARE(StoreFault::refuse(m_tenant->database(),
                                QStringLiteral("no_secrets"),
                                QStringLiteral("UPDATE OF secrets"),
                                QStringLiteral("custom_actions"),
                                QStringLiteral("the disk is full")),
             QString());
    m_keyring->answersLeft = 2;
    TenantImporter importer(*m_tenant);
    QSignalSpy finished(&importer, &TenantImporter::finished);
    importer.apply(plan.value());
    QVERIFY(finished.wait());
    QVERIFY(!finished.first().first().toString().isEmpty());
    QTRY_COMPARE(m_keyring->jobsRun, 4); // the undo's removal and the importer's, both refused
    QCOMPARE(m_keyring->count(), 1);
    QVERIFY(m_tenant->customActions().list().value().isEmpty()); // rolled back
    QCOMPARE(journalRows(), 1); // noted before the import's transaction began

    const auto found = reopenAfterCrash();
    QCOMPARE(found.size(), 1);
    QVERIFY2(found.constFirst().message.contains(QLatin1String("deleted action")),
             qPrintable(found.constFirst().message));
    QCOMPARE(m_keyring->count(), 0);
    QCOMPARE(journalRows(), 0);
}

void TestSecretRecovery::importThatCannotKeepASecretTouchesNothing()
{
    // The import reads the secret it replaces before anything else, to put it back on a failure; a keyring
    // that cannot answer stops the import there.
    auto notify
        = m_tenant->customActions().create(QStringLiteral("Notify"), QStringLiteral("send-phone-message"));
    QVERIFY2(notify, errorBytes(notify));
    CustomActionJob *set
        = m_tenant->customActions().setSecret(notify.value().id, QStringLiteral("TOKEN"), "old");
    QSignalSpy setDone(set, &CustomActionJob::finished);
    QVERIFY(setDone.wait());
    QVERIFY(set->succeeded());
    const QJsonObject action {
        {QStringLiteral("name"), QStringLiteral("Notify")},
        {QStringLiteral("code"),
         QStringLiteral("exports.onExecuteSendPhoneMessage = async () => { /* new */ };\n")},
        {QStringLiteral("runtime"), QStringLiteral("node18")},
        {QStringLiteral("deployed"), false},
        {QStringLiteral("secrets"),
         QJsonArray {QJsonObject {{QStringLiteral("name"), QStringLiteral("TOKEN")},
                                  {QStringLiteral("value"), QStringLiteral("new")}}}},
        {QStringLiteral("supported_triggers"),
         QJsonArray {QJsonObject {{QStringLiteral("id"), QStringLiteral("send-phone-message")},
                                  {QStringLiteral("version"), QStringLiteral("v2")}}}}};
    const auto plan = planActions({action});
    QVERIFY2(plan, errorBytes(plan));

    m_keyring->answersLeft = 0;
    TenantImporter importer(*m_tenant);
    QSignalSpy finished(&importer, &TenantImporter::finished);
    importer.apply(plan.value());
    QVERIFY(finished.wait());
    const QString error = finished.first().first().toString();
    QVERIFY2(error.contains(QLatin1String("could not read the secret TOKEN of action Notify")),
             qPrintable(error));
    QCOMPARE(m_keyring->jobsRun, 3); // setSecret's read and write, then the import's read, refused: no more

    m_keyring->comeBack();
    QCOMPARE(waitForJob(m_keyring->read(CustomActionService::secretKey(
                            m_tenant->id(), notify.value().id, QStringLiteral("TOKEN"))))
                 .value,
             QByteArray("old"));
    QCOMPARE(m_tenant->customActions().find(notify.value().id).value().code, notify.value().code);
    QCOMPARE(journalRows(), 0); // the note of a key never touched is settled at once
    QVERIFY(reopenAfterCrash().isEmpty());
}

void TestSecretRecovery::runningWritersAreLeftAlone()
{
    m_keyring->answersLeft = 1;
    const JobOutcome installed
        = waitFor(integrations().install(QStringLiteral("plivo"), number(), credentials(), false));
    QVERIFY(!installed.succeeded);
    m_keyring->comeBack();

    // The rows name this process, which still runs: another open leaves them to it.
    m_tenant.reset();
    QVERIFY(open());
    QVERIFY(waitForRecovery().isEmpty());
    QCOMPARE(journalRows(), 2);
    QCOMPARE(m_keyring->count(), 1);

    QCOMPARE(reopenAfterCrash().size(), 1); // once it is gone, they are repaired
    QCOMPARE(m_keyring->count(), 0);
}

void TestSecretRecovery::keyringStillAwayKeepsTheRows()
{
    m_keyring->answersLeft = 1;
    const JobOutcome installed
        = waitFor(integrations().install(QStringLiteral("plivo"), number(), credentials(), false));
    QVERIFY(!installed.succeeded);

    const QString gone = QSysInfo::machineHostName() + QStringLiteral("/an-earlier-boot 1 1");
    QCOMPARE(RawSql::run(m_tenant->database(),
                         {QStringLiteral("UPDATE secret_journal SET writer = '%1'").arg(gone)}),
             QString());
    m_tenant.reset();
    QVERIFY(open()); // the keyring is still away
    const auto found = waitForRecovery();
    QCOMPARE(found.size(), 1);
    QVERIFY(!found.constFirst().repaired);
    QVERIFY2(found.constFirst().message.contains(QLatin1String("checked again")),
             qPrintable(found.constFirst().message));
    QCOMPARE(journalRows(), 2);
    QCOMPARE(m_keyring->count(), 1);

    QCOMPARE(reopenAfterCrash().size(), 1);
    QCOMPARE(m_keyring->count(), 0);
    QCOMPARE(journalRows(), 0);
}

QTEST_GUILESS_MAIN(TestSecretRecovery)
#include "TestSecretRecovery.moc"
