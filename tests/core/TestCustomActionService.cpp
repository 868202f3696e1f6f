#include "ResultText.h"
#include "SecretJobResult.h"
#include "TempTenant.h"
#include "actions/CustomActionService.h"
#include "runtime/ActionTriggers.h"

#include <QDir>
#include <QFile>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <memory>

namespace {

const QString kTrigger = QStringLiteral("send-phone-message");
const QByteArray kTokenValue = QByteArrayLiteral("pl1vo-T0ken-Zq8Wm3Rx5Kb7Nc2Yd4");

/// What a CustomActionJob reported, kept after the job has deleted itself.
struct JobOutcome
{
    int finishedCount = 0;
    bool succeeded = false;
    std::optional<Error> error;
    CustomAction action;
    QHash<QString, QByteArray> secretValues;

    Error::Kind kind() const { return error ? error->kind() : Error::Kind::Invalid; }
    QString message() const { return error ? error->message() : QString(); }
};

/// Waits until @p job finishes and has deleted itself; a job that does not comes back as a Timeout.
JobOutcome waitFor(CustomActionJob *job)
{
    JobOutcome outcome;
    QPointer<CustomActionJob> alive(job);
    QObject::connect(job, &CustomActionJob::finished, job, [&outcome](CustomActionJob *done) {
        ++outcome.finishedCount;
        outcome.succeeded = done->succeeded();
        outcome.error = done->error();
        outcome.action = done->action();
        outcome.secretValues = done->secretValues();
    });
    const bool gone = QTest::qWaitFor([&alive] { return alive.isNull(); }, 5000);
    if (!gone || outcome.finishedCount != 1) {
        outcome.succeeded = false;
        outcome.error
            = Error(Error::Kind::Timeout, QStringLiteral("finished %1 times").arg(outcome.finishedCount));
    }
    return outcome;
}

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

/// Creating and editing custom actions, their names, drafts, secrets and removal.
class TestCustomActionService final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void createStartsFromTheSkeleton();
    void nameRules_data();
    void nameRules();
    void createRefusesUnknownTriggerOrRuntime_data();
    void createRefusesUnknownTriggerOrRuntime();
    void listFiltersByTriggerSortedByName();
    void saveDraftBumpsRevision();
    void staleDraftIsAConflict();
    void saveDraftRefusesDependencies_data();
    void saveDraftRefusesDependencies();
    void renameKeepsNamesUnique();
    void secretsAreWriteOnly();
    void secretRules_data();
    void secretRules();
    void removeSecret();
    void readSecretsNamesAMissingValue();
    void removeDeletesActionAndSecrets();
    void unknownActionIsNotFound();

private:
    CustomActionService &service() { return m_temp->tenant().customActions(); }
    /// Creates an action named @p name for send-phone-message; fails the test when it cannot.
    CustomAction create(const QString &name = QStringLiteral("Send with Plivo"));
    QString key(const QString &actionId, const QString &name)
    {
        return CustomActionService::secretKey(m_temp->tenant().id(), actionId, name);
    }

    std::unique_ptr<TempTenant> m_temp;
};

void TestCustomActionService::init()
{
    m_temp = std::make_unique<TempTenant>();
    QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
}

void TestCustomActionService::cleanup()
{
    m_temp.reset();
}

CustomAction TestCustomActionService::create(const QString &name)
{
    auto created = service().create(name, kTrigger);
    if (!created) {
        QTest::qFail(errorBytes(created).constData(), __FILE__, __LINE__);
        return {};
    }
    return created.value();
}

void TestCustomActionService::createStartsFromTheSkeleton()
{
    QSignalSpy added(&service(), &CustomActionService::actionAdded);
    auto created = service().create(QStringLiteral("  Send with Plivo "), kTrigger);
    QVERIFY2(created, errorBytes(created));
    const CustomAction &action = created.value();
    QVERIFY(!QUuid::fromString(action.id).isNull());
    QCOMPARE(action.name, QStringLiteral("Send with Plivo"));
    QCOMPARE(action.triggerId, kTrigger);
    QCOMPARE(action.triggerVersion, QStringLiteral("v2"));
    QCOMPARE(action.runtime, QStringLiteral("node18"));
    QVERIFY(action.code.contains(QStringLiteral("exports.onExecuteSendPhoneMessage")));
    QCOMPARE(action.code, ActionTriggers::skeleton(kTrigger));
    QCOMPARE(action.revision, 1);
    QCOMPARE(action.deployedVersion, 0);
    QVERIFY(!action.isDeployed());
    QVERIFY(action.dependencies.isEmpty());
    QVERIFY(action.secrets.isEmpty());
    QCOMPARE(added.count(), 1);
    QCOMPARE(added.at(0).at(0).toString(), action.id);

    // It is stored: a reopened tenant has it as it was created.
    QVERIFY2(m_temp->reopen(), qPrintable(m_temp->error()));
    auto found = service().find(action.id);
    QVERIFY2(found, errorBytes(found));
    QCOMPARE(found.value().name, action.name);
    QCOMPARE(found.value().code, action.code);
    QCOMPARE(found.value().createdAt, action.createdAt);
    QVERIFY(!found.value().allChangesDeployed);
    QVERIFY(!service().isDeployed(action.id));
}

void TestCustomActionService::nameRules_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("problem"); // empty: accepted

    const QString taken = QStringLiteral("An action named %1 already exists.");
    QTest::newRow("empty") << QString() << QStringLiteral("Give the action a name.");
    QTest::newRow("spaces only") << QStringLiteral("   ") << QStringLiteral("Give the action a name.");
    QTest::newRow("100 characters") << QString(100, QLatin1Char('a')) << QString();
    QTest::newRow("101 characters") << QString(101, QLatin1Char('a'))
                                    << QStringLiteral("The name is too long: at most 100 characters.");
    QTest::newRow("100 characters and spaces around")
        << QStringLiteral("  ") + QString(100, QLatin1Char('b')) + QStringLiteral(" ") << QString();
    QTest::newRow("line break") << QStringLiteral("Send\nwith Plivo")
                                << QStringLiteral("The name cannot contain line breaks or tabs.");
    QTest::newRow("same name") << QStringLiteral("Existing Action")
                               << taken.arg(QStringLiteral("Existing Action"));
    QTest::newRow("same name, other case")
        << QStringLiteral("EXISTING action") << taken.arg(QStringLiteral("EXISTING action"));
    QTest::newRow("same name, spaces around")
        << QStringLiteral(" Existing Action ") << taken.arg(QStringLiteral("Existing Action"));
    QTest::newRow("unicode") << QStringLiteral("Envoi par SMS — été") << QString();
}

void TestCustomActionService::nameRules()
{
    QFETCH(QString, name);
    QFETCH(QString, problem);
    create(QStringLiteral("Existing Action"));
    QSignalSpy added(&service(), &CustomActionService::actionAdded);

    auto created = service().create(name, kTrigger);
    if (problem.isEmpty()) {
        QVERIFY2(created, errorBytes(created));
        QCOMPARE(created.value().name, name.trimmed());
        QCOMPARE(added.count(), 1);
        return;
    }
    QVERIFY(!created);
    QCOMPARE(created.error().kind(), Error::Kind::Invalid);
    QCOMPARE(created.error().message(), problem);
    QCOMPARE(added.count(), 0);
    QCOMPARE(service().list().value().size(), 1);
}

void TestCustomActionService::createRefusesUnknownTriggerOrRuntime_data()
{
    QTest::addColumn<QString>("trigger");
    QTest::addColumn<QString>("runtime");
    QTest::addColumn<QString>("expected"); // a part of the message

    QTest::newRow("unknown trigger") << "send-carrier-pigeon"
                                     << ""
                                     << "send-carrier-pigeon";
    QTest::newRow("no trigger") << ""
                                << ""
                                << "cannot be written for the trigger";
    QTest::newRow("old runtime") << "send-phone-message"
                                 << "node12"
                                 << "node12";
}

void TestCustomActionService::createRefusesUnknownTriggerOrRuntime()
{
    QFETCH(QString, trigger);
    QFETCH(QString, runtime);
    QFETCH(QString, expected);
    auto created = service().create(QStringLiteral("Action"), trigger, runtime);
    QVERIFY(!created);
    QCOMPARE(created.error().kind(), Error::Kind::Invalid);
    QVERIFY2(created.error().message().contains(expected), qPrintable(created.error().message()));
    QVERIFY(service().list().value().isEmpty());
}

void TestCustomActionService::listFiltersByTriggerSortedByName()
{
    auto login = service().create(
        QStringLiteral("beta login"), QStringLiteral("post-login"), QStringLiteral("node22"));
    QVERIFY2(login, errorBytes(login));
    QCOMPARE(login.value().triggerVersion, QStringLiteral("v3"));
    QCOMPARE(login.value().runtime, QStringLiteral("node22"));
    create(QStringLiteral("Zulu sms"));
    create(QStringLiteral("alpha sms"));

    auto all = service().list();
    QVERIFY2(all, errorBytes(all));
    QStringList names;
    for (const CustomAction &action : all.value())
        names.append(action.name);
    QCOMPARE(names,
             (QStringList {
                 QStringLiteral("alpha sms"), QStringLiteral("beta login"), QStringLiteral("Zulu sms")}));

    auto phone = service().list(kTrigger);
    QVERIFY2(phone, errorBytes(phone));
    QCOMPARE(phone.value().size(), 2);
    QCOMPARE(phone.value().at(0).name, QStringLiteral("alpha sms"));
    QVERIFY(service().list(QStringLiteral("post-change-password")).value().isEmpty());
}

void TestCustomActionService::saveDraftBumpsRevision()
{
    const CustomAction action = create();
    QSignalSpy changed(&service(), &CustomActionService::actionChanged);
    const QString code = QStringLiteral("exports.onExecuteSendPhoneMessage = async () => {};\n");
    const QList<ActionDependency> dependencies {{QStringLiteral(" axios "), QStringLiteral(" ^1.6.0")},
                                                {QStringLiteral("@plivo/sdk"), QStringLiteral("latest")}};

    auto saved = service().saveDraft(action.id, code, dependencies, action.revision);
    QVERIFY2(saved, errorBytes(saved));
    QCOMPARE(saved.value().revision, 2);
    QCOMPARE(saved.value().code, code);
    const QList<ActionDependency> trimmed {{QStringLiteral("axios"), QStringLiteral("^1.6.0")},
                                           {QStringLiteral("@plivo/sdk"), QStringLiteral("latest")}};
    QCOMPARE(saved.value().dependencies, trimmed);
    QVERIFY(saved.value().updatedAt >= action.updatedAt);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(service().find(action.id).value().dependencies, trimmed);
}

void TestCustomActionService::staleDraftIsAConflict()
{
    const CustomAction action = create();
    auto first = service().saveDraft(action.id, QStringLiteral("// mine"), {}, action.revision);
    QVERIFY2(first, errorBytes(first));
    QSignalSpy changed(&service(), &CustomActionService::actionChanged);

    auto stale = service().saveDraft(action.id, QStringLiteral("// theirs"), {}, action.revision);
    QVERIFY(!stale);
    QCOMPARE(stale.error().kind(), Error::Kind::Conflict);
    QCOMPARE(service().find(action.id).value().code, QStringLiteral("// mine"));
    QCOMPARE(service().find(action.id).value().revision, 2);
    QCOMPARE(changed.count(), 0);
}

void TestCustomActionService::saveDraftRefusesDependencies_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("expected");

    QTest::newRow("upper case name") << "Axios"
                                     << "1.0.0"
                                     << "“Axios” is not an npm package name";
    QTest::newRow("path as name") << "../evil"
                                  << "1.0.0"
                                  << "“../evil” is not an npm package name";
    QTest::newRow("url as version") << "axios"
                                    << "https://evil.example/axios.tgz"
                                    << "is not a version";
    QTest::newRow("no version") << "axios"
                                << ""
                                << "Give a version for axios";
    QTest::newRow("listed twice") << "lodash"
                                  << "4.17.21"
                                  << "lodash is listed twice";
}

void TestCustomActionService::saveDraftRefusesDependencies()
{
    QFETCH(QString, name);
    QFETCH(QString, version);
    QFETCH(QString, expected);
    const CustomAction action = create();
    const QList<ActionDependency> dependencies {{QStringLiteral("lodash"), QStringLiteral("^4.17.0")},
                                                {name, version}};

    auto saved = service().saveDraft(action.id, QStringLiteral("// new"), dependencies, action.revision);
    QVERIFY(!saved);
    QCOMPARE(saved.error().kind(), Error::Kind::Invalid);
    QVERIFY2(saved.error().message().contains(expected), qPrintable(saved.error().message()));
    const CustomAction stored = service().find(action.id).value();
    QCOMPARE(stored.revision, action.revision);
    QCOMPARE(stored.code, action.code);
}

void TestCustomActionService::renameKeepsNamesUnique()
{
    create(QStringLiteral("Other"));
    const CustomAction action = create(QStringLiteral("Mine"));

    auto taken = service().rename(action.id, QStringLiteral("other"), action.revision);
    QVERIFY(!taken);
    QCOMPARE(taken.error().message(), QStringLiteral("An action named other already exists."));

    // A new spelling of its own name is not a clash.
    auto renamed = service().rename(action.id, QStringLiteral("MINE"), action.revision);
    QVERIFY2(renamed, errorBytes(renamed));
    QCOMPARE(renamed.value().name, QStringLiteral("MINE"));
    QCOMPARE(renamed.value().revision, action.revision + 1);
}

void TestCustomActionService::secretsAreWriteOnly()
{
    const CustomAction action = create();
    QSignalSpy changed(&service(), &CustomActionService::actionChanged);

    const JobOutcome set
        = waitFor(service().setSecret(action.id, QStringLiteral("PLIVO_AUTH_TOKEN"), "first-value"));
    QVERIFY2(set.succeeded, qPrintable(set.message()));
    QCOMPARE(set.action.secretNames(), QStringList {QStringLiteral("PLIVO_AUTH_TOKEN")});
    const QDateTime firstSetAt = set.action.secrets.constFirst().updatedAt;
    QVERIFY(firstSetAt.isValid());
    QCOMPARE(changed.count(), 1);

    // Replacing keeps one entry, with a new time; a second secret is listed beside it, sorted.
    QTRY_VERIFY(QDateTime::currentDateTimeUtc() > firstSetAt); // the times are stored to the millisecond
    QVERIFY(
        waitFor(service().setSecret(action.id, QStringLiteral("PLIVO_AUTH_TOKEN"), kTokenValue)).succeeded);
    QVERIFY(waitFor(service().setSecret(action.id, QStringLiteral("API_KEY"), "k3y-value-9Xq")).succeeded);
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
    const JobOutcome read = waitFor(service().readSecrets(action.id));
    QVERIFY2(read.succeeded, qPrintable(read.message()));
    QCOMPARE(read.secretValues.value(QStringLiteral("PLIVO_AUTH_TOKEN")), kTokenValue);
    QCOMPARE(read.secretValues.size(), 2);

    // The tenant files hold the names (the scan sees them) but never a value.
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

void TestCustomActionService::secretRules_data()
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

void TestCustomActionService::secretRules()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, value);
    QFETCH(bool, valid);
    const CustomAction action = create();

    const JobOutcome set = waitFor(service().setSecret(action.id, name, value));
    QCOMPARE(set.succeeded, valid);
    QCOMPARE(m_temp->secrets().count(), valid ? 1 : 0);
    QCOMPARE(service().find(action.id).value().secrets.size(), valid ? 1 : 0);
    if (!valid)
        QCOMPARE(set.kind(), Error::Kind::Invalid);
}

void TestCustomActionService::removeSecret()
{
    const CustomAction action = create();
    QVERIFY(waitFor(service().setSecret(action.id, QStringLiteral("TOKEN"), kTokenValue)).succeeded);
    QCOMPARE(m_temp->secrets().count(), 1);

    const JobOutcome removed = waitFor(service().removeSecret(action.id, QStringLiteral("TOKEN")));
    QVERIFY2(removed.succeeded, qPrintable(removed.message()));
    QVERIFY(removed.action.secrets.isEmpty());
    QVERIFY(service().find(action.id).value().secrets.isEmpty());
    QCOMPARE(m_temp->secrets().count(), 0);

    const JobOutcome again = waitFor(service().removeSecret(action.id, QStringLiteral("TOKEN")));
    QVERIFY(!again.succeeded);
    QCOMPARE(again.kind(), Error::Kind::NotFound);
    QCOMPARE(again.message(), QStringLiteral("Send with Plivo has no secret named TOKEN."));
}

void TestCustomActionService::readSecretsNamesAMissingValue()
{
    const CustomAction action = create();
    QVERIFY(waitFor(service().setSecret(action.id, QStringLiteral("TOKEN"), kTokenValue)).succeeded);
    // As after a restart with a store that keeps secrets in memory only.
    QVERIFY(waitForJob(m_temp->secrets().remove(key(action.id, QStringLiteral("TOKEN")))).succeeded());

    const JobOutcome read = waitFor(service().readSecrets(action.id));
    QVERIFY(!read.succeeded);
    QCOMPARE(read.kind(), Error::Kind::NotFound);
    QVERIFY2(read.message().startsWith(QStringLiteral("The secret TOKEN is no longer in the secret store")),
             qPrintable(read.message()));
    QVERIFY(read.secretValues.isEmpty());
}

void TestCustomActionService::removeDeletesActionAndSecrets()
{
    const CustomAction kept = create(QStringLiteral("Kept"));
    QVERIFY(waitFor(service().setSecret(kept.id, QStringLiteral("TOKEN"), "kept-value")).succeeded);
    const CustomAction action = create();
    QVERIFY(waitFor(service().setSecret(action.id, QStringLiteral("TOKEN"), kTokenValue)).succeeded);
    QVERIFY(waitFor(service().setSecret(action.id, QStringLiteral("OTHER"), kTokenValue)).succeeded);
    QCOMPARE(m_temp->secrets().count(), 3);
    QSignalSpy removedSpy(&service(), &CustomActionService::actionRemoved);

    const JobOutcome removed = waitFor(service().remove(action.id));
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

void TestCustomActionService::unknownActionIsNotFound()
{
    const QString unknown = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QCOMPARE(service().find(unknown).error().kind(), Error::Kind::NotFound);
    QCOMPARE(service().saveDraft(unknown, {}, {}, 1).error().kind(), Error::Kind::NotFound);
    QCOMPARE(waitFor(service().setSecret(unknown, QStringLiteral("A"), "v")).kind(), Error::Kind::NotFound);
    QCOMPARE(waitFor(service().readSecrets(unknown)).kind(), Error::Kind::NotFound);
    QCOMPARE(waitFor(service().remove(unknown)).kind(), Error::Kind::NotFound);
    QVERIFY(!service().isDeployed(unknown));
    QCOMPARE(m_temp->secrets().count(), 0);
}

QTEST_GUILESS_MAIN(TestCustomActionService)
#include "TestCustomActionService.moc"
