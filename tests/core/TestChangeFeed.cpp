// Two Authdecks on one PostgreSQL tenant (two Tenant objects, each with its own connection): what one changes
// reaches the other's services at commit (ChangeFeed, NOTIFY), without polling; a rolled-back change is never
// announced; a stale save is refused across them as across windows; the audit log records each change once.

#include "core/actions/CustomActionService.h"
#include "core/applications/ApplicationService.h"
#include "core/applications/ClientGrantService.h"
#include "core/flows/FlowService.h"
#include "core/login/UserStore.h"
#include "core/logs/LogStore.h"
#include "core/mfa/MfaService.h"
#include "core/settings/TenantSettings.h"
#include "core/store/ChangeFeed.h"
#include "core/store/Database.h"
#include "core/tenant/Tenant.h"
#include "tests/support/StoreEngine.h"
#include "tests/support/TempTenant.h"

#include <QSignalSpy>
#include <QtTest>

#include <memory>

class TestChangeFeed : public QObject
{
    Q_OBJECT

public:
    enum class Change
    {
        Application,
        Grant,
        Policy,
        Settings,
        Flow,
        User,
        CustomAction,
    };
    Q_ENUM(Change)

private Q_SLOTS:
    void sqliteTenantIsQuiet();
    void init();
    void cleanup();
    void changeReachesTheOtherAdmin_data();
    void changeReachesTheOtherAdmin();
    void rolledBackChangeIsNeverAnnounced();
    void aLoginsCountersAreNotAnnounced();
    void staleSaveIsRefusedAcrossAdmins();

private:
    /// Makes @p change in @p tenant; false when the service refused it.
    static bool make(Tenant &tenant, Change change);
    /// The signal of @p tenant that says @p change arrived from elsewhere.
    static std::unique_ptr<QSignalSpy> arrival(Tenant &tenant, Change change);

    std::unique_ptr<TempTenant> m_first;
    std::unique_ptr<Tenant> m_second;
};

void TestChangeFeed::sqliteTenantIsQuiet()
{
    TempTenant file(StoreEngine::sqlite());
    QVERIFY2(file.isValid(), qPrintable(file.error()));
    ChangeFeed feed(file->database());
    QVERIFY(!feed.isListening());
}

void TestChangeFeed::init()
{
    if (qstrcmp(QTest::currentTestFunction(), "sqliteTenantIsQuiet") == 0)
        return;
    if (const QString why = StoreEngine::unavailable(StoreEngine::postgres()); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_first = std::make_unique<TempTenant>(StoreEngine::postgres());
    QVERIFY2(m_first->isValid(), qPrintable(m_first->error()));
    auto second = Tenant::open(m_first->path(), m_first->secrets());
    QVERIFY2(second, second ? "" : qPrintable(second.error().message()));
    m_second = second.takeValue();
}

void TestChangeFeed::cleanup()
{
    m_second.reset();
    m_first.reset();
}

bool TestChangeFeed::make(Tenant &tenant, Change change)
{
    switch (change) {
    case Change::Application:
        return bool(tenant.applications().create(
            {QStringLiteral("Storefront"), ApplicationType::SinglePage, {}, {}}));
    case Change::Grant: {
        // Its client secret is written (and the rotation logged) before the grant, so that every event of
        // the change is in the log when make() returns.
        QSignalSpy secret(&tenant.applications(), &ApplicationService::clientSecretRotated);
        auto app = tenant.applications().create(
            {QStringLiteral("Reporting job"), ApplicationType::MachineToMachine, {}, {}});
        return app && secret.wait(5000)
            && bool(tenant.clientGrants().create(app.value().clientId,
                                                 QStringLiteral("https://localhost/api/v2/"),
                                                 {QStringLiteral("read:users")}));
    }
    case Change::Policy:
        return bool(tenant.mfa().setPolicy(MfaPolicy::Always));
    case Change::Settings: {
        TenantSettings::Values values = tenant.settings().values();
        values.friendlyName = QStringLiteral("Team tenant");
        return bool(tenant.settings().save(values));
    }
    case Change::Flow:
        return bool(tenant.flows().apply(QStringLiteral("post-login"), {}));
    case Change::User:
        return bool(tenant.users().create(QStringLiteral("grace@example.com"),
                                          QStringLiteral("a long passphrase 42")));
    case Change::CustomAction:
        return bool(
            tenant.customActions().create(QStringLiteral("Audit logins"), QStringLiteral("post-login")));
    }
    return false;
}

std::unique_ptr<QSignalSpy> TestChangeFeed::arrival(Tenant &tenant, Change change)
{
    switch (change) {
    case Change::Application:
        return std::make_unique<QSignalSpy>(&tenant.applications(), &ApplicationService::changedElsewhere);
    case Change::Grant:
        return std::make_unique<QSignalSpy>(&tenant.clientGrants(), &ClientGrantService::changedElsewhere);
    case Change::Policy:
        return std::make_unique<QSignalSpy>(&tenant.mfa(), &MfaService::changed);
    case Change::Settings:
        return std::make_unique<QSignalSpy>(&tenant.settings(), &TenantSettings::changed);
    case Change::Flow:
        return std::make_unique<QSignalSpy>(&tenant.flows(), &FlowService::changedElsewhere);
    case Change::User:
        return std::make_unique<QSignalSpy>(&tenant.users(), &UserStore::changedElsewhere);
    case Change::CustomAction:
        return std::make_unique<QSignalSpy>(&tenant.customActions(), &CustomActionService::changedElsewhere);
    }
    return {};
}

void TestChangeFeed::changeReachesTheOtherAdmin_data()
{
    QTest::addColumn<Change>("change");
    QTest::newRow("an application created") << Change::Application;
    QTest::newRow("a client grant created") << Change::Grant;
    QTest::newRow("policy Always") << Change::Policy;
    QTest::newRow("the friendly name saved") << Change::Settings;
    QTest::newRow("the Login flow applied") << Change::Flow;
    QTest::newRow("a user created") << Change::User;
    QTest::newRow("a custom action created") << Change::CustomAction;
}

void TestChangeFeed::changeReachesTheOtherAdmin()
{
    QFETCH(Change, change);
    Tenant &first = m_first->tenant();
    const auto own = arrival(first, change);
    const auto there = arrival(*m_second, change);
    const auto logged = [&first] { return first.logs().count({}, 1000).value(); };

    QVERIFY(make(first, change));
    const int made = logged(); // the sapi events of the change, written by the admin who made it
    QVERIFY(there->wait(5000));
    QCOMPARE(logged(), made); // hearing of it logs nothing
    QCOMPARE(there->count(), 1);
    switch (change) {
    case Change::Application:
        QCOMPARE(m_second->applications().list().value().size(), 1);
        break;
    case Change::Grant:
        QCOMPARE(m_second->clientGrants().list().value().size(), 1);
        break;
    case Change::Policy:
        QCOMPARE(m_second->mfa().policy(), MfaPolicy::Always);
        break;
    case Change::Settings:
        QCOMPARE(m_second->settings().friendlyName(), QStringLiteral("Team tenant"));
        break;
    case Change::Flow:
        QVERIFY(m_second->flows().bindings(QStringLiteral("post-login")).value().isEmpty());
        break;
    case Change::User:
        QVERIFY(m_second->users().findByEmail(QStringLiteral("grace@example.com")).value().has_value());
        break;
    case Change::CustomAction:
        QCOMPARE(m_second->customActions().list().value().size(), 1);
        break;
    }
    // The first hears its own change from its services only: a change the second makes now reaches it, and
    // by then its own notification would have arrived too.
    const auto back = arrival(first, Change::Settings);
    TenantSettings::Values values = m_second->settings().values();
    values.environment = QStringLiteral("staging");
    QVERIFY(m_second->settings().save(values));
    const int saved = logged();
    QCOMPARE(saved, made + 1);
    QVERIFY(back->wait(5000));
    QCOMPARE(logged(), saved);
    // Its own change never came back as a change from elsewhere: changedElsewhere() stayed quiet, and the
    // policy's and settings' changed() fired once for the save (and the settings' once more, for the
    // second's).
    QCOMPARE(own->count(), change == Change::Settings ? 2 : change == Change::Policy ? 1 : 0);
}

void TestChangeFeed::rolledBackChangeIsNeverAnnounced()
{
    const auto applications = arrival(*m_second, Change::Application);
    const auto grants = arrival(*m_second, Change::Grant);
    Database &database = m_first->tenant().database();
    const auto failed = database.transaction([&]() -> Result<void> {
        if (!m_first->tenant().applications().create(
                {QStringLiteral("Never kept"), ApplicationType::SinglePage, {}, {}}))
            return Error(Error::Kind::Storage, QStringLiteral("the create failed"));
        return Error(Error::Kind::Invalid, QStringLiteral("changed my mind"));
    });
    QVERIFY(!failed);
    // A later committed change settles it: it arrives, and the rolled-back one never did.
    QVERIFY(make(m_first->tenant(), Change::Grant));
    QVERIFY(grants->wait(5000));
    QCOMPARE(applications->count(), 1); // the grant's own application, created in the same commit
    const auto listed = m_second->applications().list().value();
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed.constFirst().name, QStringLiteral("Reporting job"));
}

void TestChangeFeed::aLoginsCountersAreNotAnnounced()
{
    auto user = m_first->tenant().users().create(QStringLiteral("ada@example.com"),
                                                 QStringLiteral("a long passphrase 42"));
    QVERIFY(user);
    const auto users = arrival(*m_second, Change::User);
    QVERIFY(users->wait(5000)); // the user's creation
    // What every login writes: a failed password, a login. Neither is a change the Users page shows.
    QVERIFY(m_first->tenant().users().recordFailedLogin(user.value().id));
    QVERIFY(m_first->tenant().users().recordLogin(user.value().id));
    // A later committed change settles it: it arrives, and the login's updates never did.
    const auto settings = arrival(*m_second, Change::Settings);
    QVERIFY(make(m_first->tenant(), Change::Settings));
    QVERIFY(settings->wait(5000));
    QCOMPARE(users->count(), 1);
    // Blocking is one: it arrives.
    QVERIFY(m_first->tenant().users().block(user.value().id));
    QVERIFY(users->wait(5000));
    QCOMPARE(users->count(), 2);
}

void TestChangeFeed::staleSaveIsRefusedAcrossAdmins()
{
    auto created = m_first->tenant().applications().create(
        {QStringLiteral("Storefront"), ApplicationType::SinglePage, {}, {}});
    QVERIFY(created);
    auto stale = m_second->applications().find(created.value().clientId);
    QVERIFY(stale);
    Application edited = created.value();
    edited.description = QStringLiteral("Saved first, by the first admin");
    QVERIFY(m_first->tenant().applications().update(edited));

    Application late = stale.value();
    late.description = QStringLiteral("Saved on a stale copy");
    auto refused = m_second->applications().update(late);
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind(), Error::Kind::Conflict);
    QCOMPARE(m_first->tenant().applications().find(edited.clientId).value().description, edited.description);
}

QTEST_GUILESS_MAIN(TestChangeFeed)
#include "TestChangeFeed.moc"
