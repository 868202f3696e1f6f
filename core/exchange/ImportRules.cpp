#include "ImportRules.h"

#include "core/exchange/TenantFiles.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSet>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ImportPlan", text);
}

} // namespace

namespace ImportRules {

Error refusal(const TenantFiles &files, const QString &path, const QString &message)
{
    return Error(Error::Kind::Invalid, tr("%1: %2: %3").arg(files.placeOf(path), path, message));
}

QString compact(const QJsonValue &value)
{
    if (value.isUndefined())
        return tr("(none)");
    // JSON text: a string's line breaks and quotes come out escaped, on one line.
    const QJsonDocument document = value.isArray() ? QJsonDocument(value.toArray())
        : value.isObject()                         ? QJsonDocument(value.toObject())
                                                   : QJsonDocument(QJsonArray {value});
    QString text = QString::fromUtf8(document.toJson(QJsonDocument::Compact));
    if (!value.isArray() && !value.isObject())
        text = text.mid(1).chopped(1);
    return text.size() > 120 ? text.left(117) + QStringLiteral("…") : text;
}

/// The records of @p type as an array of objects, or a refusal naming the first that is not one.
Result<QJsonArray> records(const TenantFiles &files, const QString &type)
{
    const QJsonValue value = files.document().value(type);
    if (!value.isArray())
        return refusal(files, type, tr("must be a list"));
    const QJsonArray array = value.toArray();
    QSet<QString> names;
    for (int i = 0; i < array.size(); ++i) {
        const QString at = QStringLiteral("%1[%2]").arg(type).arg(i);
        if (!array.at(i).isObject())
            return refusal(files, at, tr("must be a mapping"));
        const QJsonValue name = array.at(i).toObject().value(QLatin1String("name"));
        if (!name.isString() || name.toString().trimmed().isEmpty())
            return refusal(files, at + QLatin1String(".name"), tr("is required and must be text"));
        if (names.contains(name.toString().toLower()))
            return refusal(
                files, at + QLatin1String(".name"), tr("\"%1\" is listed twice").arg(name.toString()));
        names.insert(name.toString().toLower());
    }
    return array;
}

/// The first key of @p record outside @p known, or nothing.
std::optional<QString> unknownKey(const QJsonObject &record, const QStringList &known)
{
    for (auto it = record.begin(); it != record.end(); ++it)
        if (!known.contains(it.key()))
            return it.key();
    return std::nullopt;
}

QJsonObject byName(const QJsonArray &records)
{
    QJsonObject map;
    for (const QJsonValue &record : records)
        map.insert(record.toObject().value(QLatin1String("name")).toString(), record);
    return map;
}

QString triggerOf(const QJsonObject &action)
{
    return action.value(QLatin1String("supported_triggers"))
        .toArray()
        .first()
        .toObject()
        .value(QLatin1String("id"))
        .toString();
}

} // namespace ImportRules
