#include "core/applications/ApplicationService.h"
#include "tests/support/ResultText.h"
#include "tests/support/SecretJobResult.h"
#include "tests/support/StoreEngine.h"
#include "tests/support/TempTenant.h"

#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <memory>

Q_DECLARE_METATYPE(ApplicationType)

namespace {

const QRegularExpression kClientIdPattern(QStringLiteral("^[A-Za-z0-9]{32}$"));

QStringList interactiveGrants()
{
    return {
        QStringLiteral("implicit"), QStringLiteral("authorization_code"), QStringLiteral("refresh_token")};
}

} // namespace

/// Creating, validating, updating and listing applications. Their client secrets are in
/// TestApplicationServiceSecrets.cpp.
class TestApplicationService final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void typeDefaults_data();
    void typeDefaults();
    void clientIdsAreRandomAndUnique();
    void invalidNewApplicationRefused_data();
    void invalidNewApplicationRefused();
    void longestNameAndDescriptionAccepted();
    void nameIsTrimmed();
    void updateWithBadUrlsRefused_data();
    void updateWithBadUrlsRefused();
    void updateKeepsValidUrls();
    void signalsCarryPayload();
    void staleCopyIsAConflict();
    void updateOfDeletedApplicationIsNotFound();
    void listIsSortedByName();

private:
    ApplicationService &service() { return m_temp->tenant().applications(); }

    std::unique_ptr<TempTenant> m_temp;
};

void TestApplicationService::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestApplicationService::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_temp = std::make_unique<TempTenant>();
    QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
}

void TestApplicationService::cleanup()
{
    m_temp.reset();
}

void TestApplicationService::typeDefaults_data()
{
    QTest::addColumn<ApplicationType>("type");
    QTest::addColumn<QString>("apiValue");
    QTest::addColumn<QStringList>("grantTypes");
    QTest::addColumn<QString>("authMethod");

    // auth0-facts 1.3: auth0-cli apiDefaultGrantsFor / apiDefaultAuthMethodFor, deploy-cli fallback.
    QTest::newRow("native") << ApplicationType::Native << QStringLiteral("native") << interactiveGrants()
                            << QStringLiteral("none");
    QTest::newRow("single page") << ApplicationType::SinglePage << QStringLiteral("spa")
                                 << interactiveGrants() << QStringLiteral("none");
    QTest::newRow("regular web") << ApplicationType::RegularWeb << QStringLiteral("regular_web")
                                 << (interactiveGrants() << QStringLiteral("client_credentials"))
                                 << QStringLiteral("client_secret_post");
    QTest::newRow("machine to machine")
        << ApplicationType::MachineToMachine << QStringLiteral("non_interactive")
        << QStringList {QStringLiteral("client_credentials")} << QStringLiteral("client_secret_post");
}

void TestApplicationService::typeDefaults()
{
    QFETCH(ApplicationType, type);
    QFETCH(QString, apiValue);
    QFETCH(QStringList, grantTypes);
    QFETCH(QString, authMethod);

    QCOMPARE(ApplicationTypeInfo::of(type).apiValue, apiValue);
    QCOMPARE(ApplicationTypeInfo::fromApiValue(apiValue), std::optional<ApplicationType>(type));

    auto created = service().create({QStringLiteral("Sample"), type, {}, {}});
    QVERIFY2(created, errorBytes(created));
    QCOMPARE(created.value().type, type);
    QCOMPARE(created.value().grantTypes, grantTypes);
    QCOMPARE(created.value().tokenEndpointAuthMethod, authMethod);
    QCOMPARE(created.value().revision, 1);

    auto stored = service().find(created.value().clientId);
    QVERIFY2(stored, errorBytes(stored));
    QCOMPARE(stored.value().type, type);
    QCOMPARE(stored.value().grantTypes, grantTypes);
    QCOMPARE(stored.value().tokenEndpointAuthMethod, authMethod);
    QCOMPARE(stored.value().name, QStringLiteral("Sample"));
}

void TestApplicationService::clientIdsAreRandomAndUnique()
{
    QSet<QString> ids;
    for (int i = 0; i < 200; ++i) {
        auto created
            = service().create({QStringLiteral("App %1").arg(i), ApplicationType::SinglePage, {}, {}});
        QVERIFY2(created, errorBytes(created));
        const QString id = created.value().clientId;
        QVERIFY2(kClientIdPattern.match(id).hasMatch(), qPrintable(id));
        ids.insert(id);
    }
    QCOMPARE(ids.size(), 200);
    auto count = service().count();
    QVERIFY2(count, errorBytes(count));
    QCOMPARE(count.value(), 200);
}

void TestApplicationService::invalidNewApplicationRefused_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("description");
    QTest::addColumn<QString>("reason");

    const QString fine = QStringLiteral("Fine name");
    QTest::newRow("empty name") << QString() << QString() << QStringLiteral("required");
    QTest::newRow("whitespace-only name")
        << QStringLiteral(" \t ") << QString() << QStringLiteral("required");
    QTest::newRow("name of 129 characters")
        << QString(129, QLatin1Char('n')) << QString() << QStringLiteral("at most 128");
    QTest::newRow("name with <") << QStringLiteral("My <app") << QString() << QStringLiteral("< or >");
    QTest::newRow("name with >") << QStringLiteral("My app>") << QString() << QStringLiteral("< or >");
    QTest::newRow("description of 141 characters")
        << fine << QString(141, QLatin1Char('d')) << QStringLiteral("at most 140");
}

void TestApplicationService::invalidNewApplicationRefused()
{
    QFETCH(QString, name);
    QFETCH(QString, description);
    QFETCH(QString, reason);

    auto before = service().count();
    QVERIFY2(before, errorBytes(before));
    QSignalSpy created(&service(), &ApplicationService::applicationCreated);
    QSignalSpy rotated(&service(), &ApplicationService::clientSecretRotated);

    // A confidential type, so that a half-done creation would also leave a secret behind.
    auto refused = service().create({name, ApplicationType::RegularWeb, {}, description});
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind(), Error::Kind::Invalid);
    QVERIFY2(refused.error().message().contains(reason), qPrintable(refused.error().message()));

    auto after = service().count();
    QVERIFY2(after, errorBytes(after));
    QCOMPARE(after.value(), before.value());
    QVERIFY(waitForJob(m_temp->secrets().read(QStringLiteral("flush"))).finished);
    QCOMPARE(m_temp->secrets().count(), 0);
    QCOMPARE(created.count(), 0);
    QCOMPARE(rotated.count(), 0);
}

void TestApplicationService::longestNameAndDescriptionAccepted()
{
    const QString name(ApplicationService::MaxNameLength, QLatin1Char('n'));
    const QString description(ApplicationService::MaxDescriptionLength, QLatin1Char('d'));
    auto created = service().create({name, ApplicationType::SinglePage, {}, description});
    QVERIFY2(created, errorBytes(created));
    auto stored = service().find(created.value().clientId);
    QVERIFY2(stored, errorBytes(stored));
    QCOMPARE(stored.value().name, name);
    QCOMPARE(stored.value().description, description);
}

void TestApplicationService::nameIsTrimmed()
{
    auto created = service().create({QStringLiteral("  Padded  "), ApplicationType::SinglePage, {}, {}});
    QVERIFY2(created, errorBytes(created));
    QCOMPARE(created.value().name, QStringLiteral("Padded"));
    QCOMPARE(service().find(created.value().clientId).value().name, QStringLiteral("Padded"));
}

void TestApplicationService::updateWithBadUrlsRefused_data()
{
    QTest::addColumn<QStringList>("callbacks");
    QTest::addColumn<QStringList>("logoutUrls");
    QTest::addColumn<QStringList>("webOrigins");

    const QStringList good {QStringLiteral("http://localhost:3000")};
    QTest::newRow("ftp callback") << QStringList {QStringLiteral("ftp://x.com")} << good << good;
    QTest::newRow("callback listed twice") << (good + good) << good << good;
    QTest::newRow("custom scheme callback for a single page app")
        << QStringList {QStringLiteral("com.example.app://callback")} << good << good;
    QTest::newRow("wildcard on the top-level domain in logout URLs")
        << good << QStringList {QStringLiteral("https://*.com")} << good;
    QTest::newRow("web origin with a path")
        << good << good << QStringList {QStringLiteral("https://example.com/app")};
}

void TestApplicationService::updateWithBadUrlsRefused()
{
    QFETCH(QStringList, callbacks);
    QFETCH(QStringList, logoutUrls);
    QFETCH(QStringList, webOrigins);

    auto created = service().create({QStringLiteral("Web app"), ApplicationType::SinglePage, {}, {}});
    QVERIFY2(created, errorBytes(created));
    const Application original = created.value();
    QSignalSpy updated(&service(), &ApplicationService::applicationUpdated);

    Application edited = original;
    edited.name = QStringLiteral("Renamed");
    edited.callbacks = callbacks;
    edited.logoutUrls = logoutUrls;
    edited.webOrigins = webOrigins;
    QVERIFY(!ApplicationService::validate(edited).isValid());
    auto refused = service().update(edited);
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind(), Error::Kind::Invalid);
    QVERIFY2(refused.error().message().contains(QStringLiteral("a rule")),
             qPrintable(refused.error().message()));
    QCOMPARE(updated.count(), 0);

    auto stored = service().find(original.clientId);
    QVERIFY2(stored, errorBytes(stored));
    QCOMPARE(stored.value().name, original.name);
    QCOMPARE(stored.value().callbacks, original.callbacks);
    QCOMPARE(stored.value().logoutUrls, original.logoutUrls);
    QCOMPARE(stored.value().webOrigins, original.webOrigins);
    QCOMPARE(stored.value().revision, original.revision);
}

void TestApplicationService::updateKeepsValidUrls()
{
    auto created = service().create({QStringLiteral("Phone app"), ApplicationType::Native, {}, {}});
    QVERIFY2(created, errorBytes(created));
    Application edited = created.value();
    edited.callbacks
        = QStringList {QStringLiteral("com.example.app://callback"), QStringLiteral("https://*.example.com")};
    edited.logoutUrls = QStringList {QStringLiteral("com.example.app://logout")};
    edited.webOrigins = QStringList {QStringLiteral("http://localhost:3000")};

    auto saved = service().update(edited);
    QVERIFY2(saved, errorBytes(saved));
    QCOMPARE(saved.value().revision, 2);
    auto stored = service().find(edited.clientId);
    QVERIFY2(stored, errorBytes(stored));
    QCOMPARE(stored.value().callbacks, edited.callbacks);
    QCOMPARE(stored.value().logoutUrls, edited.logoutUrls);
    QCOMPARE(stored.value().webOrigins, edited.webOrigins);
    QCOMPARE(stored.value().revision, 2);
}

void TestApplicationService::signalsCarryPayload()
{
    QSignalSpy created(&service(), &ApplicationService::applicationCreated);
    QSignalSpy updated(&service(), &ApplicationService::applicationUpdated);
    QSignalSpy removed(&service(), &ApplicationService::applicationRemoved);

    auto app = service().create({QStringLiteral("Signals"), ApplicationType::MachineToMachine, {}, {}});
    QVERIFY2(app, errorBytes(app));
    const QString clientId = app.value().clientId;
    QCOMPARE(created.count(), 1);
    const auto createdSummary = created.constFirst().constFirst().value<ApplicationSummary>();
    QCOMPARE(createdSummary.clientId, clientId);
    QCOMPARE(createdSummary.name, QStringLiteral("Signals"));
    QCOMPARE(createdSummary.type, ApplicationType::MachineToMachine);

    Application edited = app.value();
    edited.name = QStringLiteral("Signals renamed");
    auto saved = service().update(edited);
    QVERIFY2(saved, errorBytes(saved));
    QCOMPARE(updated.count(), 1);
    const auto updatedSummary = updated.constFirst().constFirst().value<ApplicationSummary>();
    QCOMPARE(updatedSummary.clientId, clientId);
    QCOMPARE(updatedSummary.name, QStringLiteral("Signals renamed"));
    QCOMPARE(updatedSummary.type, ApplicationType::MachineToMachine);

    auto gone = service().remove(clientId);
    QVERIFY2(gone, errorBytes(gone));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.constFirst().constFirst().toString(), clientId);

    QCOMPARE(created.count(), 1);
    QCOMPARE(updated.count(), 1);
}

void TestApplicationService::staleCopyIsAConflict()
{
    auto created = service().create({QStringLiteral("Shared"), ApplicationType::SinglePage, {}, {}});
    QVERIFY2(created, errorBytes(created));
    const QString clientId = created.value().clientId;
    Application staleCopy = created.value();

    MemorySecretStore otherSecrets;
    auto other = Tenant::open(m_temp->path(), otherSecrets);
    QVERIFY2(other, errorBytes(other));
    QCOMPARE(other.value()->id(), m_temp->tenant().id());
    auto theirs = other.value()->applications().find(clientId);
    QVERIFY2(theirs, errorBytes(theirs));
    theirs.value().name = QStringLiteral("Changed elsewhere");
    auto theirSave = other.value()->applications().update(theirs.value());
    QVERIFY2(theirSave, errorBytes(theirSave));

    QSignalSpy updated(&service(), &ApplicationService::applicationUpdated);
    staleCopy.name = QStringLiteral("Changed here");
    auto mine = service().update(staleCopy);
    QVERIFY(!mine);
    QCOMPARE(mine.error().kind(), Error::Kind::Conflict);
    QCOMPARE(updated.count(), 0);

    auto stored = service().find(clientId);
    QVERIFY2(stored, errorBytes(stored));
    QCOMPARE(stored.value().name, QStringLiteral("Changed elsewhere"));
    QCOMPARE(stored.value().revision, 2);

    // Reloading and saving again works.
    Application fresh = stored.value();
    fresh.name = QStringLiteral("Changed here");
    auto retried = service().update(fresh);
    QVERIFY2(retried, errorBytes(retried));
    QCOMPARE(retried.value().revision, 3);
    QCOMPARE(other.value()->applications().find(clientId).value().name, QStringLiteral("Changed here"));
}

void TestApplicationService::updateOfDeletedApplicationIsNotFound()
{
    auto created = service().create({QStringLiteral("Short-lived"), ApplicationType::SinglePage, {}, {}});
    QVERIFY2(created, errorBytes(created));
    Application copy = created.value();
    auto removed = service().remove(copy.clientId);
    QVERIFY2(removed, errorBytes(removed));

    QSignalSpy updated(&service(), &ApplicationService::applicationUpdated);
    copy.name = QStringLiteral("Too late");
    auto saved = service().update(copy);
    QVERIFY(!saved);
    QCOMPARE(saved.error().kind(), Error::Kind::NotFound);
    QCOMPARE(updated.count(), 0);

    auto again = service().remove(copy.clientId);
    QVERIFY(!again);
    QCOMPARE(again.error().kind(), Error::Kind::NotFound);
    QCOMPARE(service().find(copy.clientId).error().kind(), Error::Kind::NotFound);
}

void TestApplicationService::listIsSortedByName()
{
    const QStringList names {
        QStringLiteral("Charlie"), QStringLiteral("Alpha"), QStringLiteral("Delta"), QStringLiteral("Bravo")};
    QHash<QString, QString> idByName;
    for (const QString &name : names) {
        auto created = service().create({name, ApplicationType::SinglePage, {}, {}});
        QVERIFY2(created, errorBytes(created));
        idByName.insert(name, created.value().clientId);
    }

    auto listed = service().list();
    QVERIFY2(listed, errorBytes(listed));
    QStringList listedNames;
    for (const ApplicationSummary &summary : listed.value()) {
        listedNames.append(summary.name);
        QCOMPARE(summary.clientId, idByName.value(summary.name));
        QCOMPARE(summary.type, ApplicationType::SinglePage);
    }
    QCOMPARE(listedNames,
             (QStringList {QStringLiteral("Alpha"),
                           QStringLiteral("Bravo"),
                           QStringLiteral("Charlie"),
                           QStringLiteral("Delta")}));
}

QTEST_GUILESS_MAIN(TestApplicationService)

#include "TestApplicationService.moc"
