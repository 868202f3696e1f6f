#pragma once

#include "core/common/Result.h"
#include "core/tokens/SigningKey.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

/**
 * @brief JSON Web Tokens in the JWS compact form (RFC 7519, RFC 7515) signed with RS256 only.
 *
 * The claims are the caller's: nothing here reads exp, nbf, iat, iss or aud; callers check them after
 * verify(). Every function takes any bytes and answers with a value or a clear Invalid error, never a crash.
 */
namespace Jwt {

/// Longest token decode() and verify() read, in bytes; longer ones are refused unread.
constexpr int MaxTokenBytes = 16 * 1024;

/// A token taken apart, its signature not checked.
struct Decoded
{
    QJsonObject header;
    QJsonObject payload;
    QByteArray signingInput; ///< the header and payload parts as they were sent, joined by '.'
    QByteArray signature; ///< the decoded signature bytes
};

/**
 * @brief A token carrying @p payload, signed by @p key with RS256; its header is
 *        {"alg":"RS256","kid":key.keyId(),"typ":"JWT"}. Fails when @p key cannot sign.
 */
Result<QByteArray> sign(const QJsonObject &payload, const SigningKey &key);

/**
 * @brief @p token taken apart without checking its signature: exactly three non-empty base64url parts,
 *        header and payload JSON objects, at most MaxTokenBytes bytes.
 */
Result<Decoded> decode(const QByteArray &token);

/**
 * @brief The payload of @p token once it has been decoded and its signature checked: the header's alg must
 *        be RS256 (anything else, "none" and HS256 included, is refused), its kid must be the keyId() of
 *        one of @p keys, and that key must verify the signature. No "crit" header extension is understood.
 */
Result<QJsonObject> verify(const QByteArray &token, const QList<SigningKey> &keys);

} // namespace Jwt
