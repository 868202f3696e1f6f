// The HTTP side of PlivoSandbox: routes, authentication, failure modes and validation.
#include "core/plivo/PlivoSandbox.h"
#include "core/plivo/PlivoSandboxBodies.h"
#include "core/plivo/SmsText.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QUrlQuery>
#include <QUuid>

using namespace PlivoSandboxBodies;

namespace {

QString methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QStringLiteral("GET");
    case QHttpServerRequest::Method::Post:
        return QStringLiteral("POST");
    case QHttpServerRequest::Method::Put:
        return QStringLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QStringLiteral("DELETE");
    default:
        return QStringLiteral("OTHER");
    }
}

} // namespace

void PlivoSandbox::addRoutes()
{
    using Method = QHttpServerRequest::Method;
    m_server->route(
        QStringLiteral("/v1/Account/<arg>/Message/"),
        Method::Post,
        [this](const QString &authId, const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            handle(Endpoint::SendMessage, authId, {}, request, std::move(responder));
        });
    m_server->route(
        QStringLiteral("/v1/Account/<arg>/Message/"),
        Method::Get,
        [this](const QString &authId, const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            handle(Endpoint::ListMessages, authId, {}, request, std::move(responder));
        });
    m_server->route(QStringLiteral("/v1/Account/<arg>/Message/<arg>/"),
                    Method::Get,
                    [this](const QString &authId,
                           const QString &uuid,
                           const QHttpServerRequest &request,
                           QHttpServerResponder &&responder) {
                        handle(Endpoint::GetMessage, authId, uuid, request, std::move(responder));
                    });
    m_server->route(
        QStringLiteral("/v1/Account/<arg>/"),
        Method::Get,
        [this](const QString &authId, const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            handle(Endpoint::GetAccount, authId, {}, request, std::move(responder));
        });
    m_server->route(
        QStringLiteral("/v1/Account/<arg>/Number/"),
        Method::Get,
        [this](const QString &authId, const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            handle(Endpoint::ListNumbers, authId, {}, request, std::move(responder));
        });
    m_server->setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        ++m_requestCount;
        m_lastHeaders = request.headers();
        m_lastRequestLine = methodName(request.method()) + QLatin1Char(' ') + request.url().path();
        m_lastBody = request.body();
        static const QRegularExpression known(
            QStringLiteral("^/v1/Account/[^/]+/((Message/([^/]+/)?)|(Number/))?$"));
        const bool knownPath = known.match(request.url().path()).hasMatch();
        respond(responder,
                {knownPath ? 405 : 404,
                 errorBody(knownPath ? QStringLiteral("method not allowed") : QStringLiteral("not found"))});
    });
}

void PlivoSandbox::handle(Endpoint endpoint,
                          const QString &authId,
                          const QString &uuid,
                          const QHttpServerRequest &request,
                          QHttpServerResponder &&responder)
{
    ++m_requestCount;
    m_lastHeaders = request.headers();
    const QString query = request.url().query(QUrl::FullyEncoded);
    m_lastRequestLine = methodName(request.method()) + QLatin1Char(' ') + request.url().path()
        + (query.isEmpty() ? QString() : QLatin1Char('?') + query);
    m_lastBody = request.body();

    if (auto failure = failureAnswer(endpoint)) {
        if (m_failureMode == FailureMode::SlowReply) {
            const std::optional<Answer> denied = authFailure(authId, request);
            respondLater(
                std::move(responder), denied ? *denied : answerFor(endpoint, uuid, request), m_slowReplyMs);
            return;
        }
        respond(responder, *failure);
        return;
    }
    if (auto denied = authFailure(authId, request)) {
        respond(responder, *denied);
        return;
    }
    respond(responder, answerFor(endpoint, uuid, request));
}

std::optional<PlivoSandbox::Answer> PlivoSandbox::failureAnswer(Endpoint endpoint)
{
    const FailureMode mode = m_failureMode;
    if (mode == FailureMode::None || (mode == FailureMode::GeoBlocked && endpoint != Endpoint::SendMessage))
        return std::nullopt;
    if (m_failuresLeft > 0 && --m_failuresLeft == 0)
        m_failureMode = FailureMode::None;

    const QString text = m_failureText;
    auto or_ = [&text](const QString &fallback) { return text.isEmpty() ? fallback : text; };
    switch (mode) {
    case FailureMode::None:
        break;
    case FailureMode::Unauthorized:
        return Answer {401,
                       json({{QStringLiteral("error"),
                              or_(QStringLiteral("authentication credentials were not provided"))}})};
    case FailureMode::BadRequest:
        return Answer {400, errorBody(or_(QStringLiteral("invalid request")))};
    case FailureMode::GeoBlocked:
        return Answer {403,
                       errorBody(or_(QStringLiteral("This destination country is not enabled in your geo "
                                                    "permissions")))};
    case FailureMode::RateLimited:
        return Answer {429, errorBody(or_(QStringLiteral("too many requests")))};
    case FailureMode::ServerError:
        return Answer {500, errorBody(or_(QStringLiteral("internal server error")))};
    case FailureMode::SlowReply:
        return Answer {}; // handle() answers normally, late
    case FailureMode::DropConnection:
        return Answer {0, {}, {}, true};
    case FailureMode::NotJson:
        return Answer {
            endpoint == Endpoint::SendMessage ? 202 : 200,
            QByteArrayLiteral("<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>"
                              "<body><h1>Bad Gateway</h1><p>The proxy got no answer.</p></body></html>\n"),
            QByteArrayLiteral("text/html; charset=utf-8")};
    }
    return std::nullopt;
}

std::optional<PlivoSandbox::Answer> PlivoSandbox::authFailure(const QString &authId,
                                                              const QHttpServerRequest &request) const
{
    const PlivoCredentials expected = credentials();
    QByteArray header;
    for (const auto &pair : request.headers()) {
        if (pair.first.compare("authorization", Qt::CaseInsensitive) == 0)
            header = pair.second.trimmed();
    }
    const QByteArray wanted = (expected.authId + QLatin1Char(':') + expected.authToken).toUtf8();
    const bool good = header.startsWith("Basic ") && QByteArray::fromBase64(header.mid(6).trimmed()) == wanted
        && authId == expected.authId;
    if (good)
        return std::nullopt;
    // Real Plivo answers 401 without api_id.
    return Answer {
        401,
        json({{QStringLiteral("error"), QStringLiteral("authentication credentials were not provided")}})};
}

PlivoSandbox::Answer
PlivoSandbox::answerFor(Endpoint endpoint, const QString &uuid, const QHttpServerRequest &request)
{
    switch (endpoint) {
    case Endpoint::SendMessage:
        return sendMessage(request.body());
    case Endpoint::ListMessages:
        return listMessages(request);
    case Endpoint::GetMessage:
        return getMessage(uuid);
    case Endpoint::GetAccount:
        return getAccount();
    case Endpoint::ListNumbers:
        return listNumbers(request);
    }
    return Answer {404, errorBody(QStringLiteral("not found"))};
}

PlivoSandbox::Answer PlivoSandbox::sendMessage(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return {400, errorBody(QStringLiteral("request body is not valid JSON"))};
    const QJsonObject fields = document.object();
    const QString src = fields.value(QLatin1String("src")).toString().trimmed();
    const QString dst = fields.value(QLatin1String("dst")).toString().trimmed();
    const QString text = fields.value(QLatin1String("text")).toString();
    const QString type = fields.value(QLatin1String("type")).toString(QStringLiteral("sms"));

    if (type != QLatin1String("sms"))
        return {400, errorBody(QStringLiteral("the sandbox only sends type sms"))};
    if (src.isEmpty())
        return {400,
                errorBody(fields.contains(QLatin1String("powerpack_uuid"))
                              ? QStringLiteral("the sandbox has no powerpacks: give src")
                              : QStringLiteral("missing required parameter: src"))};
    if (dst.isEmpty())
        return {400, errorBody(QStringLiteral("missing required parameter: dst"))};
    if (text.isEmpty())
        return {400, errorBody(QStringLiteral("missing required parameter: text"))};

    static const QRegularExpression notAlnum(QStringLiteral("[^A-Za-z0-9]"));
    const QString source = QString(src).remove(notAlnum);
    if (!isDigits(source))
        return {400, errorBody(QStringLiteral("alphanumeric sender IDs are not enabled for this account"))};
    if (!m_numbers.contains(source))
        return {400, errorBody(QStringLiteral("This caller ID is not allowed for outbound message"))};

    QStringList valid;
    QStringList invalid;
    for (const QString &part : dst.split(QLatin1Char('<'), Qt::SkipEmptyParts)) {
        const QString digits = digitsOf(part);
        if (digits == source)
            return {400, errorBody(QStringLiteral("destination number cannot be same as source number"))};
        if (isDigits(digits) && digits.size() >= 8 && digits.size() <= 14) {
            if (!valid.contains(digits))
                valid.append(digits);
        } else {
            invalid.append(part.trimmed());
        }
    }
    if (valid.size() + invalid.size() > 1000)
        return {400, errorBody(QStringLiteral("too many destinations: at most 1000"))};
    if (valid.isEmpty())
        return {400,
                errorBody(QStringLiteral("invalid dst number: %1").arg(invalid.join(QStringLiteral(", "))))};

    const SmsText::Info info = SmsText::analyse(text);
    if (info.encoding == SmsText::Encoding::Gsm7 && info.characters > SmsText::MaxGsm7Characters)
        return {400,
                errorBody(QStringLiteral("text parameter length exceeds %1 characters")
                              .arg(SmsText::MaxGsm7Characters))};
    if (info.encoding == SmsText::Encoding::Ucs2 && info.units > SmsText::MaxUcs2Characters)
        return {400,
                errorBody(QStringLiteral("text parameter length exceeds %1 unicode characters")
                              .arg(SmsText::MaxUcs2Characters))};

    QJsonArray uuids;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const QString &digits : valid) {
        Message message {newUuid(),
                         QLatin1Char('+') + source,
                         QLatin1Char('+') + digits,
                         text,
                         QStringLiteral("queued"),
                         now,
                         info.segments,
                         QString()};
        uuids.append(message.uuid);
        store(message);
    }
    QJsonObject answer {{QStringLiteral("api_id"), newUuid()},
                        {QStringLiteral("message"), QStringLiteral("message(s) queued")},
                        {QStringLiteral("message_uuid"), uuids}};
    if (!invalid.isEmpty())
        answer.insert(QStringLiteral("invalid_number"), QJsonArray::fromStringList(invalid));
    return {202, json(answer)};
}

PlivoSandbox::Answer PlivoSandbox::listMessages(const QHttpServerRequest &request) const
{
    int limit = 0;
    int offset = 0;
    if (const QString problem = paging(request.query(), limit, offset); !problem.isEmpty())
        return {400, errorBody(problem)};
    const QList<Message> all = messages();
    QJsonArray objects;
    for (int i = offset; i < all.size() && i < offset + limit; ++i)
        objects.append(messageRecord(all.at(i)));
    return {200,
            json({{QStringLiteral("api_id"), newUuid()},
                  {QStringLiteral("meta"),
                   meta(request.url().path(), request.query(), limit, offset, int(all.size()))},
                  {QStringLiteral("objects"), objects}})};
}

PlivoSandbox::Answer PlivoSandbox::getMessage(const QString &uuid) const
{
    const auto it = m_messages.constFind(uuid);
    if (it == m_messages.constEnd())
        return {404, errorBody(QStringLiteral("not found"))};
    QJsonObject record = messageRecord(*it);
    record.insert(QStringLiteral("api_id"), newUuid());
    return {200, json(record)};
}

PlivoSandbox::Answer PlivoSandbox::getAccount() const
{
    return {200, json(account())};
}

PlivoSandbox::Answer PlivoSandbox::listNumbers(const QHttpServerRequest &request) const
{
    int limit = 0;
    int offset = 0;
    if (const QString problem = paging(request.query(), limit, offset); !problem.isEmpty())
        return {400, errorBody(problem)};
    // Every sandbox number is voice- and SMS-enabled, so a services filter keeps them all.
    QJsonArray objects;
    for (int i = offset; i < m_numbers.size() && i < offset + limit; ++i)
        objects.append(numberObject(m_numbers.at(i)));
    return {200,
            json({{QStringLiteral("api_id"), newUuid()},
                  {QStringLiteral("meta"),
                   meta(request.url().path(), request.query(), limit, offset, int(m_numbers.size()))},
                  {QStringLiteral("objects"), objects}})};
}
