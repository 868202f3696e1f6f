#include "ClientJson.h"

#include "core/applications/ApplicationService.h"

#include <QJsonArray>

namespace ClientJson {

QJsonObject toJson(const Application &application)
{
    return {{QStringLiteral("client_id"), application.clientId},
            {QStringLiteral("name"), application.name},
            {QStringLiteral("description"), application.description},
            {QStringLiteral("app_type"), application.typeInfo().apiValue},
            {QStringLiteral("callbacks"), QJsonArray::fromStringList(application.callbacks)},
            {QStringLiteral("allowed_logout_urls"), QJsonArray::fromStringList(application.logoutUrls)},
            {QStringLiteral("web_origins"), QJsonArray::fromStringList(application.webOrigins)},
            {QStringLiteral("grant_types"), QJsonArray::fromStringList(application.grantTypes)},
            {QStringLiteral("token_endpoint_auth_method"), application.tokenEndpointAuthMethod},
            {QStringLiteral("is_first_party"), true},
            {QStringLiteral("oidc_conformant"), true},
            {QStringLiteral("jwt_configuration"),
             QJsonObject {{QStringLiteral("alg"), QStringLiteral("RS256")},
                          {QStringLiteral("lifetime_in_seconds"), 36000},
                          {QStringLiteral("secret_encoded"), false}}}};
}

const QStringList &writableFields()
{
    static const QStringList fields {QStringLiteral("name"),
                                     QStringLiteral("description"),
                                     QStringLiteral("callbacks"),
                                     QStringLiteral("allowed_logout_urls"),
                                     QStringLiteral("web_origins"),
                                     QStringLiteral("grant_types")};
    return fields;
}

QString apply(const QJsonObject &body, Application &application)
{
    Application changed = application;
    for (const char *key : {"name", "description"}) {
        const QJsonValue value = body.value(QLatin1String(key));
        if (!value.isUndefined() && !value.isString())
            return QStringLiteral("Payload validation error: '%1' must be a string").arg(QLatin1String(key));
    }
    if (body.contains(QLatin1String("name")))
        changed.name = body.value(QLatin1String("name")).toString();
    if (body.contains(QLatin1String("description")))
        changed.description = body.value(QLatin1String("description")).toString();
    for (const auto &[key, into] : {std::pair<const char *, QStringList *> {"callbacks", &changed.callbacks},
                                    {"allowed_logout_urls", &changed.logoutUrls},
                                    {"web_origins", &changed.webOrigins},
                                    {"grant_types", &changed.grantTypes}}) {
        const QJsonValue value = body.value(QLatin1String(key));
        if (value.isUndefined())
            continue;
        const QString wrong = QStringLiteral("Payload validation error: '%1' must be an array of strings")
                                  .arg(QLatin1String(key));
        if (!value.isArray())
            return wrong;
        QStringList items;
        for (const QJsonValue &item : value.toArray()) {
            if (!item.isString())
                return wrong;
            items.append(item.toString());
        }
        *into = items;
    }
    application = changed;
    return {};
}

std::variant<Application, QString> draft(const QJsonObject &body)
{
    const QJsonValue appType = body.value(QLatin1String("app_type"));
    const auto type = ApplicationTypeInfo::fromApiValue(appType.toString(QStringLiteral("regular_web")));
    if (!type || (!appType.isUndefined() && !appType.isString()))
        return QStringLiteral(
            "Payload validation error: 'app_type' is not one of native, spa, regular_web, non_interactive");
    Application application;
    application.type = *type;
    application.grantTypes = ApplicationTypeInfo::of(*type).defaultGrantTypes;
    if (const QString problem = apply(body, application); !problem.isEmpty())
        return problem;
    if (const ApplicationValidation validation = ApplicationService::validate(application);
        !validation.isValid())
        return validation.summary();
    return application;
}

} // namespace ClientJson
