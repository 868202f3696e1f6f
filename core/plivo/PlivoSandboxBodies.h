#pragma once

// Plivo-shaped JSON bodies for PlivoSandbox, shaped like the Plivo SDK fixtures. Internal to core/plivo.

#include "core/plivo/PlivoSandbox.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QUrlQuery>

namespace PlivoSandboxBodies {

/// The largest page Plivo lists.
constexpr int MaxLimit = 20;

QString newUuid();
/// @p object as indented JSON text.
QByteArray json(const QJsonObject &object);
/// {"api_id", "error"}: the shape of Plivo's error answers.
QByteArray errorBody(const QString &error);
/// "/v1/Account/{authId}/"
QString accountPath(const QString &authId);
/// message_time style: "2017-05-22 21:36:14+00:00".
QString plivoTime(const QDateTime &time);
/// @p number without the separators Plivo strips from dst: / - . + ( ) and white space.
QString digitsOf(const QString &number);
bool isDigits(const QString &text);
/// Reads limit (1-20, default 20) and offset (from 0); an error text when they are invalid.
QString paging(const QUrlQuery &query, int &limit, int &offset);
/// The meta object of a list page; next and previous are relative paths keeping the other query items.
QJsonObject meta(const QString &path, QUrlQuery query, int limit, int offset, int total);
/// The message detail record of @p message, without api_id.
QJsonObject messageRecord(const PlivoSandbox::Message &message);
/// One object of the number list.
QJsonObject numberObject(const QString &digits);
/// The account object, with api_id.
QJsonObject account();

} // namespace PlivoSandboxBodies
