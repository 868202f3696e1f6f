#include "LoginTransaction.h"

#include "common/Clock.h"
#include "flows/PhoneMessagePipeline.h"
#include "mfa/MfaService.h"
#include "phone/PhoneNumber.h"

#include <QRegularExpression>

namespace {

QString wrongCredentials()
{
    return LoginTransaction::tr("Wrong email or password");
}

QString lockedText()
{
    return LoginTransaction::tr("Your account has been blocked after multiple consecutive login attempts.");
}

QString tooManyFailures()
{
    return LoginTransaction::tr("Too many failed codes. Wait for some minutes before retrying.");
}

QString tooManySms()
{
    return LoginTransaction::tr(
        "You have exceeded the maximum number of phone messages per hour. Wait a few minutes and try again.");
}

QString timeText(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

} // namespace

LoginTransaction::LoginTransaction(LoginEngine &engine, LoginContext context, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_context(std::move(context))
{
    note(QStringLiteral("login"), tr("Login page shown for %1").arg(m_context.clientName));
}

LoginTransaction::~LoginTransaction() = default;

void LoginTransaction::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void LoginTransaction::setError(const QString &error)
{
    if (m_error == error)
        return;
    m_error = error;
    Q_EMIT errorChanged(error);
}

void LoginTransaction::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

void LoginTransaction::note(const QString &step, const QString &text)
{
    TimelineEntry entry {step, LogStore::maskPhonesIn(text), m_engine.clock().now()};
    m_timeline.append(entry);
    Q_EMIT timelineEntryAdded(entry);
}

void LoginTransaction::log(const QString &type, const QString &description, const QJsonObject &details)
{
    LogEvent event;
    event.type = type;
    event.description = description;
    event.clientId = m_context.clientId;
    event.clientName = m_context.clientName;
    event.userId = m_user.id;
    event.userName = m_user.email;
    event.ip = m_context.ip;
    event.userAgent = m_context.userAgent;
    event.details = details;
    m_engine.logs().record(event);
}

void LoginTransaction::showSignUp()
{
    if (m_state == State::Login || m_state == State::SignUp) {
        setError({});
        setState(State::SignUp);
    }
}

void LoginTransaction::showLogin()
{
    if (m_state == State::Login || m_state == State::SignUp) {
        setError({});
        setState(State::Login);
    }
}

void LoginTransaction::logIn(const QString &email, const QString &password)
{
    if ((m_state != State::Login && m_state != State::SignUp) || m_busy)
        return;
    UserStore &users = m_engine.users();
    auto found = users.findByEmail(email);
    if (!found || !found.value()) {
        // Checked against a stand-in hash all the same, so that an unknown email takes as long as a
        // wrong password and the answer's timing does not tell which emails have accounts.
        setError({});
        setBusy(true);
        UserStore::checkPasswordLater(User {}, password, this, [this, typed = email.trimmed()](bool) {
            setBusy(false);
            m_user = User {};
            m_user.email = typed;
            log(QStringLiteral("fu"), wrongCredentials());
            m_user = User {};
            note(QStringLiteral("login"), tr("Refused: no user %1").arg(typed));
            setError(wrongCredentials());
        });
        return;
    }
    m_user = *found.value();
    if (m_user.blocked) {
        log(QStringLiteral("f"), tr("user is blocked"));
        note(QStringLiteral("login"), tr("Refused: %1 is blocked").arg(m_user.email));
        setError(tr("user is blocked"));
        setState(State::Failed);
        return;
    }
    if (users.isLocked(m_user)) {
        log(QStringLiteral("f"), lockedText());
        note(QStringLiteral("login"),
             tr("Refused: %1 is locked until %2").arg(m_user.email, timeText(m_user.lockedUntil)));
        setError(lockedText());
        return;
    }
    setError({});
    setBusy(true);
    UserStore::checkPasswordLater(m_user, password, this, [this](bool matches) {
        setBusy(false);
        passwordChecked(matches);
    });
}

void LoginTransaction::passwordChecked(bool matches)
{
    UserStore &users = m_engine.users();
    if (!matches) {
        auto after = users.recordFailedLogin(m_user.id);
        log(QStringLiteral("fp"), wrongCredentials());
        if (after && users.isLocked(after.value())) {
            m_user = after.value();
            log(QStringLiteral("limit_wc"),
                tr("Account locked after %1 failed logins").arg(UserStore::kMaxFailedLogins));
            note(QStringLiteral("login"),
                 tr("Wrong password; the account is locked until %1").arg(timeText(m_user.lockedUntil)));
            setError(lockedText());
        } else {
            note(QStringLiteral("login"), tr("Refused: wrong password for %1").arg(m_user.email));
            setError(wrongCredentials());
        }
        return;
    }
    note(QStringLiteral("login"), tr("Password accepted for %1").arg(m_user.email));
    afterFirstFactor();
}

void LoginTransaction::signUp(const QString &email, const QString &password)
{
    if ((m_state != State::Login && m_state != State::SignUp) || m_busy)
        return;
    setState(State::SignUp);
    UserStore &users = m_engine.users();
    m_user = User {};
    m_user.email = email.trimmed();
    if (!users.signUpsEnabled()) {
        const QString text = tr("Public signup is disabled");
        log(QStringLiteral("fs"), text);
        note(QStringLiteral("signup"), text);
        m_user = User {};
        setError(text);
        return;
    }
    setError({});
    setBusy(true);
    users.createLater(email, password, UserStore::Origin::SignUp, this, [this](Result<User> created) {
        setBusy(false);
        if (!created) {
            log(QStringLiteral("fs"), created.error().message());
            note(QStringLiteral("signup"), tr("Refused: %1").arg(created.error().message()));
            m_user = User {};
            setError(created.error().message());
            return;
        }
        m_user = created.value();
        log(QStringLiteral("ss"));
        note(QStringLiteral("signup"), tr("User %1 created (%2)").arg(m_user.email, m_user.id));
        afterFirstFactor();
    });
}

void LoginTransaction::afterFirstFactor()
{
    setError({});
    const bool mfa = m_engine.mfa().policy() == MfaPolicy::Always && m_engine.mfa().phoneFactor().enabled;
    if (!mfa) {
        note(QStringLiteral("mfa"),
             tr("No second factor required (policy %1)").arg(MfaPolicies::label(m_engine.mfa().policy())));
        complete();
        return;
    }
    if (!m_user.isEnrolled()) {
        m_enrolling = true;
        log(QStringLiteral("gd_start_enroll"));
        note(QStringLiteral("enroll"), tr("Phone Message enrollment required"));
        setState(State::Enroll);
        return;
    }
    m_enrolling = false;
    m_phone = m_user.phoneNumber;
    log(QStringLiteral("gd_start_auth"),
        {},
        {{QStringLiteral("authenticator"),
          QJsonObject {{QStringLiteral("type"), QStringLiteral("phone")},
                       {QStringLiteral("phone_number"), LogStore::maskPhone(m_phone)}}}});
    note(QStringLiteral("challenge"), tr("Second factor required: code to %1").arg(maskedPhone()));
    setState(State::Challenge);
    sendCode();
}

void LoginTransaction::enroll(const QString &region, const QString &nationalNumber)
{
    if (m_state != State::Enroll || m_busy)
        return;
    const QString typed = nationalNumber.trimmed();
    static const QRegularExpression allowed(QStringLiteral("^\\+?[0-9 ().-]+$"));
    if (typed.isEmpty()) {
        setError(tr("Please enter a phone number"));
        return;
    }
    if (!allowed.match(typed).hasMatch()) {
        setError(tr("Phone number can only include digits."));
        return;
    }
    auto e164 = PhoneNumber::toE164(typed, region);
    if (!e164 || !PhoneNumber::isPossible(e164.value())) {
        note(QStringLiteral("enroll"),
             tr("Refused number: %1").arg(e164 ? tr("not possible") : e164.error().message()));
        setError(tr("It seems that your phone number is not valid. Please check and retry."));
        return;
    }
    m_phone = e164.value();
    note(QStringLiteral("enroll"), tr("Enrolling %1").arg(maskedPhone()));
    sendCode();
}

void LoginTransaction::sendCode()
{
    OtpCodes &codes = m_engine.codes();
    std::optional<QString> code = codes.issue(m_user.id);
    if (!code) {
        note(QStringLiteral("sms"),
             tr("Hourly limit of %1 messages reached").arg(OtpCodes::kMaxSendsPerHour));
        setError(tooManySms());
        return;
    }
    PhoneMessageRequest request;
    request.purpose
        = m_enrolling ? QStringLiteral("enrollment") : QStringLiteral("second-factor-authentication");
    request.recipient = m_phone;
    request.code = *code;
    code.reset();
    request.user = {{QStringLiteral("user_id"), m_user.id},
                    {QStringLiteral("email"), m_user.email},
                    {QStringLiteral("name"), m_user.email},
                    {QStringLiteral("phone_number"), m_phone}};
    if (!m_context.clientId.isEmpty())
        request.client = {{QStringLiteral("client_id"), m_context.clientId},
                          {QStringLiteral("name"), m_context.clientName},
                          {QStringLiteral("metadata"), QJsonObject {}}};
    request.request = {{QStringLiteral("ip"), m_context.ip},
                       {QStringLiteral("language"), m_context.language},
                       {QStringLiteral("user_agent"), m_context.userAgent},
                       {QStringLiteral("hostname"), QStringLiteral("localhost")},
                       {QStringLiteral("method"), QStringLiteral("POST")}};
    setError({});
    setBusy(true);
    note(QStringLiteral("sms"), tr("Sending the %1 code to %2").arg(request.purpose, maskedPhone()));
    PipelineRun *run = m_engine.pipeline().send(request);
    request.code.clear();
    connect(run, &PipelineRun::actionFinished, this, [this](const ActionRunResult &result) {
        for (const QString &line : result.console)
            note(QStringLiteral("console"), tr("%1 console: %2").arg(result.actionName, line));
        note(QStringLiteral("action"),
             result.succeeded
                 ? tr("%1 succeeded%2")
                       .arg(result.actionName,
                            result.messageUuid.isEmpty() ? QString()
                                                         : tr(" (message %1)").arg(result.messageUuid))
                 : tr("%1 failed: %2").arg(result.actionName, result.error));
    });
    connect(run,
            &PipelineRun::deliveryStateChanged,
            this,
            [this](int, const QString &uuid, const QString &state) {
                note(QStringLiteral("delivery"), tr("SMS %1: %2").arg(uuid, state));
            });
    connect(run, &PipelineRun::finished, this, &LoginTransaction::onSent);
}

void LoginTransaction::onSent(const Execution &execution)
{
    setBusy(false);
    const QJsonObject authenticator {{QStringLiteral("type"), QStringLiteral("phone")},
                                     {QStringLiteral("phone_number"), LogStore::maskPhone(m_phone)}};
    if (!execution.succeeded()) {
        m_engine.codes().discard(m_user.id);
        log(QStringLiteral("gd_send_sms_failure"),
            execution.error,
            {{QStringLiteral("authenticator"), authenticator},
             {QStringLiteral("execution_id"), execution.id},
             {QStringLiteral("provider_error"), QJsonObject {{QStringLiteral("message"), execution.error}}}});
        note(QStringLiteral("sms"), tr("Sending failed: %1").arg(execution.error));
        setError(tr("There was a problem sending the SMS"));
        return;
    }
    log(QStringLiteral("gd_send_sms"),
        {},
        {{QStringLiteral("authenticator"), authenticator}, {QStringLiteral("execution_id"), execution.id}});
    note(QStringLiteral("sms"), tr("Code sent to %1").arg(maskedPhone()));
    setState(State::Challenge);
}

void LoginTransaction::verify(const QString &code)
{
    if (m_state != State::Challenge || m_busy)
        return;
    static const QRegularExpression sixDigits(QStringLiteral("^[0-9]{6}$"));
    const QString trimmed = code.trimmed();
    if (!sixDigits.match(trimmed).hasMatch()) {
        setError(tr("OTP Code must have 6 numeric characters"));
        return;
    }
    const QJsonObject details {
        {QStringLiteral("authenticator"),
         QJsonObject {{QStringLiteral("type"), QStringLiteral("phone")},
                      {QStringLiteral("phone_number"), LogStore::maskPhone(m_phone)}}}};
    switch (m_engine.codes().check(m_user.id, trimmed)) {
    case OtpCodes::Check::Accepted:
        if (m_enrolling) {
            m_engine.users().enrollPhone(m_user.id, m_phone);
            log(QStringLiteral("gd_enrollment_complete"), {}, details);
            note(QStringLiteral("enroll"), tr("Enrolled %1").arg(maskedPhone()));
        } else {
            log(QStringLiteral("gd_auth_succeed"), {}, details);
            note(QStringLiteral("challenge"), tr("Code accepted"));
        }
        complete();
        return;
    case OtpCodes::Check::Wrong:
        log(QStringLiteral("gd_auth_failed"), tr("The code you entered is invalid"), details);
        note(QStringLiteral("challenge"), tr("Wrong code"));
        setError(tr("The code you entered is invalid"));
        return;
    case OtpCodes::Check::Expired:
        log(QStringLiteral("gd_auth_failed"), tr("Invalid or expired user code"), details);
        note(QStringLiteral("challenge"), tr("Expired or missing code"));
        setError(tr("Invalid or expired user code"));
        return;
    case OtpCodes::Check::TooManyFailures:
        log(QStringLiteral("gd_auth_failed"), tr("The code you entered is invalid"), details);
        log(QStringLiteral("gd_otp_rate_limit_exceed"), {}, details);
        note(QStringLiteral("challenge"),
             tr("Too many wrong codes: locked for %1 s").arg(OtpCodes::kLockSecs));
        setError(tooManyFailures());
        return;
    case OtpCodes::Check::Locked:
        note(
            QStringLiteral("challenge"),
            tr("Refused: codes are locked for %1 s more").arg(m_engine.codes().lockRemainingSecs(m_user.id)));
        setError(tooManyFailures());
        return;
    }
}

bool LoginTransaction::resend()
{
    if (m_state != State::Challenge || m_busy)
        return false;
    const int wait = resendCooldownSecs();
    if (wait > 0) {
        note(QStringLiteral("sms"), tr("Resend refused: %1 s of cooldown left").arg(wait));
        setError(tr("Wait %1 seconds before asking for a new code.").arg(wait));
        return false;
    }
    if (m_engine.codes().hourlyLimitReached(m_user.id)) {
        note(QStringLiteral("sms"),
             tr("Hourly limit of %1 messages reached").arg(OtpCodes::kMaxSendsPerHour));
        setError(tooManySms());
        return false;
    }
    note(QStringLiteral("sms"), tr("Resend requested"));
    sendCode();
    return true;
}

int LoginTransaction::resendCooldownSecs() const
{
    return m_user.id.isEmpty() ? 0 : m_engine.codes().cooldownRemainingSecs(m_user.id);
}

QString LoginTransaction::maskedPhone() const
{
    return m_phone.isEmpty() ? QString() : LogStore::maskPhone(m_phone);
}

void LoginTransaction::complete()
{
    auto after = m_engine.users().recordLogin(m_user.id);
    if (after)
        m_user = after.value();
    log(QStringLiteral("s"));
    m_profile = buildProfile();
    setError({});
    note(QStringLiteral("done"), tr("Logged in as %1").arg(m_user.email));
    setState(State::Done);
}

QJsonObject LoginTransaction::buildProfile() const
{
    const QString nickname = m_user.email.section(QLatin1Char('@'), 0, 0);
    QJsonObject profile {{QStringLiteral("user_id"), m_user.id},
                         {QStringLiteral("email"), m_user.email},
                         {QStringLiteral("email_verified"), false},
                         {QStringLiteral("name"), m_user.email},
                         {QStringLiteral("nickname"), nickname},
                         {QStringLiteral("created_at"), timeText(m_user.createdAt)},
                         {QStringLiteral("updated_at"), timeText(m_user.updatedAt)},
                         {QStringLiteral("last_login"), timeText(m_user.lastLogin)},
                         {QStringLiteral("logins_count"), m_user.loginsCount}};
    if (m_user.isEnrolled())
        profile.insert(QStringLiteral("phone_number"), m_user.phoneNumber);
    return profile;
}
