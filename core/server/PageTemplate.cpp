#include "PageTemplate.h"

#include <QFile>
#include <QHash>
#include <QRegularExpression>

namespace {

const QRegularExpression &tagPattern()
{
    // {{{raw}}}, {{#section}}, {{^inverted}}, {{/end}} or {{name}}.
    static const QRegularExpression pattern(
        QStringLiteral(R"(\{\{(\{([\w.]+)\}|([#^/]?)\s*([\w.]+)\s*)\}\})"));
    return pattern;
}

bool isTruthy(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::Bool:
        return value.toBool();
    case QMetaType::QVariantList:
        return !value.toList().isEmpty();
    case QMetaType::UnknownType:
        return false;
    default:
        return !value.toString().isEmpty();
    }
}

/// Where the section opened by the tag ending at @p from closes: the start of its {{/name}} and the
/// end of it; nothing when it does not close.
std::optional<std::pair<qsizetype, qsizetype>>
sectionEnd(const QString &text, const QString &name, qsizetype from)
{
    int depth = 0;
    auto it = tagPattern().globalMatch(text, from);
    while (it.hasNext()) {
        const auto match = it.next();
        if (match.captured(4) != name)
            continue;
        const QString kind = match.captured(3);
        if (kind == QLatin1String("#") || kind == QLatin1String("^")) {
            ++depth;
        } else if (kind == QLatin1String("/")) {
            if (depth == 0)
                return std::make_pair(match.capturedStart(), match.capturedEnd());
            --depth;
        }
    }
    return std::nullopt;
}

QString renderText(const QString &text, const QList<QVariantMap> &scopes);

QVariant lookUp(const QString &name, const QList<QVariantMap> &scopes)
{
    for (auto scope = scopes.crbegin(); scope != scopes.crend(); ++scope) {
        if (scope->contains(name))
            return scope->value(name);
    }
    return {};
}

QString renderText(const QString &text, const QList<QVariantMap> &scopes)
{
    QString out;
    qsizetype position = 0;
    while (position < text.size()) {
        const auto match = tagPattern().match(text, position);
        if (!match.hasMatch()) {
            out += QStringView(text).mid(position);
            break;
        }
        out += QStringView(text).mid(position, match.capturedStart() - position);
        position = match.capturedEnd();
        if (!match.captured(2).isEmpty()) {
            out += lookUp(match.captured(2), scopes).toString();
            continue;
        }
        const QString kind = match.captured(3);
        const QString name = match.captured(4);
        if (kind.isEmpty()) {
            out += PageTemplate::escape(lookUp(name, scopes).toString());
            continue;
        }
        const auto end = sectionEnd(text, name, position);
        if (!end) // checked when the template was loaded
            break;
        const QString inner = text.mid(position, end->first - position);
        position = end->second;
        const QVariant value = lookUp(name, scopes);
        if (kind == QLatin1String("^")) {
            if (!isTruthy(value))
                out += renderText(inner, scopes);
        } else if (value.typeId() == QMetaType::QVariantList) {
            for (const QVariant &item : value.toList()) {
                QList<QVariantMap> inside = scopes;
                inside.append(item.toMap());
                out += renderText(inner, inside);
            }
        } else if (isTruthy(value)) {
            out += renderText(inner, scopes);
        }
    }
    return out;
}

} // namespace

PageTemplate::PageTemplate(QString text)
    : m_text(std::move(text))
{ }

Result<PageTemplate> PageTemplate::fromText(const QString &text)
{
    auto it = tagPattern().globalMatch(text);
    QStringList open;
    while (it.hasNext()) {
        const auto match = it.next();
        const QString kind = match.captured(3);
        if (kind == QLatin1String("#") || kind == QLatin1String("^")) {
            open.append(match.captured(4));
        } else if (kind == QLatin1String("/")) {
            if (open.isEmpty() || open.takeLast() != match.captured(4))
                return Error(Error::Kind::Invalid,
                             QStringLiteral("The template closes {{/%1}} where it is not open")
                                 .arg(match.captured(4)));
        }
    }
    if (!open.isEmpty())
        return Error(Error::Kind::Invalid,
                     QStringLiteral("The template never closes {{#%1}}").arg(open.last()));
    return PageTemplate(text);
}

Result<PageTemplate> PageTemplate::load(const QString &name)
{
    // The templates are compiled-in resources: read and checked once, not on every page the server sends.
    static QHash<QString, PageTemplate> loaded;
    if (const auto it = loaded.constFind(name); it != loaded.constEnd())
        return *it;
    QFile file(QStringLiteral(":/login/%1.html").arg(name));
    if (!file.open(QIODevice::ReadOnly))
        return Error(Error::Kind::NotFound,
                     QStringLiteral("The login page template %1 is missing").arg(name));
    auto checked = fromText(QString::fromUtf8(file.readAll()));
    if (checked)
        loaded.insert(name, checked.value());
    return checked;
}

QString PageTemplate::render(const QVariantMap &values) const
{
    return renderText(m_text, {values});
}

QString PageTemplate::escape(const QString &text)
{
    QString out = text.toHtmlEscaped();
    out.replace(QLatin1Char('\''), QLatin1String("&#39;"));
    return out;
}
