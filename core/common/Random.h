#pragma once

#include <QByteArray>
#include <QString>

/**
 * @brief Cryptographically secure random values, drawn from libsodium.
 */
namespace Random {

/// A string of @p length characters from [A-Za-z0-9], uniformly distributed.
QString alphanumeric(int length);

/// A string of @p length characters from the URL-safe base64 alphabet [A-Za-z0-9_-], uniformly distributed.
QString urlSafe(int length);

} // namespace Random
