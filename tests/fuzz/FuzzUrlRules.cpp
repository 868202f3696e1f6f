// An application's allowed callback URLs, logout URLs and web origins (UrlRules), as an admin types them and
// as the Management API receives them: split(), checkAll() for each kind, then the login server's matching
// of a requested URL against the entries (allows(), originOf()). Input: the entries, a line "\n--\n", then
// the URL a client asks for.

#include "FuzzInput.h"
#include "core/applications/UrlRules.h"

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    FuzzInput::quiet();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const FuzzInput::Parts input = FuzzInput::parts(FuzzInput::text(data, size));
    const QString &entries = input.first;
    const QString &requested = input.second;
    const QStringList urls = UrlRules::split(entries);
    for (UrlRules::Kind kind :
         {UrlRules::Kind::Callback, UrlRules::Kind::Logout, UrlRules::Kind::WebOrigin}) {
        (void)UrlRules::checkAll(urls, kind, false);
        (void)UrlRules::checkAll(urls, kind, true);
    }
    (void)UrlRules::allows(urls, requested);
    (void)UrlRules::originOf(requested);
    return 0;
}
