#include "DependencyInstallJobResult.h"

#include "tests/support/SelfDeletingJob.h"

DependencyInstallJobResult waitForJob(DependencyInstallJob *job, int timeoutMs)
{
    DependencyInstallJobResult result;
    result.finishedCount = waitForSelfDeletingJob(job, timeoutMs, [&result](DependencyInstallJob *done) {
        result.succeeded = done->succeeded();
        result.error = done->error();
        result.modulesDir = done->modulesDir();
        result.fromCache = done->fromCache();
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
