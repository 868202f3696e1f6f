// Plivo's REST API replies: PlivoResult::fromHttp() for each request kind, then what the client reads of a
// 2xx body (PlivoAccount, PlivoNumber list, PlivoMessage and its error code's meaning), as PlivoClient,
// AccountCheck and DeliveryTracker do. Input: one byte choosing the HTTP status, then the body.

#include "FuzzInput.h"
#include "core/plivo/PlivoResult.h"
#include "core/plivo/PlivoTypes.h"

#include <array>

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    FuzzInput::quiet();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static constexpr std::array<int, 16> statuses {
        200, 202, 204, 301, 400, 401, 403, 404, 405, 429, 500, 502, 503, 0, 100, 999};
    if (size == 0)
        return 0;
    const int status = statuses[data[0] % statuses.size()];
    const QByteArray body = FuzzInput::bytes(data + 1, size - 1);
    using Operation = PlivoResult::Operation;
    for (Operation operation :
         {Operation::SendSms, Operation::GetMessage, Operation::GetAccount, Operation::ListNumbers}) {
        const PlivoResult result = PlivoResult::fromHttp(operation, status, body);
        (void)result.message();
        (void)result.outcomeUnknown();
        (void)PlivoResult::statusName(result.status());
        if (!result.succeeded())
            continue;
        if (const auto account = PlivoAccount::fromJson(result.body()))
            (void)isValidPlivoAuthId(account->authId);
        for (const PlivoNumber &number : PlivoNumber::listFromJson(result.body()))
            (void)number.e164();
        if (const auto message = PlivoMessage::fromJson(result.body())) {
            (void)message->isFinal();
            (void)message->errorMeaning();
        }
    }
    return 0;
}
