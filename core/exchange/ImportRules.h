#pragma once

#include "core/common/Result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

class TenantFiles;

/// The checks ImportPlan's files share (ImportPlan.cpp and ImportPlanFlows.cpp).
namespace ImportRules {

/// What deploy-cli exports a secret's value as; imported, it keeps the value the tenant has.
inline const QString kValueNotShown = QStringLiteral("_VALUE_NOT_SHOWN_");

/// An Invalid error naming the place of @p path in @p files, then @p path, then @p message.
Error refusal(const TenantFiles &files, const QString &path, const QString &message);
/// @p value as one line of JSON text, shortened past 120 characters; "(none)" when undefined.
QString compact(const QJsonValue &value);
/// The records of @p type as a list of mappings with unique names, or a refusal naming the first wrong one.
Result<QJsonArray> records(const TenantFiles &files, const QString &type);
/// The first key of @p record outside @p known, or nothing.
std::optional<QString> unknownKey(const QJsonObject &record, const QStringList &known);
/// @p records by their "name".
QJsonObject byName(const QJsonArray &records);
/// The trigger an action record runs for: the id of its first supported_triggers entry ('' when none).
QString triggerOf(const QJsonObject &action);

} // namespace ImportRules
