#include "ScriptJob.h"

ScriptJob::ScriptJob(Kind kind, int id, QObject *runtime)
    : QObject(runtime)
    , m_kind(kind)
    , m_id(id)
    , m_runtime(runtime)
{ }

ScriptJob::~ScriptJob()
{
    if (!m_hasOutcome && m_runtime)
        Q_EMIT abandoned(this);
}

void ScriptJob::cancel()
{
    if (m_hasOutcome)
        return;
    if (m_runtime)
        Q_EMIT cancelRequested(this);
    else
        finish(ScriptOutcome::failure(ScriptOutcome::Status::Cancelled, tr("Cancelled")));
}

void ScriptJob::finish(const ScriptOutcome &outcome)
{
    if (m_hasOutcome)
        return;
    m_hasOutcome = true;
    m_outcome = outcome;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_finished = true;
            Q_EMIT finished(m_outcome);
            if (m_runtime && parent() == m_runtime)
                deleteLater();
        },
        Qt::QueuedConnection);
}
