#include "core/runtime/ActionTriggers.h"

#include <QJsonArray>
#include <QTest>

class TestActionTriggers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runnable();
    void trigger_data();
    void trigger();
    void unknownTrigger();
    void sendPhoneMessageEvent();
    void postLoginEvent();
    void sampleEventsHaveNoSecrets();
    void apiMethods_data();
    void apiMethods();
    void runtimes();
};

void TestActionTriggers::runnable()
{
    const QStringList expected {QStringLiteral("post-login"),
                                QStringLiteral("credentials-exchange"),
                                QStringLiteral("pre-user-registration"),
                                QStringLiteral("post-user-registration"),
                                QStringLiteral("post-change-password"),
                                QStringLiteral("send-phone-message")};
    QCOMPARE(ActionTriggers::runnable(), expected);
    QVERIFY(ActionTriggers::isRunnable(QStringLiteral("send-phone-message")));
    QVERIFY(!ActionTriggers::isRunnable(QStringLiteral("custom-phone-provider")));
    QVERIFY(!ActionTriggers::isRunnable(QString()));
}

void TestActionTriggers::trigger_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("handler");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("label");
    QTest::newRow("post-login") << QStringLiteral("post-login") << QStringLiteral("onExecutePostLogin")
                                << QStringLiteral("v3") << QStringLiteral("Login / Post Login");
    QTest::newRow("credentials-exchange")
        << QStringLiteral("credentials-exchange") << QStringLiteral("onExecuteCredentialsExchange")
        << QStringLiteral("v2") << QStringLiteral("Machine to Machine / Credentials Exchange");
    QTest::newRow("pre-user-registration")
        << QStringLiteral("pre-user-registration") << QStringLiteral("onExecutePreUserRegistration")
        << QStringLiteral("v2") << QStringLiteral("Pre User Registration");
    QTest::newRow("post-user-registration")
        << QStringLiteral("post-user-registration") << QStringLiteral("onExecutePostUserRegistration")
        << QStringLiteral("v2") << QStringLiteral("Post User Registration");
    QTest::newRow("post-change-password")
        << QStringLiteral("post-change-password") << QStringLiteral("onExecutePostChangePassword")
        << QStringLiteral("v2") << QStringLiteral("Post Change Password");
    QTest::newRow("send-phone-message")
        << QStringLiteral("send-phone-message") << QStringLiteral("onExecuteSendPhoneMessage")
        << QStringLiteral("v2") << QStringLiteral("Send Phone Message");
}

void TestActionTriggers::trigger()
{
    QFETCH(QString, id);
    QFETCH(QString, handler);
    QFETCH(QString, version);
    QFETCH(QString, label);
    QCOMPARE(ActionTriggers::handlerName(id), handler);
    QCOMPARE(ActionTriggers::version(id), version);
    QCOMPARE(ActionTriggers::label(id), label);
    const QString skeleton = ActionTriggers::skeleton(id);
    QVERIFY2(
        skeleton.startsWith(QStringLiteral("/**\n* Handler that will be called during the execution of a ")),
        qPrintable(skeleton));
    QVERIFY(skeleton.contains(QStringLiteral("* @param {Event} event - ")));
    QVERIFY(skeleton.contains(QStringLiteral("API} api - ")));
    QVERIFY(skeleton.contains(QStringLiteral("\nexports.%1 = async (event, api) => {\n};\n").arg(handler)));
    QVERIFY(!ActionTriggers::sampleEvent(id).isEmpty());
}

void TestActionTriggers::unknownTrigger()
{
    const QString id = QStringLiteral("password-hash-migration");
    QVERIFY(ActionTriggers::handlerName(id).isEmpty());
    QVERIFY(ActionTriggers::skeleton(id).isEmpty());
    QVERIFY(ActionTriggers::sampleEvent(id).isEmpty());
    QVERIFY(ActionTriggers::apiMethods(id).isEmpty());
}

void TestActionTriggers::sendPhoneMessageEvent()
{
    const QJsonObject event = ActionTriggers::sampleEvent(QStringLiteral("send-phone-message"));
    QStringList keys = event.keys();
    QCOMPARE(keys,
             QStringList({QStringLiteral("client"),
                          QStringLiteral("message_options"),
                          QStringLiteral("request"),
                          QStringLiteral("tenant"),
                          QStringLiteral("user")}));
    const QJsonObject options = event.value(QLatin1String("message_options")).toObject();
    QCOMPARE(options.keys(),
             QStringList({QStringLiteral("action"),
                          QStringLiteral("code"),
                          QStringLiteral("message_type"),
                          QStringLiteral("recipient"),
                          QStringLiteral("text")}));
    QCOMPARE(options.value(QLatin1String("message_type")).toString(), QStringLiteral("sms"));
    QVERIFY(options.value(QLatin1String("text"))
                .toString()
                .contains(options.value(QLatin1String("code")).toString()));
    const QJsonObject request = event.value(QLatin1String("request")).toObject();
    for (const char *key : {"geoip", "hostname", "ip", "language", "method", "user_agent"})
        QVERIFY2(request.contains(QLatin1String(key)), key);
    QVERIFY(event.value(QLatin1String("tenant")).toObject().contains(QLatin1String("id")));
    QVERIFY(event.value(QLatin1String("user")).toObject().contains(QLatin1String("phone_number")));
}

void TestActionTriggers::postLoginEvent()
{
    const QJsonObject event = ActionTriggers::sampleEvent(QStringLiteral("post-login"));
    for (const char *key :
         {"user", "client", "connection", "request", "tenant", "transaction", "stats", "authentication"})
        QVERIFY2(event.contains(QLatin1String(key)), key);
    QVERIFY(!event.contains(QLatin1String("organization")));
    QCOMPARE(event.value(QLatin1String("stats")).toObject().value(QLatin1String("logins_count")).toInt(), 7);
}

void TestActionTriggers::sampleEventsHaveNoSecrets()
{
    const QStringList ids = ActionTriggers::runnable();
    for (const QString &id : ids) {
        const QJsonObject event = ActionTriggers::sampleEvent(id);
        QVERIFY2(!event.contains(QLatin1String("secrets")) && !event.contains(QLatin1String("configuration")),
                 qPrintable(id));
    }
}

void TestActionTriggers::apiMethods_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QStringList>("including");
    const QStringList cache {
        QStringLiteral("cache.get"), QStringLiteral("cache.set"), QStringLiteral("cache.delete")};
    QTest::newRow("post-login") << QStringLiteral("post-login")
                                << (QStringList {QStringLiteral("access.deny"),
                                                 QStringLiteral("idToken.setCustomClaim"),
                                                 QStringLiteral("accessToken.setCustomClaim"),
                                                 QStringLiteral("user.setUserMetadata"),
                                                 QStringLiteral("user.setAppMetadata"),
                                                 QStringLiteral("multifactor.enable"),
                                                 QStringLiteral("redirect.sendUserTo")}
                                    + cache);
    QTest::newRow("send-phone-message") << QStringLiteral("send-phone-message") << cache;
    QTest::newRow("credentials-exchange")
        << QStringLiteral("credentials-exchange") << (QStringList {QStringLiteral("access.deny")} + cache);
}

void TestActionTriggers::apiMethods()
{
    QFETCH(QString, id);
    QFETCH(QStringList, including);
    const QStringList methods = ActionTriggers::apiMethods(id);
    for (const QString &method : std::as_const(including))
        QVERIFY2(methods.contains(method), qPrintable(method));
    if (id == QLatin1String("send-phone-message"))
        QCOMPARE(methods, including);
}

void TestActionTriggers::runtimes()
{
    QCOMPARE(ActionTriggers::runtimes(), QStringList({QStringLiteral("node18"), QStringLiteral("node22")}));
    QCOMPARE(ActionTriggers::defaultRuntime(), QStringLiteral("node18"));
}

QTEST_GUILESS_MAIN(TestActionTriggers)
#include "TestActionTriggers.moc"
