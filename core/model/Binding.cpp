#include "Binding.h"

bool Binding::operator==(const Binding &other) const
{
    return kind == other.kind && actionId == other.actionId && displayName == other.displayName
        && version == other.version;
}

QString Binding::kindName(Kind kind)
{
    return kind == Kind::Custom ? QStringLiteral("custom") : QStringLiteral("integration");
}

Binding::Kind Binding::kindFromName(const QString &name)
{
    return name == QLatin1String("custom") ? Kind::Custom : Kind::Integration;
}
