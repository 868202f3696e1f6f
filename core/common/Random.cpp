#include "Random.h"

#include <sodium.h>

namespace {

QString draw(int length, const char *alphabet, quint32 alphabetSize)
{
    static const bool initialised = sodium_init() >= 0;
    Q_ASSERT(initialised);
    Q_UNUSED(initialised);

    QString out;
    out.reserve(length);
    for (int i = 0; i < length; ++i)
        out.append(QLatin1Char(alphabet[randombytes_uniform(alphabetSize)]));
    return out;
}

constexpr char kAlphanumeric[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
constexpr char kUrlSafe[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

} // namespace

namespace Random {

QString alphanumeric(int length)
{
    return draw(length, kAlphanumeric, sizeof(kAlphanumeric) - 1);
}

QString urlSafe(int length)
{
    return draw(length, kUrlSafe, sizeof(kUrlSafe) - 1);
}

} // namespace Random
