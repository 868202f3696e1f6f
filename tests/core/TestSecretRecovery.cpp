// A keyring that answers slowly, fails or goes away in the middle of a change of secrets: the tenant and the
// keyring never disagree silently. What a change cut short leaves (a secret without its record, a record
// without its secret) is repaired, or reported, when the tenant next opens (SecretRecovery), on both engines.

#include "KeyringFaultFixture.h"
#include "core/actions/CustomActionService.h"
#include "core/actions/IntegrationService.h"
#include "core/applications/ApplicationService.h"
#include "core/store/Database.h"
#include "tests/support/IntegrationServiceFixture.h"
#include "tests/support/RawSql.h"
#include "tests/support/ResultText.h"
#include "tests/support/StoreEngine.h"
#include "tests/support/StoreFault.h"

#include <QSignalSpy>
#include <QSysInfo>
#include <QTest>

class TestSecretRecovery final : public QObject,
                                 private IntegrationServiceFixture,
                                 private KeyringFaultFixture
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
    void runningWritersAreLeftAlone();
    void keyringStillAwayKeepsTheRows();

private:
    QStringList keysOf(const QString &prefix) const;
    IntegrationService &integrations() { return m_tenant->integrations(); }
};

void TestSecretRecovery::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestSecretRecovery::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    QVERIFY(openFresh());
}

void TestSecretRecovery::cleanup()
{
    closeAll();
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
