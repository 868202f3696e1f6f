#pragma once

#include <QString>

/**
 * @brief Hashes and checks passwords with Argon2id (libsodium's crypto_pwhash_str).
 *
 * The stored string carries the algorithm, its limits and the salt, so hashes made with other limits
 * still verify. Production uses libsodium's INTERACTIVE limits; tests may use minimal() to stay fast.
 */
class PasswordHasher
{
public:
    /// The shortest password accepted.
    static constexpr int kMinLength = 8;

    /// Argon2id with crypto_pwhash_OPSLIMIT_INTERACTIVE / MEMLIMIT_INTERACTIVE.
    static PasswordHasher interactive();
    /// Argon2id with the smallest limits libsodium allows; for tests only.
    static PasswordHasher minimal();

    /// The encoded hash of @p password, or an empty string when libsodium ran out of memory.
    QString hash(const QString &password) const;
    /// Whether @p password matches @p encoded (a hash()); false for an empty or malformed hash.
    static bool verify(const QString &encoded, const QString &password);

private:
    PasswordHasher(unsigned long long opsLimit, size_t memLimit);

    unsigned long long m_opsLimit;
    size_t m_memLimit;
};
