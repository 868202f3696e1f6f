#pragma once

class ApplicationService;
class ClientGrantService;
class CustomActionService;
class Database;
class FlowService;
class IntegrationService;
class LoginEngine;
class SecretStore;
class TenantSettings;

/**
 * @brief The tenant services the login server and its Management API work through: the same ones the app's
 *        pages use, so that a change made over HTTP is the same write, the same log and the same live refresh
 *        as one made by clicking. None is owned; all must outlive the server.
 */
struct ServerServices
{
    ApplicationService &applications;
    ClientGrantService &clientGrants;
    IntegrationService &integrations;
    CustomActionService &customActions;
    FlowService &flows;
    /// Users, logs, MFA and the clock, as the hosted login pages use them.
    LoginEngine &engine;
    TenantSettings &settings;
    SecretStore &secrets;
    /// Where the servers of the tenant share what outlives a request: pending logins, sessions, codes and
    /// tokens, and the rate limits' buckets.
    Database &database;
};
