#include "core/applications/ApplicationService.h"
#include "core/secrets/SecretStore.h"
#include "tests/support/ResultText.h"
#include "tests/support/SecretJobResult.h"
#include "tests/support/StoreEngine.h"
#include "tests/support/TempTenant.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <memory>

Q_DECLARE_METATYPE(ApplicationType)

namespace {

const QRegularExpression kSecretPattern(QStringLiteral("^[A-Za-z0-9_-]{64}$"));

} // namespace

/// The client secrets of confidential applications: made on creation or a change of type, rotated, removed.
class TestApplicationServiceSecrets final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void clientSecretByType_data();
    void clientSecretByType();
    void rotationChangesSecret();
    void removeDeletesSecret();
    void typeChangeToConfidentialCreatesSecret();

private:
    ApplicationService &service() { return m_temp->tenant().applications(); }
    QString secretKey(const QString &clientId)
    {
        return SecretStore::clientSecretKey(m_temp->tenant().id(), clientId);
    }
    /// Reads the stored client secret of @p clientId from the tenant's memory store.
    SecretJobResult readSecret(const QString &clientId)
    {
        return waitForJob(m_temp->secrets().read(secretKey(clientId)));
    }

    std::unique_ptr<TempTenant> m_temp;
};

void TestApplicationServiceSecrets::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestApplicationServiceSecrets::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_temp = std::make_unique<TempTenant>();
    QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
}

void TestApplicationServiceSecrets::cleanup()
{
    m_temp.reset();
}

void TestApplicationServiceSecrets::clientSecretByType_data()
{
    QTest::addColumn<ApplicationType>("type");
    QTest::addColumn<bool>("confidential");

    QTest::newRow("native: public, no secret") << ApplicationType::Native << false;
    QTest::newRow("single page: public, no secret") << ApplicationType::SinglePage << false;
    QTest::newRow("regular web: confidential, secret") << ApplicationType::RegularWeb << true;
    QTest::newRow("machine to machine: confidential, secret") << ApplicationType::MachineToMachine << true;
}

void TestApplicationServiceSecrets::clientSecretByType()
{
    QFETCH(ApplicationType, type);
    QFETCH(bool, confidential);

    QCOMPARE(ApplicationTypeInfo::of(type).confidential, confidential);
    QSignalSpy rotated(&service(), &ApplicationService::clientSecretRotated);
    auto created = service().create({QStringLiteral("Sample"), type, {}, {}});
    QVERIFY2(created, errorBytes(created));
    const QString clientId = created.value().clientId;

    // The secret is written asynchronously: nothing is announced before the event loop runs.
    QCOMPARE(rotated.count(), 0);
    if (confidential) {
        QVERIFY(rotated.wait());
        QCOMPARE(rotated.constFirst().constFirst().toString(), clientId);
    }

    // Jobs run in order, so this read comes after any write that create() started.
    const SecretJobResult secret = readSecret(clientId);
    QVERIFY(secret.finished);
    QCOMPARE(rotated.count(), confidential ? 1 : 0);
    QCOMPARE(m_temp->secrets().count(), confidential ? 1 : 0);
    if (confidential) {
        QCOMPARE(secret.status, SecretJob::Status::Done);
        QCOMPARE(secret.value.size(), ApplicationService::ClientSecretLength);
        QVERIFY2(kSecretPattern.match(QString::fromLatin1(secret.value)).hasMatch(),
                 secret.value.constData());
    } else {
        QCOMPARE(secret.status, SecretJob::Status::NotFound);
    }
}

void TestApplicationServiceSecrets::rotationChangesSecret()
{
    QSignalSpy rotated(&service(), &ApplicationService::clientSecretRotated);
    auto created = service().create({QStringLiteral("Backend"), ApplicationType::RegularWeb, {}, {}});
    QVERIFY2(created, errorBytes(created));
    const QString clientId = created.value().clientId;
    QVERIFY(rotated.wait());
    const SecretJobResult first = readSecret(clientId);
    QVERIFY2(first.succeeded(), qPrintable(first.errorString));

    service().rotateClientSecret(clientId);
    QVERIFY(rotated.wait());
    QCOMPARE(rotated.count(), 2);
    QCOMPARE(rotated.at(1).at(0).toString(), clientId);
    const SecretJobResult second = readSecret(clientId);
    QVERIFY2(second.succeeded(), qPrintable(second.errorString));

    QVERIFY2(kSecretPattern.match(QString::fromLatin1(second.value)).hasMatch(), second.value.constData());
    QVERIFY(second.value != first.value);
    QCOMPARE(m_temp->secrets().count(), 1);
}

void TestApplicationServiceSecrets::removeDeletesSecret()
{
    QSignalSpy rotated(&service(), &ApplicationService::clientSecretRotated);
    auto kept = service().create({QStringLiteral("Kept"), ApplicationType::RegularWeb, {}, {}});
    QVERIFY2(kept, errorBytes(kept));
    auto doomed = service().create({QStringLiteral("Doomed"), ApplicationType::MachineToMachine, {}, {}});
    QVERIFY2(doomed, errorBytes(doomed));
    QTRY_COMPARE(rotated.count(), 2);
    QCOMPARE(m_temp->secrets().count(), 2);

    auto removed = service().remove(doomed.value().clientId);
    QVERIFY2(removed, errorBytes(removed));
    QTRY_COMPARE(m_temp->secrets().count(), 1);
    QCOMPARE(readSecret(doomed.value().clientId).status, SecretJob::Status::NotFound);
    QCOMPARE(readSecret(kept.value().clientId).status, SecretJob::Status::Done);
}

void TestApplicationServiceSecrets::typeChangeToConfidentialCreatesSecret()
{
    auto created = service().create(
        {QStringLiteral("Growing"), ApplicationType::SinglePage, QStringLiteral("React"), {}});
    QVERIFY2(created, errorBytes(created));
    QCOMPARE(created.value().technology, QStringLiteral("React"));
    const QString clientId = created.value().clientId;

    // A change within the same type keeps the admin's grant types.
    Application narrowed = created.value();
    narrowed.grantTypes = QStringList {QStringLiteral("authorization_code")};
    auto saved = service().update(narrowed);
    QVERIFY2(saved, errorBytes(saved));
    QCOMPARE(service().find(clientId).value().grantTypes, narrowed.grantTypes);

    QSignalSpy rotated(&service(), &ApplicationService::clientSecretRotated);
    Application retyped = saved.value();
    retyped.type = ApplicationType::RegularWeb;
    auto changed = service().update(retyped);
    QVERIFY2(changed, errorBytes(changed));
    const ApplicationTypeInfo &regularWeb = ApplicationTypeInfo::of(ApplicationType::RegularWeb);
    QCOMPARE(changed.value().grantTypes, regularWeb.defaultGrantTypes);
    QCOMPARE(changed.value().tokenEndpointAuthMethod, QStringLiteral("client_secret_post"));
    QCOMPARE(changed.value().technology, QString());

    QVERIFY(rotated.wait());
    QCOMPARE(rotated.constFirst().constFirst().toString(), clientId);
    const SecretJobResult secret = readSecret(clientId);
    QVERIFY2(secret.succeeded(), qPrintable(secret.errorString));
    QCOMPARE(secret.value.size(), ApplicationService::ClientSecretLength);

    auto stored = service().find(clientId);
    QVERIFY2(stored, errorBytes(stored));
    QCOMPARE(stored.value().type, ApplicationType::RegularWeb);
    QCOMPARE(stored.value().grantTypes, regularWeb.defaultGrantTypes);
    QCOMPARE(stored.value().tokenEndpointAuthMethod, QStringLiteral("client_secret_post"));
    QCOMPARE(stored.value().technology, QString());
}

QTEST_GUILESS_MAIN(TestApplicationServiceSecrets)

#include "TestApplicationServiceSecrets.moc"
