#include "core/applications/ApplicationService.h"
#include "core/flows/FlowService.h"
#include "core/login/UserStore.h"
#include "core/logs/LogStore.h"
#include "core/mfa/MfaService.h"
#include "core/secrets/SecretJob.h"
#include "core/settings/TenantSettings.h"
#include "core/store/Database.h"
#include "core/tenant/Tenant.h"
#include "tests/support/ResultText.h"
#include "tests/support/SecretJobResult.h"
#include "tests/support/StoreEngine.h"
#include "tests/support/StoreFault.h"
#include "tests/support/TempTenant.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

/// Configuration changes made in the app are logged as "sapi", the way Auth0 logs Management API calls.
class TestAuditLog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void operationIsLogged_data();
    void operationIsLogged();
    void loginTrafficIsNotConfiguration();
    void failedWriteLeavesATrace();

private:
    Tenant &tenant() { return m_temp->tenant(); }
    QList<LogEvent> sapiEvents() const;
    /// Performs @p operation; the path its log must name.
    QString perform(const QString &operation);

    std::unique_ptr<TempTenant> m_temp;
    QString m_clientId;
    QString m_userId;
};

void TestAuditLog::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestAuditLog::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_temp = std::make_unique<TempTenant>();
    QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
    QSignalSpy secretStored(&tenant().applications(), &ApplicationService::clientSecretRotated);
    auto app = tenant().applications().create(
        {QStringLiteral("Web"), ApplicationType::RegularWeb, QStringLiteral("React"), {}});
    QVERIFY2(app, errorBytes(app));
    QVERIFY(secretStored.wait()); // a confidential application's first secret
    m_clientId = app.value().clientId;
    auto user = tenant().users().create(QStringLiteral("ada@example.com"), QStringLiteral("correct horse"));
    QVERIFY2(user, errorBytes(user));
    m_userId = user.value().id;
}

void TestAuditLog::cleanup()
{
    m_temp.reset();
}

QList<LogEvent> TestAuditLog::sapiEvents() const
{
    LogFilter filter;
    filter.type = QStringLiteral("sapi");
    return m_temp->tenant().logs().query(filter).value();
}

QString TestAuditLog::perform(const QString &operation)
{
    const QString client = QStringLiteral("/api/v2/clients/") + m_clientId;
    const QString user = QStringLiteral("/api/v2/users/") + m_userId;
    if (operation == QLatin1String("create application")) {
        EXPECT_OK(
            tenant().applications().create({QStringLiteral("Another"), ApplicationType::SinglePage, {}, {}}));
        return QStringLiteral("/api/v2/clients");
    }
    if (operation == QLatin1String("update application")) {
        Application app = tenant().applications().find(m_clientId).value();
        app.description = QStringLiteral("Changed");
        EXPECT_OK(tenant().applications().update(app));
        return client;
    }
    if (operation == QLatin1String("rotate secret")) {
        waitForJob(tenant().applications().rotateClientSecret(m_clientId));
        return client + QStringLiteral("/rotate-secret");
    }
    if (operation == QLatin1String("delete application")) {
        EXPECT_OK(tenant().applications().remove(m_clientId));
        return client;
    }
    if (operation == QLatin1String("apply flow")) {
        EXPECT_OK(tenant().flows().apply(QStringLiteral("send-phone-message"), {}));
        return QStringLiteral("/api/v2/actions/triggers/send-phone-message/bindings");
    }
    if (operation == QLatin1String("mfa policy")) {
        EXPECT_OK(tenant().mfa().setPolicy(MfaPolicy::Always));
        return QStringLiteral("/api/v2/guardian/policies");
    }
    if (operation == QLatin1String("tenant settings")) {
        TenantSettings::Values values = tenant().settings().values();
        values.friendlyName = QStringLiteral("Renamed");
        EXPECT_OK(tenant().settings().save(values));
        return QStringLiteral("/api/v2/tenants/settings");
    }
    if (operation == QLatin1String("create user")) {
        EXPECT_OK(
            tenant().users().create(QStringLiteral("grace@example.com"), QStringLiteral("correct horse")));
        return QStringLiteral("/api/v2/users");
    }
    if (operation == QLatin1String("block user")) {
        EXPECT_OK(tenant().users().block(m_userId));
        return user;
    }
    if (operation == QLatin1String("reset mfa")) {
        EXPECT_OK(tenant().users().resetMfa(m_userId));
        return user + QStringLiteral("/authentication-methods");
    }
    if (operation == QLatin1String("delete user")) {
        EXPECT_OK(tenant().users().remove(m_userId));
        return user;
    }
    if (operation == QLatin1String("sign-ups off")) {
        EXPECT_OK(tenant().users().setSignUpsEnabled(false));
        return QStringLiteral("/api/v2/connections/Username-Password-Authentication");
    }
    return {};
}

void TestAuditLog::operationIsLogged_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("description");
    QTest::addColumn<QString>("method");

    QTest::newRow("create application") << "create application"
                                        << "Create a client"
                                        << "post";
    QTest::newRow("update application") << "update application"
                                        << "Update a client"
                                        << "patch";
    QTest::newRow("rotate secret") << "rotate secret"
                                   << "Rotate a client secret"
                                   << "post";
    QTest::newRow("delete application") << "delete application"
                                        << "Delete a client"
                                        << "delete";
    QTest::newRow("apply flow") << "apply flow"
                                << "Update trigger bindings"
                                << "patch";
    QTest::newRow("mfa policy") << "mfa policy"
                                << "Set the Multi-factor Authentication policy"
                                << "patch";
    QTest::newRow("tenant settings") << "tenant settings"
                                     << "Update tenant settings"
                                     << "patch";
    QTest::newRow("create user") << "create user"
                                 << "Create a User"
                                 << "post";
    QTest::newRow("block user") << "block user"
                                << "Block a user"
                                << "patch";
    QTest::newRow("reset mfa") << "reset mfa"
                               << "Delete a user's authentication methods"
                               << "delete";
    QTest::newRow("delete user") << "delete user"
                                 << "Delete a User"
                                 << "delete";
    QTest::newRow("sign-ups off") << "sign-ups off"
                                  << "Disable sign-ups"
                                  << "patch";
}

void TestAuditLog::operationIsLogged()
{
    QFETCH(QString, operation);
    QFETCH(QString, description);
    QFETCH(QString, method);
    const qsizetype before = sapiEvents().size();
    const QString path = perform(operation);
    QVERIFY(!path.isEmpty());
    const QList<LogEvent> events = sapiEvents();
    QCOMPARE(events.size(), before + 1);
    const LogEvent &logged = events.constFirst();
    QCOMPARE(logged.description, description);
    const QJsonObject request = logged.details.value(QStringLiteral("request")).toObject();
    QCOMPARE(request.value(QStringLiteral("method")).toString(), method);
    QCOMPARE(request.value(QStringLiteral("path")).toString(), path);
    if (path.startsWith(QLatin1String("/api/v2/users/")))
        QCOMPARE(logged.userId, m_userId);
    // No value travels in a sapi event: an application's secret never could.
    QVERIFY(!logged.details.contains(QStringLiteral("body")));
}

void TestAuditLog::loginTrafficIsNotConfiguration()
{
    const qsizetype before = sapiEvents().size();
    QVERIFY(tenant().users().create(
        QStringLiteral("self@example.com"), QStringLiteral("correct horse"), UserStore::Origin::SignUp));
    QVERIFY(tenant().users().recordLogin(m_userId));
    QVERIFY(tenant().users().enrollPhone(m_userId, QStringLiteral("+15554443232")));
    QCOMPARE(sapiEvents().size(), before);
}

void TestAuditLog::failedWriteLeavesATrace()
{
    QCOMPARE(StoreFault::refuse(tenant().database(),
                                QStringLiteral("jam"),
                                QStringLiteral("INSERT"),
                                QStringLiteral("logs"),
                                QStringLiteral("disk full")),
             QString());
    const qsizetype before = sapiEvents().size();
    QSignalSpy failed(&tenant().logs(), &LogStore::recordFailed);
    QSignalSpy changed(&tenant().settings(), &TenantSettings::changed);
    TenantSettings::Values values = tenant().settings().values();
    values.friendlyName = QStringLiteral("Renamed");

    // The change itself is made; its audit event cannot be written, and says so.
    QVERIFY(tenant().settings().save(values));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(failed.count(), 1);
    const auto event = failed.first().at(0).value<LogEvent>();
    QCOMPARE(event.type, QStringLiteral("sapi"));
    QCOMPARE(event.description, QStringLiteral("Update tenant settings"));
    QVERIFY2(failed.first().at(1).toString().contains(QStringLiteral("disk full")),
             qPrintable(failed.first().at(1).toString()));
    QCOMPARE(tenant().logs().failedRecords(), 1);

    QCOMPARE(StoreFault::allow(tenant().database(), QStringLiteral("jam"), QStringLiteral("logs")),
             QString());
    values.friendlyName = QStringLiteral("Renamed again");
    QVERIFY(tenant().settings().save(values));
    QCOMPARE(failed.count(), 1);
    QCOMPARE(tenant().logs().failedRecords(), 1);
    QCOMPARE(sapiEvents().size(), before + 1);
}

QTEST_GUILESS_MAIN(TestAuditLog)
#include "TestAuditLog.moc"
