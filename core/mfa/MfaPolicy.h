#pragma once

#include <QJsonArray>
#include <QString>

#include <optional>

/**
 * @brief When users must pass a second factor: the dashboard's "Require Multi-factor Auth".
 *
 * Adaptive MFA (["confidence-score"]) needs an Enterprise add-on and is not offered.
 */
enum class MfaPolicy
{
    Never, ///< guardian/policies []
    Always, ///< guardian/policies ["all-applications"]
};

/// MfaPolicy as Auth0's Management API and the dashboard show it.
namespace MfaPolicies {

/// The bare array of PUT guardian/policies: [] or ["all-applications"].
QJsonArray toApi(MfaPolicy policy);
/// The policy of a guardian/policies array; nothing for one Authdeck does not support
/// (["confidence-score"], unknown or several values).
std::optional<MfaPolicy> fromApi(const QJsonArray &policies);
/// The dashboard's label: "Never" or "Always".
QString label(MfaPolicy policy);

} // namespace MfaPolicies
