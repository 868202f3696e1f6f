#pragma once

#include <QString>

class Tenant;

/**
 * @brief A send-phone-message action that sends message_options.text to message_options.recipient through
 *        Plivo's Message API with Node's own fetch, reading PLIVO_AUTH_ID, PLIVO_AUTH_TOKEN, PLIVO_NUMBER and
 *        PLIVO_URL from its secrets; it throws when Plivo refuses and logs the message UUID.
 */
QString sendWithFetchCode();

/**
 * @brief Creates custom action @p name with @p code in @p tenant, gives it the local Plivo sandbox's
 *        credentials, number and URL as secrets, deploys it and makes it the whole Send Phone Message flow.
 * @return its id, or an empty string (with a warning saying why)
 */
QString deployPhoneAction(Tenant &tenant, const QString &name, const QString &code);
