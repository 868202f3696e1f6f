#pragma once

#include "core/common/Result.h"
#include "core/server/RateLimiter.h"
#include "core/server/ServerReply.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>

#include <functional>
#include <optional>
#include <variant>

class ApplicationService;
class ClientGrantService;
class CustomActionService;
class FlowService;
class IntegrationService;
class LoginEngine;
class ServerRequest;
class TenantSettings;
class TokenIssuer;
struct Application;
struct Binding;
struct ClientGrant;
struct CustomAction;
struct CustomActionVersion;
struct Integration;
struct ServerServices;
struct User;

/**
 * @brief Auth0's Management API v2 on the tenant (under /api/v2/): the resources Authdeck holds, with
 *        Auth0's JSON shapes, paging and error bodies, for Auth0's own SDKs and tools.
 *
 * Every call needs a Bearer access token that this tenant issued through the client_credentials grant
 * for audience() to a machine-to-machine application with a client grant; each endpoint checks its scope
 * (403 insufficient_scope). Writes go through the same services as the app's pages, so they are the same
 * validation, the same transaction, the same sapi log and the same live refresh. Errors are Auth0's body:
 * {"statusCode", "error", "message", "errorCode"}. A resource Authdeck does not hold answers 404 naming it
 * (notSupported()).
 *
 * Every answer to a valid token carries Auth0's x-ratelimit-* headers: each client has a RateLimiter
 * bucket (kRateLimitPerSecond, kRateLimitBurst), timed by the engine's clock and kept in the tenant's
 * database, so that the limit holds across every login server of the tenant; past it the answer is 429.
 *
 * Supported so far: clients (list with paging, get, create, update, delete, rotate-secret), client grants
 * (list, create, delete), users (list with q on email, get, create, block or unblock, delete, the Phone
 * Message enrollment and its removal), logs (the newest 1,000, paged, by type and user id; one event),
 * resource servers (the system API, read only), tenant settings (get, patch) and Guardian
 * (MFA): the factors (list; enable or disable sms, the Phone Message factor), the phone factor's selected
 * provider, message types and templates (get, set), the policies (get, set) and the Twilio and SNS provider
 * settings (get: Authdeck holds none). Guardian writes go through MfaService, as the Multi-factor Auth
 * pages'.
 *
 * Actions (scopes read:, create:, update:, delete:actions): the custom actions (CustomActionService) as
 * Auth0's Action, the installed integrations as the Marketplace actions they are (read only), versions,
 * deploy and rollback, the triggers, and each trigger's bindings (PATCH replaces the flow through
 * FlowService::apply). Ids: a version's id is the name-based UUID (version 5) of "version/<number>" in the
 * namespace of its action's id; a binding's id is that of "binding/<trigger id>" in the namespace of its
 * action's id (the integration's id for a Marketplace action), so both are stable across reads and applies.
 */
class ManagementApi : public QObject
{
    Q_OBJECT

public:
    using Respond = std::function<void(ServerReply)>;

    /// Works through @p services (see ServerServices); @p issuer verifies the access tokens.
    ManagementApi(const ServerServices &services, const TokenIssuer &issuer, QObject *parent = nullptr);

    /// The API's identifier: the issuer followed by "api/v2/".
    QString audience() const;
    /// The scopes this API knows (what a client grant may hold).
    static QStringList knownScopes();
    /// The most log events GET /logs pages through, as Auth0's log search.
    static constexpr int kLogsSearchAtMost = 1000;
    /// The most users GET /users pages through, as Auth0's user search.
    static constexpr int kUsersSearchAtMost = 1000;
    /**
     * @brief The rate limit of each client (the token's azp): a bucket of kRateLimitBurst requests refilled
     *        at kRateLimitPerSecond a second. Auth0's own limits are lower (2 to 50 a second by plan); this
     *        one is far above what Auth0's tools send (Deploy CLI: at most 8 a second, 3 at once), so they
     *        never wait, and still stops a runaway script from starving the login pages.
     */
    static constexpr int kRateLimitPerSecond = 50;
    static constexpr int kRateLimitBurst = 100;
    /// The name of the system API (GET /api/v2/resource-servers), as Auth0 names it.
    static QString systemApiName() { return QStringLiteral("Auth0 Management API"); }

    void handle(const ServerRequest &request, const Respond &respond);
    /// Forgets the rate limit buckets full again at @p now.
    void prune(const QDateTime &now) { m_limiter.prune(now); }

    /// Auth0's error body.
    static ServerReply error(int status, const QString &message, const QString &errorCode = {});
    /**
     * @brief What Authdeck does not hold (a resource, or a method on one): 404 with errorCode
     *        "not_supported" and @p message naming it. Not 501: Auth0's SDKs retry every 5xx with back-off,
     *        which stalls a Deploy CLI run for minutes; a 404 is what its handlers take as "absent".
     */
    static ServerReply notSupported(const QString &message);
    /**
     * @brief One page of @p all as Auth0 pages a list: page (from 0) and per_page (1 to 100, 50 by default)
     *        from @p request; with include_totals=true the page is wrapped as {start, limit, length, total,
     *        @p key: [...]}, otherwise it is the bare array.
     */
    static ServerReply paged(const QString &key, const QJsonArray &all, const ServerRequest &request);
    /// The page (from 0) and per_page (1 to 100) a request asks for.
    struct PageRequest
    {
        int page = 0;
        int perPage = 50;
        /// The index of the page's first item.
        qsizetype start() const { return qsizetype(page) * perPage; }
    };
    /**
     * @brief The page and per_page @p request asks for (@p defaultPerPage when it names none), or Auth0's 400
     *        invalid_query_string naming the parameter that is not a whole number in its range.
     */
    static std::variant<PageRequest, ServerReply> pageOf(const ServerRequest &request,
                                                         int defaultPerPage = 50);
    /// @p items, already read as @p page of @p total items, in paged()'s shape.
    static ServerReply pageReply(const QString &key,
                                 const QJsonArray &items,
                                 qsizetype total,
                                 const PageRequest &page,
                                 const ServerRequest &request);

private:
    /// One authorized request.
    struct Call
    {
        const ServerRequest &request;
        const Respond &respond;
        QStringList scopes;
        QStringList path; ///< the parts after /api/v2/

        bool allows(const QString &scope) const { return scopes.contains(scope); }
        /// The page the request asks for; nothing when it is out of range, and then the call has its 400.
        std::optional<PageRequest> page() const;
    };

    /// The claims of a valid token for this API, or an error reply.
    std::variant<QJsonObject, ServerReply> authorize(const ServerRequest &request) const;
    void clients(const Call &call);
    void clientGrants(const Call &call);
    void users(const Call &call);
    void logs(const Call &call);
    void tenantSettings(const Call &call);
    void guardian(const Call &call);
    void guardianPolicies(const Call &call);
    /// PUT guardian/factors/{name} {enabled}.
    void setGuardianFactor(const Call &call, const QString &name);
    /// GET or PUT one part of the Phone Message factor: "selected-provider", "message-types" or "templates".
    void phoneFactorPart(const Call &call, const QString &part);

    // actions (ManagementApiActions.cpp, ManagementApiActionJson.cpp, ManagementApiTriggers.cpp)
    /// actions/actions, actions/triggers and actions/modules.
    void actions(const Call &call);
    void listActions(const Call &call);
    void createAction(const Call &call);
    /// GET, PATCH or DELETE actions/actions/{id}, and its deploy and versions routes.
    void oneAction(const Call &call, const CustomAction &action);
    void patchAction(const Call &call, const CustomAction &action);
    void deleteAction(const Call &call, const CustomAction &action);
    void deployAction(const Call &call, const CustomAction &action);
    void actionVersions(const Call &call, const CustomAction &action);
    /// Sets and removes secrets of action @p id one after another, then calls @p done with the first error.
    void changeSecrets(const QString &id,
                       const QList<std::pair<QString, std::optional<QByteArray>>> &changes,
                       std::function<void(std::optional<Error>)> done);
    void triggers(const Call &call);
    void triggerBindings(const Call &call, const QString &triggerId);
    void patchBindings(const Call &call, const QString &triggerId);
    /// A custom action as Auth0's Action object, with its deployed version; never a secret value.
    QJsonObject actionJson(const CustomAction &action) const;
    /// An installed integration as the Marketplace action it is (installed_integration_id, integration).
    QJsonObject marketplaceJson(const Integration &integration) const;
    /// Auth0's ActionVersion for version @p version of @p action.
    static QJsonObject versionJson(const CustomAction &action, const CustomActionVersion &version);
    /// The binding of @p triggerId's flow, with its action.
    QJsonObject bindingJson(const QString &triggerId, const Binding &binding) const;
    /// Version @p number's id (see the class description).
    static QString actionVersionId(const QString &actionId, int number);
    /// The id of @p binding in @p triggerId's flow (see the class description).
    static QString bindingId(const QString &triggerId, const Binding &binding);
    /// One page of @p all as the actions endpoints page: {total, page, per_page, @p key: [...]}, per_page 20
    /// by default; a 400 naming page or per_page when either is not a number in range.
    static std::variant<QJsonObject, ServerReply>
    actionsPage(const QString &key, const QJsonArray &all, const ServerRequest &request);
    // users, logs, resource servers, tenant (ManagementApiUsers.cpp, ManagementApiTenant.cpp)
    /// GET, PATCH or DELETE users/{id}, and its enrollments and authenticators.
    void user(const Call &call, const QString &id);
    void createUser(const Call &call);
    void updateUser(const Call &call, const User &user);
    /// GET or DELETE guardian/enrollments/{id}: a user's Phone Message enrollment.
    void guardianEnrollment(const Call &call);
    void resourceServers(const Call &call);
    /// POST clients/{id}/rotate-secret: the new secret, once, in the answer.
    void rotateClientSecret(const Call &call, const QString &clientId);
    /// The system API as Auth0 describes it in GET resource-servers.
    QJsonObject systemApiJson() const;
    /// Adds Auth0's x-ratelimit-* headers of @p decision to @p reply (and Retry-After on a refusal).
    static ServerReply withRateLimit(ServerReply reply, const RateLimiter::Decision &decision);

    static QJsonObject grantJson(const ClientGrant &grant);
    static ServerReply fromError(const Error &error);
    /// 403 insufficient_scope naming @p scope.
    static ServerReply insufficientScope(const QString &scope);

    ApplicationService &m_applications;
    ClientGrantService &m_grants;
    IntegrationService &m_integrations;
    CustomActionService &m_customActions;
    FlowService &m_flows;
    LoginEngine &m_engine;
    TenantSettings &m_settings;
    const TokenIssuer &m_issuer;
    RateLimiter m_limiter;
};
