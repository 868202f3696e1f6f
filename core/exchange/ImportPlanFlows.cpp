// ImportPlan: the flows (triggers) and the Guardian (MFA) resource types.

#include "ImportPlan.h"
#include "core/actions/IntegrationService.h"
#include "core/exchange/ImportRules.h"
#include "core/exchange/TenantExporter.h"
#include "core/flows/Trigger.h"
#include "core/mfa/MfaService.h"
#include "core/tenant/Tenant.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <functional>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ImportPlan", text);
}

} // namespace

using namespace ImportRules;

Result<void> ImportPlan::checkTriggers(Tenant &tenant, const TenantFiles &files)
{
    const QJsonValue value = files.document().value(QLatin1String("triggers"));
    // deploy-cli writes "triggers: []" for a tenant whose flows are all empty.
    if (value.isArray() && value.toArray().isEmpty())
        return {};
    if (!value.isObject())
        return refusal(files, QStringLiteral("triggers"), tr("must map trigger ids to their bindings"));
    // The names a binding may give: the file's actions, the tenant's custom actions that the import keeps,
    // and the installed integrations, each for its trigger.
    QHash<QString, QString> triggerOf;
    for (const QJsonValue &action : m_current.value(QLatin1String("actions")).toArray())
        triggerOf.insert(action.toObject().value(QLatin1String("name")).toString(),
                         ImportRules::triggerOf(action.toObject()));
    for (const ResourceChange &change : std::as_const(m_changes))
        if (change.type == QLatin1String("actions") && change.kind == ResourceChange::Kind::Delete)
            triggerOf.remove(change.name);
    for (const QJsonValue &action : m_wanted.value(QLatin1String("actions")).toArray())
        triggerOf.insert(action.toObject().value(QLatin1String("name")).toString(),
                         ImportRules::triggerOf(action.toObject()));
    auto integrations = tenant.integrations().list();
    if (!integrations)
        return integrations.error();
    for (const Integration &integration : integrations.value())
        triggerOf.insert(integration.name, integration.trigger);

    const QJsonObject wanted = value.toObject();
    const QJsonObject current = m_current.value(QLatin1String("triggers")).toObject();
    for (auto it = wanted.begin(); it != wanted.end(); ++it) {
        const QString at = QStringLiteral("triggers.%1").arg(it.key());
        if (!Triggers::find(it.key()))
            return refusal(files, at, tr("is not a trigger Authdeck runs"));
        if (!it.value().isArray())
            return refusal(files, at, tr("must be a list of bindings"));
        const QJsonArray bindings = it.value().toArray();
        for (int i = 0; i < bindings.size(); ++i) {
            const QString bindingAt = at + QStringLiteral("[%1]").arg(i);
            const QJsonObject binding = bindings.at(i).toObject();
            if (const auto key
                = unknownKey(binding, {QStringLiteral("action_name"), QStringLiteral("display_name")}))
                return refusal(files, bindingAt + QLatin1Char('.') + *key, tr("is not a field of a binding"));
            const QString name = binding.value(QLatin1String("action_name")).toString();
            if (!triggerOf.contains(name))
                return refusal(
                    files,
                    bindingAt + QLatin1String(".action_name"),
                    tr("no action or installed integration is named \"%1\" (deploy-cli's files never hold "
                       "Marketplace integrations: install it in the tenant first, in Actions > Library)")
                        .arg(name));
            if (triggerOf.value(name) != it.key())
                return refusal(files,
                               bindingAt + QLatin1String(".action_name"),
                               tr("\"%1\" runs in %2, not in %3").arg(name, triggerOf.value(name), it.key()));
        }
        if (bindings != current.value(it.key()).toArray())
            m_changes.append({ResourceChange::Kind::Change,
                              QStringLiteral("triggers"),
                              it.key(),
                              {{QStringLiteral("bindings"), current.value(it.key()), bindings}}});
    }
    return {};
}

Result<void> ImportPlan::checkGuardian(Tenant &tenant, const TenantFiles &files)
{
    const QJsonObject &document = files.document();
    PhoneFactorSettings phone = tenant.mfa().phoneFactor();
    QHash<QString, QString> setAt; ///< where the file set each field of the factor (for a refusal)
    if (document.contains(QLatin1String("guardianFactors"))) {
        auto factors = records(files, QStringLiteral("guardianFactors"));
        if (!factors)
            return factors.error();
        for (int i = 0; i < factors.value().size(); ++i) {
            const QString at = QStringLiteral("guardianFactors[%1]").arg(i);
            const QJsonObject factor = factors.value().at(i).toObject();
            const QString name = factor.value(QLatin1String("name")).toString();
            if (const auto key = unknownKey(
                    factor,
                    {QStringLiteral("name"), QStringLiteral("enabled"), QStringLiteral("trial_expired")}))
                return refusal(
                    files, at + QLatin1Char('.') + *key, tr("is not a field of a Guardian factor"));
            if (!TenantExporter::guardianFactorNames().contains(name))
                return refusal(
                    files, at + QLatin1String(".name"), tr("\"%1\" is not a Guardian factor").arg(name));
            if (!factor.value(QLatin1String("enabled")).isBool())
                return refusal(files, at + QLatin1String(".enabled"), tr("must be true or false"));
            const bool enabled = factor.value(QLatin1String("enabled")).toBool();
            if (name == QLatin1String("sms"))
                phone.enabled = enabled;
            else if (enabled)
                return refusal(files,
                               at + QLatin1String(".enabled"),
                               tr("Authdeck offers only the sms factor (Phone Message), not %1").arg(name));
        }
    }
    if (document.contains(QLatin1String("guardianFactorProviders"))) {
        const QJsonValue providers = document.value(QLatin1String("guardianFactorProviders"));
        if (!providers.isArray())
            return refusal(files, QStringLiteral("guardianFactorProviders"), tr("must be a list"));
        if (!providers.toArray().isEmpty())
            m_notes.append(
                tr("guardianFactorProviders: Authdeck holds no Twilio or SNS settings (it delivers "
                   "codes through the Send Phone Message flow); the providers are left out."));
    }
    if (document.contains(QLatin1String("guardianFactorTemplates"))) {
        auto templates = records(files, QStringLiteral("guardianFactorTemplates"));
        if (!templates)
            return templates.error();
        for (int i = 0; i < templates.value().size(); ++i) {
            const QString at = QStringLiteral("guardianFactorTemplates[%1]").arg(i);
            const QJsonObject record = templates.value().at(i).toObject();
            if (const auto key = unknownKey(record,
                                            {QStringLiteral("name"),
                                             QStringLiteral("enrollment_message"),
                                             QStringLiteral("verification_message")}))
                return refusal(
                    files, at + QLatin1Char('.') + *key, tr("is not a field of a factor's templates"));
            const QString name = record.value(QLatin1String("name")).toString();
            if (name != QLatin1String("sms") && name != QLatin1String("phone"))
                return refusal(
                    files, at + QLatin1String(".name"), tr("Authdeck holds templates for sms only"));
            for (const auto &[key, into] :
                 {std::pair<const char *, QString *> {"enrollment_message", &phone.enrollmentTemplate},
                  {"verification_message", &phone.verificationTemplate}}) {
                const QJsonValue text = record.value(QLatin1String(key));
                if (text.isUndefined())
                    continue;
                if (!text.isString())
                    return refusal(files, at + QLatin1Char('.') + QLatin1String(key), tr("must be text"));
                *into = text.toString();
                setAt.insert(QLatin1String(key), at + QLatin1Char('.') + QLatin1String(key));
            }
        }
    }
    const QList<std::pair<QString, QString>> parts {
        {QStringLiteral("guardianPhoneFactorSelectedProvider"), QStringLiteral("provider")},
        {QStringLiteral("guardianPhoneFactorMessageTypes"), QStringLiteral("message_types")},
        {QStringLiteral("guardianPolicies"), QStringLiteral("policies")}};
    std::optional<MfaPolicy> policy;
    for (const auto &[type, key] : parts) {
        if (!document.contains(type))
            continue;
        const QJsonObject part = document.value(type).toObject();
        if (!document.value(type).isObject() || !part.contains(key))
            return refusal(files, type, tr("must be a mapping with \"%1\"").arg(key));
        if (const auto unknown = unknownKey(part, {key}))
            return refusal(files, type + QLatin1Char('.') + *unknown, tr("is not a field of %1").arg(type));
        const QJsonValue value = part.value(key);
        const QString at = type + QLatin1Char('.') + key;
        if (key == QLatin1String("provider")) {
            if (!value.isString())
                return refusal(files, at, tr("must be text"));
            phone.provider = value.toString();
            setAt.insert(key, at);
        } else if (!value.isArray() && !value.isNull()) {
            return refusal(files, at, tr("must be a list"));
        } else if (key == QLatin1String("message_types")) {
            phone.messageTypes.clear();
            for (const QJsonValue &item : value.toArray())
                phone.messageTypes.append(item.toString());
            setAt.insert(key, at);
        } else {
            policy = MfaPolicies::fromApi(value.toArray());
            if (!policy)
                return refusal(files, at, tr("Authdeck supports [] (Never) and [all-applications] (Always)"));
        }
    }
    if (const auto problem = tenant.mfa().checkPhoneFactor(phone)) {
        // Name the value at fault: the first whose change alone is refused.
        const PhoneFactorSettings stored = tenant.mfa().phoneFactor();
        const QList<std::pair<QString, std::function<void(PhoneFactorSettings &)>>> alone {
            {QStringLiteral("provider"), [&](PhoneFactorSettings &one) { one.provider = phone.provider; }},
            {QStringLiteral("message_types"),
             [&](PhoneFactorSettings &one) { one.messageTypes = phone.messageTypes; }},
            {QStringLiteral("enrollment_message"),
             [&](PhoneFactorSettings &one) { one.enrollmentTemplate = phone.enrollmentTemplate; }},
            {QStringLiteral("verification_message"),
             [&](PhoneFactorSettings &one) { one.verificationTemplate = phone.verificationTemplate; }}};
        for (const auto &[field, change] : alone) {
            PhoneFactorSettings one = stored;
            change(one);
            if (setAt.contains(field) && tenant.mfa().checkPhoneFactor(one))
                return refusal(files, setAt.value(field), *problem);
        }
        return refusal(files, QStringLiteral("guardianFactors"), *problem);
    }
    if (phone != tenant.mfa().phoneFactor())
        m_phoneFactor = phone;
    if (policy && *policy != tenant.mfa().policy())
        m_policy = policy;
    // The Guardian types as the diff shows them: the exported shape, where the file set it.
    for (const QString &type : TenantFiles::resourceTypes()) {
        if (!type.startsWith(QLatin1String("guardian")) || !document.contains(type)
            || type == QLatin1String("guardianFactorProviders"))
            continue;
        QJsonValue wanted = document.value(type);
        if (type == QLatin1String("guardianFactors") || type == QLatin1String("guardianFactorTemplates")) {
            // Records not in the file keep their value; compare the file's records only.
            const QJsonObject current = byName(m_current.value(type).toArray());
            for (const QJsonValue &record : wanted.toArray()) {
                const QJsonObject object = record.toObject();
                const QString name = object.value(QLatin1String("name")).toString() == QLatin1String("phone")
                    ? QStringLiteral("sms")
                    : object.value(QLatin1String("name")).toString();
                QList<FieldChange> fields;
                for (auto it = object.begin(); it != object.end(); ++it) {
                    const QJsonValue before = current.value(name).toObject().value(it.key());
                    if (it.key() != QLatin1String("name") && it.key() != QLatin1String("trial_expired")
                        && before != it.value())
                        fields.append({it.key(), before, it.value()});
                }
                if (!fields.isEmpty())
                    m_changes.append({ResourceChange::Kind::Change, type, name, fields});
            }
            continue;
        }
        const QJsonObject current = m_current.value(type).toObject();
        const QJsonObject asked = wanted.toObject();
        for (auto it = asked.begin(); it != asked.end(); ++it)
            if (current.value(it.key()) != it.value())
                m_changes.append({ResourceChange::Kind::Change,
                                  type,
                                  type,
                                  {{it.key(), current.value(it.key()), it.value()}}});
    }
    return {};
}
