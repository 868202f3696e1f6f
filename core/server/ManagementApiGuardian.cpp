// ManagementApi: /api/v2/guardian (Auth0's MFA): the factors, the Phone Message factor's selected provider,
// message types and templates, the MFA policy, and the Twilio and SNS provider settings.

#include "ManagementApi.h"
#include "core/login/LoginEngine.h"
#include "core/mfa/MessageTemplates.h"
#include "core/mfa/MfaService.h"
#include "core/server/ServerRequest.h"
#include "core/settings/TenantSettings.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

/// Auth0's GuardianFactorNameEnum, in its order.
const QStringList kFactorNames {QStringLiteral("push-notification"),
                                QStringLiteral("sms"),
                                QStringLiteral("email"),
                                QStringLiteral("duo"),
                                QStringLiteral("otp"),
                                QStringLiteral("webauthn-roaming"),
                                QStringLiteral("webauthn-platform"),
                                QStringLiteral("recovery-code")};
/// The Phone Message factor: the one factor Authdeck holds.
const QString kPhoneFactor = QStringLiteral("sms");
const QStringList kProviders {
    QStringLiteral("auth0"), QStringLiteral("twilio"), QStringLiteral("phone-message-hook")};
const QStringList kMessageTypes {QStringLiteral("sms"), QStringLiteral("voice")};

ServerReply arrayReply(const QJsonArray &array)
{
    ServerReply reply;
    reply.body = QJsonDocument(array).toJson(QJsonDocument::Compact);
    reply.header("Content-Type", "application/json; charset=utf-8");
    return reply;
}

ServerReply invalidBody(const QString &message)
{
    return ManagementApi::error(400, message, QStringLiteral("invalid_body"));
}

/// A valid request for something Authdeck does not offer (Twilio, voice, Adaptive MFA): 400.
ServerReply refused(const QString &message)
{
    return ManagementApi::error(400, message, QStringLiteral("operation_not_supported"));
}

QJsonObject partJson(const QString &part, const PhoneFactorSettings &settings)
{
    if (part == QLatin1String("selected-provider"))
        return {{QStringLiteral("provider"), settings.provider}};
    if (part == QLatin1String("message-types"))
        return {{QStringLiteral("message_types"), QJsonArray::fromStringList(settings.messageTypes)}};
    return {{QStringLiteral("enrollment_message"), settings.enrollmentTemplate},
            {QStringLiteral("verification_message"), settings.verificationTemplate}};
}

/// What a PUT of one part asks for.
struct PartChange
{
    QString problem; ///< why the body is refused; empty when it is not
    QString field; ///< the field a refusal by MfaService is about
};

/// Applies the body of a PUT of @p part to @p settings; the templates are checked here, each by its name.
PartChange applyPart(const QString &part,
                     const QJsonObject &body,
                     const QString &friendlyName,
                     PhoneFactorSettings &settings)
{
    if (part == QLatin1String("selected-provider")) {
        const QString provider = body.value(QLatin1String("provider")).toString();
        if (!kProviders.contains(provider))
            return {QStringLiteral("Payload validation error: 'provider' must be one of %1")
                        .arg(kProviders.join(QLatin1String(", "))),
                    {}};
        settings.provider = provider;
        return {{}, QStringLiteral("provider")};
    }
    if (part == QLatin1String("message-types")) {
        const QString wrong = QStringLiteral(
            "Payload validation error: 'message_types' must be an array of \"sms\" and/or \"voice\"");
        const QJsonValue value = body.value(QLatin1String("message_types"));
        if (!value.isArray() || value.toArray().isEmpty())
            return {wrong, {}};
        QStringList types;
        for (const QJsonValue &type : value.toArray()) {
            if (!kMessageTypes.contains(type.toString()) || types.contains(type.toString()))
                return {wrong, {}};
            types.append(type.toString());
        }
        settings.messageTypes = types;
        return {{}, QStringLiteral("message_types")};
    }
    for (const auto &[key, into] :
         {std::pair<const char *, QString *> {"enrollment_message", &settings.enrollmentTemplate},
          {"verification_message", &settings.verificationTemplate}}) {
        const QJsonValue value = body.value(QLatin1String(key));
        if (!value.isString())
            return {QStringLiteral("Payload validation error: '%1' is required and must be a string")
                        .arg(QLatin1String(key)),
                    {}};
        if (const auto problem = MessageTemplates::check(value.toString(), friendlyName))
            return {QStringLiteral("Payload validation error: '%1': %2").arg(QLatin1String(key), *problem),
                    {}};
        *into = value.toString();
    }
    return {{}, QStringLiteral("templates")};
}

} // namespace

void ManagementApi::guardian(const Call &call)
{
    const QByteArray method = call.request.method();
    const QStringList route = call.path.mid(1);
    if (route == QStringList {QStringLiteral("policies")})
        return guardianPolicies(call);
    if (route.value(0) == QLatin1String("enrollments"))
        return guardianEnrollment(call); // ManagementApiUsers.cpp
    if (route.value(0) != QLatin1String("factors") || (method != "GET" && method != "PUT"))
        return call.respond(
            notSupported(tr("Authdeck does not hold %1 /api/v2/%2")
                             .arg(QString::fromLatin1(method), call.path.join(QLatin1Char('/')))));
    const bool reading = method == "GET";
    const QString scope
        = reading ? QStringLiteral("read:guardian_factors") : QStringLiteral("update:guardian_factors");
    if (!call.allows(scope))
        return call.respond(insufficientScope(scope));
    const QString name = route.value(1);
    const QString rest = route.mid(2).join(QLatin1Char('/'));
    const bool phone = name == QLatin1String("phone") || name == QLatin1String("sms");
    if (route.size() == 1 && reading) {
        const bool phoneEnabled = m_engine.mfa().phoneFactor().enabled;
        QJsonArray factors;
        for (const QString &factor : kFactorNames)
            factors.append(QJsonObject {{QStringLiteral("name"), factor},
                                        {QStringLiteral("enabled"), factor == kPhoneFactor && phoneEnabled}});
        return call.respond(arrayReply(factors));
    }
    if (route.size() == 2 && !reading)
        return setGuardianFactor(call, name);
    if (route.size() == 2)
        return call.respond(
            error(404,
                  tr("There is no GET for one factor: GET /api/v2/guardian/factors lists them"),
                  QStringLiteral("inexistent_resource")));
    if ((phone && (rest == QLatin1String("selected-provider") || rest == QLatin1String("templates")))
        || (name == QLatin1String("phone") && rest == QLatin1String("message-types")))
        return phoneFactorPart(call, rest);
    if (phone && rest == QLatin1String("providers/twilio")) {
        if (!reading)
            return call.respond(refused(tr("Authdeck delivers codes only through Custom (the Send Phone "
                                           "Message flow): it holds no Twilio settings")));
        // Authdeck holds no Twilio account: every field is unset, as on a tenant that never configured one.
        return call.respond(ServerReply::json({{QStringLiteral("from"), QJsonValue::Null},
                                               {QStringLiteral("messaging_service_sid"), QJsonValue::Null},
                                               {QStringLiteral("auth_token"), QJsonValue::Null},
                                               {QStringLiteral("sid"), QJsonValue::Null}}));
    }
    if (name == QLatin1String("push-notification") && rest == QLatin1String("providers/sns")) {
        if (!reading)
            return call.respond(refused(
                tr("Authdeck does not support the push-notification factor: it holds no SNS settings")));
        // No SNS settings; an empty object (not 404) keeps deploy-cli's export of the providers whole.
        return call.respond(ServerReply::json({}));
    }
    call.respond(notSupported(tr("Authdeck does not hold /api/v2/%1").arg(call.path.join(QLatin1Char('/')))));
}

void ManagementApi::setGuardianFactor(const Call &call, const QString &name)
{
    if (!kFactorNames.contains(name))
        return call.respond(error(400,
                                  tr("Path validation error: 'name' must be one of %1, not \"%2\"")
                                      .arg(kFactorNames.join(QLatin1String(", ")), name),
                                  QStringLiteral("invalid_uri")));
    const QJsonValue enabled = call.request.jsonBody().value(QLatin1String("enabled"));
    if (!enabled.isBool())
        return call.respond(
            invalidBody(tr("Payload validation error: 'enabled' is required and must be a boolean")));
    const QJsonObject answer {{QStringLiteral("enabled"), enabled}};
    if (name != kPhoneFactor) {
        // Authdeck holds no such factor, so it is off already: disabling it changes nothing.
        if (enabled.toBool())
            return call.respond(
                refused(tr("Authdeck does not support the %1 factor: only sms (Phone Message) can be enabled")
                            .arg(name)));
        return call.respond(ServerReply::json(answer));
    }
    MfaService &mfa = m_engine.mfa();
    PhoneFactorSettings settings = mfa.phoneFactor();
    settings.enabled = enabled.toBool();
    if (auto saved = mfa.savePhoneFactor(settings); !saved)
        return call.respond(fromError(saved.error()));
    call.respond(ServerReply::json(answer));
}

void ManagementApi::phoneFactorPart(const Call &call, const QString &part)
{
    MfaService &mfa = m_engine.mfa();
    PhoneFactorSettings settings = mfa.phoneFactor();
    if (call.request.method() == "GET")
        return call.respond(ServerReply::json(partJson(part, settings)));
    const PartChange change = applyPart(part, call.request.jsonBody(), m_settings.friendlyName(), settings);
    if (!change.problem.isEmpty())
        return call.respond(invalidBody(change.problem));
    if (auto saved = mfa.savePhoneFactor(settings); !saved) {
        if (saved.error().kind() != Error::Kind::Invalid)
            return call.respond(fromError(saved.error()));
        return call.respond(refused(tr("'%1': %2").arg(change.field, saved.error().message())));
    }
    call.respond(ServerReply::json(partJson(part, mfa.phoneFactor())));
}

void ManagementApi::guardianPolicies(const Call &call)
{
    const QByteArray method = call.request.method();
    if (method != "GET" && method != "PUT")
        return call.respond(notSupported(tr("Only GET and PUT are supported on /api/v2/guardian/policies")));
    const bool reading = method == "GET";
    const QString scope
        = reading ? QStringLiteral("read:mfa_policies") : QStringLiteral("update:mfa_policies");
    if (!call.allows(scope))
        return call.respond(insufficientScope(scope));
    MfaService &mfa = m_engine.mfa();
    if (reading)
        return call.respond(arrayReply(MfaPolicies::toApi(mfa.policy())));
    const std::optional<QJsonArray> &body = call.request.jsonArrayBody();
    if (!body)
        return call.respond(invalidBody(tr("Payload validation error: the body must be an array of policies: "
                                           "[] or [\"all-applications\"]")));
    const std::optional<MfaPolicy> policy = MfaPolicies::fromApi(*body);
    if (!policy) {
        if (body->contains(QStringLiteral("confidence-score")))
            return call.respond(refused(tr("Authdeck does not offer Adaptive MFA (\"confidence-score\", "
                                           "an Enterprise add-on): use [] or [\"all-applications\"]")));
        return call.respond(
            invalidBody(tr("Payload validation error: the policies must be [] (Never) or "
                           "[\"all-applications\"] (Always), not %1")
                            .arg(QString::fromUtf8(QJsonDocument(*body).toJson(QJsonDocument::Compact)))));
    }
    if (auto saved = mfa.setPolicy(*policy); !saved)
        return call.respond(fromError(saved.error()));
    call.respond(arrayReply(MfaPolicies::toApi(mfa.policy())));
}
