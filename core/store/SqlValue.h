#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QVariant>

/**
 * @brief How values are written to and read from the store's columns, the same way in every repository.
 *
 * Times are ISO 8601 text in UTC with milliseconds; lists of strings are JSON arrays; bytes are hex; text
 * columns are NOT NULL and hold '' for "none" (Qt would bind a null QString as SQL NULL).
 */
namespace SqlValue {

QString text(const QString &value);
/// An invalid time is written as ''.
QString time(const QDateTime &value);
QDateTime timeFrom(const QVariant &value);
QString list(const QStringList &values);
/// Bytes (a hash, a salt) as lower-case hex text, which both engines store and compare alike.
QString hex(const QByteArray &bytes);
QByteArray bytesFromHex(const QVariant &value);
QStringList listFrom(const QVariant &value);

} // namespace SqlValue
