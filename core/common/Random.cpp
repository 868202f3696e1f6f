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
    // 64 symbols divide 256: the low six bits of a uniform byte are uniform, so one call draws them all.
    static_assert(sizeof(kUrlSafe) - 1 == 64);
    static const bool initialised = sodium_init() >= 0;
    Q_UNUSED(initialised);
    QByteArray bytes(length, Qt::Uninitialized);
    randombytes_buf(bytes.data(), size_t(bytes.size()));
    QString out(length, Qt::Uninitialized);
    for (int i = 0; i < length; ++i)
        out[i] = QLatin1Char(kUrlSafe[uchar(bytes.at(i)) & 63]);
    return out;
}

} // namespace Random
