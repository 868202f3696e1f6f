#pragma once

#include "core/actions/CustomActionJob.h"
#include "core/common/Result.h"
#include "core/model/CustomAction.h"
#include "core/runtime/ScriptOutcome.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <optional>

/**
 * @brief What a CustomActionJob reported when it finished, kept after the job has deleted itself.
 */
struct CustomActionJobResult
{
    int finishedCount = 0; ///< how often finished() was emitted (1 when all went well); -1: not in time
    bool succeeded = false;
    std::optional<Error> error; ///< a Timeout when the job did not finish exactly once in time
    CustomAction action;
    CustomActionVersion version;
    QHash<QString, QByteArray> secretValues;
    ScriptOutcome outcome;

    /// The kind of error(); Invalid when there is none, so compare it only for a failed job.
    Error::Kind kind() const { return error ? error->kind() : Error::Kind::Invalid; }
    /// The message of error(), or an empty string (safe for QVERIFY2 descriptions).
    QString message() const { return error ? error->message() : QString(); }
};

/**
 * @brief Runs the event loop until @p job has finished and deleted itself, or @p timeoutMs pass, and returns
 *        what it reported.
 *
 * A job that does not finish exactly once in time comes back failed with a Timeout error. Call it right after
 * receiving the job: a job only finishes on a later turn of the event loop.
 */
CustomActionJobResult waitForJob(CustomActionJob *job, int timeoutMs = 60 * 1000);
