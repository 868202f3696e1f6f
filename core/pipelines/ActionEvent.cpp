#include "ActionEvent.h"

QJsonObject ActionEvent::client(const QString &clientId, const QString &clientName)
{
    if (clientId.isEmpty())
        return {};
    return {{QStringLiteral("client_id"), clientId},
            {QStringLiteral("name"), clientName},
            {QStringLiteral("metadata"), QJsonObject {}}};
}

QJsonObject ActionEvent::request(const QString &ip, const QString &language, const QString &userAgent)
{
    return {{QStringLiteral("ip"), ip},
            {QStringLiteral("language"), language},
            {QStringLiteral("user_agent"), userAgent},
            {QStringLiteral("hostname"), QStringLiteral("localhost")},
            {QStringLiteral("method"), QStringLiteral("POST")}};
}

QJsonObject
ActionEvent::phoneUser(const QString &userId, const QString &email, const QString &name, const QString &phone)
{
    QJsonObject user {{QStringLiteral("user_id"), userId}};
    if (!email.isEmpty())
        user.insert(QStringLiteral("email"), email);
    if (!name.isEmpty())
        user.insert(QStringLiteral("name"), name);
    if (!phone.isEmpty())
        user.insert(QStringLiteral("phone_number"), phone);
    return user;
}
