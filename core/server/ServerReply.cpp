#include "ServerReply.h"

#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QUrl>

ServerReply ServerReply::json(const QJsonObject &object, int status)
{
    ServerReply reply;
    reply.status = status;
    reply.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    reply.header("Content-Type", "application/json; charset=utf-8");
    return reply;
}

ServerReply ServerReply::error(int status, const QString &error, const QString &description)
{
    return json({{QStringLiteral("error"), error}, {QStringLiteral("error_description"), description}},
                status)
        .noStore();
}

QByteArray ServerReply::pagePolicy(const QStringList &formTargets, const QString &frameAncestor)
{
    QByteArray policy = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
                        "base-uri 'none'; form-action 'self'";
    for (const QString &target : formTargets)
        policy += ' ' + target.toUtf8();
    policy
        += "; frame-ancestors " + (frameAncestor.isEmpty() ? QByteArray("'none'") : frameAncestor.toUtf8());
    return policy;
}

ServerReply ServerReply::page(const QString &html, int status, const QStringList &formTargets)
{
    ServerReply reply;
    reply.status = status;
    reply.body = html.toUtf8();
    reply.header("Content-Type", "text/html; charset=utf-8")
        .header("Content-Security-Policy", pagePolicy(formTargets, {}))
        .header("X-Frame-Options", "DENY")
        .noStore();
    return reply;
}

ServerReply ServerReply::redirect(const QString &location)
{
    ServerReply reply;
    reply.status = 302;
    reply.header("Location", QUrl(location).toEncoded()).noStore();
    return reply;
}

ServerReply ServerReply::asset(const QByteArray &content, const QByteArray &contentType)
{
    ServerReply reply;
    reply.body = content;
    reply.header("Content-Type", contentType).header("Cache-Control", "public, max-age=600");
    return reply;
}

ServerReply &ServerReply::header(const QByteArray &name, const QByteArray &value)
{
    for (auto &[existing, existingValue] : headers) {
        if (existing.compare(name, Qt::CaseInsensitive) == 0
            && name.compare("Set-Cookie", Qt::CaseInsensitive) != 0) {
            existingValue = value;
            return *this;
        }
    }
    headers.append({name, value});
    return *this;
}

ServerReply &ServerReply::noStore()
{
    return header("Cache-Control", "no-store").header("Pragma", "no-cache");
}

ServerReply &ServerReply::allowFramingBy(const QString &origin)
{
    headers.removeIf([](const auto &header) { return header.first == "X-Frame-Options"; });
    return header("Content-Security-Policy", pagePolicy({}, origin));
}

ServerReply &ServerReply::cookie(
    const QString &name, const QString &value, int maxAgeSecs, bool secure, const QString &path)
{
    QByteArray line = name.toLatin1() + '=' + value.toLatin1() + "; Path=" + path.toLatin1()
        + "; Max-Age=" + QByteArray::number(maxAgeSecs) + "; HttpOnly";
    // A secure (https) tenant can be framed across sites by the silent-authentication iframe: None needs
    // Secure. Over http (localhost) the app and the server are the same site, so Lax is enough.
    line += secure ? "; Secure; SameSite=None" : "; SameSite=Lax";
    return header("Set-Cookie", line);
}

void ServerReply::send(QHttpServerResponder &responder) const
{
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(status));
    for (const auto &[name, value] : headers)
        responder.writeHeader(name, value);
    responder.writeHeader("X-Content-Type-Options", "nosniff");
    responder.writeHeader("Referrer-Policy", "no-referrer");
    responder.writeHeader("Content-Length", QByteArray::number(body.size()));
    responder.writeBody(body);
}
