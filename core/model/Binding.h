#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

/**
 * @brief One action in a trigger's flow. A flow is a list of bindings; its order is the execution order.
 */
struct Binding
{
    enum class Kind
    {
        Integration, ///< an installed integration (Marketplace action)
        Custom, ///< a custom action, which runs its deployed version
    };

    Kind kind = Kind::Integration;
    QString actionId; ///< the integration id (or the custom action id)
    QString displayName; ///< the name shown on the card when the flow was edited
    /// For custom actions, the version deployed when the flow was applied (a flow always runs the action's
    /// current deployed version); 0 for integrations.
    int version = 0;

    /// Whether @p other refers to the same action, ignoring the display name and version.
    bool sameAction(const Binding &other) const { return kind == other.kind && actionId == other.actionId; }

    /// The name of @p kind where a binding is written down (the store, a dragged card): "integration" or
    /// "custom".
    static QString kindName(Kind kind);
    /// The kind named @p name by kindName(); an integration for any other name.
    static Kind kindFromName(const QString &name);

    /// Field by field.
    bool operator==(const Binding &other) const;
    bool operator!=(const Binding &other) const { return !(*this == other); }
};

Q_DECLARE_METATYPE(Binding)
