#pragma once

#include <QString>

#include <optional>

class QWidget;

/// Asks for the password of a PostgreSQL tenant that could not be opened without one.
namespace PasswordPrompt {

/// Whether the failure @p message of opening a PostgreSQL tenant means a (better) password would help.
bool wanted(const QString &message);

/**
 * @brief Asks for the password of the tenant at @p location, showing @p reason (why the last attempt
 *        failed) above the field.
 * @return the password, or nothing when the admin cancelled
 */
std::optional<QString> ask(const QString &location, const QString &reason, QWidget *parent = nullptr);

} // namespace PasswordPrompt
