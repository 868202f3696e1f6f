#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>

/**
 * @brief The Phone Message factor (Auth0's Guardian factor "sms") as the admin configures it.
 *
 * Mirrors PUT guardian/factors/sms {enabled}, guardian/factors/phone/selected-provider {provider},
 * guardian/factors/phone/message-types {message_types} and guardian/factors/phone/templates
 * {enrollment_message, verification_message}.
 */
struct PhoneFactorSettings
{
    /// Users may enroll a phone and receive codes.
    bool enabled = false;
    /// "phone-message-hook": the dashboard's "Custom" delivery, through the Send Phone Message flow; the
    /// only provider Authdeck supports ("auth0" and "twilio" are refused).
    QString provider = QStringLiteral("phone-message-hook");
    /// ["sms"]; voice is not supported.
    QStringList messageTypes {QStringLiteral("sms")};
    QString enrollmentTemplate; ///< Liquid text, see MessageTemplates
    QString verificationTemplate; ///< Liquid text, see MessageTemplates

    bool operator==(const PhoneFactorSettings &other) const;
    bool operator!=(const PhoneFactorSettings &other) const { return !(*this == other); }
};

Q_DECLARE_METATYPE(PhoneFactorSettings)
