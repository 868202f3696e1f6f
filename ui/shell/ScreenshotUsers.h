#pragma once

#include <QString>

class Tenant;

/// The users and log events the screenshots show on Users and Logs.
namespace ScreenshotUsers {

/// Adds a few users (some with a phone enrolled, one blocked) and the log events of their logins, dated over
/// the last hour, to the scratch @p tenant; the error text, or empty.
QString seed(Tenant &tenant);

} // namespace ScreenshotUsers
