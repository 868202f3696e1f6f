#pragma once

#include "core/model/Application.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <variant>

/**
 * @brief An application as Auth0's client JSON (the Management API's clients and deploy-cli's YAML): one
 *        mapping for both, so that an application reads the same over HTTP and in an exported file.
 */
namespace ClientJson {

/// The client's fields, client_id included; never its secret.
QJsonObject toJson(const Application &application);

/// The fields of toJson() that apply() sets (app_type is set on creation only; the others are read-only or
/// fixed in Authdeck).
const QStringList &writableFields();

/**
 * @brief Applies the writable fields present in @p body to @p application.
 * @return why a field is refused ("Payload validation error: 'callbacks' must be an array of strings"),
 *         empty when none is; @p application is unchanged on a refusal
 */
QString apply(const QJsonObject &body, Application &application);

/**
 * @brief A new application as @p body describes it (app_type, regular_web when absent, with that type's
 *        default grant types, then the fields of apply()), checked by ApplicationService::validate(); the
 *        reason when it is refused.
 */
std::variant<Application, QString> draft(const QJsonObject &body);

} // namespace ClientJson
