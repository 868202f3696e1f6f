// The Management API's Guardian (MFA) endpoints over real HTTP, as deploy-cli and the Node SDK call them:
// reads reflect MfaService (what the Multi-factor Auth pages show); writes are MfaService's own saves (its
// validation, its signals, the sapi log); each endpoint checks its scope; a bad body is a 400 naming the
// field and changes nothing.

#include "LoginServerFixture.h"
#include "ManagementApiCalls.h"
#include "core/mfa/MessageTemplates.h"
#include "core/mfa/MfaService.h"
#include "tests/support/StoreEngine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <memory>

Q_DECLARE_METATYPE(MfaPolicy)

namespace {

const QStringList kAllScopes {QStringLiteral("read:guardian_factors"),
                              QStringLiteral("update:guardian_factors"),
                              QStringLiteral("read:mfa_policies"),
                              QStringLiteral("update:mfa_policies")};

} // namespace

class TestManagementApiGuardian : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<LoginServerFixture> m_fixture;
    std::unique_ptr<ManagementApiCalls> m_api;
    LoginServerFixture &f() { return *m_fixture; }
    MfaService &mfa() { return f().tenant().mfa(); }
    /// @p method on /api/v2/guardian/@p path with a JSON @p body, as deploy-cli sends it.
    HttpAnswer call(const QByteArray &method,
                    const QString &path,
                    const QByteArray &body = {},
                    const QStringList &scopes = kAllScopes)
    {
        return m_api->call(method, QStringLiteral("guardian/") + path, body, scopes);
    }
    int sapiEvents(const QString &path) { return m_api->sapiEvents(path); }
    /// Saves the Phone Message factor through MfaService, as its page does; false when it refuses.
    bool saveFactor(bool enabled,
                    const QString &enrollment
                    = MessageTemplates::defaultTemplate(MessageTemplates::Kind::Enrollment));

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();
    void factorsReflectTheService_data();
    void factorsReflectTheService();
    void enablingSmsIsTheAppsOwnWrite_data();
    void enablingSmsIsTheAppsOwnWrite();
    void otherFactors_data();
    void otherFactors();
    void phoneSettingsReflectTheService_data();
    void phoneSettingsReflectTheService();
    void templatesAreTheAppsOwnWrite_data();
    void templatesAreTheAppsOwnWrite();
    void policies_data();
    void policies();
    void badBodiesChangeNothing_data();
    void badBodiesChangeNothing();
    void scopesAreChecked_data();
    void scopesAreChecked();
    void providersAnswerWhatDeployCliAccepts();
};

void TestManagementApiGuardian::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestManagementApiGuardian::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_fixture = std::make_unique<LoginServerFixture>();
    QVERIFY(f().start());
    m_api = std::make_unique<ManagementApiCalls>(f());
    QVERIFY(m_api->valid());
}

void TestManagementApiGuardian::cleanup()
{
    m_api.reset();
    m_fixture.reset();
}

bool TestManagementApiGuardian::saveFactor(bool enabled, const QString &enrollment)
{
    PhoneFactorSettings settings = mfa().phoneFactor();
    settings.enabled = enabled;
    settings.enrollmentTemplate = enrollment;
    auto saved = mfa().savePhoneFactor(settings);
    if (!saved)
        qWarning("the factor was not saved: %s", qPrintable(saved.error().message()));
    return bool(saved);
}

void TestManagementApiGuardian::factorsReflectTheService_data()
{
    QTest::addColumn<bool>("enabled");
    QTest::newRow("Phone Message on") << true;
    QTest::newRow("Phone Message off") << false;
}

void TestManagementApiGuardian::factorsReflectTheService()
{
    QFETCH(bool, enabled);
    QVERIFY(saveFactor(enabled));
    const HttpAnswer answer = call("GET", QStringLiteral("factors"));
    QCOMPARE(answer.status, 200);
    const QJsonDocument document = QJsonDocument::fromJson(answer.body);
    QVERIFY(document.isArray()); // a bare array, as node-auth0 reads it
    QStringList names;
    for (const QJsonValue &factor : document.array()) {
        const QString name = factor.toObject().value(QLatin1String("name")).toString();
        names.append(name);
        QVERIFY(factor.toObject().value(QLatin1String("enabled")).isBool());
        QCOMPARE(factor.toObject().value(QLatin1String("enabled")).toBool(),
                 name == QLatin1String("sms") && enabled);
    }
    QCOMPARE(names,
             (QStringList {QStringLiteral("push-notification"),
                           QStringLiteral("sms"),
                           QStringLiteral("email"),
                           QStringLiteral("duo"),
                           QStringLiteral("otp"),
                           QStringLiteral("webauthn-roaming"),
                           QStringLiteral("webauthn-platform"),
                           QStringLiteral("recovery-code")}));
}

void TestManagementApiGuardian::enablingSmsIsTheAppsOwnWrite_data()
{
    QTest::addColumn<bool>("enabled");
    QTest::newRow("enable") << true;
    QTest::newRow("disable") << false;
}

void TestManagementApiGuardian::enablingSmsIsTheAppsOwnWrite()
{
    QFETCH(bool, enabled);
    QVERIFY(saveFactor(!enabled));
    const int logged = sapiEvents(QStringLiteral("/api/v2/guardian/factors/sms"));
    QSignalSpy saved(&mfa(), &MfaService::phoneFactorSaved);
    QSignalSpy changed(&mfa(), &MfaService::changed); // what the Multi-factor Auth pages reload on
    const HttpAnswer answer
        = call("PUT", QStringLiteral("factors/sms"), enabled ? "{\"enabled\":true}" : "{\"enabled\":false}");
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json(), (QJsonObject {{QStringLiteral("enabled"), enabled}}));
    QCOMPARE(mfa().phoneFactor().enabled, enabled);
    QCOMPARE(saved.count(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(sapiEvents(QStringLiteral("/api/v2/guardian/factors/sms")), logged + 1);
    // The rest of the factor is as it was.
    QCOMPARE(mfa().phoneFactor().enrollmentTemplate,
             MessageTemplates::defaultTemplate(MessageTemplates::Kind::Enrollment));
}

void TestManagementApiGuardian::otherFactors_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("named"); // in the message; empty for a success

    QTest::newRow("enable otp") << QByteArray("PUT") << "factors/otp" << QByteArray("{\"enabled\":true}")
                                << 400 << "otp";
    QTest::newRow("enable webauthn-roaming") << QByteArray("PUT") << "factors/webauthn-roaming"
                                             << QByteArray("{\"enabled\":true}") << 400 << "webauthn-roaming";
    QTest::newRow("disable duo: already off")
        << QByteArray("PUT") << "factors/duo" << QByteArray("{\"enabled\":false}") << 200 << "";
    QTest::newRow("unknown factor") << QByteArray("PUT") << "factors/carrier-pigeon"
                                    << QByteArray("{\"enabled\":true}") << 400 << "name";
    QTest::newRow("phone is no factor name")
        << QByteArray("PUT") << "factors/phone" << QByteArray("{\"enabled\":true}") << 400 << "name";
    QTest::newRow("no GET of one factor")
        << QByteArray("GET") << "factors/sms" << QByteArray() << 404 << "guardian/factors";
}

void TestManagementApiGuardian::otherFactors()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, named);
    QVERIFY(saveFactor(false));
    QSignalSpy changed(&mfa(), &MfaService::changed);
    const HttpAnswer answer = call(method, path, body);
    QCOMPARE(answer.status, status);
    if (status == 200) {
        QCOMPARE(answer.json(), (QJsonObject {{QStringLiteral("enabled"), false}}));
    } else {
        QCOMPARE(answer.json().value(QLatin1String("statusCode")).toInt(), status);
        const QString message = answer.json().value(QLatin1String("message")).toString();
        QVERIFY2(message.contains(named), qPrintable(message));
    }
    // The answer came after the request was handled: nothing was saved, the Phone Message factor is off.
    QCOMPARE(changed.count(), 0);
    QCOMPARE(mfa().phoneFactor().enabled, false);
}

void TestManagementApiGuardian::phoneSettingsReflectTheService_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body"); // a PUT of what is stored, as a deploy-cli import of an export does

    QTest::newRow("selected provider")
        << "factors/phone/selected-provider" << QByteArray("{\"provider\":\"phone-message-hook\"}");
    QTest::newRow("selected provider, legacy sms path")
        << "factors/sms/selected-provider" << QByteArray("{\"provider\":\"phone-message-hook\"}");
    QTest::newRow("message types") << "factors/phone/message-types"
                                   << QByteArray("{\"message_types\":[\"sms\"]}");
}

void TestManagementApiGuardian::phoneSettingsReflectTheService()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QVERIFY(saveFactor(true));
    const HttpAnswer read = call("GET", path);
    QCOMPARE(read.status, 200);
    QCOMPARE(read.json(), QJsonDocument::fromJson(body).object());
    QSignalSpy changed(&mfa(), &MfaService::changed);
    const HttpAnswer written = call("PUT", path, body);
    QCOMPARE(written.status, 200);
    QCOMPARE(written.json(), QJsonDocument::fromJson(body).object());
    QCOMPARE(changed.count(), 0); // the same settings: nothing changed
    QVERIFY(mfa().phoneFactor().enabled);
}

void TestManagementApiGuardian::templatesAreTheAppsOwnWrite_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("sms/templates (deploy-cli)") << "factors/sms/templates";
    QTest::newRow("phone/templates") << "factors/phone/templates";
}

void TestManagementApiGuardian::templatesAreTheAppsOwnWrite()
{
    QFETCH(QString, path);
    const QString enrollment = QStringLiteral("Your {{tenant.friendly_name}} enrollment code: {{code}}");
    QVERIFY(saveFactor(true, enrollment));
    const HttpAnswer read = call("GET", path);
    QCOMPARE(read.status, 200);
    QCOMPARE(read.json().value(QLatin1String("enrollment_message")).toString(), enrollment);
    QCOMPARE(read.json().value(QLatin1String("verification_message")).toString(),
             MessageTemplates::defaultTemplate(MessageTemplates::Kind::Verification));

    const int logged = sapiEvents(QStringLiteral("/api/v2/guardian/factors/sms"));
    QSignalSpy saved(&mfa(), &MfaService::phoneFactorSaved);
    const QJsonObject body {
        {QStringLiteral("enrollment_message"), QStringLiteral("Enroll with {{code}}")},
        {QStringLiteral("verification_message"), QStringLiteral("Sign in with {{code}}")}};
    const HttpAnswer written = call("PUT", path, ManagementApiCalls::json(body));
    QCOMPARE(written.status, 200);
    QCOMPARE(written.json(), body);
    QCOMPARE(mfa().phoneFactor().enrollmentTemplate, QStringLiteral("Enroll with {{code}}"));
    QCOMPARE(mfa().phoneFactor().verificationTemplate, QStringLiteral("Sign in with {{code}}"));
    QVERIFY(mfa().phoneFactor().enabled);
    QCOMPARE(saved.count(), 1);
    QCOMPARE(sapiEvents(QStringLiteral("/api/v2/guardian/factors/sms")), logged + 1);
}

void TestManagementApiGuardian::policies_data()
{
    QTest::addColumn<MfaPolicy>("from");
    QTest::addColumn<MfaPolicy>("to");
    QTest::addColumn<QByteArray>("fromJson");
    QTest::addColumn<QByteArray>("toJson");

    QTest::newRow("Never to Always") << MfaPolicy::Never << MfaPolicy::Always << QByteArray("[]")
                                     << QByteArray("[\"all-applications\"]");
    QTest::newRow("Always to Never") << MfaPolicy::Always << MfaPolicy::Never
                                     << QByteArray("[\"all-applications\"]") << QByteArray("[]");
}

void TestManagementApiGuardian::policies()
{
    QFETCH(MfaPolicy, from);
    QFETCH(MfaPolicy, to);
    QFETCH(QByteArray, fromJson);
    QFETCH(QByteArray, toJson);
    QVERIFY(mfa().setPolicy(from));
    const HttpAnswer read = call("GET", QStringLiteral("policies"));
    QCOMPARE(read.status, 200);
    QCOMPARE(read.body, fromJson);

    const int logged = sapiEvents(QStringLiteral("/api/v2/guardian/policies"));
    QSignalSpy saved(&mfa(), &MfaService::policySaved);
    const HttpAnswer written = call("PUT", QStringLiteral("policies"), toJson);
    QCOMPARE(written.status, 200);
    QCOMPARE(written.body, toJson);
    QCOMPARE(mfa().policy(), to);
    QCOMPARE(saved.count(), 1);
    QCOMPARE(saved.first().first().value<MfaPolicy>(), to);
    QCOMPARE(sapiEvents(QStringLiteral("/api/v2/guardian/policies")), logged + 1);
}

void TestManagementApiGuardian::badBodiesChangeNothing_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field"); // named in the message

    QTest::newRow("enabled not a boolean")
        << "factors/sms" << QByteArray("{\"enabled\":\"yes\"}") << "enabled";
    QTest::newRow("enabled missing") << "factors/sms" << QByteArray("{}") << "enabled";
    QTest::newRow("unknown provider")
        << "factors/phone/selected-provider" << QByteArray("{\"provider\":\"sinch\"}") << "provider";
    QTest::newRow("Twilio: not held")
        << "factors/phone/selected-provider" << QByteArray("{\"provider\":\"twilio\"}") << "provider";
    QTest::newRow("unknown message type")
        << "factors/phone/message-types" << QByteArray("{\"message_types\":[\"fax\"]}") << "message_types";
    QTest::newRow("no message type") << "factors/phone/message-types" << QByteArray("{\"message_types\":[]}")
                                     << "message_types";
    QTest::newRow("voice: not held") << "factors/phone/message-types"
                                     << QByteArray("{\"message_types\":[\"sms\",\"voice\"]}")
                                     << "message_types";
    QTest::newRow("template without code")
        << "factors/sms/templates"
        << QByteArray("{\"enrollment_message\":\"Welcome\",\"verification_message\":\"{{code}}\"}")
        << "enrollment_message";
    QTest::newRow("template missing")
        << "factors/phone/templates" << QByteArray("{\"enrollment_message\":\"{{code}}\"}")
        << "verification_message";
    QTest::newRow("policies not an array") << "policies" << QByteArray("{\"policies\":[]}") << "policies";
    QTest::newRow("unknown policy") << "policies" << QByteArray("[\"sometimes\"]") << "sometimes";
    QTest::newRow("Adaptive MFA") << "policies" << QByteArray("[\"confidence-score\"]") << "confidence-score";
    QTest::newRow("two policies") << "policies" << QByteArray("[\"all-applications\",\"confidence-score\"]")
                                  << "confidence-score";
}

void TestManagementApiGuardian::badBodiesChangeNothing()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    QVERIFY(saveFactor(false));
    const PhoneFactorSettings before = mfa().phoneFactor();
    QSignalSpy changed(&mfa(), &MfaService::changed);
    const HttpAnswer answer = call("PUT", path, body);
    QCOMPARE(answer.status, 400);
    QCOMPARE(answer.json().value(QLatin1String("statusCode")).toInt(), 400);
    const QString message = answer.json().value(QLatin1String("message")).toString();
    QVERIFY2(message.contains(field), qPrintable(message));
    QCOMPARE(changed.count(), 0);
    QVERIFY(mfa().phoneFactor() == before);
    QCOMPARE(mfa().policy(), MfaPolicy::Never);
}

void TestManagementApiGuardian::scopesAreChecked_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("granted");
    QTest::addColumn<QString>("missing");

    const QStringList reads {QStringLiteral("read:guardian_factors"), QStringLiteral("read:mfa_policies")};
    QTest::newRow("list factors") << QByteArray("GET") << "factors" << QByteArray()
                                  << QStringList {QStringLiteral("read:mfa_policies")}
                                  << "read:guardian_factors";
    QTest::newRow("read templates") << QByteArray("GET") << "factors/sms/templates" << QByteArray()
                                    << QStringList {QStringLiteral("read:clients")}
                                    << "read:guardian_factors";
    QTest::newRow("enable sms") << QByteArray("PUT") << "factors/sms" << QByteArray("{\"enabled\":true}")
                                << reads << "update:guardian_factors";
    QTest::newRow("set message types")
        << QByteArray("PUT") << "factors/phone/message-types" << QByteArray("{\"message_types\":[\"sms\"]}")
        << reads << "update:guardian_factors";
    QTest::newRow("read policies") << QByteArray("GET") << "policies" << QByteArray()
                                   << QStringList {QStringLiteral("read:guardian_factors")}
                                   << "read:mfa_policies";
    QTest::newRow("set policies") << QByteArray("PUT") << "policies" << QByteArray("[\"all-applications\"]")
                                  << (reads + QStringList {QStringLiteral("update:guardian_factors")})
                                  << "update:mfa_policies";
}

void TestManagementApiGuardian::scopesAreChecked()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QStringList, granted);
    QFETCH(QString, missing);
    QSignalSpy changed(&mfa(), &MfaService::changed);
    const HttpAnswer answer = call(method, path, body, granted);
    QCOMPARE(answer.status, 403);
    QCOMPARE(answer.json().value(QLatin1String("errorCode")).toString(),
             QStringLiteral("insufficient_scope"));
    QVERIFY(answer.json().value(QLatin1String("message")).toString().contains(missing));
    QCOMPARE(changed.count(), 0);
    QCOMPARE(mfa().phoneFactor().enabled, false);
    QCOMPARE(mfa().policy(), MfaPolicy::Never);
}

void TestManagementApiGuardian::providersAnswerWhatDeployCliAccepts()
{
    // deploy-cli reads both with one Promise.all: an error on either loses the whole export of providers.
    const HttpAnswer twilio = call("GET", QStringLiteral("factors/sms/providers/twilio"));
    QCOMPARE(twilio.status, 200);
    const QJsonObject unset {{QStringLiteral("from"), QJsonValue::Null},
                             {QStringLiteral("messaging_service_sid"), QJsonValue::Null},
                             {QStringLiteral("auth_token"), QJsonValue::Null},
                             {QStringLiteral("sid"), QJsonValue::Null}};
    QCOMPARE(twilio.json(), unset);
    QCOMPARE(call("GET", QStringLiteral("factors/phone/providers/twilio")).json(), unset);
    const HttpAnswer sns = call("GET", QStringLiteral("factors/push-notification/providers/sns"));
    QCOMPARE(sns.status, 200);
    QCOMPARE(sns.body, QByteArray("{}"));
    // Writing them is refused with a 4xx (node-auth0 retries a 5xx for minutes).
    const HttpAnswer setTwilio = call(
        "PUT", QStringLiteral("factors/sms/providers/twilio"), "{\"sid\":\"AC1\",\"auth_token\":\"x\"}");
    QCOMPARE(setTwilio.status, 400);
    QVERIFY(setTwilio.json().value(QLatin1String("message")).toString().contains(QLatin1String("Twilio")));
    QCOMPARE(call("PUT", QStringLiteral("factors/push-notification/providers/sns"), "{}").status, 400);
    // What Authdeck does not hold under guardian answers 404 naming it.
    const HttpAnswer enrollments = call("POST", QStringLiteral("enrollments/ticket"), "{}");
    QCOMPARE(enrollments.status, 404);
    QVERIFY(
        enrollments.json().value(QLatin1String("message")).toString().contains(QLatin1String("enrollments")));
}

QTEST_MAIN(TestManagementApiGuardian)
#include "TestManagementApiGuardian.moc"
