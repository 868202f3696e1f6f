#include "LogEvent.h"

QJsonObject LogEvent::toJson() const
{
    return {{QStringLiteral("log_id"), logId},
            {QStringLiteral("type"), type},
            {QStringLiteral("description"), description},
            {QStringLiteral("date"), date.toUTC().toString(Qt::ISODateWithMs)},
            {QStringLiteral("client_id"), clientId},
            {QStringLiteral("client_name"), clientName},
            {QStringLiteral("user_id"), userId},
            {QStringLiteral("user_name"), userName},
            {QStringLiteral("ip"), ip},
            {QStringLiteral("user_agent"), userAgent},
            {QStringLiteral("details"), details}};
}
