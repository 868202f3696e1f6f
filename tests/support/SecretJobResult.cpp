#include "SecretJobResult.h"

#include <QSignalSpy>

SecretJobResult waitForJob(SecretJob *job, int timeoutMs)
{
    SecretJobResult result;
    // The job deletes itself after finished(): copy what it reported while it is still alive.
    const QMetaObject::Connection copy
        = QObject::connect(job, &SecretJob::finished, job, [&result](SecretJob *done) {
              result.finished = true;
              result.status = done->status();
              result.errorString = done->errorString();
              result.value = done->value();
          });
    QSignalSpy spy(job, &SecretJob::finished);
    spy.wait(timeoutMs);
    // A job that times out here may still finish later: it must not write to the gone result.
    QObject::disconnect(copy);
    return result;
}
