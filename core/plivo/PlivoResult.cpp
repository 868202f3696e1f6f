#include "PlivoResult.h"

#include "core/plivo/PlivoTypes.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("PlivoResult", text);
}

QStringList stringList(const QJsonValue &value)
{
    QStringList list;
    if (value.isString()) {
        list.append(value.toString());
        return list;
    }
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        if (item.isString() && !item.toString().isEmpty())
            list.append(item.toString());
    }
    return list;
}

QString errorText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return QString();
}

PlivoResult::Status statusOf(int http)
{
    using Status = PlivoResult::Status;
    if (http == 202)
        return Status::Accepted;
    if (http >= 200 && http < 300)
        return Status::Ok;
    if (http == 401)
        return Status::BadCredentials;
    if (http == 403)
        return Status::GeoBlocked;
    if (http == 404)
        return Status::NotFound;
    if (http == 429)
        return Status::RateLimited;
    if (http >= 400 && http < 500)
        return Status::Rejected;
    if (http >= 500 && http < 600)
        return Status::ServerError;
    return Status::BadReply; // 1xx, 3xx and nonsense
}

/// What is wrong with a 2xx @p body for @p operation; empty when it is what the operation expects.
QString shapeProblem(PlivoResult::Operation operation, const QJsonObject &body, const QStringList &uuids)
{
    using Operation = PlivoResult::Operation;
    switch (operation) {
    case Operation::SendSms:
        return uuids.isEmpty() ? tr("it has no message_uuid") : QString();
    case Operation::GetMessage:
        return PlivoMessage::fromJson(body) ? QString() : tr("it has no message_uuid");
    case Operation::GetAccount:
        return PlivoAccount::fromJson(body) ? QString() : tr("it has no auth_id");
    case Operation::ListNumbers:
        return body.value(QLatin1String("objects")).isArray() ? QString() : tr("it has no objects list");
    }
    return QString();
}

QString withError(const QString &error, const QString &fallback)
{
    return error.trimmed().isEmpty() ? fallback : error.trimmed();
}

} // namespace

PlivoResult PlivoResult::fromHttp(Operation operation, int httpStatus, const QByteArray &body)
{
    PlivoResult result;
    result.m_operation = operation;
    result.m_httpStatus = httpStatus;
    result.m_requestSent = true;
    result.m_status = statusOf(httpStatus);

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    const bool isObject = parseError.error == QJsonParseError::NoError && document.isObject();
    if (isObject) {
        result.m_body = document.object();
        result.m_apiId = result.m_body.value(QLatin1String("api_id")).toString();
        result.m_plivoError = errorText(result.m_body.value(QLatin1String("error")));
        result.m_messageUuids = stringList(result.m_body.value(QLatin1String("message_uuid")));
        result.m_invalidNumbers = stringList(result.m_body.value(QLatin1String("invalid_number")));
    }

    if (result.m_status == Status::BadReply) {
        result.m_detail = tr("Plivo answered with HTTP status %1").arg(httpStatus);
    } else if (result.succeeded()) {
        if (!isObject) {
            result.m_status = Status::BadReply;
            result.m_detail = body.trimmed().isEmpty()
                ? tr("the body is empty")
                : tr("the body is not a JSON object (it starts with \"%1\")")
                      .arg(QString::fromUtf8(body.left(40)).simplified());
        } else if (const QString problem = shapeProblem(operation, result.m_body, result.m_messageUuids);
                   !problem.isEmpty()) {
            result.m_status = Status::BadReply;
            result.m_detail = problem;
        }
    }
    return result;
}

PlivoResult PlivoResult::failure(Operation operation, Status status, const QString &detail, bool requestSent)
{
    PlivoResult result;
    result.m_operation = operation;
    result.m_status = status;
    result.m_detail = detail;
    result.m_requestSent = requestSent;
    return result;
}

bool PlivoResult::succeeded() const
{
    return m_status == Status::Accepted || m_status == Status::Ok;
}

bool PlivoResult::outcomeUnknown() const
{
    if (m_operation != Operation::SendSms)
        return false;
    switch (m_status) {
    case Status::TimedOut:
    case Status::ConnectionLost:
    case Status::Cancelled:
        return m_requestSent;
    case Status::BadReply:
        return m_httpStatus >= 200 && m_httpStatus < 300;
    default:
        return false;
    }
}

QString PlivoResult::message() const
{
    const QString code = QString::number(m_httpStatus);
    const QString unknown = outcomeUnknown()
        ? tr(" The message may have been sent: check the Plivo message logs before sending it again.")
        : QString();
    switch (m_status) {
    case Status::Accepted:
    case Status::Ok:
        if (m_operation == Operation::SendSms)
            return tr("Plivo queued the message (%1): %2.")
                .arg(code,
                     withError(m_body.value(QLatin1String("message")).toString(), tr("message(s) queued")));
        return tr("Plivo answered (%1).").arg(code);
    case Status::BadCredentials:
        if (m_httpStatus == 0)
            return tr("The credentials were not sent: %1. Check the Auth ID and Auth Token.").arg(m_detail);
        return tr("Plivo refused the credentials (%1): %2. Check the Auth ID and Auth Token.")
            .arg(code, withError(m_plivoError, tr("authentication failed")));
    case Status::GeoBlocked:
        return tr("Plivo blocked the request (%1): %2. Allow the destination country in the geo permissions "
                  "of "
                  "the Plivo console.")
            .arg(code, withError(m_plivoError, tr("forbidden")));
    case Status::NotFound:
        return tr("Plivo does not know this resource (%1): %2. Check the Auth ID; message records are only "
                  "kept for a limited time.")
            .arg(code, withError(m_plivoError, tr("not found")));
    case Status::Rejected:
        if (m_httpStatus == 0)
            return tr("The request was not sent: %1").arg(m_detail);
        return tr("Plivo rejected the request (%1): %2.")
            .arg(code, withError(m_plivoError, tr("bad request")));
    case Status::RateLimited:
        return tr("Plivo is limiting the request rate of this account (%1): %2. Wait a few seconds and try "
                  "again.")
            .arg(code, withError(m_plivoError, tr("too many requests")));
    case Status::ServerError:
        return tr("Plivo had a server error (%1): %2. Try again later.")
            .arg(code, withError(m_plivoError, tr("internal server error")));
    case Status::TimedOut:
        return tr("Plivo did not answer in time (%1).").arg(m_detail) + unknown;
    case Status::CouldNotConnect:
        return tr("Could not connect to Plivo: %1. Check the network connection, proxy and firewall.")
            .arg(m_detail);
    case Status::ConnectionLost:
        return tr("The connection to Plivo was lost before it answered: %1.").arg(m_detail) + unknown;
    case Status::BadReply:
        if (m_httpStatus == 0)
            return tr("Plivo's answer was not what Authdeck expected: %1.").arg(m_detail) + unknown;
        return tr("Plivo's answer (HTTP %1) was not what Authdeck expected: %2.").arg(code, m_detail)
            + unknown;
    case Status::Cancelled:
        return tr("The request was cancelled.") + unknown;
    }
    return QString();
}

QString PlivoResult::statusName(Status status)
{
    switch (status) {
    case Status::Accepted:
        return QStringLiteral("Accepted");
    case Status::Ok:
        return QStringLiteral("Ok");
    case Status::BadCredentials:
        return QStringLiteral("BadCredentials");
    case Status::GeoBlocked:
        return QStringLiteral("GeoBlocked");
    case Status::NotFound:
        return QStringLiteral("NotFound");
    case Status::Rejected:
        return QStringLiteral("Rejected");
    case Status::RateLimited:
        return QStringLiteral("RateLimited");
    case Status::ServerError:
        return QStringLiteral("ServerError");
    case Status::TimedOut:
        return QStringLiteral("TimedOut");
    case Status::CouldNotConnect:
        return QStringLiteral("CouldNotConnect");
    case Status::ConnectionLost:
        return QStringLiteral("ConnectionLost");
    case Status::BadReply:
        return QStringLiteral("BadReply");
    case Status::Cancelled:
        return QStringLiteral("Cancelled");
    }
    return QString();
}
