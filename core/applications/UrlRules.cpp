#include "UrlRules.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <algorithm>
#include <array>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("UrlRules", text);
}

bool isValidLabel(const QString &label)
{
    static const QRegularExpression pattern(
        QStringLiteral("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$"));
    return pattern.match(label).hasMatch();
}

/// Checks the wildcard rules on a host name that contains '*'.
std::optional<QString> checkWildcardHost(const QString &host)
{
    if (host.count(QLatin1Char('*')) > 1)
        return tr("Only one wildcard (*) is allowed.");
    const QStringList labels = host.split(QLatin1Char('.'));
    if (!labels.first().contains(QLatin1Char('*')))
        return tr("The wildcard must be in the left-most part of the host name (https://*.example.com).");
    if (labels.size() < 3)
        return tr("The wildcard must be in a subdomain: https://*.example.com, not https://*.com.");
    QString sample = labels.first();
    sample.replace(QLatin1Char('*'), QLatin1Char('x'));
    if (!isValidLabel(sample))
        return tr("The host name is not valid.");
    return std::nullopt;
}

} // namespace

namespace UrlRules {

QStringList split(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[,\\n\\r]"));
    QStringList entries;
    for (const QString &part : text.split(separators)) {
        const QString entry = part.trimmed();
        if (!entry.isEmpty())
            entries.append(entry);
    }
    return entries;
}

std::optional<QString> check(const QString &url, Kind kind, bool allowCustomScheme)
{
    static const QRegularExpression shape(
        QStringLiteral("^([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)([^?#]*)(\\?[^#]*)?(#.*)?$"));
    if (url.contains(QLatin1Char(' ')))
        return tr("A URL cannot contain spaces.");
    const auto parts = shape.match(url);
    if (!parts.hasMatch())
        return tr("Not an absolute URL: write it as scheme://host, e.g. http://localhost:3000.");

    const QString scheme = parts.captured(1).toLower();
    QString authority = parts.captured(2);
    const QString path = parts.captured(3);
    const bool web = scheme == QLatin1String("http") || scheme == QLatin1String("https");
    const bool hasWildcard = url.contains(QLatin1Char('*'));

    if (!web && !(allowCustomScheme && kind != Kind::WebOrigin))
        return tr("Only http:// and https:// URLs are allowed.");
    if (!web && hasWildcard)
        return tr("A wildcard is only allowed in http:// and https:// URLs.");
    if (authority.contains(QLatin1Char('@')))
        return tr("A URL cannot contain a user name or password.");
    if (path.contains(QLatin1Char('*')) || parts.captured(4).contains(QLatin1Char('*'))
        || parts.captured(5).contains(QLatin1Char('*')))
        return tr("A wildcard is only allowed in the host name, not in the path, query or fragment.");
    if (kind == Kind::WebOrigin) {
        if (!path.isEmpty())
            return tr("An origin has no path: use scheme://host[:port] only.");
        if (parts.capturedLength(4) > 0 || parts.capturedLength(5) > 0)
            return tr("An origin has no query or fragment: use scheme://host[:port] only.");
    }

    if (!web)
        return QUrl(url, QUrl::StrictMode).isValid() ? std::nullopt
                                                     : std::optional(tr("The URL is not valid."));

    // Split host and port ourselves: QUrl does not accept '*' in a host name.
    QString host = authority;
    // A port follows the last ':' that is not inside an IPv6 literal ([::1]:3000).
    static const QRegularExpression portPattern(QStringLiteral("^(\\[[^\\]]*\\]|[^:\\[\\]]*):(\\d*)$"));
    if (const auto port = portPattern.match(host); port.hasMatch()) {
        bool ok = false;
        const int number = port.captured(2).toInt(&ok);
        if (!ok || number < 1 || number > 65535)
            return tr("The port must be a number from 1 to 65535.");
        host = port.captured(1);
    }
    if (host.isEmpty())
        return tr("The URL has no host name.");
    if (host.contains(QLatin1Char('*'))) {
        if (auto wildcard = checkWildcardHost(host))
            return wildcard;
        authority.replace(QLatin1Char('*'), QLatin1Char('x'));
    }

    QUrl parsed(scheme + QLatin1String("://") + authority + path + parts.captured(4) + parts.captured(5),
                QUrl::StrictMode);
    if (!parsed.isValid() || parsed.host().isEmpty())
        return tr("The host name is not valid.");
    return std::nullopt;
}

QList<Issue> checkAll(const QStringList &urls, Kind kind, bool allowCustomScheme)
{
    QList<Issue> issues;
    QSet<QString> seen;
    for (int i = 0; i < urls.size(); ++i) {
        const QString &url = urls.at(i);
        if (i >= MaxEntries)
            issues.append({i, url, tr("At most %1 URLs are allowed in this list.").arg(MaxEntries)});
        else if (seen.contains(url))
            issues.append({i, url, tr("Listed twice.")});
        else if (auto reason = check(url, kind, allowCustomScheme))
            issues.append({i, url, *reason});
        seen.insert(url);
    }
    return issues;
}

namespace {

/// @p url split into scheme, authority (lower-case) and the rest, an empty path written "/".
std::optional<std::array<QString, 3>> urlParts(const QString &url)
{
    static const QRegularExpression shape(QStringLiteral("^([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)(.*)$"));
    const auto parts = shape.match(url);
    if (!parts.hasMatch() || parts.captured(2).contains(QLatin1Char('@')))
        return std::nullopt;
    QString rest = parts.captured(3);
    if (!rest.startsWith(QLatin1Char('/')))
        rest.prepend(QLatin1Char('/'));
    return std::array<QString, 3> {parts.captured(1).toLower(), parts.captured(2).toLower(), rest};
}

bool entryAllows(const QString &entry, const QString &url)
{
    const auto want = urlParts(entry);
    const auto have = urlParts(url);
    if (!want || !have || (*want)[0] != (*have)[0] || (*want)[2] != (*have)[2])
        return false;
    if (!(*want)[1].contains(QLatin1Char('*')))
        return (*want)[1] == (*have)[1];
    const QString pattern
        = QRegularExpression::escape((*want)[1]).replace(QLatin1String("\\*"), QLatin1String("[^./:]+"));
    return QRegularExpression(QStringLiteral("^%1$").arg(pattern)).match((*have)[1]).hasMatch();
}

} // namespace

bool allows(const QStringList &allowed, const QString &url)
{
    if (url.contains(QLatin1Char('*')))
        return false;
    return std::any_of(
        allowed.cbegin(), allowed.cend(), [&url](const QString &entry) { return entryAllows(entry, url); });
}

QString originOf(const QString &url)
{
    const auto parts = urlParts(url);
    return parts ? (*parts)[0] + QLatin1String("://") + (*parts)[1] : QString();
}

} // namespace UrlRules
