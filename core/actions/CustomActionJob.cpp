#include "CustomActionJob.h"

CustomActionJob::CustomActionJob(Operation operation, QObject *parent)
    : QObject(parent)
    , m_operation(operation)
{ }

void CustomActionJob::succeed(const CustomAction &action)
{
    if (m_settled)
        return;
    m_settled = true;
    m_action = action;
    // Queued even when the outcome is known at once: callers connect after receiving the job.
    QMetaObject::invokeMethod(this, &CustomActionJob::finish, Qt::QueuedConnection);
}

void CustomActionJob::fail(const Error &error)
{
    if (m_settled)
        return;
    m_settled = true;
    m_error = error;
    m_secretValues.clear();
    QMetaObject::invokeMethod(this, &CustomActionJob::finish, Qt::QueuedConnection);
}

void CustomActionJob::finish()
{
    m_finished = true;
    Q_EMIT finished(this);
    deleteLater();
}
