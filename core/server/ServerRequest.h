#pragma once

#include "core/common/Result.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

class QHttpServerRequest;

/**
 * @brief What the login server needs of one HTTP request, read once: method, path, parameters, headers
 *        and cookies.
 *
 * Query strings and form bodies are decoded as browsers encode them (application/x-www-form-urlencoded:
 * "+" is a space); a JSON body's top-level strings and numbers become parameters too. A parameter given
 * twice keeps its first value, and parse() reports the second as an error, as Auth0 refuses it.
 */
class ServerRequest
{
public:
    /// Bodies larger than this are refused with 413 before they are parsed.
    static constexpr qsizetype MaxBodyBytes = 64 * 1024;

    /// Reads @p request; an Invalid error (the message is the error_description) for a body that is too
    /// large, malformed JSON, a JSON body that is neither an object nor an array, or a repeated parameter.
    static Result<ServerRequest> parse(const QHttpServerRequest &request);

    QByteArray method() const { return m_method; }
    QString path() const { return m_path; }
    /// A query or body parameter; empty when absent.
    QString param(const QString &name) const { return m_params.value(name); }
    bool hasParam(const QString &name) const { return m_params.contains(name); }
    /// A header, by case-insensitive name; empty when absent.
    QByteArray header(const QByteArray &name) const { return m_headers.value(name.toLower()); }
    QString cookie(const QString &name) const { return m_cookies.value(name); }
    /// The Origin header of a cross-origin request; empty when absent.
    QString origin() const { return QString::fromLatin1(header("origin")); }
    /// The JSON body when it was an object; empty otherwise.
    const QJsonObject &jsonBody() const { return m_json; }
    /// The JSON body when it was an array (PUT /api/v2/guardian/policies takes a bare one); nothing
    /// otherwise. An array body gives no parameters.
    const std::optional<QJsonArray> &jsonArrayBody() const { return m_jsonArray; }
    QString ip() const { return m_ip; }
    QString userAgent() const { return QString::fromUtf8(header("user-agent")).left(512); }
    /// The Bearer token of the Authorization header; empty when there is none.
    QString bearerToken() const;
    /// The user and password of HTTP Basic authentication (client_secret_basic); empty when absent.
    std::pair<QString, QString> basicCredentials() const;

    /// Parses "a=1&b=x+y" (query strings and form bodies) into @p into; false when a name repeats.
    static bool parseForm(const QByteArray &encoded, QHash<QString, QString> &into);

private:
    ServerRequest() = default;

    QByteArray m_method;
    QString m_path;
    QString m_ip;
    QHash<QString, QString> m_params;
    QHash<QByteArray, QByteArray> m_headers;
    QHash<QString, QString> m_cookies;
    QJsonObject m_json;
    std::optional<QJsonArray> m_jsonArray;
};
