#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

/**
 * @brief A point in the login pipeline where actions run, in the order its flow binds them
 *        (Auth0's action triggers).
 */
struct Trigger
{
    QString id; ///< the Auth0 trigger id, e.g. "send-phone-message"
    QString label; ///< the flow's name in the dashboard, e.g. "Send Phone Message"
    QString description; ///< one line: when the flow runs
    QString version; ///< the current trigger version, e.g. "v2"
};

Q_DECLARE_METATYPE(Trigger)

/// The triggers whose flows Authdeck edits.
namespace Triggers {

/// The Auth0 ids of the triggers that Authdeck's own pipelines run.
inline constexpr QLatin1String PostLogin {"post-login"};
inline constexpr QLatin1String SendPhoneMessage {"send-phone-message"};

/**
 * @brief Every trigger, in the dashboard's order: post-login ("Login", v3), credentials-exchange
 *        ("Machine to Machine"), pre-user-registration, post-user-registration, post-change-password and
 *        send-phone-message (all v2).
 */
const QList<Trigger> &all();

/// The trigger with id @p id, or nullptr when there is none.
const Trigger *find(const QString &id);

} // namespace Triggers
