#include "ActionRef.h"

Binding ActionRef::toBinding() const
{
    Binding binding;
    binding.kind = kind;
    binding.actionId = actionId;
    binding.displayName = name;
    return binding;
}
