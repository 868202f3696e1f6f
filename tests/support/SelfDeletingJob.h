#pragma once

#include <QObject>
#include <QPointer>
#include <QTest>

/**
 * @brief Runs the event loop until @p job, which deletes itself after its finished(Job *) signal, is gone
 *        or @p timeoutMs pass.
 *
 * @p copy is called from inside finished() with the job, to keep what it reported; it is disconnected
 * before returning, so a job that finishes late never writes to a result that is gone.
 * @return how often finished() came (1 when all went well), or -1 when the job was not gone in time
 */
template<typename Job, typename Copy>
int waitForSelfDeletingJob(Job *job, int timeoutMs, Copy copy)
{
    int finishedCount = 0;
    QPointer<Job> alive(job);
    const QMetaObject::Connection connection
        = QObject::connect(job, &Job::finished, job, [&finishedCount, &copy](Job *done) {
              ++finishedCount;
              copy(done);
          });
    const bool gone = QTest::qWaitFor([&alive] { return alive.isNull(); }, timeoutMs);
    QObject::disconnect(connection);
    return gone ? finishedCount : -1;
}
