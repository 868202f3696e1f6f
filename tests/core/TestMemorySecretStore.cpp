#include "core/secrets/FallbackSecretStore.h"
#include "core/secrets/MemorySecretStore.h"
#include "tests/support/SecretJobResult.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTest>

namespace {

/// Stands in for the system keyring: keeps secrets in memory but says they persist.
class FakeKeyring final : public MemorySecretStore
{
public:
    using MemorySecretStore::MemorySecretStore;
    bool isPersistent() const override { return true; }
    QString backendName() const override { return QStringLiteral("Fake keyring"); }
};

/// A job that fails the way an unreachable keyring does.
class UnavailableJob final : public SecretJob
{
public:
    UnavailableJob(Operation operation, const QString &key, QObject *parent)
        : SecretJob(operation, key, parent)
    { }

protected:
    void start() override { finish(Status::Unavailable, QStringLiteral("No keyring in this test.")); }
};

/// A keyring that never answers.
class BrokenKeyring final : public SecretStore
{
public:
    using SecretStore::SecretStore;
    SecretJob *read(const QString &key) override
    {
        return new UnavailableJob(SecretJob::Operation::Read, key, this);
    }
    SecretJob *write(const QString &key, const QByteArray &) override
    {
        return new UnavailableJob(SecretJob::Operation::Write, key, this);
    }
    SecretJob *remove(const QString &key) override
    {
        return new UnavailableJob(SecretJob::Operation::Remove, key, this);
    }
    bool isPersistent() const override { return true; }
    QString backendName() const override { return QStringLiteral("Broken keyring"); }
};

const QString kKey = QStringLiteral("tenant/t1/clients/c1/client_secret");

} // namespace

class TestMemorySecretStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // MemorySecretStore
    void jobsFinishAsynchronously_data();
    void jobsFinishAsynchronously();
    void writeReadRemoveRoundTrip();
    void readOfMissingKeyIsNotFound();
    void memoryIsNotPersistent();

    // FallbackSecretStore
    void fallbackStartsWithPrimary();
    void switchToMemoryRedirectsLaterJobs();
    void primaryFailureIsReportedNotHidden();
    void fallbackOwnsPrimary();
};

void TestMemorySecretStore::jobsFinishAsynchronously_data()
{
    QTest::addColumn<SecretJob::Operation>("operation");
    QTest::addColumn<SecretJob::Status>("expected");

    QTest::newRow("write") << SecretJob::Operation::Write << SecretJob::Status::Done;
    QTest::newRow("read of a stored key") << SecretJob::Operation::Read << SecretJob::Status::Done;
    QTest::newRow("remove") << SecretJob::Operation::Remove << SecretJob::Status::Done;
}

void TestMemorySecretStore::jobsFinishAsynchronously()
{
    QFETCH(SecretJob::Operation, operation);
    QFETCH(SecretJob::Status, expected);

    MemorySecretStore store;
    if (operation != SecretJob::Operation::Write)
        QVERIFY(waitForJob(store.write(kKey, QByteArrayLiteral("before"))).succeeded());
    const int countBefore = store.count();

    SecretJob *job = nullptr;
    switch (operation) {
    case SecretJob::Operation::Read:
        job = store.read(kKey);
        break;
    case SecretJob::Operation::Write:
        job = store.write(kKey, QByteArrayLiteral("value"));
        break;
    case SecretJob::Operation::Remove:
        job = store.remove(kKey);
        break;
    }
    QPointer<SecretJob> guard(job);
    SecretJob::Status reported = SecretJob::Status::Pending;
    connect(job, &SecretJob::finished, this, [&reported](SecretJob *done) { reported = done->status(); });
    QSignalSpy finished(job, &SecretJob::finished);

    // Nothing has happened yet: the job starts on the next turn of the event loop.
    QCOMPARE(job->status(), SecretJob::Status::Pending);
    QCOMPARE(job->operation(), operation);
    QCOMPARE(job->key(), kKey);
    QCOMPARE(finished.count(), 0);
    QCOMPARE(store.count(), countBefore);

    QVERIFY(finished.wait());
    QCOMPARE(finished.count(), 1);
    QCOMPARE(reported, expected);
    // Then it deletes itself.
    QTRY_VERIFY(guard.isNull());
    QCOMPARE(finished.count(), 1);
}

void TestMemorySecretStore::writeReadRemoveRoundTrip()
{
    MemorySecretStore store;
    const QByteArray value("s3cr\0t-with-nul", 15);
    QVERIFY(waitForJob(store.write(kKey, value)).succeeded());
    QCOMPARE(store.count(), 1);

    const SecretJobResult read = waitForJob(store.read(kKey));
    QVERIFY2(read.succeeded(), qPrintable(read.errorString));
    QCOMPARE(read.value, value);
    QVERIFY(read.errorString.isEmpty());

    QVERIFY(waitForJob(store.write(kKey, QByteArrayLiteral("replaced"))).succeeded());
    QCOMPARE(store.count(), 1);
    QCOMPARE(waitForJob(store.read(kKey)).value, QByteArrayLiteral("replaced"));

    QVERIFY(waitForJob(store.remove(kKey)).succeeded());
    QCOMPARE(store.count(), 0);
    QCOMPARE(waitForJob(store.read(kKey)).status, SecretJob::Status::NotFound);
}

void TestMemorySecretStore::readOfMissingKeyIsNotFound()
{
    MemorySecretStore store;
    const SecretJobResult read = waitForJob(store.read(kKey));
    QVERIFY(read.finished);
    QCOMPARE(read.status, SecretJob::Status::NotFound);
    QVERIFY(!read.errorString.isEmpty());
    QVERIFY(read.value.isEmpty());

    // Removing what is not there is not an error.
    QCOMPARE(waitForJob(store.remove(kKey)).status, SecretJob::Status::Done);
}

void TestMemorySecretStore::memoryIsNotPersistent()
{
    MemorySecretStore store;
    QVERIFY(!store.isPersistent());
    QVERIFY(!store.backendName().isEmpty());
}

void TestMemorySecretStore::fallbackStartsWithPrimary()
{
    auto *primary = new FakeKeyring;
    FallbackSecretStore store(primary);
    QVERIFY(!store.isMemoryOnly());
    QVERIFY(store.isPersistent());
    QCOMPARE(store.backendName(), QStringLiteral("Fake keyring"));

    QVERIFY(waitForJob(store.write(kKey, QByteArrayLiteral("in the keyring"))).succeeded());
    QCOMPARE(primary->count(), 1);
    QCOMPARE(waitForJob(store.read(kKey)).value, QByteArrayLiteral("in the keyring"));
    QVERIFY(waitForJob(store.remove(kKey)).succeeded());
    QCOMPARE(primary->count(), 0);
}

void TestMemorySecretStore::switchToMemoryRedirectsLaterJobs()
{
    auto *primary = new FakeKeyring;
    FallbackSecretStore store(primary);
    QSignalSpy backendChanged(&store, &FallbackSecretStore::backendChanged);
    QVERIFY(waitForJob(store.write(kKey, QByteArrayLiteral("in the keyring"))).succeeded());
    QCOMPARE(primary->count(), 1);

    store.switchToMemory();
    QCOMPARE(backendChanged.count(), 1);
    QVERIFY(store.isMemoryOnly());
    QVERIFY(!store.isPersistent());
    QCOMPARE(store.backendName(), MemorySecretStore().backendName());

    const QString otherKey = QStringLiteral("tenant/t1/clients/c2/client_secret");
    QVERIFY(waitForJob(store.write(otherKey, QByteArrayLiteral("in memory"))).succeeded());
    QCOMPARE(primary->count(), 1);
    QCOMPARE(waitForJob(primary->read(otherKey)).status, SecretJob::Status::NotFound);
    const SecretJobResult read = waitForJob(store.read(otherKey));
    QVERIFY2(read.succeeded(), qPrintable(read.errorString));
    QCOMPARE(read.value, QByteArrayLiteral("in memory"));

    // A second switch changes nothing and says nothing.
    store.switchToMemory();
    QCOMPARE(backendChanged.count(), 1);
    QVERIFY(store.isMemoryOnly());
}

void TestMemorySecretStore::primaryFailureIsReportedNotHidden()
{
    FallbackSecretStore store(new BrokenKeyring);
    const SecretJobResult written = waitForJob(store.write(kKey, QByteArrayLiteral("value")));
    QVERIFY(written.finished);
    QCOMPARE(written.status, SecretJob::Status::Unavailable);
    QVERIFY(!written.errorString.isEmpty());
    QVERIFY(!store.isMemoryOnly());

    // Nothing went to memory behind the admin's back.
    store.switchToMemory();
    QCOMPARE(waitForJob(store.read(kKey)).status, SecretJob::Status::NotFound);
}

void TestMemorySecretStore::fallbackOwnsPrimary()
{
    QPointer<SecretStore> primary = new FakeKeyring;
    {
        FallbackSecretStore store(primary);
        QCOMPARE(primary->parent(), &store);
    }
    QVERIFY(primary.isNull());
}

QTEST_GUILESS_MAIN(TestMemorySecretStore)

#include "TestMemorySecretStore.moc"
