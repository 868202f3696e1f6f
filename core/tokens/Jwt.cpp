#include "Jwt.h"

#include "core/tokens/TokenCodec.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>

#include <utility>

namespace {

Error invalid(const QString &message)
{
    return Error(Error::Kind::Invalid, message);
}

QByteArray encodedJson(const QJsonObject &object)
{
    return TokenCodec::base64Url(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

/// The JSON object part @p encoded holds; @p name (header, payload) names the part in messages.
Result<QJsonObject> objectPart(const QByteArray &encoded, const QString &name)
{
    const auto json = TokenCodec::fromBase64Url(encoded);
    if (!json)
        return invalid(QStringLiteral("The token's %1 is not base64url.").arg(name));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(*json, &error);
    if (error.error != QJsonParseError::NoError)
        return invalid(QStringLiteral("The token's %1 is not JSON (%2).").arg(name, error.errorString()));
    if (!document.isObject())
        return invalid(QStringLiteral("The token's %1 is not a JSON object.").arg(name));
    return document.object();
}

} // namespace

namespace Jwt {

Result<QByteArray> sign(const QJsonObject &payload, const SigningKey &key)
{
    const QJsonObject header {
        {QStringLiteral("alg"), QStringLiteral("RS256")},
        {QStringLiteral("typ"), QStringLiteral("JWT")},
        {QStringLiteral("kid"), key.keyId()},
    };
    const QByteArray signingInput = encodedJson(header) + '.' + encodedJson(payload);
    const Result<QByteArray> signature = key.signRs256(signingInput);
    if (!signature)
        return signature.error();
    return QByteArray(signingInput + '.' + TokenCodec::base64Url(signature.value()));
}

Result<Decoded> decode(const QByteArray &token)
{
    if (token.size() > MaxTokenBytes)
        return invalid(QStringLiteral("The token is longer than %1 bytes.").arg(MaxTokenBytes));
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3)
        return invalid(
            QStringLiteral("A token has three parts separated by dots; this one has %1.").arg(parts.size()));
    const QString names[]
        = {QStringLiteral("header"), QStringLiteral("payload"), QStringLiteral("signature")};
    for (int i = 0; i < 3; ++i) {
        if (parts.at(i).isEmpty())
            return invalid(QStringLiteral("The token's %1 is empty.").arg(names[i]));
    }

    Result<QJsonObject> header = objectPart(parts.at(0), names[0]);
    if (!header)
        return header.error();
    Result<QJsonObject> payload = objectPart(parts.at(1), names[1]);
    if (!payload)
        return payload.error();
    auto signature = TokenCodec::fromBase64Url(parts.at(2));
    if (!signature)
        return invalid(QStringLiteral("The token's signature is not base64url."));
    return Decoded {header.takeValue(),
                    payload.takeValue(),
                    token.left(parts.at(0).size() + 1 + parts.at(1).size()),
                    std::move(*signature)};
}

Result<QJsonObject> verify(const QByteArray &token, const QList<SigningKey> &keys)
{
    Result<Decoded> decoded = decode(token);
    if (!decoded)
        return decoded.error();
    const QJsonObject &header = decoded.value().header;

    const QJsonValue alg = header.value(QLatin1String("alg"));
    if (!alg.isString())
        return invalid(QStringLiteral("The token's header names no algorithm (alg)."));
    if (alg.toString() != QLatin1String("RS256"))
        return invalid(
            QStringLiteral("The token is signed with %1; only RS256 is accepted.").arg(alg.toString()));
    if (header.contains(QLatin1String("crit")))
        return invalid(QStringLiteral("The token's header lists extensions that must be understood (crit); "
                                      "none are."));

    const QJsonValue kid = header.value(QLatin1String("kid"));
    if (!kid.isString())
        return invalid(QStringLiteral("The token's header names no key (kid)."));
    for (const SigningKey &key : keys) {
        if (key.keyId() != kid.toString())
            continue;
        if (!key.verifyRs256(decoded.value().signingInput, decoded.value().signature))
            return invalid(
                QStringLiteral("The token's signature does not match its key %1.").arg(key.keyId()));
        return std::move(decoded.value().payload);
    }
    return invalid(QStringLiteral("The token's key %1 is not one of the signing keys.").arg(kid.toString()));
}

} // namespace Jwt
