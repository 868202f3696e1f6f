#include "CustomActionJobResult.h"

#include <QPointer>
#include <QTest>

CustomActionJobResult waitForJob(CustomActionJob *job, int timeoutMs)
{
    CustomActionJobResult result;
    QPointer<CustomActionJob> alive(job);
    // The job deletes itself after finished(): copy what it reported while it is still alive.
    const QMetaObject::Connection copy
        = QObject::connect(job, &CustomActionJob::finished, job, [&result](CustomActionJob *done) {
              ++result.finishedCount;
              result.succeeded = done->succeeded();
              result.error = done->error();
              result.action = done->action();
              result.version = done->version();
              result.secretValues = done->secretValues();
              result.outcome = done->outcome();
          });
    const bool gone = QTest::qWaitFor([&alive] { return alive.isNull(); }, timeoutMs);
    // A job that times out here may still finish later: it must not write to the gone result.
    QObject::disconnect(copy);
    if (!gone || result.finishedCount != 1) {
        result.succeeded = false;
        result.error
            = Error(Error::Kind::Timeout, QStringLiteral("finished %1 times").arg(result.finishedCount));
    }
    return result;
}
