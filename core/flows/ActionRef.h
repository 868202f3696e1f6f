#pragma once

#include "core/model/Binding.h"

#include <QMetaType>
#include <QString>

/**
 * @brief An action that can be bound, as the palette and the cards of the flow editor show it.
 */
struct ActionRef
{
    Binding::Kind kind = Binding::Kind::Integration;
    QString actionId;
    QString name; ///< e.g. "Plivo"
    QString triggerId; ///< the trigger the action runs in
    QString subtitle; ///< e.g. "Integration · Plivo"
    int version = 0; ///< a custom action's deployed version; 0 for integrations
    /// Its configuration is complete: the required secrets and configuration values are set.
    bool complete = true;
    /// It is still installed (or deployed); false for a binding whose action is gone.
    bool available = true;
    /// Why it is not complete or not available, as a sentence; empty when it is both.
    QString problem;

    /// A binding of this action, named after it.
    Binding toBinding() const;
};

Q_DECLARE_METATYPE(ActionRef)
