// Phone numbers as people type them (PhoneNumber over libphonenumber): toE164() with a default region, then
// what the app does with an accepted number (isPossible, regionOf, masked) and with the raw text when it
// arrives as an E.164 claim (the Management API's phone_number, a flow's recipient). Input: two bytes of a
// region code, then the text.

#include "FuzzInput.h"
#include "core/phone/PhoneNumber.h"

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    FuzzInput::quiet();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const QString region = QString::fromLatin1(reinterpret_cast<const char *>(data), 2);
    const QString typed = FuzzInput::text(data + 2, size - 2);
    const auto e164 = PhoneNumber::toE164(typed, region);
    if (e164) {
        (void)PhoneNumber::isPossible(e164.value());
        (void)PhoneNumber::regionOf(e164.value());
        (void)PhoneNumber::masked(e164.value());
    }
    (void)PhoneNumber::isPossible(typed);
    (void)PhoneNumber::regionOf(typed);
    (void)PhoneNumber::masked(typed);
    (void)PhoneNumber::callingCodeOf(region);
    return 0;
}
