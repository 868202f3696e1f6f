// ImportPlan: a Deploy CLI file checked whole against the tenant: the field-by-field changes, and the
// refusals that name the file, the line and the rule.

#include "ExchangeFixture.h"
#include "core/applications/ApplicationService.h"
#include "tests/support/StoreEngine.h"

#include <QJsonArray>
#include <QTest>

namespace {

QJsonObject client(const QString &name, const QJsonObject &fields = {})
{
    QJsonObject record {{QStringLiteral("name"), name}, {QStringLiteral("app_type"), QStringLiteral("spa")}};
    for (auto it = fields.begin(); it != fields.end(); ++it)
        record.insert(it.key(), it.value());
    return record;
}

QJsonObject action(const QString &name, const QJsonObject &fields = {})
{
    QJsonObject record {
        {QStringLiteral("name"), name},
        {QStringLiteral("code"), QStringLiteral("exports.onExecuteSendPhoneMessage = async () => {};")},
        {QStringLiteral("deployed"), true},
        {QStringLiteral("supported_triggers"),
         QJsonArray {QJsonObject {{QStringLiteral("id"), QStringLiteral("send-phone-message")},
                                  {QStringLiteral("version"), QStringLiteral("v2")}}}}};
    for (auto it = fields.begin(); it != fields.end(); ++it)
        record.insert(it.key(), it.value());
    return record;
}

QJsonArray bindings(const QStringList &names)
{
    QJsonArray list;
    for (const QString &name : names)
        list.append(
            QJsonObject {{QStringLiteral("action_name"), name}, {QStringLiteral("display_name"), name}});
    return list;
}

/// The demo's exported clients with @p extra appended.
QJsonArray demoClientsAnd(const QJsonObject &exported, const QJsonObject &extra)
{
    QJsonArray clients = exported.value(QLatin1String("clients")).toArray();
    clients.append(extra);
    return clients;
}

} // namespace

class TestImportPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();
    void ownExportChangesNothing_data();
    void ownExportChangesNothing();
    void changes_data();
    void changes();
    void refusals_data();
    void refusals();
    void refusalNamesTheLine();
    void deletesOnlyWhenAllowed();
    void notesWhatIsNotHeld();

private:
    ExchangeFixture *m_fixture = nullptr;
};

void TestImportPlan::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestImportPlan::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_fixture = new ExchangeFixture;
    const QString error = m_fixture->seed();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestImportPlan::cleanup()
{
    delete m_fixture;
    m_fixture = nullptr;
}

void TestImportPlan::ownExportChangesNothing_data()
{
    QTest::addColumn<TenantFiles::Format>("format");
    QTest::newRow("yaml") << TenantFiles::Format::Yaml;
    QTest::newRow("directory") << TenantFiles::Format::Directory;
}

void TestImportPlan::ownExportChangesNothing()
{
    QFETCH(TenantFiles::Format, format);
    auto plan = m_fixture->plan(m_fixture->write(m_fixture->exported(), format));
    QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().message()));
    QVERIFY2(plan.value().isEmpty(), qPrintable(plan.value().describe()));
    QCOMPARE(plan.value().summary(), QStringLiteral("0 to create, 0 to change, 0 to delete"));
}

void TestImportPlan::changes_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QJsonValue>("section");
    QTest::addColumn<QStringList>("lines");
    ExchangeFixture demo;
    QVERIFY(demo.seed().isEmpty());
    const QJsonObject exported = demo.exported();
    QJsonArray changedClients = exported.value(QLatin1String("clients")).toArray();
    QJsonObject spa = changedClients.first().toObject();
    spa.insert(QStringLiteral("callbacks"),
               QJsonArray {QStringLiteral("http://localhost:3000"), QStringLiteral("http://localhost:4000")});
    changedClients.replace(0, spa);

    QTest::newRow("a new client")
        << QStringLiteral("clients")
        << QJsonValue(demoClientsAnd(
               exported,
               client(QStringLiteral("Imported App"),
                      {{QStringLiteral("callbacks"), QJsonArray {QStringLiteral("http://localhost:5173")}}})))
        << QStringList {QStringLiteral("+ clients  Imported App"),
                        QStringLiteral("    callbacks: [\"http://localhost:5173\"]"),
                        QStringLiteral("    app_type: \"spa\"")};
    QTest::newRow("a client's callbacks")
        << QStringLiteral("clients") << QJsonValue(changedClients)
        << QStringList {QStringLiteral("~ clients  My React App"),
                        QStringLiteral("    callbacks: [\"http://localhost:3000\"] → "
                                       "[\"http://localhost:3000\",\"http://localhost:4000\"]")};
    QTest::newRow("a new action") << QStringLiteral("actions")
                                  << QJsonValue(QJsonArray {action(QStringLiteral("Notify"))})
                                  << QStringList {QStringLiteral("+ actions  Notify"),
                                                  QStringLiteral("    deployed: true")};
    QTest::newRow("a secret's value, never shown")
        << QStringLiteral("actions")
        << QJsonValue(QJsonArray {
               action(QStringLiteral("Notify"),
                      {{QStringLiteral("secrets"),
                        QJsonArray {QJsonObject {{QStringLiteral("name"), QStringLiteral("TOKEN")},
                                                 {QStringLiteral("value"), QStringLiteral("hunter2")}}}}})})
        << QStringList {QStringLiteral("    secrets: [{\"name\":\"TOKEN\"}]"),
                        QStringLiteral("    secret values set: [\"TOKEN\"]")};
    QTest::newRow("an emptied flow")
        << QStringLiteral("triggers")
        << QJsonValue(QJsonObject {{QStringLiteral("send-phone-message"), QJsonArray {}}})
        << QStringList {
               QStringLiteral("~ triggers  send-phone-message"),
               QStringLiteral("    bindings: [{\"action_name\":\"Plivo\",\"display_name\":\"Plivo\"}] → []")};
    QTest::newRow("policy Never") << QStringLiteral("guardianPolicies")
                                  << QJsonValue(QJsonObject {{QStringLiteral("policies"), QJsonArray {}}})
                                  << QStringList {
                                         QStringLiteral("~ guardianPolicies  guardianPolicies"),
                                         QStringLiteral("    policies: [\"all-applications\"] → []")};
    QTest::newRow("the sms factor off")
        << QStringLiteral("guardianFactors")
        << QJsonValue(QJsonArray {QJsonObject {{QStringLiteral("name"), QStringLiteral("sms")},
                                               {QStringLiteral("enabled"), false}}})
        << QStringList {QStringLiteral("~ guardianFactors  sms"),
                        QStringLiteral("    enabled: true → false")};
    QTest::newRow("a template")
        << QStringLiteral("guardianFactorTemplates")
        << QJsonValue(QJsonArray {
               QJsonObject {{QStringLiteral("name"), QStringLiteral("sms")},
                            {QStringLiteral("verification_message"), QStringLiteral("Code: {{code}}")}}})
        << QStringList {QStringLiteral("~ guardianFactorTemplates  sms"),
                        QStringLiteral("    verification_message: \"{{code}} is your verification code for "
                                       "{{tenant.friendly_name}}\" → \"Code: {{code}}\"")};
}

void TestImportPlan::changes()
{
    QFETCH(QString, type);
    QFETCH(QJsonValue, section);
    QFETCH(QStringList, lines);
    QJsonObject document = m_fixture->exported();
    document.insert(type, section);
    auto plan = m_fixture->plan(m_fixture->write(document));
    QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().message()));
    const QStringList described = plan.value().describe().split(QLatin1Char('\n'));
    for (const QString &line : lines)
        QVERIFY2(described.contains(line),
                 qPrintable(QStringLiteral("%1\nnot in:\n%2").arg(line, described.join(QLatin1Char('\n')))));
    QVERIFY(!plan.value().describe().contains(QLatin1String("hunter2")));
}

void TestImportPlan::refusals_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QJsonValue>("section");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown client field")
        << QStringLiteral("clients")
        << QJsonValue(QJsonArray {client(QStringLiteral("A"), {{QStringLiteral("app_typ"), 1}})})
        << QStringLiteral("clients[0].app_typ: is not a field of an Auth0 client");
    QTest::newRow("callbacks not a list")
        << QStringLiteral("clients")
        << QJsonValue(QJsonArray {
               client(QStringLiteral("A"), {{QStringLiteral("callbacks"), QStringLiteral("http://a")}})})
        << QStringLiteral("clients[0]: Payload validation error: 'callbacks' must be an array of strings");
    QTest::newRow("a callback that is no URL")
        << QStringLiteral("clients")
        << QJsonValue(
               QJsonArray {client(QStringLiteral("A"),
                                  {{QStringLiteral("callbacks"), QJsonArray {QStringLiteral("not a url")}}})})
        << QStringLiteral("clients[0]: ");
    QTest::newRow("a type change")
        << QStringLiteral("clients")
        << QJsonValue(QJsonArray {client(QStringLiteral("My React App"),
                                         {{QStringLiteral("app_type"), QStringLiteral("native")}})})
        << QStringLiteral("clients[0].app_type: an application's type cannot change (spa in the tenant)");
    QTest::newRow("a name twice") << QStringLiteral(
        "clients") << QJsonValue(QJsonArray {client(QStringLiteral("A")), client(QStringLiteral("a"))})
                                  << QStringLiteral("clients[1].name: \"a\" is listed twice");
    QTest::newRow("a client without a name")
        << QStringLiteral("clients")
        << QJsonValue(QJsonArray {QJsonObject {{QStringLiteral("app_type"), QStringLiteral("spa")}}})
        << QStringLiteral("clients[0].name: is required and must be text");
    QTest::newRow("clients not a list") << QStringLiteral("clients") << QJsonValue(QStringLiteral("x"))
                                        << QStringLiteral("clients: must be a list");
    QTest::newRow("unknown resource type")
        << QStringLiteral("connectionz") << QJsonValue(QJsonArray {})
        << QStringLiteral("connectionz: is not a resource type of Auth0's Deploy CLI");
    QTest::newRow("an action's unknown trigger")
        << QStringLiteral("actions")
        << QJsonValue(QJsonArray {
               action(QStringLiteral("N"),
                      {{QStringLiteral("supported_triggers"),
                        QJsonArray {QJsonObject {{QStringLiteral("id"), QStringLiteral("pre-login")}}}}})})
        << QStringLiteral("actions[0].supported_triggers: must name exactly one trigger");
    QTest::newRow("an action's runtime")
        << QStringLiteral("actions")
        << QJsonValue(QJsonArray {
               action(QStringLiteral("N"), {{QStringLiteral("runtime"), QStringLiteral("node8")}})})
        << QStringLiteral("actions[0].runtime: \"node8\" is not one of");
    QTest::newRow("a dependency")
        << QStringLiteral("actions")
        << QJsonValue(QJsonArray {
               action(QStringLiteral("N"),
                      {{QStringLiteral("dependencies"),
                        QJsonArray {QJsonObject {{QStringLiteral("name"), QStringLiteral("Bad Name!")},
                                                 {QStringLiteral("version"), QStringLiteral("1")}}}}})})
        << QStringLiteral("actions[0].dependencies: ");
    QTest::newRow("a secret's name")
        << QStringLiteral("actions")
        << QJsonValue(QJsonArray {
               action(QStringLiteral("N"),
                      {{QStringLiteral("secrets"),
                        QJsonArray {QJsonObject {{QStringLiteral("name"), QStringLiteral("1BAD")}}}}})})
        << QStringLiteral("actions[0].secrets[0].name: ");
    QTest::newRow("modules")
        << QStringLiteral("actions")
        << QJsonValue(QJsonArray {
               action(QStringLiteral("N"),
                      {{QStringLiteral("modules"),
                        QJsonArray {QJsonObject {{QStringLiteral("module_name"), QStringLiteral("m")}}}}})})
        << QStringLiteral("actions[0].modules: Authdeck does not support Actions Modules");
    QTest::newRow("deployed as text")
        << QStringLiteral("actions")
        << QJsonValue(QJsonArray {
               action(QStringLiteral("N"), {{QStringLiteral("deployed"), QStringLiteral("yes")}})})
        << QStringLiteral("actions[0].deployed: must be true or false");
    QTest::newRow("an unknown trigger's flow")
        << QStringLiteral("triggers")
        << QJsonValue(QJsonObject {{QStringLiteral("pre-login"), QJsonArray {}}})
        << QStringLiteral("triggers.pre-login: is not a trigger Authdeck runs");
    QTest::newRow("a binding of nothing")
        << QStringLiteral("triggers")
        << QJsonValue(
               QJsonObject {{QStringLiteral("send-phone-message"), bindings({QStringLiteral("Twilio")})}})
        << QStringLiteral("triggers.send-phone-message[0].action_name: no action or installed integration is "
                          "named \"Twilio\"");
    QTest::newRow("a binding in the wrong flow")
        << QStringLiteral("triggers")
        << QJsonValue(QJsonObject {{QStringLiteral("post-login"), bindings({QStringLiteral("Plivo")})}})
        << QStringLiteral("\"Plivo\" runs in send-phone-message, not in post-login");
    QTest::newRow("another factor on")
        << QStringLiteral("guardianFactors")
        << QJsonValue(QJsonArray {QJsonObject {{QStringLiteral("name"), QStringLiteral("otp")},
                                               {QStringLiteral("enabled"), true}}})
        << QStringLiteral(
               "guardianFactors[0].enabled: Authdeck offers only the sms factor (Phone Message), not otp");
    QTest::newRow("an unknown factor")
        << QStringLiteral("guardianFactors")
        << QJsonValue(QJsonArray {QJsonObject {{QStringLiteral("name"), QStringLiteral("carrier-pigeon")},
                                               {QStringLiteral("enabled"), false}}})
        << QStringLiteral("\"carrier-pigeon\" is not a Guardian factor");
    QTest::newRow("Twilio")
        << QStringLiteral("guardianPhoneFactorSelectedProvider")
        << QJsonValue(QJsonObject {{QStringLiteral("provider"), QStringLiteral("twilio")}})
        << QStringLiteral(
               "guardianPhoneFactorSelectedProvider.provider: Authdeck delivers codes only through Custom");
    QTest::newRow("Adaptive MFA")
        << QStringLiteral("guardianPolicies")
        << QJsonValue(
               QJsonObject {{QStringLiteral("policies"), QJsonArray {QStringLiteral("confidence-score")}}})
        << QStringLiteral(
               "guardianPolicies.policies: Authdeck supports [] (Never) and [all-applications] (Always)");
    QTest::newRow("a template without the code")
        << QStringLiteral("guardianFactorTemplates")
        << QJsonValue(
               QJsonArray {QJsonObject {{QStringLiteral("name"), QStringLiteral("sms")},
                                        {QStringLiteral("verification_message"), QStringLiteral("Hello")}}})
        << QStringLiteral("guardianFactorTemplates[0].verification_message: Verification message: The "
                          "message must contain {{code}}");
}

void TestImportPlan::refusals()
{
    QFETCH(QString, type);
    QFETCH(QJsonValue, section);
    QFETCH(QString, message);
    QJsonObject document = m_fixture->exported();
    document.insert(type, section);
    auto plan = m_fixture->plan(m_fixture->write(document));
    QVERIFY(!plan);
    QCOMPARE(plan.error().kind(), Error::Kind::Invalid);
    QVERIFY2(plan.error().message().startsWith(QLatin1String("tenant.yaml, line ")),
             qPrintable(plan.error().message()));
    QVERIFY2(plan.error().message().contains(message), qPrintable(plan.error().message()));
}

void TestImportPlan::refusalNamesTheLine()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("tenant.yaml")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(
        "clients:\n  - name: A\n    app_type: spa\n  - name: B\n    app_type: spa\n    callbacks: 12\n");
    file.close();
    auto plan = m_fixture->plan(dir.path());
    QVERIFY(!plan);
    QCOMPARE(plan.error().message(),
             QStringLiteral("tenant.yaml, line 4: clients[1]: Payload validation error: 'callbacks' must be "
                            "an array of strings"));
    QVERIFY(!m_fixture->tenant().applications().list().value().isEmpty());
}

void TestImportPlan::deletesOnlyWhenAllowed()
{
    QJsonObject document = m_fixture->exported();
    document.insert(QStringLiteral("clients"), QJsonArray {client(QStringLiteral("Other"))});
    const QString folder = m_fixture->write(document);
    auto kept = m_fixture->plan(folder);
    QVERIFY(kept);
    QVERIFY(!kept.value().describe().contains(QLatin1String("- clients")));
    QCOMPARE(kept.value().summary(), QStringLiteral("1 to create, 0 to change, 0 to delete"));
    auto deleting = m_fixture->plan(folder, {true});
    QVERIFY(deleting);
    QVERIFY2(deleting.value().describe().contains(QLatin1String("- clients  My React App")),
             qPrintable(deleting.value().describe()));
    QCOMPARE(deleting.value().summary(), QStringLiteral("1 to create, 0 to change, 1 to delete"));
}

void TestImportPlan::notesWhatIsNotHeld()
{
    QJsonObject document = m_fixture->exported();
    document.insert(QStringLiteral("connections"),
                    QJsonArray {QJsonObject {{QStringLiteral("name"), QStringLiteral("db")}}});
    document.insert(QStringLiteral("clients"),
                    QJsonArray {client(QStringLiteral("My React App"),
                                       {{QStringLiteral("logo_uri"), QStringLiteral("https://x/l.png")}})});
    auto plan = m_fixture->plan(m_fixture->write(document));
    QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().message()));
    QCOMPARE(plan.value().notes(),
             (QStringList {
                 QStringLiteral("connections: Authdeck does not hold this resource type; it is left out."),
                 QStringLiteral("clients: Authdeck does not keep logo_uri; those fields are left out.")}));
    QVERIFY(plan.value().isEmpty());
}

QTEST_GUILESS_MAIN(TestImportPlan)
#include "TestImportPlan.moc"
