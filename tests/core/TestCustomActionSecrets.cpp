#include "core/actions/CustomActionService.h"
#include "tests/support/CustomActionJobResult.h"
#include "tests/support/CustomActionServiceFixture.h"
#include "tests/support/ResultText.h"
#include "tests/support/SecretJobResult.h"
#include "tests/support/StoreEngine.h"
#include "tests/support/StoreFault.h"
#include "tests/support/TempTenant.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

namespace {

const QByteArray kTokenValue = QByteArrayLiteral("pl1vo-T0ken-Zq8Wm3Rx5Kb7Nc2Yd4");

/// The bytes of every file in @p folder (the tenant file, its -wal and -shm).
QByteArray allFileBytes(const QString &folder)
{
    QByteArray bytes;
    const QDir dir(folder);
    for (const QString &name : dir.entryList(QDir::Files | QDir::Hidden)) {
        QFile file(dir.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            bytes += file.readAll();
    }
    return bytes;
}

} // namespace

/// The secrets of custom actions, kept in the secret store only, and removing an action with its secrets.
class TestCustomActionSecrets final : public QObject, private CustomActionServiceFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void secretsAreWriteOnly();
    void secretRules_data();
    void secretRules();
    void removeSecret();
    void readSecretsNamesAMissingValue();
    void removeDeletesActionAndSecrets();

private:
    QString key(const QString &actionId, const QString &name)
    {
        return CustomActionService::secretKey(m_temp->tenant().id(), actionId, name);
    }
};

void TestCustomActionSecrets::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestCustomActionSecrets::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    setUp();
}

void TestCustomActionSecrets::cleanup()
{
    tearDown();
}

void TestCustomActionSecrets::secretsAreWriteOnly()
{
    const CustomAction action = create();
    QSignalSpy changed(&service(), &CustomActionService::actionChanged);

    const CustomActionJobResult set
        = waitForJob(service().setSecret(action.id, QStringLiteral("PLIVO_AUTH_TOKEN"), "first-value"));
    QVERIFY2(set.succeeded, qPrintable(set.message()));
    QCOMPARE(set.action.secretNames(), QStringList {QStringLiteral("PLIVO_AUTH_TOKEN")});
    const QDateTime firstSetAt = set.action.secrets.constFirst().updatedAt;
    QVERIFY(firstSetAt.isValid());
    QCOMPARE(changed.count(), 1);

    // Replacing keeps one entry, with a new time; a second secret is listed beside it, sorted.
    QTRY_VERIFY(QDateTime::currentDateTimeUtc() > firstSetAt); // the times are stored to the millisecond
    QVERIFY(waitForJob(service().setSecret(action.id, QStringLiteral("PLIVO_AUTH_TOKEN"), kTokenValue))
                .succeeded);
    QVERIFY(waitForJob(service().setSecret(action.id, QStringLiteral("API_KEY"), "k3y-value-9Xq")).succeeded);
    const CustomAction stored = service().find(action.id).value();
    QCOMPARE(stored.secretNames(),
             (QStringList {QStringLiteral("API_KEY"), QStringLiteral("PLIVO_AUTH_TOKEN")}));
    QVERIFY(stored.secrets.at(1).updatedAt > firstSetAt);
    QCOMPARE(stored.revision, action.revision); // secrets are not part of the draft
    QCOMPARE(changed.count(), 3);

    // The values are in the secret store only.
    const SecretJobResult inStore
        = waitForJob(m_temp->secrets().read(key(action.id, QStringLiteral("PLIVO_AUTH_TOKEN"))));
    QVERIFY2(inStore.succeeded(), qPrintable(inStore.errorString));
    QCOMPARE(inStore.value, kTokenValue);
    const CustomActionJobResult read = waitForJob(service().readSecrets(action.id));
    QVERIFY2(read.succeeded, qPrintable(read.message()));
    QCOMPARE(read.secretValues.value(QStringLiteral("PLIVO_AUTH_TOKEN")), kTokenValue);
    QCOMPARE(read.secretValues.size(), 2);

    // The tenant files hold the names (the scan sees them) but never a value. (A file to scan: SQLite only.)
    if (StoreEngine::current() == StoreEngine::postgres())
        return;
    const QByteArray whileOpen = allFileBytes(m_temp->folder());
    QVERIFY(whileOpen.contains("PLIVO_AUTH_TOKEN"));
    QVERIFY(!whileOpen.contains(kTokenValue));
    QVERIFY(!whileOpen.contains("first-value"));
    QVERIFY(!whileOpen.contains("k3y-value-9Xq"));
    m_temp->close();
    const QByteArray afterClose = allFileBytes(m_temp->folder());
    QVERIFY(afterClose.contains("PLIVO_AUTH_TOKEN"));
    QVERIFY(!afterClose.contains(kTokenValue));
}

void TestCustomActionSecrets::secretRules_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("valid");

    QTest::newRow("upper case with underscores") << "PLIVO_AUTH_ID" << QByteArray("v") << true;
    QTest::newRow("leading underscore, lower case") << "_token2" << QByteArray("v") << true;
    QTest::newRow("100 characters") << QString(100, QLatin1Char('A')) << QByteArray("v") << true;
    QTest::newRow("101 characters") << QString(101, QLatin1Char('A')) << QByteArray("v") << false;
    QTest::newRow("leading digit") << "2FA_KEY" << QByteArray("v") << false;
    QTest::newRow("dash") << "AUTH-TOKEN" << QByteArray("v") << false;
    QTest::newRow("slash (a key path)") << "A/B" << QByteArray("v") << false;
    QTest::newRow("space") << "AUTH TOKEN" << QByteArray("v") << false;
    QTest::newRow("empty name") << "" << QByteArray("v") << false;
    QTest::newRow("empty value") << "AUTH_TOKEN" << QByteArray() << false;
}

void TestCustomActionSecrets::secretRules()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, value);
    QFETCH(bool, valid);
    const CustomAction action = create();

    const CustomActionJobResult set = waitForJob(service().setSecret(action.id, name, value));
    QCOMPARE(set.succeeded, valid);
    QCOMPARE(m_temp->secrets().count(), valid ? 1 : 0);
    QCOMPARE(service().find(action.id).value().secrets.size(), valid ? 1 : 0);
    if (!valid)
        QCOMPARE(set.kind(), Error::Kind::Invalid);
}

void TestCustomActionSecrets::removeSecret()
{
    const CustomAction action = create();
    QVERIFY(waitForJob(service().setSecret(action.id, QStringLiteral("TOKEN"), kTokenValue)).succeeded);
    QCOMPARE(m_temp->secrets().count(), 1);

    const CustomActionJobResult removed
        = waitForJob(service().removeSecret(action.id, QStringLiteral("TOKEN")));
    QVERIFY2(removed.succeeded, qPrintable(removed.message()));
    QVERIFY(removed.action.secrets.isEmpty());
    QVERIFY(service().find(action.id).value().secrets.isEmpty());
    QCOMPARE(m_temp->secrets().count(), 0);

    const CustomActionJobResult again
        = waitForJob(service().removeSecret(action.id, QStringLiteral("TOKEN")));
    QVERIFY(!again.succeeded);
    QCOMPARE(again.kind(), Error::Kind::NotFound);
    QCOMPARE(again.message(), QStringLiteral("Send with Plivo has no secret named TOKEN."));
}

void TestCustomActionSecrets::readSecretsNamesAMissingValue()
{
    const CustomAction action = create();
    QVERIFY(waitForJob(service().setSecret(action.id, QStringLiteral("TOKEN"), kTokenValue)).succeeded);
    // As after a restart with a store that keeps secrets in memory only.
    QVERIFY(waitForJob(m_temp->secrets().remove(key(action.id, QStringLiteral("TOKEN")))).succeeded());

    const CustomActionJobResult read = waitForJob(service().readSecrets(action.id));
    QVERIFY(!read.succeeded);
    QCOMPARE(read.kind(), Error::Kind::NotFound);
    QVERIFY2(read.message().startsWith(QStringLiteral("The secret TOKEN is no longer in the secret store")),
             qPrintable(read.message()));
    QVERIFY(read.secretValues.isEmpty());
}

void TestCustomActionSecrets::removeDeletesActionAndSecrets()
{
    const CustomAction kept = create(QStringLiteral("Kept"));
    QVERIFY(waitForJob(service().setSecret(kept.id, QStringLiteral("TOKEN"), "kept-value")).succeeded);
    const CustomAction action = create();
    QVERIFY(waitForJob(service().setSecret(action.id, QStringLiteral("TOKEN"), kTokenValue)).succeeded);
    QVERIFY(waitForJob(service().setSecret(action.id, QStringLiteral("OTHER"), kTokenValue)).succeeded);
    QCOMPARE(m_temp->secrets().count(), 3);
    QSignalSpy removedSpy(&service(), &CustomActionService::actionRemoved);

    const CustomActionJobResult removed = waitForJob(service().remove(action.id));
    QVERIFY2(removed.succeeded, qPrintable(removed.message()));
    QCOMPARE(removed.action.id, action.id);
    QCOMPARE(removedSpy.count(), 1);
    QCOMPARE(removedSpy.at(0).at(0).toString(), action.id);
    QCOMPARE(service().find(action.id).error().kind(), Error::Kind::NotFound);
    QCOMPARE(m_temp->secrets().count(), 1);
    QVERIFY(waitForJob(m_temp->secrets().read(key(kept.id, QStringLiteral("TOKEN")))).succeeded());

    // Its name is free again.
    auto again = service().create(action.name, kTrigger);
    QVERIFY2(again, errorBytes(again));
}

QTEST_GUILESS_MAIN(TestCustomActionSecrets)
#include "TestCustomActionSecrets.moc"
