#include "ActionRef.h"

Binding ActionRef::toBinding() const
{
    Binding binding;
    binding.kind = kind;
    binding.actionId = actionId;
    binding.displayName = name;
    binding.version = version;
    return binding;
}
