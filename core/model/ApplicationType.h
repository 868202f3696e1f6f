#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

/// The four kinds of application Auth0 offers at creation.
enum class ApplicationType
{
    Native,
    SinglePage,
    RegularWeb,
    MachineToMachine
};

/**
 * @brief What an application type means: its API value, its words, and the defaults it starts with.
 *
 * Defaults follow Auth0 (auth0-cli apiDefaultGrantsFor / apiDefaultAuthMethodFor): public types
 * (native, spa) use no client authentication; confidential ones (regular_web, non_interactive) use
 * client_secret_post and hold a client secret.
 */
struct ApplicationTypeInfo
{
    ApplicationType type;
    QString apiValue; ///< app_type in the Management API: native, spa, regular_web, non_interactive
    QString label; ///< as the dashboard names it
    QString summary; ///< one line that helps choose
    QString iconName; ///< resource icon name
    QStringList defaultGrantTypes;
    QString tokenEndpointAuthMethod; ///< none, client_secret_post or client_secret_basic
    bool confidential; ///< holds a client secret
    QStringList technologies; ///< quickstart technologies offered at creation (SPA only)

    static const QList<ApplicationTypeInfo> &all();
    static const ApplicationTypeInfo &of(ApplicationType type);
    static std::optional<ApplicationType> fromApiValue(const QString &apiValue);
};
