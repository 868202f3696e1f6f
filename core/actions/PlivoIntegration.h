#pragma once

#include <QLatin1String>

/**
 * @brief The Plivo integration's words, one definition each: its catalog id and the keys of its inputs as
 *        the catalog entry names them (resources/catalog/integrations.json) and its code reads them
 *        (event.secrets.PLIVO_AUTH_ID, event.configuration.PLIVO_NUMBER).
 */
namespace PlivoIntegration {
inline constexpr QLatin1String CatalogId {"plivo"};
inline constexpr QLatin1String AuthId {"PLIVO_AUTH_ID"}; ///< secret
inline constexpr QLatin1String AuthToken {"PLIVO_AUTH_TOKEN"}; ///< secret
inline constexpr QLatin1String Number {"PLIVO_NUMBER"}; ///< configuration: the sender, in E.164
} // namespace PlivoIntegration
