#include "ScriptJob.h"

#include "core/runtime/ActionRuntime.h"

ScriptJob::ScriptJob(Kind kind, int id, ActionRuntime *runtime)
    : QObject(runtime)
    , m_kind(kind)
    , m_id(id)
    , m_runtime(runtime)
{ }

ScriptJob::~ScriptJob()
{
    if (!m_hasOutcome && m_runtime)
        m_runtime->withdraw(this);
}

void ScriptJob::cancel()
{
    if (m_hasOutcome)
        return;
    if (m_runtime)
        m_runtime->cancelJob(this);
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
