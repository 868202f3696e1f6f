#include "core/settings/TenantSettings.h"
#include "tests/support/ResultText.h"
#include "tests/support/StoreEngine.h"
#include "tests/support/TempTenant.h"

#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <memory>

class TestTenantSettings final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void defaultsOnNewTenant();
    void tenantIdPersistsAcrossReopen();
    void eachTenantGetsItsOwnId();
    void invalidValuesRefused_data();
    void invalidValuesRefused();
    void saveEmitsChangedOnceAndPersists_data();
    void saveEmitsChangedOnceAndPersists();
    void savingIdenticalValuesEmitsNothing();
    void valuesAreNormalized();

private:
    TenantSettings &settings() { return m_temp->tenant().settings(); }

    std::unique_ptr<TempTenant> m_temp;
};

void TestTenantSettings::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestTenantSettings::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_temp = std::make_unique<TempTenant>();
    QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
}

void TestTenantSettings::cleanup()
{
    m_temp.reset();
}

void TestTenantSettings::defaultsOnNewTenant()
{
    QCOMPARE(settings().domain(), QStringLiteral("http://localhost:4000"));
    QCOMPARE(settings().environment(), QStringLiteral("development"));
    QVERIFY(!settings().friendlyName().trimmed().isEmpty());
    QCOMPARE(settings().friendlyName(), TenantSettings::defaults().friendlyName);
    QVERIFY(TenantSettings::validate(settings().values()).isValid());

    const QString id = settings().tenantId();
    const QUuid uuid = QUuid::fromString(id);
    QVERIFY2(!uuid.isNull(), qPrintable(id));
    QCOMPARE(id, uuid.toString(QUuid::WithoutBraces));
    QCOMPARE(m_temp->tenant().id(), id);
}

void TestTenantSettings::tenantIdPersistsAcrossReopen()
{
    const QString id = settings().tenantId();
    const TenantSettings::Values values = settings().values();
    QVERIFY(m_temp->reopen());
    QCOMPARE(settings().tenantId(), id);
    QCOMPARE(settings().values(), values);
}

void TestTenantSettings::eachTenantGetsItsOwnId()
{
    TempTenant other;
    QVERIFY2(other.isValid(), qPrintable(other.error()));
    QVERIFY(!QUuid::fromString(other->id()).isNull());
    QVERIFY(other->id() != m_temp->tenant().id());
}

void TestTenantSettings::invalidValuesRefused_data()
{
    QTest::addColumn<QString>("friendlyName");
    QTest::addColumn<QString>("domain");
    QTest::addColumn<QString>("environment");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("reason");

    const QString name = QStringLiteral("Acme");
    const QString domain = QStringLiteral("https://login.example.com");
    const QString env = QStringLiteral("staging");
    const QString friendlyNameField = QStringLiteral("friendlyName");
    const QString domainField = QStringLiteral("domain");
    const QString environmentField = QStringLiteral("environment");
    const QString webOnly = QStringLiteral("must be an http:// or https:// URL");
    const QString baseOnly = QStringLiteral("base URL only");

    QTest::newRow("empty friendly name")
        << QString() << domain << env << friendlyNameField << QStringLiteral("required");
    QTest::newRow("blank friendly name")
        << QStringLiteral("  \t") << domain << env << friendlyNameField << QStringLiteral("required");
    QTest::newRow("friendly name of 256 characters") << QString(256, QLatin1Char('n')) << domain << env
                                                     << friendlyNameField << QStringLiteral("at most 255");

    QTest::newRow("empty domain") << name << QString() << env << domainField << QStringLiteral("required");
    QTest::newRow("ftp domain") << name << QStringLiteral("ftp://login.example.com") << env << domainField
                                << webOnly;
    QTest::newRow("domain without scheme")
        << name << QStringLiteral("login.example.com") << env << domainField << webOnly;
    QTest::newRow("host and port without scheme")
        << name << QStringLiteral("localhost:4000") << env << domainField << webOnly;
    QTest::newRow("javascript domain")
        << name << QStringLiteral("javascript:alert(1)") << env << domainField << webOnly;
    QTest::newRow("domain without host")
        << name << QStringLiteral("https://") << env << domainField << QStringLiteral("host name");
    QTest::newRow("domain with path")
        << name << QStringLiteral("https://login.example.com/tenant") << env << domainField << baseOnly;
    QTest::newRow("domain with query")
        << name << QStringLiteral("https://login.example.com?tenant=1") << env << domainField << baseOnly;
    QTest::newRow("domain with fragment")
        << name << QStringLiteral("https://login.example.com#top") << env << domainField << baseOnly;
    QTest::newRow("domain with user name")
        << name << QStringLiteral("https://admin@login.example.com") << env << domainField << baseOnly;

    QTest::newRow("unknown environment") << name << domain << QStringLiteral("prod") << environmentField
                                         << QStringLiteral("Choose Development, Staging or Production");
    QTest::newRow("capitalised environment")
        << name << domain << QStringLiteral("Production") << environmentField
        << QStringLiteral("Choose Development, Staging or Production");
    QTest::newRow("empty environment") << name << domain << QString() << environmentField
                                       << QStringLiteral("Choose Development, Staging or Production");
}

void TestTenantSettings::invalidValuesRefused()
{
    QFETCH(QString, friendlyName);
    QFETCH(QString, domain);
    QFETCH(QString, environment);
    QFETCH(QString, field);
    QFETCH(QString, reason);

    const TenantSettings::Values values {friendlyName, domain, environment};
    const TenantSettings::Validation problems = TenantSettings::validate(values);
    QVERIFY(!problems.isValid());
    const QHash<QString, QString> byField {{QStringLiteral("friendlyName"), problems.friendlyName},
                                           {QStringLiteral("domain"), problems.domain},
                                           {QStringLiteral("environment"), problems.environment}};
    for (auto it = byField.cbegin(); it != byField.cend(); ++it) {
        if (it.key() == field)
            QVERIFY2(it.value().contains(reason), qPrintable(it.key() + QStringLiteral(": ") + it.value()));
        else
            QVERIFY2(it.value().isEmpty(), qPrintable(it.key() + QStringLiteral(": ") + it.value()));
    }

    const TenantSettings::Values before = settings().values();
    QSignalSpy changed(&settings(), &TenantSettings::changed);
    auto saved = settings().save(values);
    QVERIFY(!saved);
    QCOMPARE(saved.error().kind(), Error::Kind::Invalid);
    QVERIFY2(saved.error().message().contains(reason), qPrintable(saved.error().message()));
    QCOMPARE(changed.count(), 0);
    QCOMPARE(settings().values(), before);

    QVERIFY(m_temp->reopen());
    QCOMPARE(settings().values(), before);
}

void TestTenantSettings::saveEmitsChangedOnceAndPersists_data()
{
    QTest::addColumn<QString>("friendlyName");
    QTest::addColumn<QString>("domain");
    QTest::addColumn<QString>("environment");

    QTest::newRow("staging over https")
        << QStringLiteral("Acme staging") << QStringLiteral("https://login.staging.example.com")
        << QStringLiteral("staging");
    QTest::newRow("production with port")
        << QStringLiteral("Acme") << QStringLiteral("https://login.example.com:8443")
        << QStringLiteral("production");
    QTest::newRow("development, only the name changed")
        << QStringLiteral("Renamed") << QStringLiteral("http://localhost:4000")
        << QStringLiteral("development");
    QTest::newRow("only the domain changed")
        << TenantSettings::defaults().friendlyName << QStringLiteral("http://127.0.0.1:4000")
        << QStringLiteral("development");
}

void TestTenantSettings::saveEmitsChangedOnceAndPersists()
{
    QFETCH(QString, friendlyName);
    QFETCH(QString, domain);
    QFETCH(QString, environment);

    const TenantSettings::Values values {friendlyName, domain, environment};
    QVERIFY(!(values == settings().values()));
    const QString id = settings().tenantId();

    QSignalSpy changed(&settings(), &TenantSettings::changed);
    auto saved = settings().save(values);
    QVERIFY2(saved, errorBytes(saved));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(settings().values(), values);

    QVERIFY(m_temp->reopen());
    QCOMPARE(settings().values(), values);
    QCOMPARE(settings().tenantId(), id);
}

void TestTenantSettings::savingIdenticalValuesEmitsNothing()
{
    QSignalSpy changed(&settings(), &TenantSettings::changed);
    auto unchanged = settings().save(settings().values());
    QVERIFY2(unchanged, errorBytes(unchanged));
    QCOMPARE(changed.count(), 0);

    const TenantSettings::Values values {
        QStringLiteral("Acme"), QStringLiteral("https://login.example.com"), QStringLiteral("production")};
    QVERIFY(settings().save(values));
    QCOMPARE(changed.count(), 1);
    QVERIFY(settings().save(values));
    QCOMPARE(changed.count(), 1);

    // The same values as typed: padded name, trailing slash.
    const TenantSettings::Values typed {QStringLiteral("  Acme "),
                                        QStringLiteral(" https://login.example.com/ "),
                                        QStringLiteral("production")};
    QVERIFY(settings().save(typed));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(settings().values(), values);
}

void TestTenantSettings::valuesAreNormalized()
{
    QSignalSpy changed(&settings(), &TenantSettings::changed);
    auto saved = settings().save({QStringLiteral("  Acme  "),
                                  QStringLiteral("https://login.example.com/"),
                                  QStringLiteral("staging")});
    QVERIFY2(saved, errorBytes(saved));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(settings().friendlyName(), QStringLiteral("Acme"));
    QCOMPARE(settings().domain(), QStringLiteral("https://login.example.com"));

    QVERIFY(m_temp->reopen());
    QCOMPARE(settings().friendlyName(), QStringLiteral("Acme"));
    QCOMPARE(settings().domain(), QStringLiteral("https://login.example.com"));
}

QTEST_GUILESS_MAIN(TestTenantSettings)

#include "TestTenantSettings.moc"
