#include "LoginTransaction.h"

#include "core/common/Clock.h"
#include "core/flows/FlowService.h"
#include "core/flows/Trigger.h"
#include "core/mfa/MfaService.h"
#include "core/phone/PhoneNumber.h"
#include "core/pipelines/ActionEvent.h"
#include "core/pipelines/PostLoginFlow.h"
#include "core/settings/TenantSettings.h"

#include <QJsonArray>
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
    discardResult(m_engine.logs().record(event), "LogStore counts and announces a failed record itself");
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
            log(LogCodes::WrongUser, wrongCredentials());
            m_user = User {};
            note(QStringLiteral("login"), tr("Refused: no user %1").arg(typed));
            setError(wrongCredentials());
        });
        return;
    }
    m_user = *found.value();
    if (m_user.blocked) {
        // As Auth0 does: the attempt is logged as fu with "user is blocked", and the transaction ends.
        const QString reason = tr("user is blocked");
        log(LogCodes::WrongUser, reason);
        note(QStringLiteral("failed"),
             tr("Refused: %1 is blocked on the Users page (%2)").arg(m_user.email, reason));
        setError(reason);
        setState(State::Failed);
        return;
    }
    if (users.isLocked(m_user)) {
        log(LogCodes::FailedLogin, lockedText());
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
        log(LogCodes::WrongPassword, wrongCredentials());
        if (after && users.isLocked(after.value())) {
            m_user = after.value();
            log(LogCodes::TooManyLogins,
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

void LoginTransaction::continueSession(const QString &userId)
{
    if (m_state != State::Login || m_busy)
        return;
    auto found = m_engine.users().find(userId);
    if (!found || found.value().blocked) {
        m_user = found ? found.value() : User {};
        const QString reason
            = found ? tr("user is blocked") : tr("The user of this session no longer exists");
        log(LogCodes::WrongUser, reason);
        note(QStringLiteral("failed"), tr("Refused the session: %1").arg(reason));
        setError(reason);
        setState(State::Failed);
        return;
    }
    m_user = found.value();
    note(QStringLiteral("login"), tr("Session of %1 continued (no password asked)").arg(m_user.email));
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
        log(LogCodes::FailedSignup, text);
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
            log(LogCodes::FailedSignup, created.error().message());
            note(QStringLiteral("signup"), tr("Refused: %1").arg(created.error().message()));
            m_user = User {};
            setError(created.error().message());
            return;
        }
        m_user = created.value();
        log(LogCodes::SuccessfulSignup);
        note(QStringLiteral("signup"), tr("User %1 created (%2)").arg(m_user.email, m_user.id));
        afterFirstFactor();
    });
}

void LoginTransaction::afterFirstFactor()
{
    setError({});
    // A flow that cannot be read runs (and fails) rather than letting the login skip its rules.
    const auto bindings = m_engine.flows().bindings(Triggers::PostLogin);
    if (!bindings || !bindings.value().isEmpty())
        return runLoginFlow(bindings);
    secondFactorOrDone();
}

void LoginTransaction::runLoginFlow(const Result<QList<Binding>> &bindings)
{
    note(QStringLiteral("action"), tr("Running the Login flow"));
    setBusy(true);
    auto *flow = new PostLoginFlow(m_engine.actions(), m_engine.logs(), this);
    connect(flow,
            &PostLoginFlow::actionFinished,
            this,
            [this](const QString &name, const QString &error, const QStringList &console) {
                for (const QString &line : console)
                    note(QStringLiteral("console"), tr("%1 console: %2").arg(name, line));
                note(QStringLiteral("action"),
                     error.isEmpty() ? tr("%1 succeeded").arg(name) : tr("%1 failed: %2").arg(name, error));
            });
    connect(flow, &PostLoginFlow::finished, this, [this, flow](const PostLoginOutcome &outcome) {
        flow->deleteLater();
        setBusy(false);
        m_loginFlow = outcome;
        for (const QString &api : outcome.ignored)
            note(QStringLiteral("action"), tr("api.%1 has no effect in Authdeck's login engine").arg(api));
        if (!outcome.error.isEmpty() || !outcome.denied.isEmpty()) {
            const QString reason = outcome.denied.isEmpty() ? outcome.error : outcome.denied;
            log(LogCodes::FailedLogin, reason);
            note(QStringLiteral("failed"), tr("Refused by the Login flow: %1").arg(reason));
            // A deny reason is meant for the user (Auth0 hands it to the app); a failure is not.
            setError(outcome.denied.isEmpty() ? tr("We could not log you in. Try again later.")
                                              : outcome.denied);
            setState(State::Failed);
            return;
        }
        secondFactorOrDone();
    });
    flow->run(bindings, postLoginEvent());
}

QJsonObject LoginTransaction::postLoginEvent() const
{
    const QJsonObject profile = buildProfile();
    QJsonObject user = profile;
    user.insert(QStringLiteral("app_metadata"), QJsonObject {});
    user.insert(QStringLiteral("user_metadata"), QJsonObject {});
    if (m_user.isEnrolled())
        user.insert(QStringLiteral("multifactor"), QJsonArray {QStringLiteral("guardian")});
    return {{QStringLiteral("user"), user},
            {QStringLiteral("client"), ActionEvent::client(m_context.clientId, m_context.clientName)},
            {QStringLiteral("connection"),
             QJsonObject {{QStringLiteral("id"), QStringLiteral("con_authdeck_database")},
                          {QStringLiteral("name"), QStringLiteral("Username-Password-Authentication")},
                          {QStringLiteral("strategy"), QStringLiteral("auth0")},
                          {QStringLiteral("metadata"), QJsonObject {}}}},
            {QStringLiteral("request"),
             ActionEvent::request(m_context.ip, m_context.language, m_context.userAgent)},
            {QStringLiteral("tenant"), QJsonObject {{QStringLiteral("id"), m_engine.settings().tenantId()}}},
            {QStringLiteral("transaction"),
             QJsonObject {{QStringLiteral("locale"), m_context.language},
                          {QStringLiteral("protocol"), QStringLiteral("oidc-basic-profile")}}},
            {QStringLiteral("stats"), QJsonObject {{QStringLiteral("logins_count"), m_user.loginsCount + 1}}},
            {QStringLiteral("authentication"),
             QJsonObject {{QStringLiteral("methods"),
                           QJsonArray {QJsonObject {{QStringLiteral("name"), QStringLiteral("pwd")},
                                                    {QStringLiteral("timestamp"),
                                                     m_engine.clock().now().toString(Qt::ISODate)}}}}}}};
}

void LoginTransaction::secondFactorOrDone()
{
    const bool required = m_engine.mfa().policy() == MfaPolicy::Always || m_loginFlow.mfaRequired;
    const bool mfa = required && m_engine.mfa().phoneFactor().enabled;
    if (!mfa) {
        note(QStringLiteral("mfa"),
             required ? tr("Second factor asked for, but the Phone Message factor is off")
                      : tr("No second factor required (policy %1)")
                            .arg(MfaPolicies::label(m_engine.mfa().policy())));
        complete();
        return;
    }
    if (!m_user.isEnrolled()) {
        m_enrolling = true;
        log(LogCodes::MfaEnrollStarted);
        note(QStringLiteral("enroll"), tr("Phone Message enrollment required"));
        setState(State::Enroll);
        return;
    }
    m_enrolling = false;
    m_phone = m_user.phoneNumber;
    log(LogCodes::MfaAuthStarted,
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

void LoginTransaction::complete()
{
    auto after = m_engine.users().recordLogin(m_user.id);
    if (after)
        m_user = after.value();
    log(LogCodes::SuccessfulLogin);
    m_profile = buildProfile();
    // Custom claims set by the Login flow's actions go into the ID token, so into the profile.
    for (auto it = m_loginFlow.idTokenClaims.constBegin(); it != m_loginFlow.idTokenClaims.constEnd(); ++it)
        m_profile.insert(it.key(), it.value());
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
