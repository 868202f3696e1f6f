#include "ScriptOutcomeText.h"

#include <QSignalSpy>
#include <QTest>

QByteArray describe(const ScriptOutcome &outcome)
{
    return (ScriptOutcome::statusName(outcome.status) + QStringLiteral(": ") + outcome.error).toUtf8();
}

ScriptOutcome outcomeOf(ScriptJob *job, int timeoutMs)
{
    QSignalSpy spy(job, &ScriptJob::finished);
    if (!spy.wait(timeoutMs) || spy.count() != 1)
        return ScriptOutcome::failure(ScriptOutcome::Status::BadReply,
                                      QStringLiteral("the job did not finish once in time"));
    return spy.first().first().value<ScriptOutcome>();
}
