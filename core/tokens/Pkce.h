#pragma once

#include <QString>

/**
 * @brief Proof Key for Code Exchange (RFC 7636) with the S256 method: the check the token endpoint makes
 *        when a public client redeems its authorization code.
 */
namespace Pkce {

/// Whether @p verifier is an RFC 7636 code verifier: 43 to 128 characters of [A-Za-z0-9-._~].
bool isValidVerifier(const QString &verifier);

/// base64url(SHA-256(@p verifier as UTF-8, ASCII for a valid one)) without padding; no syntax check here.
QString challengeS256(const QString &verifier);

/**
 * @brief Whether @p verifier is a valid code verifier whose S256 challenge is @p challenge; the challenges
 *        are compared in constant time.
 */
bool matchesS256(const QString &verifier, const QString &challenge);

} // namespace Pkce
