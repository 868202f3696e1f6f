#pragma once

#include "core/model/CustomAction.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

/**
 * @brief The body of a Management API write of a custom action (POST or PATCH actions/actions), read and
 *        checked before anything is written, with Auth0's field names.
 *
 * A secret whose value is missing or deploy-cli's placeholder "_VALUE_NOT_SHOWN_" keeps its stored value
 * (refused on create, where there is none).
 */
struct ActionFields
{
    Q_DECLARE_TR_FUNCTIONS(ActionFields)

public:
    /// One secret: a value to set, or none to keep the stored one.
    struct Secret
    {
        QString name;
        std::optional<QByteArray> value;
    };

    std::optional<QString> name;
    std::optional<QString> triggerId; ///< supported_triggers[0].id (exactly one, a runnable trigger)
    std::optional<QString> code;
    std::optional<QString> runtime;
    std::optional<QList<ActionDependency>> dependencies;
    std::optional<QList<Secret>> secrets;
    bool deploy = false; ///< create only: deploy at once

    /**
     * @brief Reads @p body of a create (@p creating: name and supported_triggers required, deploy allowed)
     *        or an update; the first problem, naming its field, or empty. Unknown fields are refused, as
     *        Auth0 refuses additional properties; so are action modules, which Authdeck does not hold.
     */
    QString read(const QJsonObject &body, bool creating);
};
