#pragma once

#include "core/runtime/ScriptJob.h"
#include "core/runtime/ScriptOutcome.h"

#include <QByteArray>

/**
 * @brief "Status: error" of @p outcome, for QVERIFY2 descriptions (the temporary lives through the macro;
 *        a char * from QTest::toString() leaked whenever the check passed).
 */
QByteArray describe(const ScriptOutcome &outcome);

/**
 * @brief Runs the event loop until @p job finishes, and returns its outcome.
 *
 * A job that does not finish exactly once within @p timeoutMs comes back as a BadReply failure that says
 * so. The job may delete itself afterwards. Call it right after receiving the job: a job only finishes on a
 * later turn of the event loop.
 */
ScriptOutcome outcomeOf(ScriptJob *job, int timeoutMs = 30 * 1000);
