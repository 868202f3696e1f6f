#include "core/actions/IntegrationService.h"
#include "core/common/Clock.h"
#include "core/flows/FlowService.h"
#include "core/mfa/MessageTemplates.h"
#include "core/mfa/MfaService.h"
#include "core/settings/TenantSettings.h"
#include "core/store/Database.h"
#include "core/store/IntegrationRepository.h"
#include "tests/support/ResultText.h"
#include "tests/support/StoreEngine.h"
#include "tests/support/StoreFault.h"
#include "tests/support/TempTenant.h"

#include <QJsonArray>
#include <QPointer>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

#include <memory>

Q_DECLARE_METATYPE(MfaPolicy)

namespace {

const QString kPhone = QStringLiteral("send-phone-message");

/// The settings the admin saves in most tests: on, with templates of their own.
PhoneFactorSettings customSettings()
{
    PhoneFactorSettings settings;
    settings.enabled = true;
    settings.enrollmentTemplate = QStringLiteral("Welcome to {{tenant.friendly_name}}: {{code}}");
    settings.verificationTemplate = QStringLiteral("{{ code }} is your code");
    return settings;
}

} // namespace

/// The Phone Message factor and the MFA policy: defaults, validation, storage and what they report.
class TestMfaService final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void defaults();
    void policyApiValues_data();
    void policyApiValues();
    void saveRoundTrip();
    void saveRefusalsChangeNothing_data();
    void saveRefusalsChangeNothing();
    void failedWriteChangesNothing();
    void templatesAreCheckedWithTheFriendlyName();
    void policyRoundTrip();
    void problemsWithAlways();
    void problemsNameAnActionThatCannotRun();
    void flowNoteFollowsTheFlow();
    void persistsAcrossReopen();
    void savesAreDatedByTheInjectedClock();

private:
    MfaService &mfa() { return m_temp->tenant().mfa(); }
    /// Installs Plivo on the local test phone; an integration without id when that failed.
    Integration installPlivo();
    QVariant scalar(const QString &sql);

    std::unique_ptr<TempTenant> m_temp;
};

void TestMfaService::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestMfaService::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_temp = std::make_unique<TempTenant>();
    QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
}

void TestMfaService::cleanup()
{
    m_temp.reset();
}

Integration TestMfaService::installPlivo()
{
    IntegrationJob *job = m_temp->tenant().integrations().install(
        QStringLiteral("plivo"),
        {{QStringLiteral("PLIVO_NUMBER"), QStringLiteral("+14155550100")}},
        {},
        true);
    QSignalSpy finished(job, &IntegrationJob::finished);
    Integration installed;
    connect(job, &IntegrationJob::finished, this, [&installed](IntegrationJob *done) {
        if (done->succeeded())
            installed = done->integration();
    });
    if (!finished.wait(5000))
        return {};
    return installed;
}

QVariant TestMfaService::scalar(const QString &sql)
{
    QSqlQuery query = m_temp->tenant().database().prepare(sql);
    if (!query.exec() || !query.next())
        return QStringLiteral("<failed: %1>").arg(sql);
    return query.value(0);
}

void TestMfaService::defaults()
{
    const PhoneFactorSettings settings = mfa().phoneFactor();
    QCOMPARE(settings.enabled, false);
    QCOMPARE(settings.provider, QStringLiteral("phone-message-hook"));
    QCOMPARE(settings.messageTypes, QStringList {QStringLiteral("sms")});
    QCOMPARE(settings.enrollmentTemplate,
             MessageTemplates::defaultTemplate(MessageTemplates::Kind::Enrollment));
    QCOMPARE(settings.verificationTemplate,
             MessageTemplates::defaultTemplate(MessageTemplates::Kind::Verification));
    QCOMPARE(mfa().policy(), MfaPolicy::Never);
    QVERIFY(!mfa().checkPhoneFactor(settings));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM mfa_phone_factor")).toInt(), 0);
}

void TestMfaService::policyApiValues_data()
{
    QTest::addColumn<QJsonArray>("api");
    QTest::addColumn<bool>("supported");
    QTest::addColumn<MfaPolicy>("policy");
    QTest::addColumn<QString>("label");

    QTest::newRow("never") << QJsonArray {} << true << MfaPolicy::Never << QStringLiteral("Never");
    QTest::newRow("always") << QJsonArray {QStringLiteral("all-applications")} << true << MfaPolicy::Always
                            << QStringLiteral("Always");
    QTest::newRow("adaptive") << QJsonArray {QStringLiteral("confidence-score")} << false << MfaPolicy::Never
                              << QString();
    QTest::newRow("unknown") << QJsonArray {QStringLiteral("sometimes")} << false << MfaPolicy::Never
                             << QString();
    QTest::newRow("two values") << QJsonArray {QStringLiteral("all-applications"),
                                               QStringLiteral("confidence-score")}
                                << false << MfaPolicy::Never << QString();
}

void TestMfaService::policyApiValues()
{
    QFETCH(QJsonArray, api);
    QFETCH(bool, supported);
    QFETCH(MfaPolicy, policy);
    QFETCH(QString, label);
    const auto parsed = MfaPolicies::fromApi(api);
    QCOMPARE(parsed.has_value(), supported);
    if (!supported)
        return;
    QCOMPARE(*parsed, policy);
    QCOMPARE(MfaPolicies::toApi(policy), api);
    QCOMPARE(MfaPolicies::label(policy), label);
}

void TestMfaService::saveRoundTrip()
{
    QSignalSpy changed(&mfa(), &MfaService::changed);
    const PhoneFactorSettings settings = customSettings();
    const auto saved = mfa().savePhoneFactor(settings);
    QVERIFY2(saved, errorBytes(saved));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(mfa().phoneFactor(), settings);

    // The same values again: stored, but nothing changed.
    QVERIFY(mfa().savePhoneFactor(settings));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM mfa_phone_factor")).toInt(), 1);

    PhoneFactorSettings off = settings;
    off.enabled = false;
    QVERIFY(mfa().savePhoneFactor(off));
    QCOMPARE(changed.count(), 2);
    QCOMPARE(mfa().phoneFactor(), off);
}

void TestMfaService::saveRefusalsChangeNothing_data()
{
    QTest::addColumn<PhoneFactorSettings>("settings");
    QTest::addColumn<QString>("expected");

    PhoneFactorSettings settings = customSettings();
    settings.provider = QStringLiteral("auth0");
    QTest::newRow("provider auth0") << settings << QStringLiteral("“auth0”");
    settings.provider = QStringLiteral("twilio");
    QTest::newRow("provider twilio") << settings << QStringLiteral("“twilio”");

    settings = customSettings();
    settings.messageTypes = {QStringLiteral("voice")};
    QTest::newRow("voice") << settings << QStringLiteral("SMS only");
    settings.messageTypes = {QStringLiteral("sms"), QStringLiteral("voice")};
    QTest::newRow("sms and voice") << settings << QStringLiteral("SMS only");
    settings.messageTypes = {};
    QTest::newRow("no message type") << settings << QStringLiteral("SMS only");

    settings = customSettings();
    settings.enrollmentTemplate = QStringLiteral("Welcome to {{tenant.friendly_name}}");
    QTest::newRow("enrollment without code") << settings << QStringLiteral("Enrollment message: ");
    settings.enrollmentTemplate = QString();
    QTest::newRow("enrollment empty")
        << settings << QStringLiteral("Enrollment message: The message is empty.");

    settings = customSettings();
    settings.verificationTemplate = QStringLiteral("{{code}} for {{user.email}}");
    QTest::newRow("verification unknown variable") << settings << QStringLiteral("{{user.email}}");
    settings.verificationTemplate = QStringLiteral("{{code}} for {{tenant.friendly_name");
    QTest::newRow("verification unbalanced")
        << settings << QStringLiteral("Verification message: The braces");
    settings.verificationTemplate = QStringLiteral("{{code}} ") + QStringLiteral("x").repeated(1594);
    QTest::newRow("verification too long") << settings << QStringLiteral("1601 characters");
}

void TestMfaService::saveRefusalsChangeNothing()
{
    QFETCH(PhoneFactorSettings, settings);
    QFETCH(QString, expected);
    PhoneFactorSettings before = customSettings();
    before.enabled = false;
    QVERIFY(mfa().savePhoneFactor(before));

    QSignalSpy changed(&mfa(), &MfaService::changed);
    QVERIFY(mfa().checkPhoneFactor(settings));
    const auto saved = mfa().savePhoneFactor(settings);
    QVERIFY(!saved);
    QCOMPARE(saved.error().kind(), Error::Kind::Invalid);
    QVERIFY2(saved.error().message().contains(expected), qPrintable(saved.error().message()));
    QCOMPARE(saved.error().message(), *mfa().checkPhoneFactor(settings));
    QCOMPARE(changed.count(), 0);
    QCOMPARE(mfa().phoneFactor(), before);
}

void TestMfaService::failedWriteChangesNothing()
{
    const PhoneFactorSettings before = customSettings();
    QVERIFY(mfa().savePhoneFactor(before));
    QCOMPARE(StoreFault::refuse(m_temp->tenant().database(),
                                QStringLiteral("refuse_factor"),
                                QStringLiteral("INSERT"),
                                QStringLiteral("mfa_phone_factor"),
                                QStringLiteral("disk says no")),
             QString());

    QSignalSpy changed(&mfa(), &MfaService::changed);
    PhoneFactorSettings next = before;
    next.enabled = false;
    const auto saved = mfa().savePhoneFactor(next);
    QVERIFY(!saved);
    QCOMPARE(saved.error().kind(), Error::Kind::Storage);
    QVERIFY2(saved.error().message().contains(QStringLiteral("disk says no")),
             qPrintable(saved.error().message()));
    QCOMPARE(changed.count(), 0);
    // The row deleted before the refused insert is back: the save was one transaction.
    QCOMPARE(mfa().phoneFactor(), before);
}

void TestMfaService::templatesAreCheckedWithTheFriendlyName()
{
    PhoneFactorSettings settings = customSettings();
    settings.verificationTemplate
        = QStringLiteral("{{code}} {{tenant.friendly_name}} ") + QStringLiteral("x").repeated(1400);
    TenantSettings &tenant = m_temp->tenant().settings();
    TenantSettings::Values values = tenant.values();
    values.friendlyName = QStringLiteral("Acme");
    QVERIFY(tenant.save(values));
    QVERIFY(!mfa().checkPhoneFactor(settings));

    values.friendlyName = QStringLiteral("N").repeated(TenantSettings::MaxFriendlyNameLength);
    QVERIFY(tenant.save(values));
    const auto problem = mfa().checkPhoneFactor(settings);
    QVERIFY(problem);
    QVERIFY2(problem->contains(QStringLiteral("1663 characters")), qPrintable(*problem));
}

void TestMfaService::policyRoundTrip()
{
    QSignalSpy changed(&mfa(), &MfaService::changed);
    QVERIFY(mfa().setPolicy(MfaPolicy::Always));
    QCOMPARE(mfa().policy(), MfaPolicy::Always);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT policy FROM mfa_policies")).toString(),
             QStringLiteral("all-applications"));

    QVERIFY(mfa().setPolicy(MfaPolicy::Always));
    QCOMPARE(changed.count(), 1);

    QVERIFY(mfa().setPolicy(MfaPolicy::Never));
    QCOMPARE(mfa().policy(), MfaPolicy::Never);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM mfa_policies")).toInt(), 0);
}

void TestMfaService::problemsWithAlways()
{
    const QString factorOff = QStringLiteral("The Phone Message factor is off");
    const QString noAction = QStringLiteral("No action is bound in the Send Phone Message flow");
    QStringList problems = mfa().problemsWithAlways();
    QCOMPARE(problems.size(), 2);
    QVERIFY2(problems.at(0).startsWith(factorOff), qPrintable(problems.at(0)));
    QVERIFY2(problems.at(1).startsWith(noAction), qPrintable(problems.at(1)));

    QVERIFY(mfa().savePhoneFactor(customSettings()));
    problems = mfa().problemsWithAlways();
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.at(0).startsWith(noAction), qPrintable(problems.at(0)));

    const Integration plivo = installPlivo();
    QVERIFY(!plivo.id.isEmpty());
    QSignalSpy changed(&mfa(), &MfaService::changed);
    QVERIFY(m_temp->tenant().flows().apply(kPhone, {{Binding::Kind::Integration, plivo.id, plivo.name, 0}}));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(mfa().problemsWithAlways(), QStringList());

    // Another trigger's flow is not the MFA's business.
    QVERIFY(m_temp->tenant().flows().apply(QStringLiteral("post-login"), {}));
    QCOMPARE(changed.count(), 1);
}

void TestMfaService::problemsNameAnActionThatCannotRun()
{
    QVERIFY(mfa().savePhoneFactor(customSettings()));
    Integration unknown;
    unknown.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    unknown.catalogId = QStringLiteral("retired");
    unknown.name = QStringLiteral("Retired SMS");
    unknown.trigger = kPhone;
    unknown.createdAt = unknown.updatedAt = QDateTime::currentDateTimeUtc();
    unknown.revision = 1;
    QVERIFY(IntegrationRepository(m_temp->tenant().database()).insert(unknown));
    QVERIFY(
        m_temp->tenant().flows().apply(kPhone, {{Binding::Kind::Integration, unknown.id, unknown.name, 0}}));

    const QStringList problems = mfa().problemsWithAlways();
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.at(0).contains(QStringLiteral("Retired SMS is no longer in the catalog")),
             qPrintable(problems.at(0)));
    const QString note = mfa().flowNote();
    QVERIFY2(note.startsWith(QStringLiteral("Retired SMS, applied — Retired SMS is no longer")),
             qPrintable(note));
}

void TestMfaService::flowNoteFollowsTheFlow()
{
    QCOMPARE(mfa().flowNote(), QStringLiteral("No action is bound: codes cannot be sent"));
    const Integration plivo = installPlivo();
    QVERIFY(!plivo.id.isEmpty());
    QVERIFY(m_temp->tenant().flows().apply(kPhone, {{Binding::Kind::Integration, plivo.id, plivo.name, 0}}));
    QCOMPARE(mfa().flowNote(), QStringLiteral("Plivo, applied"));

    // Uninstalling takes Plivo out of the flow, which the note and changed() follow.
    QSignalSpy changed(&mfa(), &MfaService::changed);
    IntegrationJob *job = m_temp->tenant().integrations().uninstall(plivo.id);
    QPointer<IntegrationJob> alive(job);
    QTRY_VERIFY_WITH_TIMEOUT(alive.isNull(), 5000);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(mfa().flowNote(), QStringLiteral("No action is bound: codes cannot be sent"));
}

void TestMfaService::persistsAcrossReopen()
{
    const PhoneFactorSettings settings = customSettings();
    QVERIFY(mfa().savePhoneFactor(settings));
    QVERIFY(mfa().setPolicy(MfaPolicy::Always));
    QVERIFY2(m_temp->reopen(), qPrintable(m_temp->error()));
    QCOMPARE(mfa().phoneFactor(), settings);
    QCOMPARE(mfa().policy(), MfaPolicy::Always);
}

void TestMfaService::savesAreDatedByTheInjectedClock()
{
    // The repository under the service: dated by its clock, the message types kept as a JSON array.
    FakeClock clock(QDateTime(QDate(2031, 2, 3), QTime(4, 5, 6, 789), Qt::UTC));
    MfaRepository repository(m_temp->tenant().database(), clock);
    PhoneFactorSettings settings = customSettings();
    settings.messageTypes = {QStringLiteral("sms"), QStringLiteral("voice")};
    const auto saved
        = m_temp->tenant().database().transaction([&] { return repository.savePhoneFactor(settings); });
    QVERIFY2(saved, errorBytes(saved));

    QCOMPARE(scalar(QStringLiteral("SELECT updated_at FROM mfa_phone_factor")).toString(),
             QStringLiteral("2031-02-03T04:05:06.789Z"));
    QCOMPARE(scalar(QStringLiteral("SELECT message_types FROM mfa_phone_factor")).toString(),
             QStringLiteral("[\"sms\",\"voice\"]"));
    const auto read = repository.phoneFactor();
    QVERIFY2(read, errorBytes(read));
    QVERIFY(read.value().has_value());
    QCOMPARE(read.value()->messageTypes, settings.messageTypes);
}

QTEST_GUILESS_MAIN(TestMfaService)
#include "TestMfaService.moc"
