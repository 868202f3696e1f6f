#include "ActionFields.h"

#include "core/actions/CustomActionService.h"
#include "core/actions/DependencyInstaller.h"
#include "core/runtime/ActionTriggers.h"

#include <QJsonArray>

namespace {

/// What deploy-cli exports for a secret value (OBFUSCATED_SECRET_VALUE): keep the stored one.
const QString kValueNotShown = QStringLiteral("_VALUE_NOT_SHOWN_");

} // namespace

QString ActionFields::read(const QJsonObject &body, bool creating)
{
    QStringList allowed {QStringLiteral("name"),
                         QStringLiteral("supported_triggers"),
                         QStringLiteral("code"),
                         QStringLiteral("runtime"),
                         QStringLiteral("dependencies"),
                         QStringLiteral("secrets"),
                         QStringLiteral("modules")};
    if (creating)
        allowed.append(QStringLiteral("deploy"));
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!allowed.contains(it.key()))
            return QStringLiteral("Payload validation error: Additional properties not allowed: %1")
                .arg(it.key());
    }
    for (const char *key : {"name", "code", "runtime"}) {
        const QJsonValue value = body.value(QLatin1String(key));
        if (!value.isUndefined() && !value.isString())
            return QStringLiteral("Payload validation error: '%1' must be a string").arg(QLatin1String(key));
    }
    if (body.contains(QLatin1String("name"))) {
        name = body.value(QLatin1String("name")).toString();
        if (const QString problem = CustomActionService::nameProblem(*name); !problem.isEmpty())
            return QStringLiteral("Payload validation error: 'name': %1").arg(problem);
    } else if (creating) {
        return QStringLiteral("Payload validation error: Missing required property: name");
    }
    if (body.contains(QLatin1String("code")))
        code = body.value(QLatin1String("code")).toString();
    if (body.contains(QLatin1String("runtime"))) {
        runtime = body.value(QLatin1String("runtime")).toString();
        if (!ActionTriggers::runtimes().contains(*runtime))
            return QStringLiteral("Payload validation error: 'runtime' must be one of %1")
                .arg(ActionTriggers::runtimes().join(QLatin1String(", ")));
    }
    const QJsonValue triggers = body.value(QLatin1String("supported_triggers"));
    if (!triggers.isUndefined()) {
        const QJsonObject trigger
            = triggers.toArray().isEmpty() ? QJsonObject() : triggers.toArray().at(0).toObject();
        const QString id = trigger.value(QLatin1String("id")).toString();
        const QJsonValue version = trigger.value(QLatin1String("version"));
        if (!triggers.isArray() || triggers.toArray().size() != 1 || !ActionTriggers::isRunnable(id))
            return QStringLiteral(
                       "Payload validation error: 'supported_triggers' must name exactly one of %1")
                .arg(ActionTriggers::runnable().join(QLatin1String(", ")));
        if (!version.isUndefined() && version.toString() != ActionTriggers::version(id))
            return QStringLiteral("Payload validation error: 'supported_triggers[0].version': Authdeck runs "
                                  "%1 %2")
                .arg(id, ActionTriggers::version(id));
        triggerId = id;
    } else if (creating) {
        return QStringLiteral("Payload validation error: Missing required property: supported_triggers");
    }
    if (!body.value(QLatin1String("modules")).toArray().isEmpty())
        return QStringLiteral("Payload validation error: 'modules': Authdeck holds no action modules");
    const QJsonValue deployValue = body.value(QLatin1String("deploy"));
    if (!deployValue.isUndefined() && !deployValue.isBool())
        return QStringLiteral("Payload validation error: 'deploy' must be a boolean");
    deploy = deployValue.toBool();

    const QJsonValue dependencyList = body.value(QLatin1String("dependencies"));
    if (!dependencyList.isUndefined()) {
        if (!dependencyList.isArray())
            return QStringLiteral("Payload validation error: 'dependencies' must be an array");
        QList<ActionDependency> list;
        for (const QJsonValue &item : dependencyList.toArray()) {
            const QJsonObject dependency = item.toObject();
            if (!dependency.value(QLatin1String("name")).isString()
                || !dependency.value(QLatin1String("version")).isString() || dependency.size() != 2)
                return QStringLiteral("Payload validation error: 'dependencies' must be an array of {name, "
                                      "version} strings");
            list.append({dependency.value(QLatin1String("name")).toString().trimmed(),
                         dependency.value(QLatin1String("version")).toString().trimmed()});
        }
        if (const QString problem = DependencyInstaller::problem(list); !problem.isEmpty())
            return QStringLiteral("Payload validation error: 'dependencies': %1").arg(problem);
        dependencies = list;
    }
    const QJsonValue secretList = body.value(QLatin1String("secrets"));
    if (!secretList.isUndefined()) {
        if (!secretList.isArray())
            return QStringLiteral("Payload validation error: 'secrets' must be an array of {name, value}");
        QList<Secret> list;
        QStringList names;
        for (int i = 0; i < secretList.toArray().size(); ++i) {
            const QJsonObject secret = secretList.toArray().at(i).toObject();
            const QString name = secret.value(QLatin1String("name")).toString();
            const QJsonValue value = secret.value(QLatin1String("value"));
            if (const QString problem = CustomActionService::secretNameProblem(name); !problem.isEmpty())
                return QStringLiteral("Payload validation error: 'secrets[%1].name': %2").arg(i).arg(problem);
            if (names.contains(name))
                return QStringLiteral("Payload validation error: 'secrets[%1]': %2 is listed twice")
                    .arg(i)
                    .arg(name);
            if (!value.isUndefined() && (!value.isString() || value.toString().isEmpty()))
                return QStringLiteral(
                           "Payload validation error: 'secrets[%1].value' must be a non-empty string")
                    .arg(i);
            const bool keep = value.isUndefined() || value.toString() == kValueNotShown;
            if (keep && creating)
                return QStringLiteral("Payload validation error: 'secrets[%1].value': give %2 a value (a new "
                                      "action has none to keep)")
                    .arg(i)
                    .arg(name);
            names.append(name);
            list.append({name, keep ? std::nullopt : std::optional(value.toString().toUtf8())});
        }
        secrets = list;
    }
    return {};
}
