#include "SqlValue.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace SqlValue {

QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

QString time(const QDateTime &value)
{
    return value.isValid() ? value.toUTC().toString(Qt::ISODateWithMs) : QStringLiteral("");
}

QDateTime timeFrom(const QVariant &value)
{
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

QString list(const QStringList &values)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(values)).toJson(QJsonDocument::Compact));
}

QStringList listFrom(const QVariant &value)
{
    QStringList values;
    const QJsonArray array = QJsonDocument::fromJson(value.toString().toUtf8()).array();
    for (const QJsonValue &item : array)
        values.append(item.toString());
    return values;
}

QString hex(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

QByteArray bytesFromHex(const QVariant &value)
{
    return QByteArray::fromHex(value.toString().toLatin1());
}

} // namespace SqlValue
