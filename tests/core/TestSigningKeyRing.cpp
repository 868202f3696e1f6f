// SigningKeyRing: the tenant's token signing keys in the secret store. The first load makes them, every later
// one finds them, and rings loading at once (servers starting together on a new tenant) make one key pair
// between them, by the lock file that load() holds until the keys are written.

#include "core/secrets/MemorySecretStore.h"
#include "core/server/SigningKeyRing.h"
#include "tests/support/SecretJobResult.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLockFile>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <vector>

class TestSigningKeyRing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstLoadMakesTheKeysLaterLoadsFindThem();
    void ringsLoadingAtOnceMakeOneKeyPair_data();
    void ringsLoadingAtOnceMakeOneKeyPair();
    void waitsForTheKeysAnotherProcessIsMaking();
    void aFailedLoadReleasesTheLock();
    void rotationKeepsThePreviousKey();

private:
    /// Loads @p ring and returns loaded()'s error ("" on success), or "no answer" when none came.
    static QString load(SigningKeyRing &ring);

    const QString m_tenantId = QStringLiteral("tst-signing-key-ring");
};

QString TestSigningKeyRing::load(SigningKeyRing &ring)
{
    QSignalSpy loaded(&ring, &SigningKeyRing::loaded);
    ring.load();
    if (!loaded.wait(SigningKeyRing::kLockWaitMs + 5000))
        return QStringLiteral("no answer");
    return loaded.constFirst().constFirst().toString();
}

void TestSigningKeyRing::firstLoadMakesTheKeysLaterLoadsFindThem()
{
    MemorySecretStore secrets;
    SigningKeyRing first(secrets, m_tenantId);
    QCOMPARE(load(first), QString());
    QVERIFY(first.isLoaded());
    QVERIFY(first.current().hasPrivateKey());
    QCOMPARE(first.jwks().value(QLatin1String("keys")).toArray().size(), 1);

    SigningKeyRing again(secrets, m_tenantId);
    QCOMPARE(load(again), QString());
    QCOMPARE(again.current().keyId(), first.current().keyId());
}

void TestSigningKeyRing::ringsLoadingAtOnceMakeOneKeyPair_data()
{
    QTest::addColumn<int>("rings");
    QTest::newRow("two servers") << 2;
    QTest::newRow("five servers") << 5;
}

void TestSigningKeyRing::ringsLoadingAtOnceMakeOneKeyPair()
{
    QFETCH(int, rings);
    MemorySecretStore secrets;
    std::vector<std::unique_ptr<SigningKeyRing>> all;
    std::vector<std::unique_ptr<QSignalSpy>> spies;
    for (int i = 0; i < rings; ++i) {
        all.push_back(std::make_unique<SigningKeyRing>(secrets, m_tenantId));
        spies.push_back(std::make_unique<QSignalSpy>(all.back().get(), &SigningKeyRing::loaded));
    }
    // All at once: each read is queued before any of them is answered.
    for (const auto &ring : all)
        ring->load();
    for (const auto &spy : spies) {
        QVERIFY(spy->count() == 1 || spy->wait(SigningKeyRing::kLockWaitMs + 5000));
        QCOMPARE(spy->constFirst().constFirst().toString(), QString());
    }
    for (const auto &ring : all)
        QCOMPARE(ring->current().keyId(), all.front()->current().keyId());
}

void TestSigningKeyRing::waitsForTheKeysAnotherProcessIsMaking()
{
    MemorySecretStore secrets;
    auto made = SigningKey::generate();
    QVERIFY(made);
    // Another holder of the lock (to QLockFile, another object is another process) is making the keys.
    QLockFile other(SigningKeyRing::lockPath(m_tenantId));
    QVERIFY(other.tryLock(0));
    SigningKeyRing ring(secrets, m_tenantId);
    QSignalSpy loaded(&ring, &SigningKeyRing::loaded);
    ring.load();
    const QJsonObject stored {{QStringLiteral("current"), QString::fromUtf8(made.value().privatePem())}};
    const QByteArray value = QJsonDocument(stored).toJson(QJsonDocument::Compact);
    QVERIFY(waitForJob(secrets.write(SigningKeyRing::secretKey(m_tenantId), value)).succeeded());
    // Had the ring not waited, its read (queued before that write) found nothing and it made keys of its own.
    QCOMPARE(loaded.count(), 0);
    other.unlock();
    QVERIFY(loaded.wait());
    QCOMPARE(loaded.constFirst().constFirst().toString(), QString());
    QCOMPARE(ring.current().keyId(), made.value().keyId());
}

void TestSigningKeyRing::aFailedLoadReleasesTheLock()
{
    MemorySecretStore secrets;
    const QByteArray damaged = "{\"current\": \"not a key\"}";
    QVERIFY(waitForJob(secrets.write(SigningKeyRing::secretKey(m_tenantId), damaged)).succeeded());
    SigningKeyRing ring(secrets, m_tenantId);
    const QString error = load(ring);
    QVERIFY2(error.startsWith(QLatin1String("The stored signing key is damaged")), qPrintable(error));
    QVERIFY(!ring.isLoaded());
    QLockFile lock(SigningKeyRing::lockPath(m_tenantId));
    QVERIFY(lock.tryLock(0));
}

void TestSigningKeyRing::rotationKeepsThePreviousKey()
{
    MemorySecretStore secrets;
    SigningKeyRing ring(secrets, m_tenantId);
    QCOMPARE(load(ring), QString());
    const QString before = ring.current().keyId();
    QSignalSpy rotated(&ring, &SigningKeyRing::rotated);
    ring.rotate();
    QVERIFY(rotated.wait());
    QCOMPARE(rotated.constFirst().constFirst().toString(), QString());
    QVERIFY(ring.current().keyId() != before);
    QCOMPARE(ring.keys().size(), 2);
    QCOMPARE(ring.keys().at(1).keyId(), before);

    SigningKeyRing reopened(secrets, m_tenantId);
    QCOMPARE(load(reopened), QString());
    QCOMPARE(reopened.current().keyId(), ring.current().keyId());
    QCOMPARE(reopened.keys().size(), 2);
}

QTEST_GUILESS_MAIN(TestSigningKeyRing)
#include "TestSigningKeyRing.moc"
