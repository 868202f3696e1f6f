#include "MfaService.h"

#include "core/flows/FlowService.h"
#include "core/mfa/MessageTemplates.h"
#include "core/settings/TenantSettings.h"
#include "core/store/Database.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcMfa, "authdeck.mfa")

namespace {

const QString kSendPhoneMessage = QStringLiteral("send-phone-message");
const QString kCustomProvider = QStringLiteral("phone-message-hook");

} // namespace

MfaService::MfaService(Database &database, TenantSettings &settings, FlowService &flows, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_settings(settings)
    , m_flows(flows)
    , m_repository(database)
{
    connect(&flows, &FlowService::flowApplied, this, [this](const QString &triggerId) {
        if (triggerId == kSendPhoneMessage)
            Q_EMIT changed();
    });
    connect(&flows, &FlowService::changedElsewhere, this, &MfaService::changed);
}

PhoneFactorSettings MfaService::phoneFactor() const
{
    PhoneFactorSettings settings;
    settings.enrollmentTemplate = MessageTemplates::defaultTemplate(MessageTemplates::Kind::Enrollment);
    settings.verificationTemplate = MessageTemplates::defaultTemplate(MessageTemplates::Kind::Verification);
    const auto stored = m_repository.phoneFactor();
    if (!stored) {
        qCWarning(lcMfa) << "cannot read the Phone Message factor:" << stored.error().message();
        return settings;
    }
    return stored.value().value_or(settings);
}

std::optional<QString> MfaService::checkPhoneFactor(const PhoneFactorSettings &settings) const
{
    if (settings.provider != kCustomProvider)
        return tr("Authdeck delivers codes only through Custom (the Send Phone Message flow), not “%1”.")
            .arg(settings.provider);
    if (settings.messageTypes != QStringList {QStringLiteral("sms")})
        return tr("Authdeck sends codes by SMS only: the message types must be exactly “sms”.");
    const QString name = m_settings.friendlyName();
    if (const auto problem = MessageTemplates::check(settings.enrollmentTemplate, name))
        return tr("Enrollment message: %1").arg(*problem);
    if (const auto problem = MessageTemplates::check(settings.verificationTemplate, name))
        return tr("Verification message: %1").arg(*problem);
    return std::nullopt;
}

Result<void> MfaService::savePhoneFactor(const PhoneFactorSettings &settings)
{
    if (const auto problem = checkPhoneFactor(settings))
        return Error(Error::Kind::Invalid, *problem);
    const PhoneFactorSettings before = phoneFactor();
    if (auto saved = m_database.transaction([&] { return m_repository.savePhoneFactor(settings); }); !saved)
        return saved;
    if (before != settings) {
        Q_EMIT phoneFactorSaved();
        Q_EMIT changed();
    }
    return {};
}

MfaPolicy MfaService::policy() const
{
    const auto stored = m_repository.policies();
    if (!stored) {
        qCWarning(lcMfa) << "cannot read the MFA policy:" << stored.error().message();
        return MfaPolicy::Never;
    }
    return MfaPolicies::fromApi(QJsonArray::fromStringList(stored.value())).value_or(MfaPolicy::Never);
}

Result<void> MfaService::setPolicy(MfaPolicy policy)
{
    const MfaPolicy before = this->policy();
    QStringList values;
    for (const QJsonValue &value : MfaPolicies::toApi(policy))
        values.append(value.toString());
    if (auto saved = m_database.transaction([&] { return m_repository.setPolicies(values); }); !saved)
        return saved;
    if (before != policy) {
        Q_EMIT policySaved(policy);
        Q_EMIT changed();
    }
    return {};
}

QStringList MfaService::problemsWithAlways() const
{
    QStringList problems;
    if (!phoneFactor().enabled)
        problems.append(tr("The Phone Message factor is off: users have no second factor to use."));
    const auto bindings = m_flows.bindings(kSendPhoneMessage);
    if (!bindings) {
        problems.append(bindings.error().message());
        return problems;
    }
    if (bindings.value().isEmpty())
        problems.append(tr("No action is bound in the Send Phone Message flow: codes cannot be sent."));
    for (const Binding &binding : bindings.value()) {
        const ActionRef ref = m_flows.describe(kSendPhoneMessage, binding);
        if (!ref.problem.isEmpty())
            problems.append(ref.problem);
    }
    return problems;
}

QString MfaService::flowNote() const
{
    const auto bindings = m_flows.bindings(kSendPhoneMessage);
    if (!bindings)
        return tr("The Send Phone Message flow cannot be read: %1").arg(bindings.error().message());
    if (bindings.value().isEmpty())
        return tr("No action is bound: codes cannot be sent");
    QStringList names;
    QString problem;
    for (const Binding &binding : bindings.value()) {
        const ActionRef ref = m_flows.describe(kSendPhoneMessage, binding);
        names.append(ref.name);
        if (problem.isEmpty())
            problem = ref.problem;
    }
    const QString note = tr("%1, applied").arg(names.join(QStringLiteral(", ")));
    return problem.isEmpty() ? note : tr("%1 — %2").arg(note, problem);
}
