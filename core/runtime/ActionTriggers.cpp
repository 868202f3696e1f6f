#include "ActionTriggers.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcRuntime)

namespace {

/// The data file, read once.
const QJsonObject &data()
{
    static const QJsonObject root = [] {
        QFile file(QStringLiteral(":/authdeck/runtime/triggers.json"));
        if (!file.open(QIODevice::ReadOnly)) {
            qCCritical(lcRuntime) << "The trigger list is missing from the resources";
            return QJsonObject();
        }
        return QJsonDocument::fromJson(file.readAll()).object();
    }();
    return root;
}

QJsonObject trigger(const QString &id)
{
    const QJsonArray triggers = data().value(QLatin1String("triggers")).toArray();
    for (const QJsonValue &value : triggers) {
        if (value.toObject().value(QLatin1String("id")).toString() == id)
            return value.toObject();
    }
    return {};
}

QStringList strings(const QJsonValue &value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        list.append(item.toString());
    return list;
}

} // namespace

QStringList ActionTriggers::runnable()
{
    QStringList ids;
    const QJsonArray triggers = data().value(QLatin1String("triggers")).toArray();
    for (const QJsonValue &value : triggers)
        ids.append(value.toObject().value(QLatin1String("id")).toString());
    return ids;
}

bool ActionTriggers::isRunnable(const QString &id)
{
    return !trigger(id).isEmpty();
}

QString ActionTriggers::handlerName(const QString &id)
{
    return trigger(id).value(QLatin1String("handler")).toString();
}

QString ActionTriggers::version(const QString &id)
{
    return trigger(id).value(QLatin1String("version")).toString();
}

QString ActionTriggers::label(const QString &id)
{
    return trigger(id).value(QLatin1String("label")).toString();
}

QString ActionTriggers::skeleton(const QString &id)
{
    const QStringList lines = strings(trigger(id).value(QLatin1String("skeleton")));
    return lines.isEmpty() ? QString() : lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QJsonObject ActionTriggers::sampleEvent(const QString &id)
{
    return trigger(id).value(QLatin1String("sampleEvent")).toObject();
}

QStringList ActionTriggers::apiMethods(const QString &id)
{
    return strings(trigger(id).value(QLatin1String("api")));
}

QStringList ActionTriggers::runtimes()
{
    return strings(data().value(QLatin1String("runtimes")));
}

QString ActionTriggers::defaultRuntime()
{
    return data().value(QLatin1String("defaultRuntime")).toString();
}
