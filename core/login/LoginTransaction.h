#pragma once

#include "core/login/LoginEngine.h"
#include "core/model/User.h"
#include "core/pipelines/PostLoginFlow.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>

struct Execution;

/// One line of a transaction's timeline: a step, what happened, and when.
struct TimelineEntry
{
    /// "login", "signup", "action", "console", "mfa", "enroll", "sms", "delivery", "challenge", then
    /// "done" or "failed" (the reason the login was refused)
    QString step;
    QString text;
    QDateTime time;
};

/**
 * @brief One login attempt, as Universal Login runs it: Login (or SignUp), then by the MFA policy Enroll
 *        or Challenge, then Done; Failed when the account is blocked (logged as fu, "user is blocked") or the
 *        Login flow refuses it (logged as f, with the deny reason).
 *
 * Errors use Auth0's texts and stay on the current screen (error()). Checking or hashing a password
 * (Argon2id, on a worker thread) and sending a code are asynchronous: isBusy() is true until the hash is
 * done or the Send Phone Message flow has finished, and other calls are ignored meanwhile; a failed send says
 * "There was a problem sending the SMS" to the user while the timeline and the log (gd_send_sms_failure)
 * carry the real reason. Every step and result is announced with timelineEntryAdded(). Codes never leave the
 * engine except through the pipeline.
 */
class LoginTransaction : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Login,
        SignUp,
        Enroll,
        Challenge,
        Done,
        Failed,
    };
    Q_ENUM(State)

    LoginTransaction(LoginEngine &engine, LoginContext context, QObject *parent = nullptr);
    ~LoginTransaction() override;

    State state() const { return m_state; }
    /// The message of the last refused action, Auth0's text; empty after a successful one.
    QString error() const { return m_error; }
    /// True while a code is being sent.
    bool isBusy() const { return m_busy; }
    QList<TimelineEntry> timeline() const { return m_timeline; }

    /// Switches between the Login and SignUp screens.
    void showSignUp();
    void showLogin();

    /// First factor, checked asynchronously. Wrong email and wrong password both say "Wrong email or
    /// password".
    void logIn(const QString &email, const QString &password);
    /**
     * @brief A login through an existing session (single sign-on): @p userId is known from the session,
     *        so the password is skipped; the Login flow and the MFA policy run as after a password.
     *        Failed when the user is gone or blocked.
     */
    void continueSession(const QString &userId);
    /// Creates the user (asynchronously) and logs in; refused when sign-ups are off in the tenant.
    void signUp(const QString &email, const QString &password);
    /// Enroll screen: @p nationalNumber in region @p region ("US"); sends the enrollment code.
    void enroll(const QString &region, const QString &nationalNumber);
    /// Challenge screen: checks @p code.
    void verify(const QString &code);
    /// Sends a new code (invalidating the old one); refused during the cooldown. False when refused.
    bool resend();
    /// Seconds until resend() is allowed (0 when it is).
    int resendCooldownSecs() const;
    /// The number the code goes to, masked ("+1******3232"); empty before one is known.
    QString maskedPhone() const;
    /// The user's profile (Auth0 shape) once Done; empty before.
    QJsonObject profile() const { return m_profile; }
    /// What the Login flow's actions asked for (custom claims included), once it has run.
    const PostLoginOutcome &loginFlowOutcome() const { return m_loginFlow; }
    /// The user logging in, once the first factor passed.
    QString userId() const { return m_user.id; }

    /**
     * @brief The login at rest, as JSON for the tenant's database: everything another login server needs
     *        to go on with it (restore()). Not the timeline, which stays with the process that wrote it, and
     *        never a code or password. Only meaningful while not busy.
     */
    QJsonObject saved() const;
    /**
     * @brief The login that saved() wrote, going on where it stood; the user is read again from the store
     *        (a block or an enrollment made meanwhile counts). An error when @p saved is not one.
     */
    static Result<std::unique_ptr<LoginTransaction>> restore(LoginEngine &engine, const QJsonObject &saved);

Q_SIGNALS:
    void stateChanged(LoginTransaction::State state);
    void errorChanged(const QString &error);
    void busyChanged(bool busy);
    void timelineEntryAdded(const TimelineEntry &entry);

private:
    void setState(State state);
    void setError(const QString &error);
    void setBusy(bool busy);
    void note(const QString &step, const QString &text);
    void log(const QString &type, const QString &description = {}, const QJsonObject &details = {});
    void passwordChecked(bool matches);
    void afterFirstFactor();
    /// Runs the Login flow's actions (post-login), then secondFactorOrDone() unless they refuse.
    void runLoginFlow(const Result<QList<Binding>> &bindings);
    QJsonObject postLoginEvent() const;
    /// Enrollment or challenge when the policy (or a post-login action) asks for MFA, else Done.
    void secondFactorOrDone();
    void sendCode();
    void onSent(const Execution &execution);
    void complete();
    QJsonObject buildProfile() const;

    LoginEngine &m_engine;
    LoginContext m_context;
    State m_state = State::Login;
    QString m_error;
    bool m_busy = false;
    User m_user;
    QString m_phone; ///< where codes go, E.164
    bool m_enrolling = false; ///< the pending code confirms a new enrollment
    QList<TimelineEntry> m_timeline;
    QJsonObject m_profile;
    PostLoginOutcome m_loginFlow; ///< what the Login flow's actions asked for
};

Q_DECLARE_METATYPE(TimelineEntry)
