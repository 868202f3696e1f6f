#pragma once

#include "core/secrets/SecretJob.h"

#include <QByteArray>
#include <QString>

/**
 * @brief What a SecretJob reported when it finished, kept after the job has deleted itself.
 */
struct SecretJobResult
{
    bool finished = false; ///< false when the job did not finish in time
    SecretJob::Status status = SecretJob::Status::Pending;
    QString errorString;
    QByteArray value;

    bool succeeded() const { return finished && status == SecretJob::Status::Done; }
};

/**
 * @brief Runs the event loop until @p job finishes or @p timeoutMs pass, and returns its outcome.
 *
 * Call it right after receiving the job: a job only starts on the next turn of the event loop.
 */
SecretJobResult waitForJob(SecretJob *job, int timeoutMs = 5000);
