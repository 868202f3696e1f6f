// Guardian's phone message templates (MessageTemplates, Liquid-style {{ variables }}) as the MFA page and the
// Management API's PUT /api/v2/guardian/factors/phone/templates receive them, and the SMS text they render
// to (SmsText: GSM-7 or UCS-2, segments, Plivo's limits). Input: the tenant's friendly name, a line "\n--\n",
// then the template.

#include "FuzzInput.h"
#include "core/mfa/MessageTemplates.h"
#include "core/plivo/SmsText.h"

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    FuzzInput::quiet();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const FuzzInput::Parts input = FuzzInput::parts(FuzzInput::text(data, size));
    const QString friendlyName = input.split ? input.first : QStringLiteral("Acme");
    const QString &text = input.second;
    (void)MessageTemplates::check(text, friendlyName);
    (void)MessageTemplates::analyse(text, friendlyName);
    const QString rendered = MessageTemplates::render(text, MessageTemplates::sampleValues(friendlyName));
    (void)SmsText::analyse(rendered);
    (void)SmsText::check(rendered);
    (void)SmsText::analyse(text);
    return 0;
}
