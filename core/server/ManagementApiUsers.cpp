// ManagementApi: /api/v2/users (list, search by email, get, create, block or unblock, delete), a user's MFA
// enrollments and authenticators, and /api/v2/guardian/enrollments/{id}. Writes go through UserStore.

#include "ManagementApi.h"
#include "core/login/LoginEngine.h"
#include "core/login/UserStore.h"
#include "core/logs/LogStore.h"
#include "core/server/ServerRequest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>

namespace {

/// The one connection Authdeck holds: its database users.
const QString kConnection = QStringLiteral("Username-Password-Authentication");
/// How an enrollment id starts; the rest is the hex part of the user id.
const QString kEnrollmentPrefix = QStringLiteral("sms|dev_");
const QString kUserPrefix = QStringLiteral("auth0|");

QString isoDate(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QJsonObject userJson(const User &user)
{
    const QString localPart = user.email.section(QLatin1Char('@'), 0, 0);
    QJsonObject json {{QStringLiteral("user_id"), user.id},
                      {QStringLiteral("email"), user.email},
                      {QStringLiteral("email_verified"), false},
                      {QStringLiteral("name"), user.email},
                      {QStringLiteral("nickname"), localPart},
                      {QStringLiteral("blocked"), user.blocked},
                      {QStringLiteral("logins_count"), user.loginsCount},
                      {QStringLiteral("created_at"), isoDate(user.createdAt)},
                      {QStringLiteral("updated_at"), isoDate(user.updatedAt)},
                      {QStringLiteral("identities"),
                       QJsonArray {QJsonObject {{QStringLiteral("connection"), kConnection},
                                                {QStringLiteral("provider"), QStringLiteral("auth0")},
                                                {QStringLiteral("user_id"), user.id.mid(kUserPrefix.size())},
                                                {QStringLiteral("isSocial"), false}}}}};
    if (user.lastLogin.isValid())
        json.insert(QStringLiteral("last_login"), isoDate(user.lastLogin));
    if (user.isEnrolled())
        json.insert(QStringLiteral("multifactor"), QJsonArray {QStringLiteral("guardian")});
    return json;
}

/// The id of @p user's Phone Message enrollment (one a user at most), as guardian/enrollments/{id} takes it.
QString enrollmentId(const User &user)
{
    return kEnrollmentPrefix + user.id.mid(kUserPrefix.size());
}

/// The Phone Message enrollment of @p user in Auth0's shape, the number masked as in the logs.
QJsonObject enrollmentJson(const User &user)
{
    return {{QStringLiteral("id"), enrollmentId(user)},
            {QStringLiteral("status"), QStringLiteral("confirmed")},
            {QStringLiteral("type"), QStringLiteral("sms")},
            {QStringLiteral("auth_method"), QStringLiteral("sms")},
            {QStringLiteral("phone_number"), LogStore::maskPhone(user.phoneNumber)},
            {QStringLiteral("enrolled_at"), isoDate(user.phoneEnrolledAt)}};
}

ServerReply noContent()
{
    ServerReply reply;
    reply.status = 204;
    return reply;
}

ServerReply arrayReply(const QJsonArray &array)
{
    ServerReply reply;
    reply.body = QJsonDocument(array).toJson(QJsonDocument::Compact);
    reply.header("Content-Type", "application/json; charset=utf-8");
    return reply;
}

ServerReply noSuchUser()
{
    return ManagementApi::error(
        404, QStringLiteral("The user does not exist."), QStringLiteral("inexistent_user"));
}

ServerReply invalidBody(const QString &message)
{
    return ManagementApi::error(400, message, QStringLiteral("invalid_body"));
}

/// Auth0's refusal of a body field that is not part of the request: @p field named.
ServerReply notAllowed(const QString &field)
{
    return invalidBody(
        QStringLiteral("Payload validation error: 'Additional properties not allowed: %1'").arg(field));
}

/// What GET users?q=… asks for: an email (exact, any case) or a part of one.
struct UserQuery
{
    QString email; ///< an exact email
    QString part; ///< a part of the email (email:*part*); empty with email for every user
    bool valid = true;
};

/// q as Auth0's user search takes it, for the email only: email:"ada@example.com", email:ada@example.com
/// or email:*ada* (contains).
UserQuery parseUserQuery(const QString &q)
{
    static const QRegularExpression term(
        QStringLiteral(R"re(^email:(?:"([^"*]+)"|([^"\s*]+)|\*([^"\s*]+)\*)$)re"));
    const QString trimmed = q.trimmed();
    if (trimmed.isEmpty())
        return {};
    const QRegularExpressionMatch match = term.match(trimmed);
    if (!match.hasMatch())
        return {{}, {}, false};
    if (!match.captured(3).isEmpty())
        return {{}, match.captured(3), true};
    return {match.captured(1) + match.captured(2), {}, true};
}

} // namespace

void ManagementApi::users(const Call &call)
{
    const QByteArray method = call.request.method();
    if (call.path.size() >= 2)
        return user(call, QUrl::fromPercentEncoding(call.path.at(1).toUtf8()));
    if (method == "POST")
        return createUser(call);
    if (method != "GET")
        return call.respond(notSupported(tr("Unsupported method on /api/v2/users")));
    if (!call.allows(QStringLiteral("read:users")))
        return call.respond(insufficientScope(QStringLiteral("read:users")));
    const UserQuery query = parseUserQuery(call.request.param(QStringLiteral("q")));
    if (!query.valid)
        return call.respond(error(400,
                                  tr("Authdeck's user search takes q=email:\"…\" (the whole email) or "
                                     "q=email:*…* (a part of it), not %1")
                                      .arg(call.request.param(QStringLiteral("q"))),
                                  QStringLiteral("invalid_query_string")));
    // As Auth0's user search: the first 1,000 matches at most, one page read at a time.
    const std::optional<PageRequest> page = call.page();
    if (!page)
        return;
    const int room = int(qMax<qsizetype>(0, kUsersSearchAtMost - page->start()));
    UserStore &users = m_engine.users();
    QJsonArray items;
    qsizetype total = 0;
    if (!query.email.isEmpty()) {
        auto found = users.findByEmail(query.email);
        if (!found)
            return call.respond(fromError(found.error()));
        total = found.value() ? 1 : 0;
        if (found.value() && page->start() == 0)
            items.append(userJson(*found.value()));
    } else {
        if (room > 0) {
            UserPage request;
            request.search = query.part;
            request.limit = qMin(page->perPage, room);
            request.offset = int(page->start());
            auto read = users.page(request);
            if (!read)
                return call.respond(fromError(read.error()));
            for (const User &user : read.value().users)
                items.append(userJson(user));
        }
        if (call.request.param(QStringLiteral("include_totals")) == QLatin1String("true")) {
            auto counted = users.count(query.part);
            if (!counted)
                return call.respond(fromError(counted.error()));
            total = counted.value();
        }
    }
    call.respond(pageReply(QStringLiteral("users"), items, total, *page, call.request));
}

void ManagementApi::user(const Call &call, const QString &id)
{
    const QByteArray method = call.request.method();
    const QString part = call.path.value(2);
    if (call.path.size() > 3
        || (!part.isEmpty() && part != QLatin1String("enrollments") && part != QLatin1String("authenticators")
            && part != QLatin1String("authentication-methods")))
        return call.respond(
            notSupported(tr("Authdeck does not hold /api/v2/%1").arg(call.path.join(QLatin1Char('/')))));
    // Each route's scope, as Auth0's.
    QString scope;
    if (part == QLatin1String("enrollments") && method == "GET")
        scope = QStringLiteral("read:users");
    else if (part == QLatin1String("authenticators") && method == "DELETE")
        scope = QStringLiteral("delete:guardian_enrollments");
    else if (part == QLatin1String("authentication-methods") && method == "DELETE")
        scope = QStringLiteral("delete:authentication_methods");
    else if (part.isEmpty() && method == "GET")
        scope = QStringLiteral("read:users");
    else if (part.isEmpty() && method == "PATCH")
        scope = QStringLiteral("update:users");
    else if (part.isEmpty() && method == "DELETE")
        scope = QStringLiteral("delete:users");
    else
        return call.respond(notSupported(tr("Unsupported method on /api/v2/users/{id}%1")
                                             .arg(part.isEmpty() ? QString() : QLatin1Char('/') + part)));
    if (!call.allows(scope))
        return call.respond(insufficientScope(scope));
    UserStore &users = m_engine.users();
    auto found = users.find(id);
    if (!found)
        return call.respond(found.error().kind() == Error::Kind::NotFound ? noSuchUser()
                                                                          : fromError(found.error()));
    const User &user = found.value();
    if (part == QLatin1String("enrollments"))
        return call.respond(
            arrayReply(user.isEnrolled() ? QJsonArray {enrollmentJson(user)} : QJsonArray {}));
    if (method == "GET")
        return call.respond(ServerReply::json(userJson(user)));
    if (method == "PATCH")
        return updateUser(call, user);
    auto removed = part.isEmpty() ? users.remove(id) : users.resetMfa(id);
    call.respond(removed ? noContent() : fromError(removed.error()));
}

void ManagementApi::createUser(const Call &call)
{
    if (!call.allows(QStringLiteral("create:users")))
        return call.respond(insufficientScope(QStringLiteral("create:users")));
    const QJsonObject body = call.request.jsonBody();
    for (auto field = body.constBegin(); field != body.constEnd(); ++field) {
        static const QStringList known {QStringLiteral("email"),
                                        QStringLiteral("password"),
                                        QStringLiteral("connection"),
                                        QStringLiteral("blocked"),
                                        QStringLiteral("email_verified")};
        if (!known.contains(field.key()))
            return call.respond(notAllowed(field.key()));
    }
    if (!body.value(QLatin1String("connection")).isString())
        return call.respond(
            invalidBody(tr("Payload validation error: 'Missing required property: connection'")));
    if (body.value(QLatin1String("connection")).toString() != kConnection)
        return call.respond(
            error(400,
                  tr("The connection does not exist: Authdeck holds %1 only").arg(kConnection),
                  QStringLiteral("inexistent_connection")));
    for (const char *key : {"email", "password"}) {
        if (!body.value(QLatin1String(key)).isString())
            return call.respond(
                invalidBody(tr("Payload validation error: '%1' is required and must be a string")
                                .arg(QLatin1String(key))));
    }
    const QJsonValue blocked = body.value(QLatin1String("blocked"));
    if (!blocked.isUndefined() && !blocked.isBool())
        return call.respond(invalidBody(tr("Payload validation error: 'blocked' must be a boolean")));
    if (body.value(QLatin1String("email_verified")).toBool())
        return call.respond(error(400,
                                  tr("Authdeck does not verify emails: 'email_verified' can only be false"),
                                  QStringLiteral("operation_not_supported")));
    // The password is hashed off this thread; the answer comes when the user is stored.
    const Respond respond = call.respond;
    m_engine.users().createLater(
        body.value(QLatin1String("email")).toString(),
        body.value(QLatin1String("password")).toString(),
        UserStore::Origin::Admin,
        this,
        [this, respond, block = blocked.toBool()](Result<User> created) {
            if (!created) {
                if (created.error().kind() == Error::Kind::Conflict)
                    return respond(error(409, created.error().message(), QStringLiteral("auth0_idp_error")));
                return respond(fromError(created.error()));
            }
            UserStore &users = m_engine.users();
            if (block) {
                // All or nothing: a user that cannot be blocked is not left behind unblocked.
                if (auto blocked = users.block(created.value().id); !blocked) {
                    discardResult(users.remove(created.value().id), "the answer already reports why");
                    return respond(fromError(blocked.error()));
                }
            }
            auto stored = users.find(created.value().id);
            respond(stored ? ServerReply::json(userJson(stored.value()), 201) : fromError(stored.error()));
        });
}

void ManagementApi::updateUser(const Call &call, const User &user)
{
    const QJsonObject body = call.request.jsonBody();
    for (auto field = body.constBegin(); field != body.constEnd(); ++field) {
        const QString &key = field.key();
        if (key == QLatin1String("blocked") || key == QLatin1String("connection"))
            continue;
        if (key == QLatin1String("email") || key == QLatin1String("password"))
            return call.respond(error(400,
                                      tr("Authdeck does not change a user's %1 over the Management API: "
                                         "delete the user and create it again")
                                          .arg(key),
                                      QStringLiteral("operation_not_supported")));
        return call.respond(notAllowed(key));
    }
    const QJsonValue connection = body.value(QLatin1String("connection"));
    if (!connection.isUndefined() && connection.toString() != kConnection)
        return call.respond(
            error(400,
                  tr("The connection does not exist: Authdeck holds %1 only").arg(kConnection),
                  QStringLiteral("inexistent_connection")));
    const QJsonValue blocked = body.value(QLatin1String("blocked"));
    if (!blocked.isUndefined() && !blocked.isBool())
        return call.respond(invalidBody(tr("Payload validation error: 'blocked' must be a boolean")));
    UserStore &users = m_engine.users();
    if (blocked.isBool() && blocked.toBool() != user.blocked) {
        auto changed = blocked.toBool() ? users.block(user.id) : users.unblock(user.id);
        if (!changed)
            return call.respond(fromError(changed.error()));
    }
    auto stored = users.find(user.id);
    call.respond(stored ? ServerReply::json(userJson(stored.value())) : fromError(stored.error()));
}

void ManagementApi::guardianEnrollment(const Call &call)
{
    const QByteArray method = call.request.method();
    if (call.path.size() != 3 || (method != "GET" && method != "DELETE"))
        return call.respond(notSupported(tr("Authdeck holds GET and DELETE /api/v2/guardian/enrollments/{id} "
                                            "only (no enrollment tickets)")));
    const QString scope = method == "GET" ? QStringLiteral("read:guardian_enrollments")
                                          : QStringLiteral("delete:guardian_enrollments");
    if (!call.allows(scope))
        return call.respond(insufficientScope(scope));
    const QString id = QUrl::fromPercentEncoding(call.path.at(2).toUtf8());
    const ServerReply absent
        = error(404, tr("The enrollment does not exist."), QStringLiteral("inexistent_enrollment"));
    if (!id.startsWith(kEnrollmentPrefix))
        return call.respond(absent);
    UserStore &users = m_engine.users();
    auto found = users.find(kUserPrefix + id.mid(kEnrollmentPrefix.size()));
    if (!found && found.error().kind() != Error::Kind::NotFound)
        return call.respond(fromError(found.error()));
    if (!found || !found.value().isEnrolled())
        return call.respond(absent);
    if (method == "GET")
        return call.respond(ServerReply::json(enrollmentJson(found.value())));
    auto reset = users.resetMfa(found.value().id);
    call.respond(reset ? noContent() : fromError(reset.error()));
}
