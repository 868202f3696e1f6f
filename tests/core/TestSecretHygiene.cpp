#include "core/applications/ApplicationService.h"
#include "core/delivery/SmsGateway.h"
#include "core/login/UserStore.h"
#include "core/pipelines/PhoneMessagePipeline.h"
#include "core/plivo/PlivoSandbox.h"
#include "core/secrets/SecretStore.h"
#include "core/store/SmsMessageRepository.h"
#include "core/tenant/DemoSeeder.h"
#include "tests/support/ResultText.h"
#include "tests/support/SecretJobResult.h"
#include "tests/support/TempTenant.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace {

/// Every file in @p folder, by name, with its bytes.
QHash<QString, QByteArray> filesIn(const QString &folder)
{
    QHash<QString, QByteArray> files;
    const QDir dir(folder);
    for (const QString &name : dir.entryList(QDir::Files | QDir::Hidden)) {
        QFile file(dir.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            files.insert(name, file.readAll());
    }
    return files;
}

/// The ways a secret could be written: as its bytes, and as UTF-16 text.
QList<QByteArray> encodingsOf(const QByteArray &secret)
{
    const QString text = QString::fromLatin1(secret);
    return {secret,
            QByteArray(reinterpret_cast<const char *>(text.utf16()), text.size() * 2),
            secret.toBase64(),
            secret.toHex()};
}

/// "file: secret" for the first secret found in @p files, or an empty string.
QString firstLeak(const QHash<QString, QByteArray> &files, const QList<QByteArray> &secrets)
{
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        for (const QByteArray &secret : secrets) {
            for (const QByteArray &encoded : encodingsOf(secret)) {
                if (it.value().contains(encoded))
                    return it.key() + QStringLiteral(": ") + QString::fromLatin1(secret);
            }
        }
    }
    return {};
}

/// The ways a phone number could be written: E.164, its digits, its national digits (@p e164 being a +1
/// number), each as bytes and as UTF-16 text.
QList<QByteArray> encodingsOfNumber(const QString &e164)
{
    QList<QByteArray> encodings;
    for (const QString &text : {e164, e164.mid(1), e164.mid(2)}) {
        encodings.append(text.toLatin1());
        encodings.append(QByteArray(reinterpret_cast<const char *>(text.utf16()), text.size() * 2));
    }
    return encodings;
}

/// "file" for the first file in @p files holding @p e164 in any of its encodings, or an empty string.
QString fileWithNumber(const QHash<QString, QByteArray> &files, const QString &e164)
{
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        for (const QByteArray &encoded : encodingsOfNumber(e164)) {
            if (it.value().contains(encoded))
                return it.key() + QStringLiteral(": ") + QString::fromLatin1(encoded.toHex());
        }
    }
    return {};
}

bool anyContains(const QHash<QString, QByteArray> &files, const QByteArray &needle)
{
    for (const QByteArray &bytes : files) {
        if (bytes.contains(needle))
            return true;
    }
    return false;
}

} // namespace

class TestSecretHygiene final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void secretsNeverReachTheTenantFiles();
    void fullPhoneNumbersOnlyInTheEnrollment();

private:
    std::unique_ptr<TempTenant> m_temp;
};

void TestSecretHygiene::init()
{
    m_temp = std::make_unique<TempTenant>();
    QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
}

void TestSecretHygiene::cleanup()
{
    m_temp.reset();
}

void TestSecretHygiene::secretsNeverReachTheTenantFiles()
{
    ApplicationService &service = m_temp->tenant().applications();
    const QString tenantId = m_temp->tenant().id();
    QSignalSpy rotated(&service, &ApplicationService::clientSecretRotated);

    QStringList clientIds;
    const QList<ApplicationType> types {
        ApplicationType::RegularWeb, ApplicationType::MachineToMachine, ApplicationType::RegularWeb};
    for (ApplicationType type : types) {
        auto created
            = service.create({QStringLiteral("Confidential %1").arg(clientIds.size()), type, {}, {}});
        QVERIFY2(created, errorBytes(created));
        clientIds.append(created.value().clientId);
    }
    QTRY_COMPARE(rotated.count(), clientIds.size());

    auto readAll = [&]() {
        QList<QByteArray> values;
        for (const QString &clientId : qAsConst(clientIds)) {
            const SecretJobResult read = waitForJob(service.readClientSecret(clientId));
            if (read.succeeded())
                values.append(read.value);
        }
        return values;
    };

    // Every value a secret ever had: the first ones, and the rotated ones.
    QList<QByteArray> secrets = readAll();
    QCOMPARE(secrets.size(), clientIds.size());
    for (const QString &clientId : qAsConst(clientIds))
        service.rotateClientSecret(clientId);
    QTRY_COMPARE(rotated.count(), 2 * clientIds.size());
    const QList<QByteArray> rotatedSecrets = readAll();
    QCOMPARE(rotatedSecrets.size(), clientIds.size());
    secrets += rotatedSecrets;
    for (const QByteArray &secret : qAsConst(secrets))
        QCOMPARE(secret.size(), ApplicationService::ClientSecretLength);

    // An application saved after the secrets exist, so that its row is written next to them in time.
    auto edited = service.find(clientIds.constFirst());
    QVERIFY2(edited, errorBytes(edited));
    edited.value().callbacks = QStringList {QStringLiteral("https://app.example.com/callback")};
    auto saved = service.update(edited.value());
    QVERIFY2(saved, errorBytes(saved));

    // While the tenant is open: the main file, its -wal and -shm.
    const QHash<QString, QByteArray> whileOpen = filesIn(m_temp->folder());
    QVERIFY2(whileOpen.contains(QStringLiteral("tenant.authdeck-wal")),
             qPrintable(whileOpen.keys().join(u',')));
    // The scan sees the data: the client ids are in the files, in plain text.
    for (const QString &clientId : qAsConst(clientIds))
        QVERIFY2(anyContains(whileOpen, clientId.toLatin1()), qPrintable(clientId));
    QCOMPARE(firstLeak(whileOpen, secrets), QString());

    // After closing: whatever the checkpoint left behind.
    m_temp->close();
    const QHash<QString, QByteArray> afterClose = filesIn(m_temp->folder());
    QVERIFY(afterClose.contains(QStringLiteral("tenant.authdeck")));
    for (const QString &clientId : qAsConst(clientIds))
        QVERIFY2(anyContains(afterClose, clientId.toLatin1()), qPrintable(clientId));
    QCOMPARE(firstLeak(afterClose, secrets), QString());

    // The secrets are still where they belong.
    const SecretJobResult kept
        = waitForJob(m_temp->secrets().read(SecretStore::clientSecretKey(tenantId, clientIds.constFirst())));
    QVERIFY2(kept.succeeded(), qPrintable(kept.errorString));
    QCOMPARE(kept.value, rotatedSecrets.constFirst());
}

void TestSecretHygiene::fullPhoneNumbersOnlyInTheEnrollment()
{
    Tenant &tenant = m_temp->tenant();
    const QString enrolled = QStringLiteral("+13125550182");
    const QString recipient = QStringLiteral("+12025550147");

    // The whole story on the local test phone, and a user enrolled with a number of their own.
    DemoSeeder seeder(tenant);
    QSignalSpy seeded(&seeder, &DemoSeeder::finished);
    seeder.start();
    QVERIFY(seeded.wait());
    QCOMPARE(seeded.first().first().toString(), QString());
    QVERIFY2(tenant.sms().startSandbox(), qPrintable(tenant.sms().sandbox().errorString()));
    tenant.sms().sandbox().setStateDelays(10, 20);
    auto user = tenant.users().findByEmail(QLatin1String(DemoSeeder::DemoEmail));
    QVERIFY(user && user.value());
    QVERIFY(tenant.users().enrollPhone(user.value()->id, enrolled));

    // A code sent through the Send Phone Message flow to another number, and followed to delivery.
    PhoneMessageRequest request;
    request.purpose = QStringLiteral("enrollment");
    request.recipient = recipient;
    request.code = QStringLiteral("918273");
    request.user = {{QStringLiteral("user_id"), user.value()->id},
                    {QStringLiteral("email"), user.value()->email},
                    {QStringLiteral("phone_number"), recipient}};
    PipelineRun *run = tenant.phoneMessages().send(request);
    QSignalSpy finished(run, &PipelineRun::finished);
    QVERIFY(finished.wait(5000));
    const Execution execution = finished.at(0).at(0).value<Execution>();
    QCOMPARE(execution.status, QStringLiteral("final"));
    const QString uuid = execution.results.value(0).messageUuid;
    QVERIFY(!uuid.isEmpty());
    QTRY_COMPARE(tenant.smsMessages().find(uuid).value().value_or(SmsMessageRecord()).state,
                 QStringLiteral("delivered"));
    // The test phone's own view (in memory, never stored) shows the number in full, as a phone would.
    QCOMPARE(tenant.sms().sandbox().messages().constLast().to, recipient);

    // While open and after closing: the enrolled number is there (the scan sees it), the other nowhere.
    const QHash<QString, QByteArray> whileOpen = filesIn(m_temp->folder());
    QVERIFY(whileOpen.contains(QStringLiteral("tenant.authdeck-wal")));
    QVERIFY(anyContains(whileOpen, enrolled.toLatin1()));
    QCOMPARE(fileWithNumber(whileOpen, recipient), QString());
    m_temp->close();
    const QHash<QString, QByteArray> afterClose = filesIn(m_temp->folder());
    QVERIFY(anyContains(afterClose, enrolled.toLatin1()));
    QCOMPARE(fileWithNumber(afterClose, recipient), QString());
}

QTEST_GUILESS_MAIN(TestSecretHygiene)

#include "TestSecretHygiene.moc"
