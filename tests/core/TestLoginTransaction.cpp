#include "TenantTables.h"
#include "core/actions/IntegrationService.h"
#include "core/common/Clock.h"
#include "core/delivery/SmsGateway.h"
#include "core/flows/FlowService.h"
#include "core/login/LoginEngine.h"
#include "core/login/LoginTransaction.h"
#include "core/mfa/MfaService.h"
#include "core/plivo/PlivoSandbox.h"
#include "tests/support/StoreEngine.h"
#include "tests/support/TempTenant.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace {
const QString kEmail = QStringLiteral("ada@example.com");
const QString kPassword = QStringLiteral("lovelace-1815");
const QString kPhone = QStringLiteral("+15554443232");
} // namespace

/// Login transactions end to end against the Plivo sandbox, on a fake clock.
class TestLoginTransaction final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void signUpEnrollThenChallenge();
    void policyNeverEndsAfterPassword();
    void wrongCredentialsAndLockout();
    void signUpSwitchedOff();
    void enrollmentErrors();
    void codeErrorsExpiryAndLockout();
    void resendCooldownAndHourlyLimit();
    void failedSendShowsGenericText();
    void nothingSecretIsStored();

private:
    Tenant &tenant() { return m_temp->tenant(); }
    PlivoSandbox &sandbox() { return tenant().sms().sandbox(); }
    std::unique_ptr<LoginTransaction> begin();
    /// Waits until @p t is no longer busy.
    bool settle(LoginTransaction &t);
    QString lastCode() const;
    /// Signs up kEmail and enrolls kPhone; the transaction in Challenge.
    std::unique_ptr<LoginTransaction> enrolledChallenge();
    std::unique_ptr<LoginTransaction> challengeForEnrolledUser();

    std::unique_ptr<TempTenant> m_temp;
    FakeClock m_clock;
    QStringList m_codes; ///< every code seen, for the secrecy test
};

void TestLoginTransaction::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestLoginTransaction::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    m_temp = std::make_unique<TempTenant>();
    QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
    tenant().setClock(m_clock);
    tenant().users().setPasswordHasher(PasswordHasher::minimal());
    QVERIFY2(tenant().sms().startSandbox(), qPrintable(sandbox().errorString()));
    sandbox().setStateDelays(10, 20);
    IntegrationJob *job = tenant().integrations().install(
        QStringLiteral("plivo"), {{QStringLiteral("PLIVO_NUMBER"), PlivoSandbox::senderNumber()}}, {}, true);
    Integration installed;
    connect(job, &IntegrationJob::finished, this, [&installed](IntegrationJob *done) {
        if (done->succeeded())
            installed = done->integration();
    });
    QSignalSpy finished(job, &IntegrationJob::finished);
    QVERIFY(finished.wait(5000));
    QVERIFY(!installed.id.isEmpty());
    QVERIFY(tenant().flows().apply(QStringLiteral("send-phone-message"),
                                   {{Binding::Kind::Integration, installed.id, installed.name, 0}}));
    PhoneFactorSettings factor = tenant().mfa().phoneFactor();
    factor.enabled = true;
    QVERIFY(tenant().mfa().savePhoneFactor(factor));
    QVERIFY(tenant().mfa().setPolicy(MfaPolicy::Always));
}

void TestLoginTransaction::cleanup()
{
    m_temp.reset();
}

std::unique_ptr<LoginTransaction> TestLoginTransaction::begin()
{
    return std::unique_ptr<LoginTransaction>(
        new LoginTransaction(tenant().login(), {QStringLiteral("client123"), QStringLiteral("My SPA")}));
}

bool TestLoginTransaction::settle(LoginTransaction &t)
{
    return !t.isBusy() || QTest::qWaitFor([&t] { return !t.isBusy(); }, 5000);
}

QString TestLoginTransaction::lastCode() const
{
    static const QRegularExpression digits(QStringLiteral("\\b([0-9]{6})\\b"));
    const QString code = digits.match(m_temp->tenant().sms().sandbox().messages().value(0).text).captured(1);
    const_cast<TestLoginTransaction *>(this)->m_codes.append(code);
    return code;
}

std::unique_ptr<LoginTransaction> TestLoginTransaction::enrolledChallenge()
{
    auto t = begin();
    t->signUp(kEmail, kPassword);
    if (!settle(*t) || t->state() != LoginTransaction::State::Enroll)
        return {};
    t->enroll(QStringLiteral("US"), QStringLiteral("(555) 444-3232"));
    if (!settle(*t) || t->state() != LoginTransaction::State::Challenge)
        return {};
    return t;
}

std::unique_ptr<LoginTransaction> TestLoginTransaction::challengeForEnrolledUser()
{
    auto first = enrolledChallenge();
    if (!first)
        return {};
    first->verify(lastCode());
    if (first->state() != LoginTransaction::State::Done)
        return {};
    m_clock.advanceSecs(60);
    auto t = begin();
    t->logIn(kEmail, kPassword);
    if (!settle(*t) || t->state() != LoginTransaction::State::Challenge || !t->error().isEmpty())
        return {};
    return t;
}

void TestLoginTransaction::signUpEnrollThenChallenge()
{
    auto t = begin();
    QSignalSpy timeline(t.get(), &LoginTransaction::timelineEntryAdded);
    t->signUp(kEmail, kPassword);
    QVERIFY(settle(*t));
    QCOMPARE(t->state(), LoginTransaction::State::Enroll);
    t->enroll(QStringLiteral("US"), QStringLiteral("555 444 3232"));
    QVERIFY(t->isBusy());
    QVERIFY(settle(*t));
    QCOMPARE(t->state(), LoginTransaction::State::Challenge);
    QCOMPARE(t->maskedPhone(), QStringLiteral("+1******3232"));
    QCOMPARE(sandbox().messages().value(0).to, kPhone);
    t->verify(lastCode());
    QCOMPARE(t->state(), LoginTransaction::State::Done);
    QCOMPARE(t->profile().value(QStringLiteral("email")).toString(), kEmail);
    QCOMPARE(t->profile().value(QStringLiteral("phone_number")).toString(), kPhone);
    QCOMPARE(t->profile().value(QStringLiteral("logins_count")).toInt(), 1);
    QVERIFY(timeline.count() >= 6);

    m_clock.advanceSecs(120);
    auto again = begin();
    again->logIn(QStringLiteral("ADA@example.com"), kPassword);
    QVERIFY(settle(*again));
    QCOMPARE(again->state(), LoginTransaction::State::Challenge);
    QVERIFY(settle(*again));
    QCOMPARE(sandbox().messages().size(), 2);
    again->verify(lastCode());
    QCOMPARE(again->state(), LoginTransaction::State::Done);
    QCOMPARE(again->profile().value(QStringLiteral("logins_count")).toInt(), 2);

    QStringList types;
    const QList<LogEvent> events = tenant().logs().query({}).value();
    for (const LogEvent &e : events) {
        if (e.type != QLatin1String("sapi")) // the test's own configuration
            types.prepend(e.type);
    }
    QCOMPARE(types,
             (QStringList {QStringLiteral("ss"),
                           QStringLiteral("gd_start_enroll"),
                           QStringLiteral("gd_send_sms"),
                           QStringLiteral("gd_enrollment_complete"),
                           QStringLiteral("s"),
                           QStringLiteral("gd_start_auth"),
                           QStringLiteral("gd_send_sms"),
                           QStringLiteral("gd_auth_succeed"),
                           QStringLiteral("s")}));
}

void TestLoginTransaction::policyNeverEndsAfterPassword()
{
    QVERIFY(tenant().mfa().setPolicy(MfaPolicy::Never));
    QVERIFY(tenant().users().create(kEmail, kPassword));
    auto t = begin();
    t->logIn(kEmail, kPassword);
    QVERIFY(settle(*t));
    QCOMPARE(t->state(), LoginTransaction::State::Done);
    QVERIFY(sandbox().messages().isEmpty());
    QVERIFY(!t->profile().contains(QStringLiteral("phone_number")));
}

void TestLoginTransaction::wrongCredentialsAndLockout()
{
    QVERIFY(tenant().users().create(kEmail, kPassword));
    auto t = begin();
    t->logIn(QStringLiteral("nobody@example.com"), kPassword);
    QVERIFY(settle(*t));
    QCOMPARE(t->error(), QStringLiteral("Wrong email or password"));
    for (int i = 1; i < UserStore::kMaxFailedLogins; ++i) {
        t->logIn(kEmail, QStringLiteral("wrong-password"));
        QVERIFY(settle(*t));
        QCOMPARE(t->error(), QStringLiteral("Wrong email or password"));
    }
    t->logIn(kEmail, QStringLiteral("wrong-password"));
    QVERIFY(settle(*t));
    QVERIFY(t->error().contains(QStringLiteral("blocked")));
    t->logIn(kEmail, kPassword); // even the right password, while locked
    QCOMPARE(t->state(), LoginTransaction::State::Login);
    LogFilter filter;
    filter.type = QStringLiteral("limit_wc");
    QCOMPARE(tenant().logs().query(filter).value().size(), 1);
    filter.type = QStringLiteral("fu");
    QCOMPARE(tenant().logs().query(filter).value().size(), 1);
    filter.type = QStringLiteral("fp");
    QCOMPARE(tenant().logs().query(filter).value().size(), 10);
    m_clock.advanceSecs(UserStore::kLockSecs);
    t->logIn(kEmail, kPassword);
    QVERIFY(settle(*t));
    QCOMPARE(t->state(), LoginTransaction::State::Enroll);
}

void TestLoginTransaction::signUpSwitchedOff()
{
    QVERIFY(tenant().users().setSignUpsEnabled(false));
    auto t = begin();
    t->signUp(kEmail, kPassword);
    QVERIFY(settle(*t));
    QCOMPARE(t->state(), LoginTransaction::State::SignUp);
    QCOMPARE(t->error(), QStringLiteral("Public signup is disabled"));
    QVERIFY(!tenant().users().findByEmail(kEmail).value());
    LogFilter filter;
    filter.type = QStringLiteral("fs");
    QCOMPARE(tenant().logs().query(filter).value().size(), 1);
}

void TestLoginTransaction::enrollmentErrors()
{
    auto t = begin();
    t->signUp(kEmail, kPassword);
    QVERIFY(settle(*t));
    t->enroll(QStringLiteral("US"), QStringLiteral("  "));
    QCOMPARE(t->error(), QStringLiteral("Please enter a phone number"));
    t->enroll(QStringLiteral("US"), QStringLiteral("555-CALL-NOW"));
    QCOMPARE(t->error(), QStringLiteral("Phone number can only include digits."));
    t->enroll(QStringLiteral("US"), QStringLiteral("555 44"));
    QCOMPARE(t->error(),
             QStringLiteral("It seems that your phone number is not valid. Please check and retry."));
    QCOMPARE(t->state(), LoginTransaction::State::Enroll);
    QVERIFY(sandbox().messages().isEmpty());
}

void TestLoginTransaction::codeErrorsExpiryAndLockout()
{
    auto t = enrolledChallenge();
    QVERIFY(t);
    const QString code = lastCode();
    const QString wrong
        = code == QStringLiteral("000000") ? QStringLiteral("000001") : QStringLiteral("000000");
    t->verify(QStringLiteral("12a456"));
    QCOMPARE(t->error(), QStringLiteral("OTP Code must have 6 numeric characters"));
    t->verify(wrong);
    QCOMPARE(t->error(), QStringLiteral("The code you entered is invalid"));
    m_clock.advanceSecs(OtpCodes::kValidSecs);
    t->verify(code);
    QCOMPARE(t->error(), QStringLiteral("Invalid or expired user code"));

    QVERIFY(t->resend());
    QVERIFY(settle(*t));
    const QString fresh = lastCode();
    const QString bad
        = fresh == QStringLiteral("000000") ? QStringLiteral("000001") : QStringLiteral("000000");
    for (int i = 2; i < OtpCodes::kMaxFailures; ++i)
        t->verify(bad);
    QCOMPARE(t->error(), QStringLiteral("The code you entered is invalid"));
    t->verify(bad);
    QCOMPARE(t->error(), QStringLiteral("Too many failed codes. Wait for some minutes before retrying."));
    t->verify(fresh);
    QCOMPARE(t->state(), LoginTransaction::State::Challenge);
    LogFilter filter;
    filter.type = QStringLiteral("gd_otp_rate_limit_exceed");
    QCOMPARE(tenant().logs().query(filter).value().size(), 1);
    m_clock.advanceSecs(OtpCodes::kLockSecs - 60);
    QVERIFY(t->resend()); // the old code is invalid after the lock: ask a new one
    QVERIFY(settle(*t));
    m_clock.advanceSecs(60);
    t->verify(lastCode());
    QCOMPARE(t->state(), LoginTransaction::State::Done);
}

void TestLoginTransaction::resendCooldownAndHourlyLimit()
{
    auto t = challengeForEnrolledUser();
    QVERIFY(t);
    const QString first = lastCode();
    QCOMPARE(t->resendCooldownSecs(), 30);
    QVERIFY(!t->resend());
    m_clock.advanceSecs(30);
    QCOMPARE(t->resendCooldownSecs(), 0);
    QVERIFY(t->resend());
    QVERIFY(settle(*t));
    const QString second = lastCode();
    if (first != second) {
        t->verify(first);
        QCOMPARE(t->error(), QStringLiteral("The code you entered is invalid"));
    }
    // 3 sends so far (enrollment, this login, one resend); fill the hour.
    for (int sent = 3; sent < OtpCodes::kMaxSendsPerHour; ++sent) {
        m_clock.advanceSecs(30);
        QVERIFY(t->resend());
        QVERIFY(settle(*t));
    }
    m_clock.advanceSecs(30);
    QVERIFY(!t->resend());
    QCOMPARE(
        t->error(),
        QStringLiteral("You have exceeded the maximum number of phone messages per hour. Wait a few minutes "
                       "and try again."));
    m_clock.advanceSecs(3600);
    QVERIFY(t->resend());
    QVERIFY(settle(*t));
    t->verify(lastCode());
    QCOMPARE(t->state(), LoginTransaction::State::Done);
}

void TestLoginTransaction::failedSendShowsGenericText()
{
    auto t = begin();
    t->signUp(kEmail, kPassword);
    QVERIFY(settle(*t));
    sandbox().setFailureMode(PlivoSandbox::FailureMode::BadRequest,
                             QStringLiteral("dst number is blocklisted"));
    QSignalSpy timeline(t.get(), &LoginTransaction::timelineEntryAdded);
    t->enroll(QStringLiteral("US"), QStringLiteral("5554443232"));
    QVERIFY(settle(*t));
    QCOMPARE(t->state(), LoginTransaction::State::Enroll);
    QCOMPARE(t->error(), QStringLiteral("There was a problem sending the SMS"));
    bool reasonShown = false;
    for (const auto &args : timeline)
        reasonShown |= args.at(0).value<TimelineEntry>().text.contains(QStringLiteral("blocklisted"));
    QVERIFY(reasonShown);
    LogFilter filter;
    filter.type = QStringLiteral("gd_send_sms_failure");
    const QList<LogEvent> failures = tenant().logs().query(filter).value();
    QCOMPARE(failures.size(), 1);
    QVERIFY2(failures.first().description.contains(QStringLiteral("blocklisted")),
             qPrintable(failures.first().description));
}

void TestLoginTransaction::nothingSecretIsStored()
{
    auto t = challengeForEnrolledUser();
    QVERIFY(t);
    t->verify(lastCode());
    QCOMPARE(t->state(), LoginTransaction::State::Done);
    // Every row of every table, on either engine, and on SQLite the file's bytes as well (freed pages too).
    QByteArray bytes;
    const QMap<QString, QStringList> rows = TenantTables::dump(tenant().database());
    for (auto it = rows.cbegin(); it != rows.cend(); ++it)
        bytes += it.value().join(QLatin1Char('\n')).toUtf8();
    QVERIFY(rows.value(QStringLiteral("otp_codes")).size() == 1);
    for (const QString &suffix : {QString(), QStringLiteral("-wal")}) {
        QFile file(tenant().path() + suffix);
        if (file.open(QIODevice::ReadOnly))
            bytes += file.readAll();
    }
    QByteArray logText;
    const QList<LogEvent> events = tenant().logs().query({}).value();
    QVERIFY(events.size() >= 9);
    for (const LogEvent &e : events)
        logText += QJsonDocument(e.toJson()).toJson();
    QVERIFY(logText.contains("+1******3232"));
    const QByteArray digits = kPhone.mid(1).toLatin1();
    QVERIFY(!logText.contains(digits));
    QVERIFY(!logText.contains(kPassword.toUtf8()));
    QVERIFY(!bytes.contains(kPassword.toUtf8()));
    QVERIFY(!m_codes.isEmpty());
    for (const QString &code : std::as_const(m_codes)) {
        QVERIFY2(!logText.contains(code.toLatin1()), qPrintable(code));
        // Random digits may occur anywhere in a binary file: look for the code as a value or in its text.
        QVERIFY2(!bytes.contains(QByteArray("\"" + code.toLatin1() + "\"")), qPrintable(code));
        QVERIFY2(!bytes.contains(QByteArray(code.toLatin1() + " is your")), qPrintable(code));
    }
}

QTEST_GUILESS_MAIN(TestLoginTransaction)
#include "TestLoginTransaction.moc"
