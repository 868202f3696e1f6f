#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

/**
 * @brief One npm package a custom action requires (Auth0's dependencies[]: {name, version}).
 */
struct ActionDependency
{
    QString name; ///< an npm package name, e.g. "axios" or "@scope/name"
    QString version; ///< a version, a range ("^1.2.0") or a dist-tag ("latest")

    /// "name@version", as npm install takes it.
    QString spec() const { return name + QLatin1Char('@') + version; }

    bool operator==(const ActionDependency &other) const
    {
        return name == other.name && version == other.version;
    }
    bool operator!=(const ActionDependency &other) const { return !(*this == other); }
};

/**
 * @brief A secret a custom action has set, as Auth0 lists it on read: its name and when it was set.
 *
 * The value is never part of it: it lives in the secret store, under CustomActionService::secretKey().
 */
struct ActionSecret
{
    QString name; ///< e.g. "PLIVO_AUTH_TOKEN"; the action reads it as event.secrets.NAME
    QDateTime updatedAt;
};

/**
 * @brief A custom action (Auth0's Action object): the draft the editor saves, and which version runs.
 *
 * The draft (code, dependencies, runtime) can change at any time; a deploy copies it into a new immutable
 * CustomActionVersion and makes that version the one that runs.
 */
struct CustomAction
{
    QString id; ///< a UUID, without braces
    QString name; ///< unique in the tenant, ignoring case
    QString triggerId; ///< the one trigger it targets (supported_triggers[0].id), e.g. "send-phone-message"
    QString triggerVersion; ///< e.g. "v2"
    QString runtime; ///< e.g. "node18"
    QString code; ///< the draft's source
    QList<ActionDependency> dependencies; ///< the draft's npm packages, in the order given
    QList<ActionSecret> secrets; ///< the secrets set, sorted by name; never their values
    int deployedVersion = 0; ///< the number of the version that runs; 0 when never deployed
    /// The draft's code, dependencies and runtime are those of the deployed version.
    bool allChangesDeployed = false;
    QDateTime createdAt;
    QDateTime updatedAt;
    /// Bumped by every save of the draft; a save based on an older revision is refused as a conflict.
    int revision = 0;

    bool isDeployed() const { return deployedVersion > 0; }
    /// The names of the secrets set, sorted.
    QStringList secretNames() const
    {
        QStringList names;
        for (const ActionSecret &secret : secrets)
            names.append(secret.name);
        return names;
    }
};

/**
 * @brief One deployed version of a custom action (Auth0's ActionVersion). Never changes once written.
 */
struct CustomActionVersion
{
    QString actionId;
    int number = 0; ///< 1 for the first deploy, then one more for each
    QString code;
    QList<ActionDependency> dependencies;
    QString runtime;
    QDateTime createdAt;
    bool deployed = false; ///< it is the action's deployed version, the one that runs
};

Q_DECLARE_METATYPE(ActionDependency)
Q_DECLARE_METATYPE(CustomAction)
Q_DECLARE_METATYPE(CustomActionVersion)
