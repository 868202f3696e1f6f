#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

/**
 * @brief Auth0's rules for an application's allowed callback URLs, logout URLs and web origins.
 *
 * - http and https only (a native application's callbacks and logout URLs may also use a custom
 *   scheme such as com.example.app://callback, without wildcards);
 * - at most one wildcard, in the left-most label of the host name, with at least two labels after it
 *   (https://&lowast;.example.com or https://pr-&lowast;-preview.example.com, but not https://&lowast;.com
 *   or https://a.&lowast;.example.com);
 * - a web origin is scheme://host[:port]: no path, query or fragment;
 * - no credentials in the URL; localhost is allowed;
 * - at most 100 entries in each list, none listed twice.
 */
namespace UrlRules {

enum class Kind
{
    Callback,
    Logout,
    WebOrigin
};

constexpr int MaxEntries = 100;

/// One entry that breaks a rule: its position in the list, the entry, and the rule it breaks.
struct Issue
{
    int index;
    QString entry;
    QString reason;
};

/// Splits what an admin typed (comma- or line-separated) into trimmed, non-empty entries.
QStringList split(const QString &text);

/// The rule @p url breaks, or nothing when it is acceptable.
std::optional<QString> check(const QString &url, Kind kind, bool allowCustomScheme = false);

/**
 * @brief Whether @p url is one of the @p allowed entries, as the login server checks a callback, a logout
 *        URL or an origin: scheme and host in any case, an empty path the same as "/", and the rest exact;
 *        a wildcard stands for one or more characters of the left-most host label (never a dot), so
 *        https://&lowast;.example.com allows https://app.example.com but not https://a.b.example.com.
 */
bool allows(const QStringList &allowed, const QString &url);

/// The origin (scheme://host[:port]) of @p url, lower-case; empty when it has none.
QString originOf(const QString &url);

/// Every entry of @p urls that breaks a rule, plus the list-wide rules (count, duplicates).
QList<Issue> checkAll(const QStringList &urls, Kind kind, bool allowCustomScheme = false);

} // namespace UrlRules
