#include "core/actions/IntegrationService.h"
#include "core/store/Database.h"
#include "tests/support/IntegrationServiceFixture.h"
#include "tests/support/ResultText.h"
#include "tests/support/SecretJobResult.h"
#include "tests/support/StoreEngine.h"
#include "tests/support/TempTenant.h"

#include <QPointer>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

#include <memory>

/// Installing, reconfiguring and uninstalling integrations, and the rules for their inputs.
class TestIntegrationService final : public QObject, private IntegrationServiceFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void secretKeyNamesTenantIntegrationAndInput();
    void installStoresRowAndSecrets();
    void invalidInstallWritesNothing_data();
    void invalidInstallWritesNothing();
    void validateAcceptsStoredSecrets();
    void sandboxInstallNeedsNoSecrets();
    void unknownCatalogEntryIsNotFound();
    void secondInstallIsAConflict();
    void reconfigureReplacesOnlyGivenSecrets();
    void leavingSandboxNeedsSecrets();
    void uninstallRemovesRowAndSecrets();
    void uninstallOfUnknownIsNotFound();
};

void TestIntegrationService::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestIntegrationService::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    setUp();
}

void TestIntegrationService::cleanup()
{
    tearDown();
}

void TestIntegrationService::secretKeyNamesTenantIntegrationAndInput()
{
    QCOMPARE(IntegrationService::secretKey(QStringLiteral("t-1"), QStringLiteral("abc"), kAuthToken),
             QStringLiteral("tenant/t-1/integrations/abc/PLIVO_AUTH_TOKEN"));
}

void TestIntegrationService::installStoresRowAndSecrets()
{
    QSignalSpy installed(m_service.get(), &IntegrationService::integrationInstalled);
    Secrets secrets = credentials();
    secrets[kAuthId] = " " + kAuthIdValue + "\n"; // pasted with spaces around

    const JobOutcome outcome = waitFor(m_service->install(QStringLiteral("plivo"), number(), secrets, false));
    QVERIFY2(outcome.succeeded, outcome.message());
    QCOMPARE(outcome.finishedCount, 1);

    const Integration &integration = outcome.integration;
    QVERIFY(!integration.id.isEmpty());
    QCOMPARE(integration.catalogId, QStringLiteral("plivo"));
    QCOMPARE(integration.name, QStringLiteral("Plivo"));
    QCOMPARE(integration.trigger, QStringLiteral("send-phone-message"));
    QCOMPARE(integration.configuration, number(QStringLiteral("+15554443232")));
    QCOMPARE(integration.secretsSet, (QStringList {kAuthId, kAuthToken}));
    QVERIFY(!integration.useSandbox);
    QCOMPARE(integration.revision, 1);

    QCOMPARE(installed.count(), 1);
    QCOMPARE(installed.at(0).at(0).value<Integration>().id, integration.id);

    const Result<Integration> stored = m_service->find(integration.id);
    QVERIFY2(stored, errorBytes(stored));
    QCOMPARE(stored.value().configuration, integration.configuration);
    QCOMPARE(stored.value().secretsSet, integration.secretsSet);
    QCOMPARE(stored.value().createdAt, integration.createdAt);
    QCOMPARE(stored.value().revision, 1);
    const auto listed = m_service->list();
    QVERIFY2(listed, errorBytes(listed));
    QCOMPARE(listed.value().size(), 1);

    QCOMPARE(m_temp->secrets().count(), 2);
    QCOMPARE(storedSecret(integration.id, kAuthId).value, kAuthIdValue); // trimmed
    QCOMPARE(storedSecret(integration.id, kAuthToken).value, kTokenValue);
    QCOMPARE(waitForJob(m_service->readSecret(integration.id, kAuthToken)).value, kTokenValue);
    QCOMPARE(m_service->bindingCount(integration.id), 0);
}

void TestIntegrationService::invalidInstallWritesNothing_data()
{
    QTest::addColumn<Configuration>("configuration");
    QTest::addColumn<Secrets>("secrets");
    QTest::addColumn<bool>("useSandbox");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("reason");

    auto replaced = [](Secrets secrets, const QString &key, const QByteArray &value) {
        secrets[key] = value;
        return secrets;
    };
    const Secrets good = credentials();
    QTest::newRow("auth ID missing") << number() << Secrets {{kAuthToken, kTokenValue}} << false << kAuthId
                                     << QStringLiteral("Auth ID is required");
    QTest::newRow("auth ID blank") << number() << replaced(good, kAuthId, "   ") << false << kAuthId
                                   << QStringLiteral("Auth ID is required");
    QTest::newRow("auth ID in small letters")
        << number() << replaced(good, kAuthId, kAuthIdValue.toLower()) << false << kAuthId
        << QStringLiteral("MA or SA followed by 18");
    QTest::newRow("auth ID too short") << number() << replaced(good, kAuthId, "MA1234") << false << kAuthId
                                       << QStringLiteral("MA or SA followed by 18");
    QTest::newRow("auth ID with another prefix")
        << number() << replaced(good, kAuthId, "XA" + kAuthIdValue.mid(2)) << false << kAuthId
        << QStringLiteral("MA or SA followed by 18");
    QTest::newRow("auth token missing") << number() << Secrets {{kAuthId, kAuthIdValue}} << false
                                        << kAuthToken << QStringLiteral("Auth Token is required");
    QTest::newRow("number missing") << Configuration() << good << false << kNumber
                                    << QStringLiteral("Plivo phone number is required");
    QTest::newRow("number is text") << number(QStringLiteral("abc")) << good << false << kNumber
                                    << QStringLiteral("is not a phone number");
    QTest::newRow("number without country code")
        << number(QStringLiteral("555-444-3232")) << good << false << kNumber
        << QStringLiteral("start with + and the country code");
    QTest::newRow("number too short")
        << number(QStringLiteral("+1 555")) << good << false << kNumber << QStringLiteral("too short");
    QTest::newRow("sandbox still needs the number") << Configuration() << Secrets() << true << kNumber
                                                    << QStringLiteral("Plivo phone number is required");
    QTest::newRow("sandbox still checks a given auth ID")
        << number() << Secrets {{kAuthId, "MA1234"}} << true << kAuthId
        << QStringLiteral("MA or SA followed by 18");
    QTest::newRow("secret given as configuration")
        << Configuration {{kNumber, QStringLiteral("+15554443232")},
                          {kAuthToken, QString::fromLatin1(kTokenValue)}}
        << good << false << kAuthToken << QStringLiteral("cannot be saved as plain configuration");
    QTest::newRow("configuration given as secret")
        << Configuration() << replaced(good, kNumber, "+15554443232") << false << kNumber
        << QStringLiteral("is not a secret");
    QTest::newRow("unknown input") << Configuration {{kNumber, QStringLiteral("+15554443232")},
                                                     {QStringLiteral("PLIVO_REGION"), QStringLiteral("eu")}}
                                   << good << false << QStringLiteral("PLIVO_REGION")
                                   << QStringLiteral("is not a setting of Plivo");
}

void TestIntegrationService::invalidInstallWritesNothing()
{
    QFETCH(Configuration, configuration);
    QFETCH(Secrets, secrets);
    QFETCH(bool, useSandbox);
    QFETCH(QString, key);
    QFETCH(QString, reason);

    const CatalogEntry &plivo = *m_service->catalog().find(QStringLiteral("plivo"));
    const auto problems = IntegrationService::validate(plivo, configuration, secrets, useSandbox);
    QVERIFY2(problems.value(key).contains(reason), qPrintable(problems.value(key)));

    QSignalSpy installed(m_service.get(), &IntegrationService::integrationInstalled);
    const JobOutcome outcome
        = waitFor(m_service->install(QStringLiteral("plivo"), configuration, secrets, useSandbox));
    QVERIFY(!outcome.succeeded);
    QCOMPARE(outcome.kind(), Error::Kind::Invalid);
    QCOMPARE(outcome.problems, problems);
    QVERIFY2(outcome.error->message().contains(reason), outcome.message());

    QCOMPARE(installed.count(), 0);
    QCOMPARE(rowCount(), 0);
    QCOMPARE(m_temp->secrets().count(), 0);
}

void TestIntegrationService::validateAcceptsStoredSecrets()
{
    const CatalogEntry &plivo = *m_service->catalog().find(QStringLiteral("plivo"));
    QVERIFY(IntegrationService::validate(plivo, number(), credentials(), false).isEmpty());
    QVERIFY(IntegrationService::validate(plivo, number(), {}, false, true).isEmpty());
    QVERIFY(IntegrationService::validate(plivo, number(), {}, true).isEmpty());
    QVERIFY(IntegrationService::validate(plivo, number(), {{kAuthToken, "new"}}, false, QStringList {kAuthId})
                .isEmpty());

    const auto onlyIdStored = IntegrationService::validate(plivo, number(), {}, false, QStringList {kAuthId});
    QCOMPARE(onlyIdStored.keys(), QStringList {kAuthToken});
    // Stored secrets are not re-checked, but a new value is.
    const auto badNew = IntegrationService::validate(plivo, number(), {{kAuthId, "MA1"}}, false, true);
    QCOMPARE(badNew.keys(), QStringList {kAuthId});

    const auto everything = IntegrationService::validate(plivo, {}, {}, false);
    QCOMPARE(IntegrationService::summary(plivo, everything),
             QStringLiteral("Auth ID is required. Auth Token is required. Plivo phone number is required."));
}

void TestIntegrationService::sandboxInstallNeedsNoSecrets()
{
    const JobOutcome outcome = waitFor(m_service->install(QStringLiteral("plivo"), number(), {}, true));
    QVERIFY2(outcome.succeeded, outcome.message());
    QVERIFY(outcome.integration.useSandbox);
    QVERIFY(outcome.integration.secretsSet.isEmpty());
    QCOMPARE(m_temp->secrets().count(), 0);

    const Result<Integration> stored = m_service->find(outcome.integration.id);
    QVERIFY2(stored, errorBytes(stored));
    QVERIFY(stored.value().useSandbox);
    QCOMPARE(stored.value().configuration.value(kNumber), QStringLiteral("+15554443232"));
}

void TestIntegrationService::unknownCatalogEntryIsNotFound()
{
    const JobOutcome outcome
        = waitFor(m_service->install(QStringLiteral("twilio"), number(), credentials(), false));
    QVERIFY(!outcome.succeeded);
    QCOMPARE(outcome.kind(), Error::Kind::NotFound);
    QVERIFY2(outcome.error->message().contains(QStringLiteral("twilio")), outcome.message());
    QCOMPARE(rowCount(), 0);
    QCOMPARE(m_temp->secrets().count(), 0);
}

void TestIntegrationService::secondInstallIsAConflict()
{
    const Integration first = installPlivo();
    QVERIFY(!first.id.isEmpty());

    const JobOutcome second
        = waitFor(m_service->install(QStringLiteral("plivo"), number(), credentials("another-token"), false));
    QVERIFY(!second.succeeded);
    QCOMPARE(second.kind(), Error::Kind::Conflict);
    QCOMPARE(rowCount(), 1);
    QCOMPARE(m_temp->secrets().count(), 2);
    QCOMPARE(storedSecret(first.id, kAuthToken).value, kTokenValue);
}

void TestIntegrationService::reconfigureReplacesOnlyGivenSecrets()
{
    Integration edited = installPlivo();
    QVERIFY(!edited.id.isEmpty());
    QSignalSpy updated(m_service.get(), &IntegrationService::integrationUpdated);

    edited.configuration = number(QStringLiteral("+44 20 7946 0958"));
    const JobOutcome outcome
        = waitFor(m_service->reconfigure(edited, {{kAuthToken, "rotated-token"}, {kAuthId, ""}}));
    QVERIFY2(outcome.succeeded, outcome.message());
    QCOMPARE(outcome.integration.revision, 2);
    QCOMPARE(outcome.integration.configuration, number(QStringLiteral("+442079460958")));
    QCOMPARE(outcome.integration.secretsSet, (QStringList {kAuthId, kAuthToken}));
    QVERIFY(outcome.integration.updatedAt >= outcome.integration.createdAt);

    QCOMPARE(updated.count(), 1);
    QCOMPARE(updated.at(0).at(0).value<Integration>().revision, 2);
    const Result<Integration> stored = m_service->find(edited.id);
    QVERIFY2(stored, errorBytes(stored));
    QCOMPARE(stored.value().revision, 2);
    QCOMPARE(stored.value().configuration, outcome.integration.configuration);

    QCOMPARE(storedSecret(edited.id, kAuthToken).value, QByteArray("rotated-token"));
    QCOMPARE(storedSecret(edited.id, kAuthId).value, kAuthIdValue);
    QCOMPARE(m_temp->secrets().count(), 2);
}

void TestIntegrationService::leavingSandboxNeedsSecrets()
{
    const JobOutcome installed = waitFor(m_service->install(QStringLiteral("plivo"), number(), {}, true));
    QVERIFY2(installed.succeeded, installed.message());
    Integration edited = installed.integration;
    edited.useSandbox = false;

    const JobOutcome refused = waitFor(m_service->reconfigure(edited, {}));
    QVERIFY(!refused.succeeded);
    QCOMPARE(refused.kind(), Error::Kind::Invalid);
    QCOMPARE(QSet<QString>(refused.problems.keyBegin(), refused.problems.keyEnd()),
             (QSet<QString> {kAuthId, kAuthToken}));
    QCOMPARE(m_service->find(edited.id).value().revision, 1);

    const JobOutcome accepted = waitFor(m_service->reconfigure(edited, credentials()));
    QVERIFY2(accepted.succeeded, accepted.message());
    QVERIFY(!accepted.integration.useSandbox);
    QCOMPARE(accepted.integration.secretsSet, (QStringList {kAuthId, kAuthToken}));
    QCOMPARE(m_temp->secrets().count(), 2);
}

void TestIntegrationService::uninstallRemovesRowAndSecrets()
{
    const Integration integration = installPlivo();
    QVERIFY(!integration.id.isEmpty());
    QSignalSpy removed(m_service.get(), &IntegrationService::integrationRemoved);

    const JobOutcome outcome = waitFor(m_service->uninstall(integration.id));
    QVERIFY2(outcome.succeeded, outcome.message());
    QCOMPARE(outcome.integration.id, integration.id);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(0).toString(), integration.id);

    const Result<Integration> gone = m_service->find(integration.id);
    QVERIFY(!gone);
    QCOMPARE(gone.error().kind(), Error::Kind::NotFound);
    QCOMPARE(rowCount(), 0);
    QCOMPARE(m_temp->secrets().count(), 0);
    QCOMPARE(storedSecret(integration.id, kAuthId).status, SecretJob::Status::NotFound);
}

void TestIntegrationService::uninstallOfUnknownIsNotFound()
{
    const JobOutcome outcome = waitFor(m_service->uninstall(QStringLiteral("no-such-id")));
    QVERIFY(!outcome.succeeded);
    QCOMPARE(outcome.kind(), Error::Kind::NotFound);
}

QTEST_GUILESS_MAIN(TestIntegrationService)
#include "TestIntegrationService.moc"
