#include "TokenCodec.h"

#include <openssl/evp.h>

#include <utility>

namespace {

bool isBase64UrlCharacter(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

constexpr auto kBase64UrlOptions = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

} // namespace

namespace TokenCodec {

QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(kBase64UrlOptions);
}

std::optional<QByteArray> fromBase64Url(const QByteArray &text)
{
    // Four characters carry three bytes; a lone character left over carries no whole byte.
    if (text.size() % 4 == 1)
        return std::nullopt;
    for (const char c : text) {
        if (!isBase64UrlCharacter(c))
            return std::nullopt;
    }
    auto decoded
        = QByteArray::fromBase64Encoding(text, kBase64UrlOptions | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return std::move(*decoded);
}

QByteArray sha256(const QByteArray &data)
{
    QByteArray digest(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    unsigned int size = 0;
    if (EVP_Digest(data.constData(),
                   static_cast<size_t>(data.size()),
                   reinterpret_cast<unsigned char *>(digest.data()),
                   &size,
                   EVP_sha256(),
                   nullptr)
        != 1)
        return {};
    digest.resize(static_cast<qsizetype>(size));
    return digest;
}

} // namespace TokenCodec
