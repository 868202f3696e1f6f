#pragma once

#include <QString>

class Tenant;

/**
 * @brief Makes a post-login custom action whose handler runs @p body, deploys it and applies it as the
 *        whole Login flow of @p tenant: what the refusal suites use to have a login denied.
 * @return false, with a warning naming why, when any step fails
 */
bool bindLoginAction(Tenant &tenant, const QString &body);
