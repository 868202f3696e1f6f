#pragma once

#include <QString>

class QDateTime;
class QPushButton;

/**
 * @brief Small pieces of look shared by the custom action pages.
 */
namespace ActionLook {

/// Styles @p button as a secondary call to action (kind "primary-outline": accent text and border).
void setOutlined(QPushButton *button);

/// @p time in local time, short: the locale's short date and the 24-hour time, e.g. "28 Nov 2026, 10:14".
QString shortTime(const QDateTime &time);

/// The name shown for runtime @p runtime: "Node.js 18" for "node18".
QString runtimeName(const QString &runtime);

} // namespace ActionLook
