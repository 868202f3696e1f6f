#pragma once

#include <QString>

/// How the window title, the sidebar and File > Open Recent name where a tenant lives.
namespace TenantLocation {

/**
 * @brief "db.example.com/authdeck (PostgreSQL)" for a postgresql:// URL (with the port when it is not
 *        5432), else the file path with the home folder spelled "~".
 */
QString describe(const QString &location);

} // namespace TenantLocation
