#include "MessageTemplates.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace {

const QString kCode = QStringLiteral("code");
const QString kFriendlyName = QStringLiteral("tenant.friendly_name");
const QString kFriendlyNameAlias = QStringLiteral("tenant.friendlyName");
const QString kMessageType = QStringLiteral("message_type");
const QString kLocale = QStringLiteral("locale");

QString tr(const char *text)
{
    return QCoreApplication::translate("MessageTemplates", text);
}

/// The value of variable @p name, or nothing when it is not one.
std::optional<QString> valueOf(const QString &name, const MessageTemplates::Values &values)
{
    if (name == kCode)
        return values.code;
    if (name == kFriendlyName || name == kFriendlyNameAlias)
        return values.friendlyName;
    if (name == kMessageType)
        return values.messageType;
    if (name == kLocale)
        return values.locale;
    return std::nullopt;
}

/// The names inside the {{ … }} of @p text in order, or why the braces do not pair up.
struct Scan
{
    QStringList names;
    std::optional<QString> problem;
};

Scan scan(const QString &text)
{
    const QString open = QStringLiteral("{{");
    const QString close = QStringLiteral("}}");
    Scan result;
    qsizetype from = 0;
    while (from < text.size()) {
        const qsizetype start = text.indexOf(open, from);
        const qsizetype stray = text.indexOf(close, from);
        const qsizetype logic = text.indexOf(QStringLiteral("{%"), from);
        if (logic != -1 && (start == -1 || logic < start)) {
            result.problem = tr("Liquid tags such as {% if %} are not supported: use only the variables %1.")
                                 .arg(MessageTemplates::variables().join(QStringLiteral(", ")));
            return result;
        }
        if (stray != -1 && (start == -1 || stray < start)) {
            result.problem
                = tr("The braces do not match: the “}}” at character %1 closes nothing.").arg(stray + 1);
            return result;
        }
        if (start == -1)
            break;
        const qsizetype end = text.indexOf(close, start + 2);
        const qsizetype nested = text.indexOf(open, start + 2);
        if (end == -1 || (nested != -1 && nested < end)) {
            result.problem
                = tr("The braces do not match: the “{{” at character %1 is not closed.").arg(start + 1);
            return result;
        }
        result.names.append(text.mid(start + 2, end - start - 2).trimmed());
        from = end + 2;
    }
    return result;
}

} // namespace

namespace MessageTemplates {

QString defaultTemplate(Kind kind)
{
    if (kind == Kind::Enrollment)
        return QStringLiteral("{{code}} is your verification code for {{tenant.friendly_name}}. "
                              "Please enter this code to verify your enrollment.");
    return QStringLiteral("{{code}} is your verification code for {{tenant.friendly_name}}");
}

QStringList variables()
{
    return {QStringLiteral("{{code}}"),
            QStringLiteral("{{tenant.friendly_name}}"),
            QStringLiteral("{{message_type}}"),
            QStringLiteral("{{locale}}")};
}

Values sampleValues(const QString &friendlyName)
{
    Values values;
    values.code = QStringLiteral("123456");
    values.friendlyName = friendlyName;
    return values;
}

QString render(const QString &text, const Values &values)
{
    static const QRegularExpression tag(QStringLiteral("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*\\}\\}"));
    QString rendered;
    rendered.reserve(text.size());
    qsizetype copied = 0;
    auto it = tag.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        const auto value = valueOf(match.captured(1), values);
        if (!value)
            continue;
        rendered += QStringView(text).mid(copied, match.capturedStart() - copied);
        rendered += *value;
        copied = match.capturedEnd();
    }
    rendered += QStringView(text).mid(copied);
    return rendered;
}

std::optional<QString> check(const QString &text, const QString &friendlyName)
{
    if (text.trimmed().isEmpty())
        return tr("The message is empty.");
    const Scan found = scan(text);
    if (found.problem)
        return found.problem;
    const Values sample = sampleValues(friendlyName);
    bool hasCode = false;
    for (const QString &name : found.names) {
        if (name.contains(QLatin1Char('|')))
            return tr("Liquid filters such as {{%1}} are not supported: use the variables as they are.")
                .arg(name);
        if (!valueOf(name, sample))
            return tr("{{%1}} is not a variable of phone messages; use %2.")
                .arg(name, variables().join(QStringLiteral(", ")));
        hasCode = hasCode || name == kCode;
    }
    if (!hasCode)
        return tr("The message must contain {{code}}: without it the user never sees the code.");
    if (const auto refused = SmsText::check(render(text, sample)))
        return tr("With a 6-digit code and the tenant's name filled in, Plivo would refuse it. %1")
            .arg(*refused);
    return std::nullopt;
}

SmsText::Info analyse(const QString &text, const QString &friendlyName)
{
    return SmsText::analyse(render(text, sampleValues(friendlyName)));
}

} // namespace MessageTemplates
