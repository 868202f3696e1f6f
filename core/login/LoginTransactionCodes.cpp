// The second factor of a login transaction: sending codes through the Send Phone Message flow, checking
// them, and resending. The first factor and the shared helpers are in LoginTransaction.cpp.

#include "core/login/LoginTransaction.h"
#include "core/logs/LogStore.h"
#include "core/pipelines/ActionEvent.h"
#include "core/pipelines/PhoneMessagePipeline.h"

#include <QRegularExpression>

namespace {

QString tooManyFailures()
{
    return LoginTransaction::tr("Too many failed codes. Wait for some minutes before retrying.");
}

QString tooManySms()
{
    return LoginTransaction::tr(
        "You have exceeded the maximum number of phone messages per hour. Wait a few minutes and try again.");
}

} // namespace

void LoginTransaction::sendCode()
{
    auto issued = m_engine.codes().issue(m_user.id);
    if (!issued) {
        note(QStringLiteral("sms"), tr("No code could be issued: %1").arg(issued.error().message()));
        setError(tr("There was a problem sending the SMS"));
        return;
    }
    std::optional<QString> code = issued.takeValue();
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
    request.user = ActionEvent::phoneUser(m_user.id, m_user.email, m_user.email, m_phone);
    request.client = ActionEvent::client(m_context.clientId, m_context.clientName);
    request.request = ActionEvent::request(m_context.ip, m_context.language, m_context.userAgent);
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
        log(LogCodes::MfaSmsFailed,
            execution.error,
            {{QStringLiteral("authenticator"), authenticator},
             {QStringLiteral("execution_id"), execution.id},
             {QStringLiteral("provider_error"), QJsonObject {{QStringLiteral("message"), execution.error}}}});
        note(QStringLiteral("sms"), tr("Sending failed: %1").arg(execution.error));
        setError(tr("There was a problem sending the SMS"));
        return;
    }
    log(LogCodes::MfaSmsSent,
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
            if (auto enrolled = m_engine.users().enrollPhone(m_user.id, m_phone); !enrolled) {
                note(QStringLiteral("enroll"),
                     tr("The phone could not be enrolled: %1").arg(enrolled.error().message()));
                setError(tr("We could not save your phone number. Try again later."));
                setState(State::Failed);
                return;
            }
            log(LogCodes::MfaEnrolled, {}, details);
            note(QStringLiteral("enroll"), tr("Enrolled %1").arg(maskedPhone()));
        } else {
            log(LogCodes::MfaAuthSucceeded, {}, details);
            note(QStringLiteral("challenge"), tr("Code accepted"));
        }
        complete();
        return;
    case OtpCodes::Check::Wrong:
        log(LogCodes::MfaAuthFailed, tr("The code you entered is invalid"), details);
        note(QStringLiteral("challenge"), tr("Wrong code"));
        setError(tr("The code you entered is invalid"));
        return;
    case OtpCodes::Check::Expired:
        log(LogCodes::MfaAuthFailed, tr("Invalid or expired user code"), details);
        note(QStringLiteral("challenge"), tr("Expired or missing code"));
        setError(tr("Invalid or expired user code"));
        return;
    case OtpCodes::Check::TooManyFailures:
        log(LogCodes::MfaAuthFailed, tr("The code you entered is invalid"), details);
        log(LogCodes::MfaTooManyCodes, {}, details);
        note(QStringLiteral("challenge"),
             tr("Too many wrong codes: locked for %1 s").arg(OtpCodes::kLockSecs));
        setError(tooManyFailures());
        return;
    case OtpCodes::Check::Unavailable:
        note(QStringLiteral("challenge"), tr("The code could not be checked: the tenant's store failed"));
        setError(tr("We could not check the code. Try again later."));
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
