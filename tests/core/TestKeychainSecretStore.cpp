#include "core/common/Random.h"
#include "core/secrets/KeychainSecretStore.h"
#include "tests/support/SecretJobResult.h"

#include <QSet>
#include <QTest>
#include <QUuid>

#include <memory>

namespace {

/// Longer than any job's own timeout, so that a keyring that hangs shows up as TimedOut.
constexpr int kWaitMs = 20000;

} // namespace

/**
 * Runs against the real system keyring. Without one (no D-Bus session, no Secret Service) the
 * whole suite fails in initTestCase: run it through packaging/run-tests.sh, which provides both.
 */
class TestKeychainSecretStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void probeSucceeds();
    void describesItself();
    void roundTrip_data();
    void roundTrip();
    void writeReplacesValue();
    void readOfMissingKeyIsNotFound();
    void removeOfMissingKeySucceeds();

private:
    QString newKey();

    std::unique_ptr<KeychainSecretStore> m_store;
    QSet<QString> m_keys;
};

void TestKeychainSecretStore::initTestCase()
{
    m_store = std::make_unique<KeychainSecretStore>();
    // A service of its own, so that a run never touches real Authdeck entries or another run's.
    m_store->setService(
        QStringLiteral("authdeck-test-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces)));

    const SecretJobResult probe = waitForJob(m_store->probe(), kWaitMs);
    if (!probe.succeeded()) {
        const QString why = probe.finished ? probe.errorString : QStringLiteral("the probe did not finish");
        QFAIL(
            qPrintable(QStringLiteral("No usable system keyring (%1): %2. Run the tests through "
                                      "packaging/run-tests.sh, which starts a D-Bus session and an unlocked "
                                      "gnome-keyring.")
                           .arg(QString::fromLatin1(QMetaEnum::fromType<SecretJob::Status>().valueToKey(
                                    static_cast<int>(probe.status))),
                                why)));
    }
}

void TestKeychainSecretStore::cleanupTestCase()
{
    if (!m_store)
        return;
    for (const QString &key : qAsConst(m_keys))
        waitForJob(m_store->remove(key), kWaitMs);
    m_store.reset();
}

QString TestKeychainSecretStore::newKey()
{
    const QString key = QStringLiteral("tenant/test/clients/%1/client_secret").arg(Random::alphanumeric(32));
    m_keys.insert(key);
    return key;
}

void TestKeychainSecretStore::probeSucceeds()
{
    const SecretJobResult probe = waitForJob(m_store->probe(), kWaitMs);
    QVERIFY(probe.finished);
    QCOMPARE(probe.status, SecretJob::Status::Done);
    QVERIFY2(probe.errorString.isEmpty(), qPrintable(probe.errorString));
    // The probe cleans up after itself.
    QCOMPARE(waitForJob(m_store->read(QStringLiteral("authdeck/probe")), kWaitMs).status,
             SecretJob::Status::NotFound);
}

void TestKeychainSecretStore::describesItself()
{
    QVERIFY(m_store->isPersistent());
    QVERIFY(!m_store->backendName().isEmpty());
    QVERIFY(m_store->service().startsWith(QStringLiteral("authdeck-test-")));
}

void TestKeychainSecretStore::roundTrip_data()
{
    QTest::addColumn<QByteArray>("value");

    QTest::newRow("client secret") << Random::urlSafe(64).toLatin1();
    QTest::newRow("binary with NUL and high bytes") << QByteArray("\x00\x01\x7f\x80\xfe\xff secret", 13);
    QTest::newRow("UTF-8 text") << QStringLiteral("m\u00f6t de passe \u2713").toUtf8();
    QTest::newRow("one byte") << QByteArrayLiteral("x");
}

void TestKeychainSecretStore::roundTrip()
{
    QFETCH(QByteArray, value);
    const QString key = newKey();

    const SecretJobResult written = waitForJob(m_store->write(key, value), kWaitMs);
    QVERIFY2(written.succeeded(), qPrintable(written.errorString));

    const SecretJobResult read = waitForJob(m_store->read(key), kWaitMs);
    QVERIFY2(read.succeeded(), qPrintable(read.errorString));
    QCOMPARE(read.value, value);

    const SecretJobResult removed = waitForJob(m_store->remove(key), kWaitMs);
    QVERIFY2(removed.succeeded(), qPrintable(removed.errorString));

    const SecretJobResult gone = waitForJob(m_store->read(key), kWaitMs);
    QVERIFY(gone.finished);
    QCOMPARE(gone.status, SecretJob::Status::NotFound);
    QVERIFY(gone.value.isEmpty());
}

void TestKeychainSecretStore::writeReplacesValue()
{
    const QString key = newKey();
    QVERIFY(waitForJob(m_store->write(key, QByteArrayLiteral("first")), kWaitMs).succeeded());
    QVERIFY(waitForJob(m_store->write(key, QByteArrayLiteral("second")), kWaitMs).succeeded());
    const SecretJobResult read = waitForJob(m_store->read(key), kWaitMs);
    QVERIFY2(read.succeeded(), qPrintable(read.errorString));
    QCOMPARE(read.value, QByteArrayLiteral("second"));
}

void TestKeychainSecretStore::readOfMissingKeyIsNotFound()
{
    const SecretJobResult read = waitForJob(m_store->read(newKey()), kWaitMs);
    QVERIFY(read.finished);
    QCOMPARE(read.status, SecretJob::Status::NotFound);
    QVERIFY(!read.errorString.isEmpty());
    QVERIFY(read.value.isEmpty());
}

void TestKeychainSecretStore::removeOfMissingKeySucceeds()
{
    const SecretJobResult removed = waitForJob(m_store->remove(newKey()), kWaitMs);
    QVERIFY(removed.finished);
    QCOMPARE(removed.status, SecretJob::Status::Done);
    QVERIFY2(removed.errorString.isEmpty(), qPrintable(removed.errorString));
}

QTEST_GUILESS_MAIN(TestKeychainSecretStore)

#include "TestKeychainSecretStore.moc"
