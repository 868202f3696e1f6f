#pragma once

#include <QByteArray>

#include <optional>

/**
 * @brief The encodings tokens are made of: unpadded base64url (RFC 4648 section 5, as JWS and PKCE use it)
 *        and SHA-256, drawn from Qt and OpenSSL.
 */
namespace TokenCodec {

/// @p data in base64url without trailing '=' padding.
QByteArray base64Url(const QByteArray &data);

/**
 * @brief The bytes @p text encodes, or nothing when it is not strict unpadded base64url: only
 *        [A-Za-z0-9_-], no '=' padding, no whitespace, and a length that whole bytes can have.
 */
std::optional<QByteArray> fromBase64Url(const QByteArray &text);

/// The 32-byte SHA-256 digest of @p data; empty only when OpenSSL could not allocate its context.
QByteArray sha256(const QByteArray &data);

} // namespace TokenCodec
