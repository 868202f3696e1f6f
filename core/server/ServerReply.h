#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

class QHttpServerResponder;

/**
 * @brief One answer of the login server: status, headers and body, with its security headers.
 *
 * Every reply carries `X-Content-Type-Options: nosniff` and `Referrer-Policy: no-referrer`; pages also
 * carry a strict Content-Security-Policy and refuse to be framed (`frame-ancestors 'none'`,
 * `X-Frame-Options: DENY`) unless allowFramingBy() names the one origin that may frame them.
 */
class ServerReply
{
public:
    int status = 200;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    /// A JSON body; token and user-info replies are not to be cached (noStore()).
    static ServerReply json(const QJsonObject &object, int status = 200);
    /// Auth0's error body: {"error", "error_description"}.
    static ServerReply error(int status, const QString &error, const QString &description);
    /// An HTML page; @p formTargets are the origins its forms may post to, besides the server itself.
    static ServerReply page(const QString &html, int status = 200, const QStringList &formTargets = {});
    /// 302 to @p location.
    static ServerReply redirect(const QString &location);
    /// A static asset from the resources.
    static ServerReply asset(const QByteArray &content, const QByteArray &contentType);

    ServerReply &header(const QByteArray &name, const QByteArray &value);
    ServerReply &noStore();
    /// Lets @p origin (and only it) frame this page: for the web_message response of an allowed origin.
    ServerReply &allowFramingBy(const QString &origin);
    /// Sets a cookie; @p maxAgeSecs 0 deletes it.
    ServerReply &cookie(const QString &name,
                        const QString &value,
                        int maxAgeSecs,
                        bool secure,
                        const QString &path = QStringLiteral("/"));

    /// The Content-Security-Policy of pages.
    static QByteArray pagePolicy(const QStringList &formTargets, const QString &frameAncestor);

    void send(QHttpServerResponder &responder) const;
};
