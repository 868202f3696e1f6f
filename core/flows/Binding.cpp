#include "Binding.h"

bool Binding::operator==(const Binding &other) const
{
    return kind == other.kind && actionId == other.actionId && displayName == other.displayName
        && version == other.version;
}
