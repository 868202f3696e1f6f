#include "PlivoSandboxBodies.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUuid>

namespace PlivoSandboxBodies {

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

QByteArray errorBody(const QString &error)
{
    return json({{QStringLiteral("api_id"), newUuid()}, {QStringLiteral("error"), error}});
}

QString accountPath(const QString &authId)
{
    return QStringLiteral("/v1/Account/%1/").arg(authId);
}

QString plivoTime(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QStringLiteral("+00:00");
}

QString digitsOf(const QString &number)
{
    static const QRegularExpression separators(QStringLiteral("[/\\-.+()\\s]"));
    return QString(number).remove(separators);
}

bool isDigits(const QString &text)
{
    static const QRegularExpression digits(QRegularExpression::anchoredPattern(QStringLiteral("[0-9]+")));
    return digits.match(text).hasMatch();
}

QString paging(const QUrlQuery &query, int &limit, int &offset)
{
    bool ok = true;
    limit = query.hasQueryItem(QStringLiteral("limit"))
        ? query.queryItemValue(QStringLiteral("limit")).toInt(&ok)
        : MaxLimit;
    if (!ok || limit < 1 || limit > MaxLimit)
        return QStringLiteral("limit must be an integer from 1 to %1").arg(MaxLimit);
    offset = query.hasQueryItem(QStringLiteral("offset"))
        ? query.queryItemValue(QStringLiteral("offset")).toInt(&ok)
        : 0;
    if (!ok || offset < 0)
        return QStringLiteral("offset must be a non-negative integer");
    return QString();
}

QJsonObject meta(const QString &path, QUrlQuery query, int limit, int offset, int total)
{
    auto link = [&](int at) -> QJsonValue {
        query.removeAllQueryItems(QStringLiteral("limit"));
        query.removeAllQueryItems(QStringLiteral("offset"));
        query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
        query.addQueryItem(QStringLiteral("offset"), QString::number(at));
        return QString(path + QLatin1Char('?') + query.toString(QUrl::FullyEncoded));
    };
    return {{QStringLiteral("limit"), limit},
            {QStringLiteral("next"), offset + limit < total ? link(offset + limit) : QJsonValue()},
            {QStringLiteral("offset"), offset},
            {QStringLiteral("previous"), offset > 0 ? link(qMax(0, offset - limit)) : QJsonValue()},
            {QStringLiteral("total_count"), total}};
}

QJsonObject messageRecord(const PlivoSandbox::Message &message)
{
    const QString authId = PlivoSandbox::credentials().authId;
    const bool final = message.state != QLatin1String("queued") && message.state != QLatin1String("sent");
    return {{QStringLiteral("error_code"), final ? QJsonValue(message.errorCode) : QJsonValue()},
            {QStringLiteral("from_number"), digitsOf(message.from)},
            {QStringLiteral("message_direction"), QStringLiteral("outbound")},
            {QStringLiteral("message_state"), message.state},
            {QStringLiteral("message_time"), plivoTime(message.time)},
            {QStringLiteral("message_type"), QStringLiteral("sms")},
            {QStringLiteral("message_uuid"), message.uuid},
            {QStringLiteral("resource_uri"),
             QString(accountPath(authId) + QStringLiteral("Message/%1/").arg(message.uuid))},
            {QStringLiteral("to_number"), digitsOf(message.to)},
            {QStringLiteral("total_amount"), QStringLiteral("0.00000")},
            {QStringLiteral("total_rate"), QStringLiteral("0.00000")},
            {QStringLiteral("units"), message.units},
            {QStringLiteral("message_updated_time"), plivoTime(QDateTime::currentDateTimeUtc())},
            {QStringLiteral("error_message"), QString()}};
}

QJsonObject numberObject(const QString &digits)
{
    const QString authId = PlivoSandbox::credentials().authId;
    return {{QStringLiteral("added_on"), QStringLiteral("2026-01-05")},
            {QStringLiteral("alias"), QJsonValue()},
            {QStringLiteral("application"), QJsonValue()},
            {QStringLiteral("carrier"), QStringLiteral("Plivo")},
            {QStringLiteral("monthly_rental_rate"), QStringLiteral("0.80000")},
            {QStringLiteral("number"), digits},
            {QStringLiteral("number_type"), QStringLiteral("local")},
            {QStringLiteral("region"), QStringLiteral("California, UNITED STATES")},
            {QStringLiteral("resource_uri"),
             QString(accountPath(authId) + QStringLiteral("Number/%1/").arg(digits))},
            {QStringLiteral("sms_enabled"), true},
            {QStringLiteral("sms_rate"), QStringLiteral("0.00000")},
            {QStringLiteral("sub_account"), QJsonValue()},
            {QStringLiteral("active"), true},
            {QStringLiteral("city"), QStringLiteral("SAN FRANCISCO")},
            {QStringLiteral("country"), QStringLiteral("United States")},
            {QStringLiteral("mms_enabled"), false},
            {QStringLiteral("mms_rate"), QStringLiteral("0.00000")},
            {QStringLiteral("renewal_date"), QStringLiteral("2027-01-05")},
            {QStringLiteral("voice_enabled"), true},
            {QStringLiteral("voice_rate"), QStringLiteral("0.00850")}};
}

QJsonObject account()
{
    const QString authId = PlivoSandbox::credentials().authId;
    return QJsonObject {{QStringLiteral("account_type"), QStringLiteral("standard")},
                        {QStringLiteral("address"), QString()},
                        {QStringLiteral("api_id"), newUuid()},
                        {QStringLiteral("auth_id"), authId},
                        {QStringLiteral("auto_recharge"), false},
                        {QStringLiteral("billing_mode"), QStringLiteral("prepaid")},
                        {QStringLiteral("cash_credits"), QStringLiteral("10.00000")},
                        {QStringLiteral("city"), QString()},
                        {QStringLiteral("name"), QStringLiteral("Authdeck Sandbox")},
                        {QStringLiteral("resource_uri"), accountPath(authId)},
                        {QStringLiteral("state"), QString()},
                        {QStringLiteral("timezone"), QStringLiteral("UTC")}};
}

} // namespace PlivoSandboxBodies
