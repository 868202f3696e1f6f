#include "core/actions/CustomActionService.h"
#include "core/runtime/ActionTriggers.h"
#include "tests/support/CustomActionJobResult.h"
#include "tests/support/CustomActionServiceFixture.h"
#include "tests/support/ResultText.h"
#include "tests/support/StoreEngine.h"
#include "tests/support/TempTenant.h"

#include <QSignalSpy>
#include <QTest>
#include <QUuid>

/// Creating and editing custom actions: their names, drafts and dependencies, and unknown actions. Their
/// secrets and removal are in TestCustomActionSecrets.cpp.
class TestCustomActionService final : public QObject, private CustomActionServiceFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
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
    void unknownActionIsNotFound();
};

void TestCustomActionService::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestCustomActionService::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    setUp();
}

void TestCustomActionService::cleanup()
{
    tearDown();
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

void TestCustomActionService::unknownActionIsNotFound()
{
    const QString unknown = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QCOMPARE(service().find(unknown).error().kind(), Error::Kind::NotFound);
    QCOMPARE(service().saveDraft(unknown, {}, {}, 1).error().kind(), Error::Kind::NotFound);
    QCOMPARE(waitForJob(service().setSecret(unknown, QStringLiteral("A"), "v")).kind(),
             Error::Kind::NotFound);
    QCOMPARE(waitForJob(service().readSecrets(unknown)).kind(), Error::Kind::NotFound);
    QCOMPARE(waitForJob(service().remove(unknown)).kind(), Error::Kind::NotFound);
    QVERIFY(!service().isDeployed(unknown));
    QCOMPARE(m_temp->secrets().count(), 0);
}

QTEST_GUILESS_MAIN(TestCustomActionService)
#include "TestCustomActionService.moc"
