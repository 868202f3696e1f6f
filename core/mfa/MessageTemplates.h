#pragma once

#include "core/plivo/SmsText.h"

#include <QString>
#include <QStringList>

#include <optional>

/**
 * @brief Auth0's phone message templates (Guardian "enrollment_message" and "verification_message"):
 *        Liquid-style text with {{ variables }}, the subset Auth0 documents for SMS.
 *
 * Only output tags are understood: {{code}}, {{tenant.friendly_name}} (also spelled
 * {{tenant.friendlyName}}, as Auth0's variable list does), {{message_type}} and {{locale}}, with optional
 * spaces inside the braces. Liquid logic tags ({% if %} and the like) and filters are not supported:
 * check() refuses them, so a template never goes out with raw Liquid in it.
 */
namespace MessageTemplates {

enum class Kind
{
    Enrollment, ///< sent when a user enrolls a phone
    Verification, ///< sent when a user signs in with the phone factor
};

/// Auth0's default template of @p kind, exactly as Auth0 ships it.
QString defaultTemplate(Kind kind);

/// The variables a template may use, as written in one: "{{code}}", "{{tenant.friendly_name}}", …
QStringList variables();

/// What the variables stand for when a message is rendered.
struct Values
{
    QString code;
    QString friendlyName;
    QString messageType = QStringLiteral("sms");
    QString locale = QStringLiteral("en");
};

/// Values for previews and checks: code "123456", @p friendlyName, "sms", "en".
Values sampleValues(const QString &friendlyName);

/**
 * @brief Replaces each known {{ variable }} of @p text with its value; unknown variables and anything
 *        that is not a complete {{ … }} are left as they are.
 */
QString render(const QString &text, const Values &values);

/**
 * @brief Why @p text cannot be used, in words; nothing when it is valid.
 *
 * Refused, in this order: an empty text; unbalanced braces (a "{{" without its "}}" or the reverse); a
 * Liquid logic tag; an unknown variable (named); no {{code}}; and, rendered with sampleValues() of
 * @p friendlyName, a text Plivo refuses (SmsText::check(), which says how long it is).
 */
std::optional<QString> check(const QString &text, const QString &friendlyName);

/// How @p text, rendered with sampleValues() of @p friendlyName, is encoded and split into SMS parts.
SmsText::Info analyse(const QString &text, const QString &friendlyName);

} // namespace MessageTemplates
