#include "core/actions/IntegrationService.h"
#include "core/store/Database.h"
#include "tests/support/IntegrationServiceFixture.h"
#include "tests/support/ResultText.h"
#include "tests/support/SecretJobResult.h"
#include "tests/support/StoreEngine.h"
#include "tests/support/StoreFault.h"
#include "tests/support/TempTenant.h"

#include <QDir>
#include <QFile>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace {

/// A memory store whose writes or removals of keys ending in a given name fail; it counts writes.
class FailingSecretStore : public MemorySecretStore
{
public:
    QString failWritesOf;
    QString failRemovalsOf;
    int writes = 0; ///< writes asked for, failed ones included

    SecretJob *write(const QString &key, const QByteArray &value) override
    {
        ++writes;
        if (!failWritesOf.isEmpty() && key.endsWith(failWritesOf))
            return new FailedJob(SecretJob::Operation::Write, key, this);
        return MemorySecretStore::write(key, value);
    }
    SecretJob *remove(const QString &key) override
    {
        if (!failRemovalsOf.isEmpty() && key.endsWith(failRemovalsOf))
            return new FailedJob(SecretJob::Operation::Remove, key, this);
        return MemorySecretStore::remove(key);
    }

private:
    class FailedJob : public SecretJob
    {
    public:
        FailedJob(Operation operation, const QString &key, QObject *parent)
            : SecretJob(operation, key, parent)
        { }

    protected:
        void start() override { finish(Status::AccessDenied, QStringLiteral("The keyring is locked.")); }
    };
};

} // namespace

/**
 * @brief IntegrationService leaves nothing half done: jobs finish once and later, failed secret
 *        writes, failed saves and stale or racing edits put everything back, and secret values never
 *        reach the tenant files.
 */
class TestIntegrationSafety final : public QObject, private IntegrationServiceFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void jobFinishesOnceAndLater();
    void failedSecretWriteLeavesNothing_data();
    void failedSecretWriteLeavesNothing();
    void failedRowWriteRemovesSecrets();
    void reconfigureOfStaleRevisionIsAConflict();
    void concurrentReconfiguresKeepSecretsConsistent();
    void failedSecretRemovalKeepsIntegration();
    void secretsNeverReachTheTenantFiles();
};

void TestIntegrationSafety::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestIntegrationSafety::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    setUp();
}

void TestIntegrationSafety::cleanup()
{
    tearDown();
}

void TestIntegrationSafety::jobFinishesOnceAndLater()
{
    for (const bool valid : {false, true}) {
        IntegrationJob *job = m_service->install(
            QStringLiteral("plivo"), valid ? number() : Configuration(), credentials(), false);
        QPointer<IntegrationJob> alive(job);
        QSignalSpy finished(job, &IntegrationJob::finished);
        QCOMPARE(job->operation(), IntegrationJob::Operation::Install);
        QVERIFY(!job->isFinished());
        QCOMPARE(finished.count(), 0); // not from inside install(), even when the answer is known at once
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).value<IntegrationJob *>(), job);
        QTRY_VERIFY(alive.isNull());
        QCOMPARE(finished.count(), 1);
    }
}

void TestIntegrationSafety::failedSecretWriteLeavesNothing_data()
{
    QTest::addColumn<QString>("failingKey");
    QTest::addColumn<QString>("label");

    QTest::newRow("first secret fails") << kAuthId << QStringLiteral("Auth ID");
    QTest::newRow("second secret fails, first is removed") << kAuthToken << QStringLiteral("Auth Token");
}

void TestIntegrationSafety::failedSecretWriteLeavesNothing()
{
    QFETCH(QString, failingKey);
    QFETCH(QString, label);

    FailingSecretStore store;
    store.failWritesOf = failingKey;
    const auto service = makeService(&store);
    QSignalSpy installed(service.get(), &IntegrationService::integrationInstalled);

    const JobOutcome outcome
        = waitFor(service->install(QStringLiteral("plivo"), number(), credentials(), false));
    QVERIFY(!outcome.succeeded);
    QCOMPARE(outcome.kind(), Error::Kind::Unavailable);
    QVERIFY2(outcome.error->message().contains(label), outcome.message());
    QVERIFY2(outcome.error->message().contains(QStringLiteral("The keyring is locked.")), outcome.message());
    QCOMPARE(installed.count(), 0);
    QCOMPARE(rowCount(), 0);
    QCOMPARE(store.count(), 0);
}

void TestIntegrationSafety::failedRowWriteRemovesSecrets()
{
    // Reading works, inserting fails: the secrets are written first, so they must be taken back.
    QCOMPARE(StoreFault::refuse(m_temp->tenant().database(),
                                QStringLiteral("refuse_integrations"),
                                QStringLiteral("INSERT"),
                                QStringLiteral("integrations"),
                                QStringLiteral("disk full")),
             QString());
    FailingSecretStore store;
    const auto service = makeService(&store);

    const JobOutcome outcome
        = waitFor(service->install(QStringLiteral("plivo"), number(), credentials(), false));
    QVERIFY(!outcome.succeeded);
    QCOMPARE(outcome.kind(), Error::Kind::Storage);
    QVERIFY2(outcome.error->message().contains(QStringLiteral("disk full")), outcome.message());
    QCOMPARE(store.writes, 2);
    QCOMPARE(store.count(), 0);
    QCOMPARE(rowCount(), 0);
}

void TestIntegrationSafety::reconfigureOfStaleRevisionIsAConflict()
{
    const Integration original = installPlivo();
    QVERIFY(!original.id.isEmpty());
    const JobOutcome first = waitFor(m_service->reconfigure(original, {{kAuthToken, "first-change"}}));
    QVERIFY2(first.succeeded, first.message());

    QSignalSpy updated(m_service.get(), &IntegrationService::integrationUpdated);
    const JobOutcome stale = waitFor(m_service->reconfigure(original, {{kAuthToken, "stale-change"}}));
    QVERIFY(!stale.succeeded);
    QCOMPARE(stale.kind(), Error::Kind::Conflict);
    QCOMPARE(updated.count(), 0);
    QCOMPARE(m_service->find(original.id).value().revision, 2);
    QCOMPARE(storedSecret(original.id, kAuthToken).value, QByteArray("first-change"));
}

void TestIntegrationSafety::concurrentReconfiguresKeepSecretsConsistent()
{
    const Integration original = installPlivo();
    QVERIFY(!original.id.isEmpty());
    Integration other = original;
    other.configuration = number(QStringLiteral("+12015550123"));

    // Both start from revision 1 before either has run: the second must not undo the first's secret.
    IntegrationJob *first = m_service->reconfigure(original, {{kAuthToken, "first-token"}});
    IntegrationJob *second = m_service->reconfigure(other, {{kAuthToken, "second-token"}});
    const JobOutcome firstOutcome = waitFor(first);
    const JobOutcome secondOutcome = waitFor(second);
    QVERIFY2(firstOutcome.succeeded, firstOutcome.message());
    QVERIFY(!secondOutcome.succeeded);
    QCOMPARE(secondOutcome.kind(), Error::Kind::Conflict);

    const Result<Integration> stored = m_service->find(original.id);
    QCOMPARE(stored.value().revision, 2);
    QCOMPARE(stored.value().configuration, number(QStringLiteral("+15554443232")));
    QCOMPARE(storedSecret(original.id, kAuthToken).value, QByteArray("first-token"));
}

void TestIntegrationSafety::failedSecretRemovalKeepsIntegration()
{
    FailingSecretStore store;
    const auto service = makeService(&store);
    const JobOutcome installed
        = waitFor(service->install(QStringLiteral("plivo"), number(), credentials(), false));
    QVERIFY2(installed.succeeded, installed.message());
    QSignalSpy removed(service.get(), &IntegrationService::integrationRemoved);

    store.failRemovalsOf = kAuthToken; // the Auth ID goes first, then the token fails
    const JobOutcome outcome = waitFor(service->uninstall(installed.integration.id));
    QVERIFY(!outcome.succeeded);
    QCOMPARE(outcome.kind(), Error::Kind::Unavailable);
    QVERIFY2(outcome.error->message().contains(QStringLiteral("Auth Token")), outcome.message());
    QCOMPARE(removed.count(), 0);
    QCOMPARE(rowCount(), 1);
    QCOMPARE(store.count(), 2);
    QCOMPARE(storedSecret(installed.integration.id, kAuthId, &store).value, kAuthIdValue);
}

void TestIntegrationSafety::secretsNeverReachTheTenantFiles()
{
    if (StoreEngine::current() == StoreEngine::postgres())
        QSKIP("Scans the tenant file's bytes (freed pages and the WAL too): SQLite only. On PostgreSQL the "
              "secrets are kept out of the same rows by the same code, which this test's SQLite row covers.");
    const Integration integration = installPlivo();
    QVERIFY(!integration.id.isEmpty());
    const QByteArray rotated = QByteArrayLiteral("Zq8Wn3Lk5Vb1Xc7Mt4Pr6Hs2Jd9Fg0Ay");
    const JobOutcome changed = waitFor(m_service->reconfigure(integration, {{kAuthToken, rotated}}));
    QVERIFY2(changed.succeeded, changed.message());

    QHash<QString, QByteArray> files;
    const QDir dir(m_temp->folder());
    for (const QString &name : dir.entryList(QDir::Files | QDir::Hidden)) {
        QFile file(dir.filePath(name));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(name));
        files.insert(name, file.readAll());
    }
    QVERIFY2(files.contains(QStringLiteral("tenant.authdeck-wal")), qPrintable(files.keys().join(u',')));

    // The scan finds what the tenant does keep: the number and the names of the secrets.
    auto anyContains = [&](const QByteArray &needle) {
        for (const QByteArray &bytes : qAsConst(files)) {
            if (bytes.contains(needle))
                return true;
        }
        return false;
    };
    QVERIFY(anyContains("+15554443232"));
    QVERIFY(anyContains(kAuthToken.toUtf8()));

    for (const QByteArray &secret : {kAuthIdValue, kTokenValue, rotated}) {
        const QString text = QString::fromLatin1(secret);
        const QByteArray utf16(reinterpret_cast<const char *>(text.utf16()), text.size() * 2);
        for (const QByteArray &encoded : {secret, utf16, secret.toBase64(), secret.toHex()})
            QVERIFY2(!anyContains(encoded), secret.constData());
    }
}

QTEST_GUILESS_MAIN(TestIntegrationSafety)
#include "TestIntegrationSafety.moc"
