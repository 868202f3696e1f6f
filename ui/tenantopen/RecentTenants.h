#pragma once

#include <QStringList>

/**
 * @brief The tenants opened lately, newest first, for File > Open Recent: file paths and postgresql://
 *        URLs (which never hold a password), kept in the settings.
 */
namespace RecentTenants {

/// At most this many are kept.
constexpr int kLimit = 8;

/// The list; files that no longer exist are dropped from it (and from the settings).
QStringList list();
/// Puts @p location first (once), dropping the oldest beyond kLimit.
void add(const QString &location);
/// Forgets them all.
void clear();

} // namespace RecentTenants
