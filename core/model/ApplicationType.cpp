#include "ApplicationType.h"

#include <QCoreApplication>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ApplicationType", text);
}

QStringList interactiveGrants()
{
    return {
        QStringLiteral("implicit"), QStringLiteral("authorization_code"), QStringLiteral("refresh_token")};
}

} // namespace

const QList<ApplicationTypeInfo> &ApplicationTypeInfo::all()
{
    static const QList<ApplicationTypeInfo> types {
        {ApplicationType::Native,
         QStringLiteral("native"),
         tr("Native"),
         tr("Mobile, desktop, CLI and smart device apps running natively."),
         QStringLiteral("type-native"),
         interactiveGrants(),
         QStringLiteral("none"),
         false,
         {}},
        {ApplicationType::SinglePage,
         QStringLiteral("spa"),
         tr("Single Page Web Applications"),
         tr("A JavaScript front-end app that runs in a browser, such as React, Angular or Vue."),
         QStringLiteral("type-spa"),
         interactiveGrants(),
         QStringLiteral("none"),
         false,
         {QStringLiteral("React"),
          QStringLiteral("Angular"),
          QStringLiteral("Vue"),
          QStringLiteral("JavaScript")}},
        {ApplicationType::RegularWeb,
         QStringLiteral("regular_web"),
         tr("Regular Web Applications"),
         tr("Traditional web apps that render pages on the server, such as Express, ASP.NET or Django."),
         QStringLiteral("type-regular-web"),
         interactiveGrants() << QStringLiteral("client_credentials"),
         QStringLiteral("client_secret_post"),
         true,
         {}},
        {ApplicationType::MachineToMachine,
         QStringLiteral("non_interactive"),
         tr("Machine to Machine Applications"),
         tr("CLIs, daemons or services running on your backend that call an API."),
         QStringLiteral("type-m2m"),
         {QStringLiteral("client_credentials")},
         QStringLiteral("client_secret_post"),
         true,
         {}},
    };
    return types;
}

const ApplicationTypeInfo &ApplicationTypeInfo::of(ApplicationType type)
{
    return all().at(static_cast<int>(type));
}

std::optional<ApplicationType> ApplicationTypeInfo::fromApiValue(const QString &apiValue)
{
    for (const ApplicationTypeInfo &info : all()) {
        if (info.apiValue == apiValue)
            return info.type;
    }
    return std::nullopt;
}
