#pragma once

#include "core/actions/DependencyInstallJob.h"
#include "core/common/Result.h"

#include <QString>

#include <optional>

/**
 * @brief What a DependencyInstallJob reported when it finished, kept after the job has deleted itself.
 */
struct DependencyInstallJobResult
{
    int finishedCount = 0; ///< how often finished() was emitted (1 when all went well); -1: not in time
    bool succeeded = false;
    std::optional<Error> error; ///< a Timeout when the job did not finish exactly once in time
    QString modulesDir;
    bool fromCache = false;

    /// The kind of error(); Invalid when there is none, so compare it only for a failed job.
    Error::Kind kind() const { return error ? error->kind() : Error::Kind::Invalid; }
    /// The message of error(), or an empty string (safe for QVERIFY2 descriptions).
    QString message() const { return error ? error->message() : QString(); }
};

/**
 * @brief Runs the event loop until @p job has finished and deleted itself, or @p timeoutMs pass, and returns
 *        what it reported.
 *
 * A job that does not finish exactly once in time comes back failed with a Timeout error. npm may take a
 * while, hence the long default.
 */
DependencyInstallJobResult waitForJob(DependencyInstallJob *job, int timeoutMs = 90 * 1000);
