#pragma once

class QCoreApplication;
class Tenant;

/**
 * @brief `authdeck-cli demo --integration-only`: installs the Plivo integration in sandbox mode (the local
 *        test phone), as the demo does, and nothing else.
 *
 * As on Auth0, where a Marketplace integration must be installed in a tenant before a Deploy CLI import can
 * bind it by name (deploy-cli never exports it), this prepares an otherwise empty tenant for an import of a
 * demo tenant's YAML. A tenant that has Plivo already is left as it is. Returns the exit code.
 */
int installSandboxIntegration(QCoreApplication &app, Tenant &tenant);
