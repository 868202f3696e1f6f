#include "ResultText.h"
#include "SecretJobResult.h"
#include "TempTenant.h"
#include "actions/IntegrationService.h"
#include "store/Database.h"

#include <QDir>
#include <QFile>
#include <QPointer>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

#include <memory>

using Configuration = QHash<QString, QString>;
using Secrets = QHash<QString, QByteArray>;

namespace {

const QString kAuthId = QStringLiteral("PLIVO_AUTH_ID");
const QString kAuthToken = QStringLiteral("PLIVO_AUTH_TOKEN");
const QString kNumber = QStringLiteral("PLIVO_NUMBER");
const QByteArray kAuthIdValue = QByteArrayLiteral("MAABCDEFGHJK12345678");
const QByteArray kTokenValue = QByteArrayLiteral("tok3n-Sx9QpL2vWm7RzK4bN8cY1dF6gH0jT5");

Configuration number(const QString &value = QStringLiteral("+1 (555) 444-3232"))
{
    return {{kNumber, value}};
}

Secrets credentials(const QByteArray &token = kTokenValue)
{
    return {{kAuthId, kAuthIdValue}, {kAuthToken, token}};
}

/// What an IntegrationJob reported, kept after the job has deleted itself.
struct JobOutcome
{
    int finishedCount = 0;
    bool succeeded = false;
    std::optional<Error> error;
    Integration integration;
    QHash<QString, QString> problems;

    Error::Kind kind() const { return error ? error->kind() : Error::Kind::Invalid; }
    QByteArray message() const { return error ? error->message().toUtf8() : QByteArray(); }
};

/**
 * @brief Waits until @p job finishes and has deleted itself, and returns what it reported.
 *
 * A job that never finishes, or finishes more than once, comes back as a Timeout failure, so that
 * every check on the outcome fails.
 */
JobOutcome waitFor(IntegrationJob *job)
{
    JobOutcome outcome;
    QPointer<IntegrationJob> alive(job);
    QObject::connect(job, &IntegrationJob::finished, job, [&outcome](IntegrationJob *done) {
        ++outcome.finishedCount;
        outcome.succeeded = done->succeeded();
        outcome.error = done->error();
        outcome.integration = done->integration();
        outcome.problems = done->problems();
    });
    // Once deleteLater() has run, no second finished() can come.
    const bool gone = QTest::qWaitFor([&alive] { return alive.isNull(); }, 5000);
    if (!gone || outcome.finishedCount != 1) {
        outcome.succeeded = false;
        outcome.error = Error(Error::Kind::Timeout,
                              QStringLiteral("the job finished %1 times").arg(outcome.finishedCount));
    }
    return outcome;
}

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
class TestIntegrationSafety final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
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

private:
    /// A service over the temporary tenant, with @p store (the tenant's memory store by default).
    std::unique_ptr<IntegrationService> makeService(SecretStore *store = nullptr);
    QString tenantId() { return m_temp->tenant().id(); }
    int rowCount();
    /// The secret @p key of @p integrationId in @p store (the tenant's memory store by default).
    SecretJobResult
    storedSecret(const QString &integrationId, const QString &key, SecretStore *store = nullptr);
    /// Installs Plivo with valid credentials; the returned integration has no id when that failed.
    Integration installPlivo();

    std::unique_ptr<TempTenant> m_temp;
    std::unique_ptr<IntegrationService> m_service;
};

void TestIntegrationSafety::init()
{
    m_temp = std::make_unique<TempTenant>();
    QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
    m_service = makeService();
    QVERIFY(m_service->catalog().find(QStringLiteral("plivo")));
}

void TestIntegrationSafety::cleanup()
{
    m_service.reset();
    m_temp.reset();
}

std::unique_ptr<IntegrationService> TestIntegrationSafety::makeService(SecretStore *store)
{
    auto catalog = IntegrationCatalog::load();
    if (!catalog)
        qFatal("the shipped catalog does not load: %s", qPrintable(catalog.error().message()));
    return std::make_unique<IntegrationService>(
        m_temp->tenant().database(), store ? *store : m_temp->secrets(), tenantId(), catalog.takeValue());
}

int TestIntegrationSafety::rowCount()
{
    QSqlQuery query
        = m_temp->tenant().database().prepare(QStringLiteral("SELECT count(*) FROM integrations"));
    return query.exec() && query.next() ? query.value(0).toInt() : -1;
}

SecretJobResult
TestIntegrationSafety::storedSecret(const QString &integrationId, const QString &key, SecretStore *store)
{
    SecretStore &secrets = store ? *store : m_temp->secrets();
    return waitForJob(secrets.read(IntegrationService::secretKey(tenantId(), integrationId, key)));
}

Integration TestIntegrationSafety::installPlivo()
{
    const JobOutcome installed
        = waitFor(m_service->install(QStringLiteral("plivo"), number(), credentials(), false));
    if (!installed.succeeded)
        qWarning("install failed: %s", installed.message().constData());
    return installed.integration;
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
    QSqlQuery refuse = m_temp->tenant().database().prepare(
        QStringLiteral("CREATE TRIGGER refuse_integrations BEFORE INSERT ON integrations "
                       "BEGIN SELECT RAISE(ABORT, 'disk full'); END"));
    QVERIFY(refuse.exec());
    refuse.finish();
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
