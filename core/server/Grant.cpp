#include "Grant.h"

#include <QJsonDocument>

namespace {

QString time(const QDateTime &value)
{
    return value.isValid() ? value.toUTC().toString(Qt::ISODateWithMs) : QString();
}

} // namespace

QByteArray Grant::toJson() const
{
    const QJsonObject object {{QStringLiteral("client_id"), clientId},
                              {QStringLiteral("user_id"), userId},
                              {QStringLiteral("scope"), scope},
                              {QStringLiteral("audience"), audience},
                              {QStringLiteral("nonce"), nonce},
                              {QStringLiteral("sid"), sid},
                              {QStringLiteral("auth_time"), time(authTime)},
                              {QStringLiteral("profile"), profile},
                              {QStringLiteral("id_token_claims"), idTokenClaims},
                              {QStringLiteral("access_token_claims"), accessTokenClaims}};
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Grant Grant::fromJson(const QByteArray &json)
{
    const QJsonObject object = QJsonDocument::fromJson(json).object();
    Grant grant;
    grant.clientId = object.value(QLatin1String("client_id")).toString();
    grant.userId = object.value(QLatin1String("user_id")).toString();
    grant.scope = object.value(QLatin1String("scope")).toString();
    grant.audience = object.value(QLatin1String("audience")).toString();
    grant.nonce = object.value(QLatin1String("nonce")).toString();
    grant.sid = object.value(QLatin1String("sid")).toString();
    grant.authTime
        = QDateTime::fromString(object.value(QLatin1String("auth_time")).toString(), Qt::ISODateWithMs);
    grant.profile = object.value(QLatin1String("profile")).toObject();
    grant.idTokenClaims = object.value(QLatin1String("id_token_claims")).toObject();
    grant.accessTokenClaims = object.value(QLatin1String("access_token_claims")).toObject();
    return grant;
}
