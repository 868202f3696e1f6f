// ManagementApi: /api/v2/logs, /api/v2/resource-servers (the system API only), /api/v2/tenants/settings and
// POST /api/v2/clients/{id}/rotate-secret.

#include "ManagementApi.h"
#include "core/applications/ApplicationService.h"
#include "core/applications/ClientJson.h"
#include "core/login/LoginEngine.h"
#include "core/logs/LogStore.h"
#include "core/model/Application.h"
#include "core/secrets/SecretJob.h"
#include "core/server/GrantStore.h"
#include "core/server/ServerRequest.h"
#include "core/settings/TenantSettings.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>

namespace {

/// "read:client_grants" gives "Read Client Grants", as Auth0 describes its scopes.
QString describeScope(const QString &scope)
{
    QStringList words;
    for (const QString &word :
         QString(scope).replace(QLatin1Char(':'), QLatin1Char('_')).split(QLatin1Char('_')))
        words.append(word.left(1).toUpper() + word.mid(1));
    return words.join(QLatin1Char(' '));
}

ServerReply refused(int status, const QString &message)
{
    return ManagementApi::error(status, message, QStringLiteral("operation_not_supported"));
}

/// The filter of GET logs?q=… : type:X and user_id:X terms, quoted or not, joined by spaces or AND.
std::optional<LogFilter> parseLogQuery(const QString &q, QString &problem)
{
    static const QRegularExpression term(QStringLiteral(R"re(^([a-z_]+):(?:"([^"]*)"|(\S+))$)re"));
    static const QRegularExpression terms(QStringLiteral(R"re((?:[a-z_]+:(?:"[^"]*"|\S+))|\S+)re"));
    LogFilter filter;
    for (auto it = terms.globalMatch(q); it.hasNext();) {
        const QString text = it.next().captured(0);
        if (text == QLatin1String("AND"))
            continue;
        const QRegularExpressionMatch match = term.match(text);
        const QString field = match.captured(1);
        const QString value = match.captured(2) + match.captured(3);
        if (match.hasMatch() && field == QLatin1String("type"))
            filter.type = value;
        else if (match.hasMatch() && field == QLatin1String("user_id"))
            filter.userId = value;
        else {
            problem
                = QStringLiteral("Authdeck's log search takes type:… and user_id:… terms, not %1").arg(text);
            return std::nullopt;
        }
    }
    return filter;
}

} // namespace

void ManagementApi::logs(const Call &call)
{
    if (!call.allows(QStringLiteral("read:logs")))
        return call.respond(insufficientScope(QStringLiteral("read:logs")));
    if (call.path.size() > 2 || call.request.method() != "GET")
        return call.respond(notSupported(tr("Only GET /api/v2/logs and /api/v2/logs/{id} are supported")));
    LogStore &logs = m_engine.logs();
    if (call.path.size() == 2) {
        auto event = logs.find(QUrl::fromPercentEncoding(call.path.at(1).toUtf8()));
        if (!event && event.error().kind() == Error::Kind::NotFound)
            return call.respond(error(404, event.error().message(), QStringLiteral("inexistent_log")));
        return call.respond(event ? ServerReply::json(event.value().toJson()) : fromError(event.error()));
    }
    if (call.request.hasParam(QStringLiteral("from")) || call.request.hasParam(QStringLiteral("take")))
        return call.respond(refused(400,
                                    tr("Authdeck does not page logs by checkpoint (from, take): use page "
                                       "and per_page, newest first")));
    const QString sort = call.request.param(QStringLiteral("sort"));
    if (!sort.isEmpty() && sort != QLatin1String("date:-1"))
        return call.respond(refused(400, tr("Authdeck lists logs newest first only (sort=date:-1)")));
    // Auth0's SDK v6 sends the search as "search", older clients as "q".
    QString problem;
    const std::optional<LogFilter> parsed = parseLogQuery(call.request.hasParam(QStringLiteral("q"))
                                                              ? call.request.param(QStringLiteral("q"))
                                                              : call.request.param(QStringLiteral("search")),
                                                          problem);
    if (!parsed)
        return call.respond(error(400, problem, QStringLiteral("invalid_query_string")));
    // As Auth0's log search: the newest 1,000 events at most, one page read at a time.
    const std::optional<PageRequest> page = call.page();
    if (!page)
        return;
    LogFilter filter = *parsed;
    filter.offset = int(qMin<qsizetype>(page->start(), kLogsSearchAtMost));
    filter.limit = int(qMin<qsizetype>(page->perPage, kLogsSearchAtMost - filter.offset));
    QJsonArray items;
    if (filter.limit > 0) {
        auto read = logs.page(filter);
        if (!read)
            return call.respond(fromError(read.error()));
        for (const LogEvent &event : read.value().events)
            items.append(event.toJson());
    }
    int total = 0;
    if (call.request.param(QStringLiteral("include_totals")) == QLatin1String("true")) {
        auto counted = logs.count(filter, kLogsSearchAtMost);
        if (!counted)
            return call.respond(fromError(counted.error()));
        total = counted.value();
    }
    call.respond(pageReply(QStringLiteral("logs"), items, total, *page, call.request));
}

QJsonObject ManagementApi::systemApiJson() const
{
    QJsonArray scopes;
    for (const QString &scope : knownScopes())
        scopes.append(QJsonObject {{QStringLiteral("value"), scope},
                                   {QStringLiteral("description"), describeScope(scope)}});
    // A stable id of Auth0's form (24 hex digits), from the identifier.
    const QString id = QString::fromLatin1(
        QCryptographicHash::hash(audience().toUtf8(), QCryptographicHash::Sha256).toHex().left(24));
    return {{QStringLiteral("id"), id},
            {QStringLiteral("name"), systemApiName()},
            {QStringLiteral("identifier"), audience()},
            {QStringLiteral("is_system"), true},
            {QStringLiteral("scopes"), scopes},
            {QStringLiteral("signing_alg"), QStringLiteral("RS256")},
            {QStringLiteral("token_lifetime"), GrantStore::AccessTokenLifetimeSecs},
            {QStringLiteral("token_lifetime_for_web"), GrantStore::AccessTokenLifetimeSecs},
            {QStringLiteral("allow_offline_access"), false},
            {QStringLiteral("skip_consent_for_verifiable_first_party_clients"), false},
            {QStringLiteral("token_dialect"), QStringLiteral("access_token")}};
}

void ManagementApi::resourceServers(const Call &call)
{
    const QByteArray method = call.request.method();
    const bool one = call.path.size() >= 2;
    QString scope;
    if (method == "GET")
        scope = QStringLiteral("read:resource_servers");
    else if (method == "POST" && !one)
        scope = QStringLiteral("create:resource_servers");
    else if (method == "PATCH" && one)
        scope = QStringLiteral("update:resource_servers");
    else if (method == "DELETE" && one)
        scope = QStringLiteral("delete:resource_servers");
    if (scope.isEmpty())
        return call.respond(
            notSupported(tr("Authdeck does not hold %1 /api/v2/%2")
                             .arg(QString::fromLatin1(method), call.path.join(QLatin1Char('/')))));
    if (!call.allows(scope))
        return call.respond(insufficientScope(scope));
    const QJsonObject system = systemApiJson();
    if (call.path.size() == 1 && method == "GET")
        return call.respond(paged(QStringLiteral("resource_servers"), QJsonArray {system}, call.request));
    if (method == "POST") {
        if (call.request.jsonBody().value(QLatin1String("identifier")).toString() == audience())
            return call.respond(error(409,
                                      tr("A resource server with the same identifier already exists"),
                                      QStringLiteral("conflict")));
        return call.respond(notSupported(tr("Authdeck holds no APIs of its own: only the system API, %1 (%2)")
                                             .arg(systemApiName(), audience())));
    }
    // By id or by identifier (URL-encoded), as Auth0 finds one. The identifier is a URL: its encoded
    // slashes arrive decoded, so the rest of the path is the key.
    const QString key = call.request.path().mid(int(qstrlen("/api/v2/resource-servers/")));
    if (key != system.value(QLatin1String("id")).toString() && key != audience())
        return call.respond(error(
            404, tr("The resource server does not exist"), QStringLiteral("inexistent_resource_server")));
    if (method == "GET")
        return call.respond(ServerReply::json(system));
    call.respond(refused(403,
                         tr("You cannot %1 the system API (%2)")
                             .arg(method == "PATCH" ? tr("update") : tr("delete"), systemApiName())));
}

void ManagementApi::tenantSettings(const Call &call)
{
    const QByteArray method = call.request.method();
    if (call.path.size() != 2 || (method != "GET" && method != "PATCH"))
        return call.respond(notSupported(tr("Only GET and PATCH /api/v2/tenants/settings are supported")));
    const QString scope
        = method == "GET" ? QStringLiteral("read:tenant_settings") : QStringLiteral("update:tenant_settings");
    if (!call.allows(scope))
        return call.respond(insufficientScope(scope));
    const auto current = [this] {
        return ServerReply::json({{QStringLiteral("friendly_name"), m_settings.friendlyName()},
                                  {QStringLiteral("environment"), m_settings.environment()},
                                  {QStringLiteral("flags"), QJsonObject {}}});
    };
    if (method == "GET")
        return call.respond(current());
    const QJsonObject body = call.request.jsonBody();
    TenantSettings::Values values = m_settings.values();
    for (auto field = body.constBegin(); field != body.constEnd(); ++field) {
        const QString &key = field.key();
        if (key == QLatin1String("flags")) {
            // Authdeck holds none of Auth0's tenant flags: an empty object changes nothing.
            const QJsonObject flags = field.value().toObject();
            if (!field.value().isObject() || !flags.isEmpty())
                return call.respond(
                    refused(400,
                            tr("Authdeck holds no tenant flags: %1 cannot be set")
                                .arg(flags.isEmpty() ? QStringLiteral("flags")
                                                     : flags.keys().join(QLatin1String(", ")))));
            continue;
        }
        QString *into = key == QLatin1String("friendly_name") ? &values.friendlyName
            : key == QLatin1String("environment")             ? &values.environment
                                                              : nullptr;
        if (!into)
            return call.respond(
                error(400,
                      tr("Payload validation error: 'Additional properties not allowed: %1' (Authdeck holds "
                         "friendly_name, environment and flags)")
                          .arg(key),
                      QStringLiteral("invalid_body")));
        if (!field.value().isString())
            return call.respond(error(400,
                                      tr("Payload validation error: '%1' must be a string").arg(key),
                                      QStringLiteral("invalid_body")));
        *into = field.value().toString();
    }
    const TenantSettings::Validation validation = TenantSettings::validate(values);
    if (!validation.isValid()) {
        const QString problem = !validation.friendlyName.isEmpty() ? validation.friendlyName
            : !validation.environment.isEmpty()                    ? validation.environment
                                                : validation.domain + validation.logRetention;
        return call.respond(error(400, problem, QStringLiteral("invalid_body")));
    }
    if (auto saved = m_settings.save(values); !saved)
        return call.respond(fromError(saved.error()));
    call.respond(current());
}

void ManagementApi::rotateClientSecret(const Call &call, const QString &clientId)
{
    if (!call.allows(QStringLiteral("update:client_keys")))
        return call.respond(insufficientScope(QStringLiteral("update:client_keys")));
    auto found = m_applications.find(clientId);
    if (!found)
        return call.respond(found.error().kind() == Error::Kind::NotFound ? error(
                                404, tr("The client does not exist"), QStringLiteral("inexistent_client"))
                                                                          : fromError(found.error()));
    if (!found.value().typeInfo().confidential)
        return call.respond(refused(400,
                                    tr("%1 is a public application (%2): it has no client secret")
                                        .arg(found.value().name, found.value().typeInfo().apiValue)));
    // Written to the keyring, then read back from it: the answer holds the secret the keyring holds, once.
    const Respond respond = call.respond;
    const QJsonObject client = ClientJson::toJson(found.value());
    const auto unavailable = [](const SecretJob *job) {
        return error(503, job->errorString(), QStringLiteral("temporarily_unavailable"));
    };
    connect(m_applications.rotateClientSecret(clientId),
            &SecretJob::finished,
            this,
            [this, respond, client, clientId, unavailable](SecretJob *written) {
                if (!written->succeeded())
                    return respond(unavailable(written));
                connect(m_applications.readClientSecret(clientId),
                        &SecretJob::finished,
                        this,
                        [respond, client, unavailable](SecretJob *read) {
                            if (!read->succeeded())
                                return respond(unavailable(read));
                            QJsonObject answer = client;
                            answer.insert(QStringLiteral("client_secret"),
                                          QString::fromLatin1(read->value()));
                            respond(ServerReply::json(answer).noStore());
                        });
            });
}
