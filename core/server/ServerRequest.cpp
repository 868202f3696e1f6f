#include "ServerRequest.h"

#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    default:
        return "OTHER";
    }
}

Error invalid(const QString &message)
{
    return Error(Error::Kind::Invalid, message);
}

} // namespace

bool ServerRequest::parseForm(const QByteArray &encoded, QHash<QString, QString> &into)
{
    for (const QByteArray &pair : encoded.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        QByteArray name = equals < 0 ? pair : pair.left(equals);
        QByteArray value = equals < 0 ? QByteArray() : pair.mid(equals + 1);
        name.replace('+', ' ');
        value.replace('+', ' ');
        const QString key = QString::fromUtf8(QByteArray::fromPercentEncoding(name));
        if (into.contains(key))
            return false;
        into.insert(key, QString::fromUtf8(QByteArray::fromPercentEncoding(value)));
    }
    return true;
}

Result<ServerRequest> ServerRequest::parse(const QHttpServerRequest &request)
{
    ServerRequest parsed;
    parsed.m_method = methodName(request.method());
    parsed.m_path = request.url().path();
    parsed.m_ip = request.remoteAddress().toString();
    if (parsed.m_ip.startsWith(QLatin1String("::ffff:")))
        parsed.m_ip = parsed.m_ip.mid(7);
    for (const auto &[name, value] : request.headers())
        parsed.m_headers.insert(name.toLower(), value);

    for (const QByteArray &part : parsed.header("cookie").split(';')) {
        const qsizetype equals = part.indexOf('=');
        if (equals > 0)
            parsed.m_cookies.insert(QString::fromLatin1(part.left(equals).trimmed()),
                                    QString::fromLatin1(part.mid(equals + 1).trimmed()));
    }

    const QByteArray body = request.body();
    if (body.size() > MaxBodyBytes)
        return invalid(QStringLiteral("The request body is larger than %1 KiB").arg(MaxBodyBytes / 1024));
    if (!parseForm(request.url().query(QUrl::FullyEncoded).toUtf8(), parsed.m_params))
        return invalid(QStringLiteral("A parameter was given more than once"));
    if (body.isEmpty())
        return parsed;

    const QByteArray type = parsed.header("content-type").split(';').first().trimmed().toLower();
    if (type == "application/json") {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(body, &error);
        if (error.error != QJsonParseError::NoError)
            return invalid(QStringLiteral("The JSON body is malformed: %1").arg(error.errorString()));
        if (document.isArray()) {
            parsed.m_jsonArray = document.array();
            return parsed;
        }
        if (!document.isObject())
            return invalid(QStringLiteral("The JSON body must be an object or an array"));
        const QJsonObject object = document.object();
        parsed.m_json = object;
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (parsed.m_params.contains(it.key()))
                return invalid(QStringLiteral("A parameter was given more than once"));
            if (it->isString())
                parsed.m_params.insert(it.key(), it->toString());
            else if (it->isDouble())
                parsed.m_params.insert(it.key(), QString::number(it->toDouble()));
            else if (it->isBool())
                parsed.m_params.insert(it.key(),
                                       it->toBool() ? QStringLiteral("true") : QStringLiteral("false"));
        }
    } else if (type == "application/x-www-form-urlencoded") {
        if (!parseForm(body, parsed.m_params))
            return invalid(QStringLiteral("A parameter was given more than once"));
    } else {
        return invalid(
            QStringLiteral("The body must be application/x-www-form-urlencoded or application/json"));
    }
    return parsed;
}

QString ServerRequest::bearerToken() const
{
    const QByteArray authorization = header("authorization");
    if (!authorization.startsWith("Bearer ") && !authorization.startsWith("bearer "))
        return {};
    return QString::fromLatin1(authorization.mid(7).trimmed());
}

std::pair<QString, QString> ServerRequest::basicCredentials() const
{
    const QByteArray authorization = header("authorization");
    if (!authorization.startsWith("Basic "))
        return {};
    const QByteArray decoded = QByteArray::fromBase64(authorization.mid(6).trimmed());
    const qsizetype colon = decoded.indexOf(':');
    if (colon < 0)
        return {};
    return {QString::fromUtf8(QByteArray::fromPercentEncoding(decoded.left(colon))),
            QString::fromUtf8(QByteArray::fromPercentEncoding(decoded.mid(colon + 1)))};
}
