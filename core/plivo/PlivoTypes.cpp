#include "PlivoTypes.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonValue>
#include <QRegularExpression>

namespace {

/// A string field; numbers become their decimal text, null and anything else an empty string.
QString text(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (number == double(qint64(number)))
            return QString::number(qint64(number));
        return QString::number(number, 'f', 5);
    }
    return QString();
}

QString tr(const char *text)
{
    return QCoreApplication::translate("PlivoMessage", text);
}

} // namespace

std::optional<PlivoAccount> PlivoAccount::fromJson(const QJsonObject &body)
{
    const QJsonValue authId = body.value(QLatin1String("auth_id"));
    if (!authId.isString() || authId.toString().isEmpty())
        return std::nullopt;
    PlivoAccount account;
    account.authId = authId.toString();
    account.name = text(body.value(QLatin1String("name")));
    account.accountType = text(body.value(QLatin1String("account_type")));
    account.cashCredits = text(body.value(QLatin1String("cash_credits")));
    account.billingMode = text(body.value(QLatin1String("billing_mode")));
    return account;
}

QString PlivoNumber::e164() const
{
    return number.isEmpty() ? QString() : QLatin1Char('+') + number;
}

QList<PlivoNumber> PlivoNumber::listFromJson(const QJsonObject &body)
{
    QList<PlivoNumber> list;
    const QJsonArray objects = body.value(QLatin1String("objects")).toArray();
    for (const QJsonValue &value : objects) {
        const QJsonObject object = value.toObject();
        PlivoNumber number;
        number.number = text(object.value(QLatin1String("number")));
        if (number.number.startsWith(QLatin1Char('+')))
            number.number.remove(0, 1);
        if (number.number.isEmpty())
            continue;
        number.alias = text(object.value(QLatin1String("alias")));
        number.country = text(object.value(QLatin1String("country")));
        number.numberType = text(object.value(QLatin1String("number_type")));
        number.smsEnabled = object.value(QLatin1String("sms_enabled")).toBool(false);
        list.append(number);
    }
    return list;
}

bool PlivoMessage::isFinal() const
{
    static const QStringList finalStates {QStringLiteral("delivered"),
                                          QStringLiteral("undelivered"),
                                          QStringLiteral("failed"),
                                          QStringLiteral("rejected"),
                                          QStringLiteral("read")};
    return finalStates.contains(state);
}

QString PlivoMessage::errorMeaning() const
{
    return errorCodeMeaning(errorCode);
}

QString PlivoMessage::errorCodeMeaning(const QString &code)
{
    const QString trimmed = code.trimmed();
    if (trimmed.isEmpty())
        return QString();
    bool isNumber = false;
    const int number = trimmed.toInt(&isNumber);
    if (!isNumber)
        return tr("delivery failed (code %1)").arg(trimmed);
    switch (number) {
    case 0:
        return tr("delivered");
    case 10:
        return tr("invalid message: the content is blank, too long or refused by the carrier");
    case 20:
        return tr("network error at the carrier (temporary)");
    case 30:
        return tr("spam detected: the carrier filtered the message");
    case 40:
        return tr("invalid source number: bad format, not SMS-enabled or not on this account");
    case 50:
        return tr("invalid destination number: bad format, not SMS-capable or a landline");
    case 60:
        return tr("loop detected");
    case 70:
        return tr("destination permanently unavailable");
    case 80:
        return tr("destination temporarily unavailable: the phone is off or out of coverage");
    case 90:
        return tr("no route available to the destination");
    case 100:
        return tr("prohibited by the carrier: the network does not support this message");
    case 110:
        return tr("message too long (over 1,600 GSM-7 or 737 UCS-2 characters)");
    case 200:
        return tr("the recipient opted out (STOP) from this source number");
    case 201:
        return tr("a US toll-free source cannot send to a Canadian destination");
    case 420:
        return tr("the message expired in Plivo's queue before it could be sent");
    case 450:
        return tr("the destination country is barred by the account's geo permissions");
    case 451:
        return tr("the geo permission messages-per-hour threshold was exceeded");
    case 900:
        return tr("insufficient credit on the Plivo account");
    case 1000:
        return tr("unknown error at Plivo");
    default:
        return tr("delivery failed (code %1)").arg(trimmed);
    }
}

std::optional<PlivoMessage> PlivoMessage::fromJson(const QJsonObject &body)
{
    const QJsonValue uuid = body.value(QLatin1String("message_uuid"));
    if (!uuid.isString() || uuid.toString().isEmpty())
        return std::nullopt;
    PlivoMessage message;
    message.uuid = uuid.toString();
    message.state = text(body.value(QLatin1String("message_state")));
    message.errorCode = text(body.value(QLatin1String("error_code")));
    message.from = text(body.value(QLatin1String("from_number")));
    message.to = text(body.value(QLatin1String("to_number")));
    message.direction = text(body.value(QLatin1String("message_direction")));
    const QJsonValue units = body.value(QLatin1String("units"));
    message.units = units.isString() ? units.toString().toInt() : units.toInt(0);
    message.time = text(body.value(QLatin1String("message_time")));
    return message;
}

bool isValidPlivoAuthId(const QString &authId)
{
    static const QRegularExpression pattern(
        QRegularExpression::anchoredPattern(QStringLiteral("(MA|SA)[A-Z0-9]{18}")));
    return pattern.match(authId).hasMatch();
}
