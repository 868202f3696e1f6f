#include "CustomActionJobResult.h"

#include "tests/support/SelfDeletingJob.h"

CustomActionJobResult waitForJob(CustomActionJob *job, int timeoutMs)
{
    CustomActionJobResult result;
    result.finishedCount = waitForSelfDeletingJob(job, timeoutMs, [&result](CustomActionJob *done) {
        result.succeeded = done->succeeded();
        result.error = done->error();
        result.action = done->action();
        result.version = done->version();
        result.secretValues = done->secretValues();
        result.outcome = done->outcome();
    });
    if (result.finishedCount != 1) {
        result.succeeded = false;
        result.error = Error(Error::Kind::Timeout,
                             result.finishedCount < 0
                                 ? QStringLiteral("the job did not finish in time")
                                 : QStringLiteral("the job finished %1 times").arg(result.finishedCount));
    }
    return result;
}
