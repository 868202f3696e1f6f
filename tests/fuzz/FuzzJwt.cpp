// JSON Web Tokens presented to the login server (access tokens as "Bearer", ID tokens, tokens of the
// Management API), as TokenIssuer::verify() reads them: Jwt::decode() and Jwt::verify() against the tenant's
// RS256 keys. Input: a first byte choosing the mode, then
//   'S': the header's JSON text, a newline, the payload's JSON text: each is base64url-encoded and the token
//        signed here with the tenant key, so that header and payload are read past the signature check
//        (@KID@ in the header is replaced by the key's id);
//   anything else: the whole token as sent.

#include "FuzzInput.h"
#include "core/tokens/Jwt.h"
#include "core/tokens/TokenCodec.h"

#include <cstdio>
#include <cstdlib>

namespace {

const SigningKey *key = nullptr;

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    FuzzInput::quiet();
    auto generated = SigningKey::generate();
    if (!generated) {
        fprintf(stderr, "FuzzJwt: no signing key: %s\n", qPrintable(generated.error().message()));
        abort();
    }
    key = new SigningKey(generated.takeValue());
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    QByteArray token = FuzzInput::bytes(data + 1, size - 1);
    if (data[0] == 'S') {
        const qsizetype newline = token.indexOf('\n');
        QByteArray header = token.left(newline < 0 ? token.size() : newline);
        header.replace("@KID@", key->keyId().toLatin1());
        const QByteArray payload = newline < 0 ? QByteArray() : token.mid(newline + 1);
        token = TokenCodec::base64Url(header) + '.' + TokenCodec::base64Url(payload);
        const auto signature = key->signRs256(token);
        if (!signature)
            abort();
        token += '.' + TokenCodec::base64Url(signature.value());
    }
    (void)Jwt::decode(token);
    const auto verified = Jwt::verify(token, {*key});
    if (data[0] == 'S' && verified) {
        // What verify() accepted must decode to the same payload.
        const auto decoded = Jwt::decode(token);
        if (!decoded || decoded.value().payload != verified.value())
            abort();
    }
    return 0;
}
